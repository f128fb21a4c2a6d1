/**
 * Categories of personal data the extension recognises on a CRM field from its label or key:
 * the GDPR Art. 9(1) special categories, and the other sensitive data the default policy masks.
 * Recognition is word-based, accent- and case-insensitive, in English and French: "Wealth" is not
 * "health", and "Account health" (a customer-success score) is not health data.
 */
import { compactKey, containsPhrase, lastKeySegment, splitWords } from './text';
import type { Localized } from './types';

/** GDPR Art. 9(1), in the order of the article. */
export const SPECIAL_CATEGORY_IDS = [
  'racial-ethnic-origin',
  'political-opinions',
  'religious-beliefs',
  'trade-union',
  'genetic',
  'biometric',
  'health',
  'sex-life-orientation',
] as const;

/** Not Art. 9, but identifying or financial data whose exposure harms the person (Art. 32 risk-based security). */
export const SENSITIVE_CATEGORY_IDS = ['birth-date', 'national-id', 'bank-account', 'payment-card'] as const;

export const CATEGORY_IDS = [...SPECIAL_CATEGORY_IDS, ...SENSITIVE_CATEGORY_IDS] as const;

export type SpecialCategoryId = (typeof SPECIAL_CATEGORY_IDS)[number];
export type SensitiveCategoryId = (typeof SENSITIVE_CATEGORY_IDS)[number];
export type CategoryId = (typeof CATEGORY_IDS)[number];

export interface DataCategory {
  id: CategoryId;
  /** 'special': Art. 9(1), processing prohibited unless an Art. 9(2) exception applies. */
  kind: 'special' | 'sensitive';
  name: Localized;
  /** Where the law says so. */
  source: string;
  /** Phrases recognised in a label or key, compared word by word after normalisation. */
  keywords: { en: readonly string[]; fr: readonly string[] };
  /** Whole field names (compacted: no separators, no `__c`) that mean this category on their own. */
  keyHints: readonly string[];
  /** Phrases that look like the category but are not (checked in the same label or key). */
  excludes: readonly string[];
}

