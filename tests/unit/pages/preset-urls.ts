import type { PageKind } from '@/lib/crm/types';
import type { UrlCase } from '../crm/urls';

/** Real URL shapes of the preset CRMs (crm-dom.md §1) and of a policy-defined CRM, with the page kind each must give. */
const GUID = '5b2c1a3e-0f6d-4e1a-9c8b-7d6e5f4a3b2c';

const rec = (crm: 'dynamics365' | 'zoho' | 'pipedrive' | 'custom', org: string, object: string, id: string): PageKind => ({
  kind: 'record',
  ref: { crm, org, object, id },
});
const list = (crm: 'dynamics365' | 'zoho' | 'pipedrive' | 'custom', org: string, object: string): PageKind => ({
  kind: 'list',
  ref: { crm, org, object },
});

export const DYNAMICS_MATCHES: UrlCase[] = [
  [`https://contoso.crm.dynamics.com/main.aspx?appid=11111111-2222-3333-4444-555555555555&pagetype=entityrecord&etn=contact&id=${GUID}`, rec('dynamics365', 'contoso.crm.dynamics.com', 'contact', GUID)],
  [`https://contoso.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=lead&id=%7B${GUID.toUpperCase()}%7D`, rec('dynamics365', 'contoso.crm4.dynamics.com', 'lead', GUID)],
  [`https://contoso.crm21.dynamics.com/main.aspx?etn=account&id={${GUID}}&pagetype=entityrecord`, rec('dynamics365', 'contoso.crm21.dynamics.com', 'account', GUID)],
  // crm-dom.md §1: regions crm … crm9 [S35]; any entity, parameters in any order
  [`https://contoso.crm9.dynamics.com/main.aspx?appid=1&pagetype=entityrecord&etn=incident&id=${GUID}`, rec('dynamics365', 'contoso.crm9.dynamics.com', 'incident', GUID)],
  [`https://contoso.crm5.dynamics.com/main.aspx?id=${GUID}&etn=contact&pagetype=entityrecord&appid=1`, rec('dynamics365', 'contoso.crm5.dynamics.com', 'contact', GUID)],
  ['https://contoso.crm.dynamics.com/main.aspx?appid=1&pagetype=entitylist&etn=contact&viewid=2', list('dynamics365', 'contoso.crm.dynamics.com', 'contact')],
  ['https://contoso.crm.dynamics.com/main.aspx?pagetype=dashboard', { kind: 'other' }],
];
export const DYNAMICS_OTHER: string[] = [
  `https://contoso.crm22.dynamics.com/main.aspx?pagetype=entityrecord&etn=contact&id=${GUID}`,
  `https://crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=contact&id=${GUID}`,
  `https://contoso.crm.dynamics.com.evil.com/main.aspx?pagetype=entityrecord&etn=contact&id=${GUID}`,
  `http://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=contact&id=${GUID}`,
];

export const ZOHO_MATCHES: UrlCase[] = [
  ['https://crm.zoho.com/crm/org712345678/tab/Contacts/4876876000000321001', rec('zoho', 'org712345678', 'Contacts', '4876876000000321001')],
  ['https://crm.zoho.eu/crm/org20071234/tab/Leads/5725767000000466003/canvas/5725767000000470001', rec('zoho', 'org20071234', 'Leads', '5725767000000466003')],
  ['https://crm.zoho.com.au/crm/tab/Potentials/123456789', rec('zoho', 'crm.zoho.com.au', 'Potentials', '123456789')],
  ['https://crm.zoho.in/crm/org1/tab/CustomModule3/42', rec('zoho', 'org1', 'CustomModule3', '42')],
  // crm-dom.md §1: the Tasks module; no org segment with a canvas view
  ['https://crm.zoho.com/crm/org712345678/tab/Tasks/4876876000000321001', rec('zoho', 'org712345678', 'Tasks', '4876876000000321001')],
  ['https://crm.zoho.com/crm/tab/Contacts/4876876000000321001/canvas/4876876000000321002', rec('zoho', 'crm.zoho.com', 'Contacts', '4876876000000321001')],
  ['https://crm.zoho.jp/crm/org9/tab/Contacts/custom-view/4876876000000087501/list', list('zoho', 'org9', 'Contacts')],
  ['https://crm.zoho.com/crm/org712345678/tab/Home/begin', { kind: 'other' }],
];
export const ZOHO_OTHER: string[] = [
  'https://www.zoho.com/crm/org1/tab/Contacts/42',
  'https://crm.zoho.com.evil.com/crm/org1/tab/Contacts/42',
  'https://crm.zoho.de/crm/org1/tab/Contacts/42',
];

export const PIPEDRIVE_MATCHES: UrlCase[] = [
  ['https://acme.pipedrive.com/person/123', rec('pipedrive', 'acme', 'person', '123')],
  ['https://acme.pipedrive.com/deal/9', rec('pipedrive', 'acme', 'deal', '9')],
  ['https://app.pipedrive.com/person/77', rec('pipedrive', 'app', 'person', '77')],
  ['https://app.pipedrive.com/deal/5', rec('pipedrive', 'app', 'deal', '5')],
  [`https://acme.pipedrive.com/leads/inbox/${GUID}`, rec('pipedrive', 'acme', 'leads', GUID)],
  ['https://acme.pipedrive.com/persons/list', list('pipedrive', 'acme', 'persons')],
  ['https://acme.pipedrive.com/settings', { kind: 'other' }],
];
export const PIPEDRIVE_OTHER: string[] = ['https://pipedrive.com/person/123', 'https://acme.pipedrive.com.evil.com/person/123', 'https://acme.pipedrive.com/person/abc'];

/** No preset is "custom": custom adapters come from a policy (tests/unit/pages/generic.test.ts). */
export const PRESET_MATCHES = { dynamics365: DYNAMICS_MATCHES, zoho: ZOHO_MATCHES, pipedrive: PIPEDRIVE_MATCHES, custom: [] as UrlCase[] };
export const PRESET_OTHER = { dynamics365: DYNAMICS_OTHER, zoho: ZOHO_OTHER, pipedrive: PIPEDRIVE_OTHER, custom: [] as string[] };
