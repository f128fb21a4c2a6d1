/** Strings of the dashboard’s page warnings and custom domains (issue 3). */
export const en = {
  pagesWarningsTitle: 'Page warnings',
  pagesWarningsIntro: 'Pages where a feature stood down instead of decorating: a policy selector matched nothing or far too much, or the page kept removing what the extension added. Fix the selector in the policy, then reload the page.',
  pagesWarningsEmpty: 'No page warning.',
  pagesWarningsHost: 'Site',
  pagesWarningsFeature: 'Feature',
  pagesWarningsProblem: 'Problem',
  pagesWarningsWhen: 'When',
  pagesWarnSelectorNone: 'A selector matches nothing or is not valid',
  pagesWarnSelectorTooMany: 'A selector matches too many elements',
  pagesWarnHostsRemoved: 'The page removed or restyled the extension’s marks',
  pagesCustomDomains: 'Custom domains',
  pagesCustomDomainsIntro: 'Hosts the policy adds (a company domain, a self-hosted CRM). The extension works there once you grant access.',
  pagesGrant: 'Grant access to {host}',
  pagesGranted: 'Access granted',
} as const;

export const fr: Record<keyof typeof en, string> = {
  pagesWarningsTitle: 'Alertes des pages',
  pagesWarningsIntro: 'Pages où une fonction s’est retirée au lieu de décorer : un sélecteur de la politique ne trouvait rien ou beaucoup trop, ou la page retirait sans cesse ce que l’extension ajoutait. Corrigez le sélecteur dans la politique, puis rechargez la page.',
  pagesWarningsEmpty: 'Aucune alerte.',
  pagesWarningsHost: 'Site',
  pagesWarningsFeature: 'Fonction',
  pagesWarningsProblem: 'Problème',
  pagesWarningsWhen: 'Date',
  pagesWarnSelectorNone: 'Un sélecteur ne trouve rien ou n’est pas valide',
  pagesWarnSelectorTooMany: 'Un sélecteur trouve trop d’éléments',
  pagesWarnHostsRemoved: 'La page a retiré ou restylé les marques de l’extension',
  pagesCustomDomains: 'Domaines personnalisés',
  pagesCustomDomainsIntro: 'Hôtes ajoutés par la politique (domaine de l’entreprise, CRM hébergé en interne). L’extension y fonctionne une fois l’accès accordé.',
  pagesGrant: 'Autoriser l’accès à {host}',
  pagesGranted: 'Accès accordé',
};
