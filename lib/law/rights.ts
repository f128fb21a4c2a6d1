/**
 * Data-subject rights (GDPR Chapter III) and the jurisdictions a request can fall under.
 * Deadlines are stored as data with their source; the calendar arithmetic that turns them into
 * due dates is a later issue and deliberately absent here.
 */
import type { Localized } from './types';

export const RIGHT_IDS = [
  'information',
  'access',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  'objection',
  'automated-decisions',
] as const;

export type RightId = (typeof RIGHT_IDS)[number];

export interface DataSubjectRight {
  id: RightId;
  /** GDPR article(s). */
  article: string;
  name: Localized;
}

export const RIGHTS: Readonly<Record<RightId, DataSubjectRight>> = {
  information: {
    id: 'information',
    article: 'Art. 13-14',
    name: { en: 'Right to be informed', fr: 'Droit à l’information' },
  },
  access: {
    id: 'access',
    article: 'Art. 15',
    name: { en: 'Right of access', fr: 'Droit d’accès' },
  },
  rectification: {
    id: 'rectification',
    article: 'Art. 16',
    name: { en: 'Right to rectification', fr: 'Droit de rectification' },
  },
  erasure: {
    id: 'erasure',
    article: 'Art. 17',
    name: { en: 'Right to erasure (“right to be forgotten”)', fr: 'Droit à l’effacement (« droit à l’oubli »)' },
  },
  restriction: {
    id: 'restriction',
    article: 'Art. 18',
    name: { en: 'Right to restriction of processing', fr: 'Droit à la limitation du traitement' },
  },
  portability: {
    id: 'portability',
    article: 'Art. 20',
    name: { en: 'Right to data portability', fr: 'Droit à la portabilité des données' },
  },
  objection: {
    id: 'objection',
    article: 'Art. 21',
    name: { en: 'Right to object', fr: 'Droit d’opposition' },
  },
  'automated-decisions': {
    id: 'automated-decisions',
    article: 'Art. 22',
    name: {
      en: 'Right not to be subject to a decision based solely on automated processing',
      fr: 'Droit de ne pas faire l’objet d’une décision fondée exclusivement sur un traitement automatisé',
    },
  },
};

export function isRightId(x: unknown): x is RightId {
  return typeof x === 'string' && (RIGHT_IDS as readonly string[]).includes(x);
}

export const JURISDICTION_IDS = ['eu', 'uk', 'california', 'brazil', 'quebec', 'other'] as const;
export type JurisdictionId = (typeof JURISDICTION_IDS)[number];

/** A period as the law counts it; calendar months end on the same date, or the month's last day. */
export type PeriodUnit = 'calendar-months' | 'calendar-days' | 'business-days';

export interface Period {
  amount: number;
  unit: PeriodUnit;
}

/** Answer deadline for a request, as data. Consumed by the deadline arithmetic (later issue). */
export interface ResponseDeadline {
  /** Confirm receipt within this period, where the law asks for it. */
  acknowledge?: Period;
  answer: Period;
  /** Further time allowed, on notice with reasons given within the first period. */
  extension?: Period;
  /** Opt-out of sale/sharing, where the law sets its own clock. */
  optOut?: Period;
  source: string;
  /** How the law counts, where it matters (e.g. Reg. 1182/71 for EU months). */
  counting?: string;
  note?: Localized;
}

export interface Jurisdiction {
  id: JurisdictionId;
  name: Localized;
  law: Localized;
  /** True where the GDPR rights above apply as such (EU GDPR, UK GDPR). */
  gdprRights: boolean;
  /** Absent when the jurisdiction is not modelled ('other'): never assume a deadline. */
  deadline?: ResponseDeadline;
}

export const JURISDICTIONS: Readonly<Record<JurisdictionId, Jurisdiction>> = {
  eu: {
    id: 'eu',
    name: { en: 'European Union / EEA', fr: 'Union européenne / EEE' },
    law: { en: 'GDPR, Regulation (EU) 2016/679', fr: 'RGPD, règlement (UE) 2016/679' },
    gdprRights: true,
    deadline: {
      answer: { amount: 1, unit: 'calendar-months' },
      extension: { amount: 2, unit: 'calendar-months' },
      source: 'GDPR Art. 12(3)',
      counting: 'Regulation (EEC, Euratom) No 1182/71: from the day after receipt; a month without that date ends on its last day',
    },
  },
  uk: {
    id: 'uk',
    name: { en: 'United Kingdom', fr: 'Royaume-Uni' },
    law: { en: 'UK GDPR and Data Protection Act 2018', fr: 'UK GDPR et Data Protection Act 2018' },
    gdprRights: true,
    deadline: {
      answer: { amount: 1, unit: 'calendar-months' },
      extension: { amount: 2, unit: 'calendar-months' },
      source: 'UK GDPR Art. 12(3)',
    },
  },
  california: {
    id: 'california',
    name: { en: 'California', fr: 'Californie' },
    law: { en: 'CCPA as amended by the CPRA', fr: 'CCPA modifié par le CPRA' },
    gdprRights: false,
    deadline: {
      acknowledge: { amount: 10, unit: 'business-days' },
      answer: { amount: 45, unit: 'calendar-days' },
      extension: { amount: 45, unit: 'calendar-days' },
      optOut: { amount: 15, unit: 'business-days' },
      source: 'Cal. Civ. Code § 1798.130(a)(2); CCPA Regulations (11 CCR § 7021, § 7026)',
    },
  },
  brazil: {
    id: 'brazil',
    name: { en: 'Brazil', fr: 'Brésil' },
    law: { en: 'LGPD, Law No. 13.709/2018', fr: 'LGPD, loi n° 13.709/2018' },
    gdprRights: false,
    deadline: {
      answer: { amount: 15, unit: 'calendar-days' },
      source: 'LGPD Art. 19, II',
      note: {
        en: 'Confirmation or access in simplified form is due immediately; the 15 days are for a full statement.',
        fr: 'La confirmation ou l’accès sous forme simplifiée est dû immédiatement ; les 15 jours valent pour une déclaration complète.',
      },
    },
  },
  quebec: {
    id: 'quebec',
    name: { en: 'Québec', fr: 'Québec' },
    law: {
      en: 'Act respecting the protection of personal information in the private sector (as amended by Law 25)',
      fr: 'Loi sur la protection des renseignements personnels dans le secteur privé (modifiée par la Loi 25)',
    },
    gdprRights: false,
    deadline: {
      answer: { amount: 30, unit: 'calendar-days' },
      source: 'Private sector Act (CQLR c P-39.1), s. 32',
      note: {
        en: 'Silence past the deadline counts as a refusal.',
        fr: 'L’absence de réponse dans le délai vaut refus.',
      },
    },
  },
  other: {
    id: 'other',
    name: { en: 'Other', fr: 'Autre' },
    law: { en: 'Not modelled: check the applicable law', fr: 'Non modélisé : vérifier la loi applicable' },
    gdprRights: false,
  },
};

export function isJurisdictionId(x: unknown): x is JurisdictionId {
  return typeof x === 'string' && (JURISDICTION_IDS as readonly string[]).includes(x);
}
