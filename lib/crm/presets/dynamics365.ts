import type { GenericAdapterDef } from '@/lib/policy/sites-schema';

/** Dynamics 365 regions crm, crm2 … crm21: match patterns cannot say `crm*`, so each is listed. */
export const DYNAMICS_HOSTS: readonly string[] = ['crm', ...Array.from({ length: 20 }, (_, i) => `crm${i + 2}`)].map(
  (region) => `*.${region}.dynamics.com`,
);

/**
 * Dynamics 365 (Unified Interface), crm-dom.md §1–3: `main.aspx?pagetype=entityrecord&etn=…&id=…`;
 * the form's title `[data-id=header_title]`, fields `[data-id="{attr}-FieldSectionItemContainer"]`
 * with `label[id$="-field-label"]` and an `input[data-id*=".fieldControl"]` (value in `.value`).
 * Key `d365:{host}:{etn}:{guid lower case}`. List rows carry no GUID in the DOM (EasyRepro reads
 * them from app state), so the preset has no row selector.
 */
export const DYNAMICS365_PRESET: GenericAdapterDef = {
  id: 'dynamics365',
  name: 'Dynamics 365',
  hosts: [...DYNAMICS_HOSTS],
  orgFrom: 'host',
  idCase: 'lower',
  record: [{ path: '/main.aspx', query: { pagetype: 'entityrecord', etn: '{object}', id: '{id}' } }],
  list: [{ path: '/main.aspx', query: { pagetype: 'entitylist', etn: '{object}' } }],
  selectors: {
    title: '[data-id="header_title"], #headerContainer h1',
    field: '[data-id$="-FieldSectionItemContainer"]',
    fieldKey: { attr: 'data-id', removeSuffix: '-FieldSectionItemContainer' },
    fieldLabel: 'label[id$="-field-label"]',
    fieldValue: '[data-id*=".fieldControl"]',
  },
};