export const CATEGORIES: Readonly<Record<CategoryId, DataCategory>> = {
  'racial-ethnic-origin': {
    id: 'racial-ethnic-origin',
    kind: 'special',
    name: { en: 'Racial or ethnic origin', fr: 'Origine raciale ou ethnique' },
    source: 'GDPR Art. 9(1)',
    keywords: {
      en: ['race', 'racial', 'ethnicity', 'ethnic', 'ethnic origin', 'ethnic background'],
      fr: ['origine raciale', 'origine ethnique', 'ethnie', 'appartenance ethnique', 'race'],
    },
    keyHints: ['ethnicity', 'race'],
    excludes: [],
  },
  'political-opinions': {
    id: 'political-opinions',
    kind: 'special',
    name: { en: 'Political opinions', fr: 'Opinions politiques' },
    source: 'GDPR Art. 9(1)',
    keywords: {
      // "political" alone is safe in English ("politically exposed" is another word).
      en: ['political', 'political opinion', 'political party', 'political affiliation', 'political views'],
      // "politique" alone also means "policy" (politique de confidentialité): phrases only.
      fr: [
        'opinion politique',
        'parti politique',
        'affiliation politique',
        'appartenance politique',
        'orientation politique',
        'sensibilite politique',
        'tendance politique',
        'engagement politique',
      ],
    },
    keyHints: ['politicalparty', 'politicalaffiliation'],
    excludes: [],
  },
  'religious-beliefs': {
    id: 'religious-beliefs',
    kind: 'special',
    name: { en: 'Religious or philosophical beliefs', fr: 'Convictions religieuses ou philosophiques' },
    source: 'GDPR Art. 9(1)',
    keywords: {
      en: ['religion', 'religious', 'faith', 'belief', 'philosophical belief', 'religious affiliation'],
      fr: [
        'religion',
        'religieux',
        'religieuse',
        'croyance',
        'conviction religieuse',
        'conviction philosophique',
        'confession religieuse',
        'culte',
      ],
    },
    keyHints: ['religion'],
    excludes: [],
  },
  'trade-union': {
    id: 'trade-union',
    kind: 'special',
    name: { en: 'Trade-union membership', fr: 'Appartenance syndicale' },
    source: 'GDPR Art. 9(1)',
    keywords: {
      // "union" alone would match "European Union".
      en: ['trade union', 'labour union', 'labor union', 'union membership', 'union member'],
      fr: ['syndicat', 'syndical', 'syndicale', 'appartenance syndicale', 'syndique', 'syndiquee'],
    },
    keyHints: ['tradeunion', 'unionmember', 'unionmembership'],
    // A "syndicat de copropriété" is a condominium association, common in French real-estate CRMs.
    excludes: ['syndicat de copropriete', 'syndicat des coproprietaires'],
  },
  genetic: {
    id: 'genetic',
    kind: 'special',
    name: { en: 'Genetic data', fr: 'Données génétiques' },
    source: 'GDPR Art. 9(1), Art. 4(13)',
    keywords: {
      // Bare "DNA"/"ADN" is a common metaphor ("brand DNA", "ADN de l'entreprise"): phrases only.
      en: ['genetic', 'genetics', 'genome', 'genotype', 'dna test', 'dna sample', 'dna profile'],
      fr: ['genetique', 'test adn', 'analyse adn', 'profil adn', 'genome', 'genotype'],
    },
    keyHints: ['geneticdata', 'genetictest'],
    excludes: [],
  },
  biometric: {
    id: 'biometric',
    kind: 'special',
    name: { en: 'Biometric data', fr: 'Données biométriques' },
    source: 'GDPR Art. 9(1), Art. 4(14)',
    keywords: {
      en: ['biometric', 'biometrics', 'fingerprint', 'facial recognition', 'face template', 'iris scan', 'voiceprint'],
      fr: ['biometrique', 'empreinte digitale', 'reconnaissance faciale', 'gabarit biometrique'],
    },
    keyHints: ['fingerprint', 'biometricdata'],
    excludes: [],
  },
  health: {
    id: 'health',
    kind: 'special',
    name: { en: 'Health data', fr: 'Données concernant la santé' },
    source: 'GDPR Art. 9(1), Art. 4(15)',
    keywords: {
      en: [
        'health',
        'medical',
        'medication',
        'diagnosis',
        'allergy',
        'allergies',
        'disability',
        'disabilities',
        'illness',
        'disease',
        'blood type',
        'blood group',
        'pregnancy',
        'pregnant',
        'handicap',
      ],
      fr: [
        'sante',
        'medical',
        'medicale',
        'medicaux',
        'allergie',
        'maladie',
        'pathologie',
        'handicap',
        'invalidite',
        'diagnostic medical',
        'traitement medical',
        'antecedents medicaux',
        'groupe sanguin',
        'grossesse',
      ],
    },
    keyHints: ['medicalhistory', 'healthstatus', 'allergies'],
    // Customer-success and safety fields that say "health" without being about a person's health.
    excludes: [
      'health score',
      'account health',
      'customer health',
      'deal health',
      'pipeline health',
      'project health',
      'financial health',
      'health and safety',
      'health safety',
      'sante financiere',
      'sante du compte',
      'sante client',
      'sante et securite',
    ],
  },
  'sex-life-orientation': {
    id: 'sex-life-orientation',
    kind: 'special',
    name: { en: 'Sex life or sexual orientation', fr: 'Vie sexuelle ou orientation sexuelle' },
    source: 'GDPR Art. 9(1)',
    keywords: {
      // Bare "sex" usually means gender on a form, which is not an Art. 9 category.
      en: ['sexual orientation', 'sex life', 'sexuality', 'sexual preference', 'lgbt', 'lgbtq'],
      fr: ['orientation sexuelle', 'vie sexuelle', 'sexualite', 'preference sexuelle'],
    },
    keyHints: ['sexualorientation'],
    excludes: [],
  },
  'birth-date': {
    id: 'birth-date',
    kind: 'sensitive',
    name: { en: 'Date of birth', fr: 'Date de naissance' },
    source: 'GDPR Art. 5(1)(c) data minimisation, Art. 32 security',
    keywords: {
      en: ['birthdate', 'birth date', 'date of birth', 'dob', 'birthday'],
      fr: ['date de naissance', 'naissance'],
    },
    // Salesforce Contact.Birthdate, HubSpot date_of_birth.
    keyHints: ['birthdate', 'dateofbirth', 'dob', 'birthday'],
    excludes: ['lieu de naissance', 'pays de naissance', 'ville de naissance', 'departement de naissance'],
  },
  'national-id': {
    id: 'national-id',
    kind: 'sensitive',
    name: { en: 'National identification number', fr: 'Numéro d’identification national' },
    source: 'GDPR Art. 87; France: NIR use restricted by décret n° 2019-341',
    keywords: {
      en: [
        'ssn',
        'social security',
        'social security number',
        'national id',
        'national identification',
        'national identity',
        'national insurance number',
        'nino',
        'passport',
        'passport number',
        'id card',
        'identity card',
        'identity document',
        'driver license',
        'driver s license',
        'driving licence',
        'driving license',
      ],
      fr: [
        'nir',
        'numero de securite sociale',
        'securite sociale',
        'numero secu',
        'carte vitale',
        'passeport',
        'numero de passeport',
        'carte d identite',
        'carte nationale d identite',
        'cni',
        'piece d identite',
        'permis de conduire',
        'numero fiscal',
      ],
    },
    keyHints: ['ssn', 'nir', 'socialsecuritynumber', 'passportnumber', 'nationalid', 'nationalidnumber'],
    excludes: [],
  },
  'bank-account': {
    id: 'bank-account',
    kind: 'sensitive',
    name: { en: 'Bank account details', fr: 'Coordonnées bancaires' },
    source: 'GDPR Art. 32 security',
    keywords: {
      // "Account number" alone is Salesforce's customer number (Account.AccountNumber), not a bank account.
      en: ['iban', 'bic', 'swift code', 'swift bic', 'bank account', 'bank details', 'routing number', 'sort code'],
      fr: [
        'rib',
        'iban',
        'bic',
        'releve d identite bancaire',
        'coordonnees bancaires',
        'compte bancaire',
        'domiciliation bancaire',
      ],
    },
    keyHints: ['iban', 'bic', 'rib', 'bankaccount', 'bankaccountnumber'],
    excludes: [],
  },
  'payment-card': {
    id: 'payment-card',
    kind: 'sensitive',
    name: { en: 'Payment card number', fr: 'Numéro de carte de paiement' },
    source: 'GDPR Art. 32 security; PCI DSS',
    keywords: {
      en: ['credit card', 'debit card', 'payment card', 'card number', 'cvv', 'cvc', 'card verification'],
      fr: ['carte bancaire', 'carte de credit', 'carte de paiement', 'numero de carte', 'cryptogramme'],
    },
    keyHints: ['creditcard', 'creditcardnumber', 'cardnumber', 'cvv'],
    // Loyalty and gift cards have numbers too, without being means of payment.
    excludes: [
      'loyalty card',
      'membership card',
      'gift card',
      'business card',
      'carte de fidelite',
      'carte cadeau',
      'carte d adherent',
      'carte de visite',
    ],
  },
};

