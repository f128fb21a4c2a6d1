/**
 * How CRMs name the GDPR Art. 6(1) lawful bases, mapped to the article's letters. One table;
 * a value not in it is reported as unknown, never guessed.
 */
import type { BasisLetter } from './bases';

export type CrmLabelSource = 'hubspot-label' | 'hubspot-enum' | 'zoho';

export interface CrmBasisLabel {
  source: CrmLabelSource;
  /** As the CRM writes it. */
  raw: string;
  /** null: the CRM's "not applicable" (the contact is outside the GDPR's scope for this org). */
  letter: BasisLetter | null;
}

export const CRM_BASIS_LABELS: readonly CrmBasisLabel[] = [
  // HubSpot contact property hs_legal_basis (labels as shown and exported).
  { source: 'hubspot-label', raw: 'Freely given consent from contact', letter: 'a' },
  { source: 'hubspot-label', raw: 'Performance of a contract', letter: 'b' },
  { source: 'hubspot-label', raw: 'Legitimate interest - prospect/lead', letter: 'f' },
  { source: 'hubspot-label', raw: 'Legitimate interest - existing customer', letter: 'f' },
  { source: 'hubspot-label', raw: 'Legitimate interest - other', letter: 'f' },
  { source: 'hubspot-label', raw: 'Not applicable', letter: null },
  // HubSpot subscription (communication preferences) API legalBasis enum.
  { source: 'hubspot-enum', raw: 'CONSENT_WITH_NOTICE', letter: 'a' },
  { source: 'hubspot-enum', raw: 'PERFORMANCE_OF_CONTRACT', letter: 'b' },
  { source: 'hubspot-enum', raw: 'LEGITIMATE_INTEREST_PQL', letter: 'f' },
  { source: 'hubspot-enum', raw: 'LEGITIMATE_INTEREST_CLIENT', letter: 'f' },
  { source: 'hubspot-enum', raw: 'LEGITIMATE_INTEREST_OTHER', letter: 'f' },
  { source: 'hubspot-enum', raw: 'NON_GDPR', letter: null },
  // Zoho CRM "Data Processing Basis" picklist.
  { source: 'zoho', raw: 'Consent', letter: 'a' },
  { source: 'zoho', raw: 'Contract', letter: 'b' },
  { source: 'zoho', raw: 'Legal Obligation', letter: 'c' },
  { source: 'zoho', raw: 'Vital interest', letter: 'd' },
  { source: 'zoho', raw: 'Public interest', letter: 'e' },
  { source: 'zoho', raw: 'Legitimate interest', letter: 'f' },
  { source: 'zoho', raw: 'Not applicable', letter: null },
];

/**
 * Canonical form for lookup: case, underscores, spacing and the dash between "Legitimate interest"
 * and its qualifier (HubSpot writes a hyphen, an en dash or an em dash) do not matter.
 */
function canonical(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/\s*[-\u2010-\u2015\u2212]\s*/g, ' - ')
    .replace(/\s+/g, ' ')
    .trim();
}

const BY_CANONICAL: ReadonlyMap<string, BasisLetter | null> = new Map(
  CRM_BASIS_LABELS.map((l) => [canonical(l.raw), l.letter] as const),
);

const LETTER_ORDER: readonly BasisLetter[] = ['a', 'b', 'c', 'd', 'e', 'f'];

export interface MappedBasis {
  /** Distinct letters found, in article order. */
  letters: BasisLetter[];
  /** True when one of the values says the GDPR does not apply. */
  notApplicable: boolean;
  /** Values not in the table, trimmed, as written. */
  unknown: string[];
}

/** Maps a CRM lawful-basis value (possibly several joined by `;`, as HubSpot exports them). */
export function mapCrmBasisLabel(raw: string): MappedBasis {
  const found = new Set<BasisLetter>();
  const unknown: string[] = [];
  let notApplicable = false;
  for (const part of raw.split(';')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const letter = BY_CANONICAL.get(canonical(trimmed));
    if (letter === undefined) unknown.push(trimmed);
    else if (letter === null) notApplicable = true;
    else found.add(letter);
  }
  return { letters: LETTER_ORDER.filter((l) => found.has(l)), notApplicable, unknown };
}
