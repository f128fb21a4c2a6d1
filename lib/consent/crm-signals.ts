/**
 * What a CRM record page already says about the lawful basis and privacy flags, read from the
 * adapter's fields in the content script and reduced to letters and flags: the values themselves
 * never leave the page. Plain DOM, no zod (content-script size).
 */
import type { CrmId, FieldInfo } from '@/lib/crm/types';
import { querySelectorDeep } from '@/lib/dom/deep';
import type { BasisLetter } from '@/lib/law/bases';
import { mapCrmBasisLabel } from '@/lib/law/crm-labels';
import type { CrmFlag } from './model';

export interface PageSignals {
  letters: BasisLetter[];
  notApplicable: boolean;
  flags: CrmFlag[];
  fieldKeys: string[];
}

/** Salesforce Individual privacy flags by API name (legal.md: Don't Process, Don't Market, Forget this Individual). */
const SALESFORCE_FLAGS: Readonly<Record<string, CrmFlag>> = {
  HasOptedOutProcessing: 'dont-process',
  HasOptedOutSolicit: 'dont-market',
  ShouldForget: 'forget',
};

const TRUE_WORDS = new Set(['true', 'yes', 'checked', 'oui', 'vrai', '1', '✓', '✔']);

/** A Salesforce checkbox shown read-only: an input (possibly disabled), an aria-checked element, or an image/text. */
export function checkboxValue(field: FieldInfo): boolean {
  const el = field.valueEl;
  const input =
    el instanceof HTMLInputElement && el.type === 'checkbox' ? el : (querySelectorDeep(el, 'input[type="checkbox"]') as HTMLInputElement | null);
  if (input) return input.checked;
  const aria = el.getAttribute('aria-checked') ?? querySelectorDeep(el, '[aria-checked]')?.getAttribute('aria-checked');
  if (aria) return aria === 'true';
  // Classic output: an image whose alt says "True"/"Checked" (null when the field shows text).
  const img = querySelectorDeep(el, 'img[alt]');
  const text = (img?.getAttribute('alt') ?? field.readValue()).trim().toLowerCase();
  return TRUE_WORDS.has(text);
}

export function readPageSignals(crm: CrmId, fields: readonly FieldInfo[]): PageSignals {
  const letters = new Set<BasisLetter>();
  const flags = new Set<CrmFlag>();
  const fieldKeys: string[] = [];
  let notApplicable = false;
  for (const field of fields) {
    if (crm === 'hubspot' && field.key === 'hs_legal_basis') {
      const mapped = mapCrmBasisLabel(field.readValue());
      mapped.letters.forEach((l) => letters.add(l));
      notApplicable ||= mapped.notApplicable;
      fieldKeys.push(field.key);
      continue;
    }
    if (crm === 'salesforce') {
      // sfdc:RecordField.{Object}.{ApiName}: Individual, Contact or Lead may show the flags.
      const api = field.key.split('.').pop() ?? '';
      const flag = SALESFORCE_FLAGS[api];
      if (!flag) continue;
      fieldKeys.push(field.key);
      if (checkboxValue(field)) flags.add(flag);
    }
  }
  const order: BasisLetter[] = ['a', 'b', 'c', 'd', 'e', 'f'];
  const flagOrder: CrmFlag[] = ['dont-process', 'dont-market', 'forget'];
  return {
    letters: order.filter((l) => letters.has(l)),
    notApplicable,
    flags: flagOrder.filter((f) => flags.has(f)),
    fieldKeys: fieldKeys.slice(0, 10),
  };
}
