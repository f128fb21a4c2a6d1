import type { GenericAdapterDef } from '@/lib/policy/sites-schema';

export const ZOHO_HOSTS: readonly string[] = ['crm.zoho.com', 'crm.zoho.eu', 'crm.zoho.com.au', 'crm.zoho.in', 'crm.zoho.jp'];

/**
 * Zoho CRM (Lyte), crm-dom.md §1–2: `/crm/org{orgId}/tab/{Module}/{id}` (the org segment is
 * sometimes missing; `/canvas/{id}` can follow); the name in `#titlecard_FULLNAME` (LASTNAME before
 * 2026-08) and values in `[data-zcqa="value_{FieldApi}"]` (the field key; no label is sourced, so
 * the label is the key). Key `zoho:{org or host}:{Module}:{id}`. No row selector: the only list
 * markup documented (§3) is related lists on record pages, `lyte-tr > lyte-td[data-zcqa=
 * "value_listviewtable_{Label}"]`, whose rows carry no record id.
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
