/**
 * GDPR Art. 6(1) lawful bases, (a) to (f). Wording follows the English and French texts of
 * Regulation (EU) 2016/679 (the UK GDPR keeps the same letters).
 */

import type { Localized } from './types';

export type BasisLetter = 'a' | 'b' | 'c' | 'd' | 'e' | 'f';

export const BASIS_LETTERS = ['a', 'b', 'c', 'd', 'e', 'f'] as const satisfies readonly BasisLetter[];

export interface LawfulBasis {
  letter: BasisLetter;
  article: `Art. 6(1)(${BasisLetter})`;
  /** Full name, for lists and the dashboard. */
  name: Localized;
  /** A word or two, for the record badge. */
  short: Localized;
  /** The condition as the regulation states it. */
  description: Localized;
  /** What a user must know before relying on it, with its source. */
  notes: readonly { text: Localized; source: string }[];
}

export const LAWFUL_BASES: Readonly<Record<BasisLetter, LawfulBasis>> = {
  a: {
    letter: 'a',
    article: 'Art. 6(1)(a)',
    name: { en: 'Consent', fr: 'Consentement' },
    short: { en: 'Consent', fr: 'Consentement' },
    description: {
      en: 'The data subject has given consent to the processing of his or her personal data for one or more specific purposes.',
      fr: 'La personne concernée a consenti au traitement de ses données à caractère personnel pour une ou plusieurs finalités spécifiques.',
    },
    notes: [
      {
        text: {
          en: 'The controller must be able to demonstrate that consent was given: when, how, which wording, for which purpose.',
          fr: 'Le responsable du traitement doit être en mesure de démontrer que la personne a consenti : quand, comment, avec quel texte, pour quelle finalité.',
        },
        source: 'GDPR Art. 7(1)',
      },
      {
        text: {
          en: 'Consent can be withdrawn at any time, as easily as it was given; processing before withdrawal stays lawful.',
          fr: 'Le consentement peut être retiré à tout moment, aussi simplement qu’il a été donné ; le traitement antérieur au retrait reste licite.',
        },
        source: 'GDPR Art. 7(3)',
      },
    ],
  },
  b: {
    letter: 'b',
    article: 'Art. 6(1)(b)',
    name: { en: 'Performance of a contract', fr: 'Exécution d’un contrat' },
    short: { en: 'Contract', fr: 'Contrat' },
    description: {
      en: 'Processing is necessary for the performance of a contract to which the data subject is party or in order to take steps at the request of the data subject prior to entering into a contract.',
      fr: 'Le traitement est nécessaire à l’exécution d’un contrat auquel la personne concernée est partie ou à l’exécution de mesures précontractuelles prises à la demande de celle-ci.',
    },
    notes: [],
  },
  c: {
    letter: 'c',
    article: 'Art. 6(1)(c)',
    name: { en: 'Legal obligation', fr: 'Obligation légale' },
    short: { en: 'Legal obligation', fr: 'Obligation légale' },
    description: {
      en: 'Processing is necessary for compliance with a legal obligation to which the controller is subject.',
      fr: 'Le traitement est nécessaire au respect d’une obligation légale à laquelle le responsable du traitement est soumis.',
    },
    notes: [],
  },
  d: {
    letter: 'd',
    article: 'Art. 6(1)(d)',
    name: { en: 'Vital interests', fr: 'Sauvegarde des intérêts vitaux' },
    short: { en: 'Vital interests', fr: 'Intérêts vitaux' },
    description: {
      en: 'Processing is necessary in order to protect the vital interests of the data subject or of another natural person.',
      fr: 'Le traitement est nécessaire à la sauvegarde des intérêts vitaux de la personne concernée ou d’une autre personne physique.',
    },
    notes: [],
  },
  e: {
    letter: 'e',
    article: 'Art. 6(1)(e)',
    name: { en: 'Public task', fr: 'Mission d’intérêt public' },
    short: { en: 'Public task', fr: 'Intérêt public' },
    description: {
      en: 'Processing is necessary for the performance of a task carried out in the public interest or in the exercise of official authority vested in the controller.',
      fr: 'Le traitement est nécessaire à l’exécution d’une mission d’intérêt public ou relevant de l’exercice de l’autorité publique dont est investi le responsable du traitement.',
    },
    notes: [],
  },
  f: {
    letter: 'f',
    article: 'Art. 6(1)(f)',
    name: { en: 'Legitimate interests', fr: 'Intérêts légitimes' },
    short: { en: 'Legitimate interests', fr: 'Intérêts légitimes' },
    description: {
      en: 'Processing is necessary for the purposes of the legitimate interests pursued by the controller or by a third party, except where such interests are overridden by the interests or fundamental rights and freedoms of the data subject which require protection of personal data, in particular where the data subject is a child.',
      fr: 'Le traitement est nécessaire aux fins des intérêts légitimes poursuivis par le responsable du traitement ou par un tiers, à moins que ne prévalent les intérêts ou les libertés et droits fondamentaux de la personne concernée qui exigent une protection des données à caractère personnel, notamment lorsque la personne concernée est un enfant.',
    },
    notes: [
      {
        text: {
          en: 'Not available to public authorities for processing carried out in the performance of their tasks.',
          fr: 'Ne s’applique pas au traitement effectué par les autorités publiques dans l’exécution de leurs missions.',
        },
        source: 'GDPR Art. 6(1), second subparagraph',
      },
    ],
  },
};

export function isBasisLetter(x: unknown): x is BasisLetter {
  return typeof x === 'string' && (BASIS_LETTERS as readonly string[]).includes(x);
}
