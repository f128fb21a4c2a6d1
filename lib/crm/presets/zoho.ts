import type { GenericAdapterDef } from '@/lib/policy/sites-schema';
import type { GenericAdapter } from '../generic';
import type { FieldInfo } from '../types';

export const ZOHO_HOSTS: readonly string[] = ['crm.zoho.com', 'crm.zoho.eu', 'crm.zoho.com.au', 'crm.zoho.in', 'crm.zoho.jp'];

/**
 * Zoho CRM (Lyte), crm-dom.md §1–2: `/crm/org{orgId}/tab/{Module}/{id}` (the org segment is
 * sometimes missing; `/canvas/{id}` can follow); the name in `#titlecard_FULLNAME` (LASTNAME before
 * 2026-08) and values in `[data-zcqa="value_{FieldApi}"]` (the field key; no label is sourced, so
 * the label is the key). Key `zoho:{org or host}:{Module}:{id}`. No row selector: the only list
 * markup documented (§3) is related lists on record pages, `lyte-tr > lyte-td[data-zcqa=
 * "value_listviewtable_{Label}"]`, whose rows carry no record id. Their cells are fields (masking
 * covers them) keyed `listviewtable_{Label}` and labelled `{Label}` (`zohoRelatedLabels`).
 */
export const ZOHO_PRESET: GenericAdapterDef = {
  id: 'zoho',
  name: 'Zoho CRM',
  hosts: [...ZOHO_HOSTS],
  orgFrom: 'host',
  idCase: 'keep',
  record: [{ path: '/^\\/crm\\/(?:(?<org>org\\d{1,20})\\/)?tab\\/(?<object>[A-Za-z0-9_]{1,80})\\/(?<id>\\d{1,30})(?:\\/canvas\\/\\d{1,30})?\\/?$/' }],
  list: [{ path: '/^\\/crm\\/(?:(?<org>org\\d{1,20})\\/)?tab\\/(?<object>[A-Za-z0-9_]{1,80})(?:\\/custom-view\\/\\d{1,30}\\/list)?\\/?$/' }],
  selectors: {
    title: '#titlecard_FULLNAME, #titlecard_LASTNAME',
    field: '[data-zcqa^="value_"]',
    fieldKey: { attr: 'data-zcqa', removePrefix: 'value_' },
  },
};

/**
 * Key prefix of a related-list cell on a Zoho record page (crm-dom.md §3: `lyte-td[data-zcqa=
 * "value_listviewtable_{Label}"]`): the cell shows a field of another record.
 */
export const ZOHO_RELATED_CELL_PREFIX = 'listviewtable_';

/** True for the key of a related-list cell: a value of another record shown on this one. */
function isRelatedListCell(key: string): boolean {
  return key.startsWith(ZOHO_RELATED_CELL_PREFIX);
}

/**
 * The Zoho preset with its related-list cells labelled by their column (`Date of Birth`, not
 * `listviewtable_Date of Birth`), so that policy rules by label mask them as they mask the record's
 * own fields. Their key keeps the prefix: a rule by field key names the record's own field. They
 * are marked `otherRecord`, so retention (lib/crm/page-retention.ts) leaves them out.
 */
export function zohoRelatedLabels(base: GenericAdapter): GenericAdapter {
  const label = (f: FieldInfo): FieldInfo => {
    if (!isRelatedListCell(f.key)) return f;
    const column = f.label === f.key ? f.key.slice(ZOHO_RELATED_CELL_PREFIX.length).trim() : '';
    return { ...f, ...(column ? { label: column } : {}), otherRecord: true };
  };
  return { ...base, findFields: (root) => base.findFields(root).map(label) };
}
