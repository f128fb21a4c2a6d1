/**
 * English and French strings for every surface. Plain data so that the content script pays for
 * no i18n library; the language follows the browser's (fr* → French, anything else → English).
 */
export type Lang = 'en' | 'fr';

export function pickLang(locale: string | undefined | null): Lang {
  return typeof locale === 'string' && locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

const en = {
  appName: 'CRM Privacy Guard',
  badgeMissing: 'No lawful basis logged',
  badgeBasis: 'Lawful basis: {basis}',
  badgeConsentGiven: 'Consent given',
  badgeConsentWithdrawn: 'Consent withdrawn',
  badgeRestricted: 'Processing restricted',
  badgeOpenPanel: 'Open the privacy panel for this record',
  panelClose: 'Close the privacy panel',
  panelTitle: 'Privacy panel',
  iconMissing: 'CRM Privacy Guard: no lawful basis logged for this record',
  iconLogged: 'CRM Privacy Guard: lawful basis logged',
  popupNoRecord: 'This tab does not show a CRM record that CRM Privacy Guard recognises.',
  popupNoRecordHint: 'Open a contact, lead or company page in Salesforce or HubSpot, then open this panel again.',
  popupLoading: 'Loading…',
  popupRecord: 'Record',
  popupCrm: 'CRM',
  popupObject: 'Object',
  popupId: 'Record id',
  popupCurrent: 'Current lawful basis',
  popupNone: 'None logged yet',
  popupLogBasis: 'Log the lawful basis',
  popupBasis: 'Lawful basis (GDPR Art. 6(1))',
  popupChooseBasis: 'Choose a lawful basis',
  popupPurpose: 'Purpose',
  popupChoosePurpose: 'Choose a purpose',
  popupNote: 'Note (optional)',
  popupNoteHint: 'For example the reference of the contract or of the legitimate-interest assessment. No personal data beyond what is needed.',
  popupSave: 'Save',
  popupSaving: 'Saving…',
  popupSaved: 'Saved. The badge is updated in every open tab of this record.',
  popupErrorBasis: 'Choose a lawful basis.',
  popupErrorPurpose: 'Choose a purpose.',
  popupErrorNote: 'The note is too long (at most {max} characters).',
  popupHistory: 'History',
  popupPolicy: 'Policy {version}',
  popupLoggedBy: '{basis} for “{purpose}”, {when}',
  errorGeneric: 'Something went wrong: {message}',
  errorNoTab: 'No tab to act on. Open this panel from a CRM tab.',
} as const;

export type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = {
  appName: 'CRM Privacy Guard',
  badgeMissing: 'Aucune base légale enregistrée',
  badgeBasis: 'Base légale : {basis}',
  badgeConsentGiven: 'Consentement donné',
  badgeConsentWithdrawn: 'Consentement retiré',
  badgeRestricted: 'Traitement limité',
  badgeOpenPanel: 'Ouvrir le panneau de confidentialité de cette fiche',
  panelClose: 'Fermer le panneau de confidentialité',
  panelTitle: 'Panneau de confidentialité',
  iconMissing: 'CRM Privacy Guard : aucune base légale enregistrée pour cette fiche',
  iconLogged: 'CRM Privacy Guard : base légale enregistrée',
  popupNoRecord: "Cet onglet n'affiche pas de fiche CRM reconnue par CRM Privacy Guard.",
  popupNoRecordHint: "Ouvrez la fiche d'un contact, d'un prospect ou d'une entreprise dans Salesforce ou HubSpot, puis rouvrez ce panneau.",
  popupLoading: 'Chargement…',
  popupRecord: 'Fiche',
  popupCrm: 'CRM',
  popupObject: 'Objet',
  popupId: 'Identifiant',
  popupCurrent: 'Base légale actuelle',
  popupNone: 'Aucune pour le moment',
  popupLogBasis: 'Enregistrer la base légale',
  popupBasis: 'Base légale (RGPD art. 6, § 1)',
  popupChooseBasis: 'Choisissez une base légale',
  popupPurpose: 'Finalité',
  popupChoosePurpose: 'Choisissez une finalité',
  popupNote: 'Note (facultative)',
  popupNoteHint: "Par exemple la référence du contrat ou de l'analyse d'intérêt légitime. Pas de données personnelles au-delà du nécessaire.",
  popupSave: 'Enregistrer',
  popupSaving: 'Enregistrement…',
  popupSaved: 'Enregistré. Le badge est mis à jour dans chaque onglet ouvert sur cette fiche.',
  popupErrorBasis: 'Choisissez une base légale.',
  popupErrorPurpose: 'Choisissez une finalité.',
  popupErrorNote: 'La note est trop longue ({max} caractères au plus).',
  popupHistory: 'Historique',
  popupPolicy: 'Politique {version}',
  popupLoggedBy: '{basis} pour « {purpose} », {when}',
  errorGeneric: 'Une erreur est survenue : {message}',
  errorNoTab: "Aucun onglet à traiter. Ouvrez ce panneau depuis un onglet du CRM.",
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, fr };

/** Translate; `{name}` placeholders are replaced by `vars` (as text: callers set textContent). */
export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = dictionaries[lang][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
  );
}

export function formatDateTime(lang: Lang, at: number): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(at));
}