export function isCategoryId(x: unknown): x is CategoryId {
  return typeof x === 'string' && (CATEGORY_IDS as readonly string[]).includes(x);
}

interface CompiledCategory {
  id: CategoryId;
  phrases: string[][];
  excludes: string[][];
  /** The first word of every phrase / exclude: a field none of whose words is one cannot contain any. */
  phraseFirsts: ReadonlySet<string>;
  excludeFirsts: ReadonlySet<string>;
  keyHints: ReadonlySet<string>;
}

const firstWords = (phrases: readonly string[][]): ReadonlySet<string> => new Set(phrases.map((p) => p[0] as string));

// Keywords are split once with the same normaliser as the fields, so "Santé" in the table and "SANTE" on a page meet.
// Built at the first question, not when the module loads: the content script on every CRM page
// carries this table, and its start-up runs before the CRM page's load event (benchmark #2).
let compiled: readonly CompiledCategory[] | null = null;
const compiledCategories = (): readonly CompiledCategory[] =>
  (compiled ??= CATEGORY_IDS.map((id) => {
    const c = CATEGORIES[id];
    const phrases = [...c.keywords.en, ...c.keywords.fr].map(splitWords).filter((p) => p.length > 0);
    const excludes = c.excludes.map(splitWords).filter((p) => p.length > 0);
    return { id, phrases, excludes, phraseFirsts: firstWords(phrases), excludeFirsts: firstWords(excludes), keyHints: new Set(c.keyHints.map(compactKey)) };
  }));

