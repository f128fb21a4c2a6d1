/**
 * The policy in force until an organisation imports its own: useful on day one for a French or
 * EU business, built on the CNIL's guidance for commercial management (référentiel « gestion
 * commerciale », 2021) and the GDPR. Validated by tests/unit/policy/default.test.ts.
 */
import { SPECIAL_CATEGORY_IDS } from '@/lib/law/categories';
import type { Policy } from './schema';

/** Freezes nested objects too: the default is shared by every caller in the worker. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export const DEFAULT_POLICY: Policy = deepFreeze<Policy>({
  format: 'crm-privacy-guard/policy',
  schemaVersion: 1,
  policyVersion: '2026.1.0',
  name: 'CRM Privacy Guard default policy (CNIL / GDPR)',
  effectiveDate: '2026-01-01',
  purposes: [
    {
      id: 'prospecting',
      label: { en: 'Prospecting', fr: 'Prospection commerciale' },
      description: {
        en: 'Finding and contacting potential customers. B2C email and SMS prospecting needs prior consent (French CPCE Art. L34-5); B2B prospecting on a related offer may rely on legitimate interests.',
        fr: 'Rechercher et contacter des clients potentiels. La prospection par courriel ou SMS auprès de particuliers exige un consentement préalable (CPCE art. L34-5) ; en B2B, pour une offre en rapport avec la fonction, l’intérêt légitime peut suffire.',
      },
      defaultBasis: 'f',
    },
    {
      id: 'customer-relationship',
      label: { en: 'Customer relationship management', fr: 'Gestion de la relation client' },
      description: {
        en: 'Following up customers beyond the contract itself: satisfaction, loyalty, account management.',
        fr: 'Suivi des clients au-delà du contrat lui-même : satisfaction, fidélisation, gestion de compte.',
      },
      defaultBasis: 'f',
    },
    {
      id: 'contract-performance',
      label: { en: 'Contract performance', fr: 'Exécution du contrat' },
      description: {
        en: 'Quotes, orders, delivery, invoicing and support under a contract with the person, or steps they asked for before one.',
        fr: 'Devis, commandes, livraison, facturation et support dans le cadre d’un contrat avec la personne, ou des mesures précontractuelles qu’elle a demandées.',
      },
      defaultBasis: 'b',
    },
    {
      id: 'newsletter',
      label: { en: 'Newsletter', fr: 'Lettre d’information' },
      description: {
        en: 'Sending the newsletter to people who subscribed; they can unsubscribe at any time (GDPR Art. 7(3)).',
        fr: 'Envoi de la lettre d’information aux personnes inscrites ; elles peuvent se désinscrire à tout moment (RGPD art. 7(3)).',
      },
      defaultBasis: 'a',
    },
  ],
  masking: {
    rules: [
      {
        id: 'birth-date',
        description: 'Dates of birth: not needed to sell or serve (GDPR Art. 5(1)(c) minimisation).',
        match: { fieldKeys: ['Birthdate', 'date_of_birth', 'birthdate'], categories: ['birth-date'] },
      },
      {
        id: 'national-id',
        description: 'National identification numbers: NIR, SSN, passport, ID card (GDPR Art. 87; décret n° 2019-341 for the NIR).',
        match: { categories: ['national-id'] },
      },
      {
        id: 'bank-and-card',
        description: 'Bank details and payment card numbers (GDPR Art. 32 security).',
        match: { categories: ['bank-account', 'payment-card'] },
      },
      {
        id: 'special-categories',
        description: 'Special categories of personal data (GDPR Art. 9(1)): processing is prohibited unless an Art. 9(2) exception applies.',
        match: { categories: [...SPECIAL_CATEGORY_IDS] },
      },
    ],
    detectors: { iban: true, paymentCard: true, nir: true, email: false, phone: false },
    revealSeconds: 30,
  },
  retention: [
    {
      id: 'prospects',
      label: { en: 'Prospects and leads', fr: 'Prospects et leads' },
      appliesTo: { lifecycle: 'prospect' },
      clock: {
        // Salesforce Last Activity and HubSpot Last contacted also count outgoing contacts, which the CNIL does
        // not: they are the closest standard fields; an org with a "last inbound contact" field should list it first.
        fields: ['LastActivityDate', 'Last Activity', 'notes_last_contacted', 'Last contacted'],
        fallback: ['created', 'first-seen'],
      },
      maxAgeMonths: 36,
      warnDays: 30,
      action: 're-consent',
      legalRef:
        'CNIL, référentiel gestion commerciale (2021): 3 years from collection or from the last contact coming from the prospect, then ask again or delete/anonymise; GDPR Art. 5(1)(e).',
    },
    {
      id: 'customers',
      label: { en: 'Customers (after the relationship ends)', fr: 'Clients (après la fin de la relation)' },
      appliesTo: { lifecycle: 'customer' },
      clock: {
        // CRMs have no standard "relationship ended" field; without one the verdict stays 'unknown' rather than guess.
        fields: ['Relationship end date', 'Customer_End_Date__c', 'relationship_end_date'],
        fallback: [],
      },
      maxAgeMonths: 36,
      warnDays: 30,
      action: 'review',
      legalRef:
        'CNIL, référentiel gestion commerciale (2021): data kept for the relationship, then 3 years for prospecting; contract evidence 5 years in intermediate archive; GDPR Art. 5(1)(e).',
    },
  ],
  revealReasons: {
    presets: [
      { id: 'answering-request', label: { en: 'Answering the person’s request', fr: 'Répondre à une demande de la personne' } },
      { id: 'contract-follow-up', label: { en: 'Contract follow-up', fr: 'Suivi du contrat' } },
      { id: 'correcting-record', label: { en: 'Correcting the record', fr: 'Corriger la fiche' } },
      { id: 'legal-obligation', label: { en: 'Legal or regulatory obligation', fr: 'Obligation légale ou réglementaire' } },
    ],
    allowFreeText: true,
    minLength: 10,
  },
  logRetentionDays: 365,
  // Access log (issue 4): more than 20 reveals or 200 distinct records viewed by one actor in an hour; reveals outside 08:00-19:00 Monday-Friday.
  anomalies: { revealsPerHour: 20, distinctViewsPerHour: 200, workingHours: { start: '08:00', end: '19:00', days: [1, 2, 3, 4, 5] } },
  // Pages (issue 3): the Dynamics 365, Zoho CRM and Pipedrive presets on; no custom adapter or domain.
  sites: { presets: { dynamics365: true, zoho: true, pipedrive: true }, adapters: [], customDomains: [] },
});
