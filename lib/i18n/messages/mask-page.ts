/** Strings field masking shows on the CRM page (the mask, the status line, the reason dialog’s frame, the copy guard): the only strings of the always-loaded content script. */
export const en = {
  maskMasked: '{label}: value masked',
  maskReveal: 'Show',
  maskRevealLabel: 'Show {label} (a reason is required and logged)',
  maskRevealedFor: '{label} is shown for {seconds} seconds.',
  maskHidden: '{label} is masked again.',
  maskCopyBlocked: 'Copy blocked: the selection holds a masked value.',
  maskCopyLogged: 'Copied. The copy is recorded in the access log.',
  maskDialogTitle: 'Show {label}',
  maskDialogClose: 'Close',
} as const;

export const fr: Record<keyof typeof en, string> = {
  maskMasked: '{label} : valeur masquée',
  maskReveal: 'Afficher',
  maskRevealLabel: 'Afficher {label} (un motif est demandé et journalisé)',
  maskRevealedFor: '{label} est affiché pendant {seconds} secondes.',
  maskHidden: '{label} est de nouveau masqué.',
  maskCopyBlocked: 'Copie bloquée : la sélection contient une valeur masquée.',
  maskCopyLogged: 'Copié. La copie est enregistrée dans le journal des accès.',
  maskDialogTitle: 'Afficher {label}',
  maskDialogClose: 'Fermer',
};