/**
 * Whether some word could start one of the phrases whose first words are `firsts`, as `containsPhrase`
 * compares (equal, or with a plural "s"): a necessary condition, so the phrases are scanned only
 * for the few fields that pass it, not 203 phrases for every field of a page.
 */
function mayStartOne(words: readonly string[], firsts: ReadonlySet<string>): boolean {
  for (const w of words) if (firsts.has(w) || (w.endsWith('s') && firsts.has(w.slice(0, -1)))) return true;
  return false;
}

function excluded(words: readonly string[], c: CompiledCategory): boolean {
  return mayStartOne(words, c.excludeFirsts) && c.excludes.some((p) => containsPhrase(words, p));
}

function named(words: readonly string[], c: CompiledCategory): boolean {
  return mayStartOne(words, c.phraseFirsts) && c.phrases.some((p) => containsPhrase(words, p));
}

function textMatches(words: readonly string[], c: CompiledCategory): boolean {
  return words.length > 0 && !excluded(words, c) && named(words, c);
}

/**
 * Answers already given, by label and key. Masking keeps the policy's answer per field element
 * (lib/features/mask.ts), so this serves new elements with known labels: each SPA navigation to
 * another record of the same layout asks the same questions again. Cleared whole when full.
 */
const answers = new Map<string, readonly CategoryId[]>();
const MAX_ANSWERS = 2000;

/**
 * Categories a CRM field belongs to, judged by its label and by the field-name part of its key.
 * Order follows CATEGORY_IDS. An empty list means "not recognised", not "not sensitive".
 */
export function categoriesForField(field: { key?: string; label?: string }): CategoryId[] {
  const memo = `${field.label ?? ''}\u0000${field.key ?? ''}`;
  let found = answers.get(memo);
  if (!found) {
    found = judge(field);
    if (answers.size >= MAX_ANSWERS) answers.clear();
    answers.set(memo, found);
  }
  return [...found];
}

function judge(field: { key?: string; label?: string }): CategoryId[] {
  const labelWords = splitWords(field.label ?? '');
  const segment = lastKeySegment(field.key ?? '');
  const keyWords = splitWords(segment);
  const compact = compactKey(segment);
  const found: CategoryId[] = [];
  for (const c of compiledCategories()) {
    // A category none of whose phrases can start at a word of the label or key, and without this key
    // as a hint, cannot match: most categories for most fields, decided with a lookup a word.
    if (!c.keyHints.has(compact) && !mayStartOne(labelWords, c.phraseFirsts) && !mayStartOne(keyWords, c.phraseFirsts)) continue;
    // The key's excludes are looked for once: they rule out both its words and its compact hint.
    const keyExcluded = excluded(keyWords, c);
    if (textMatches(labelWords, c) || (!keyExcluded && ((keyWords.length > 0 && named(keyWords, c)) || c.keyHints.has(compact)))) {
      found.push(c.id);
    }
  }
  return found;
}
