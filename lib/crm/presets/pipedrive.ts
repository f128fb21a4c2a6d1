import type { GenericAdapterDef } from '@/lib/policy/sites-schema';

export const PIPEDRIVE_HOSTS: readonly string[] = ['*.pipedrive.com'];

/**
 * Pipedrive, crm-dom.md §1–2 (thin evidence: Clockify's selectors only): `{company}.pipedrive.com`
 * `/person/{id}`, `/deal/{id}`, `/organization/{id}`, `/leads/inbox/{uuid}`; titles
 * `[data-testid="header-title"]` and `[data-testid="SidebarLeadTitle"]`. No field or row markup is
 * sourced, so the preset decorates titles only. Key `pd:{company}:{object}:{id}`.
 */
export const PIPEDRIVE_PRESET: GenericAdapterDef = {
  id: 'pipedrive',
  name: 'Pipedrive',
  hosts: [...PIPEDRIVE_HOSTS],
  orgFrom: 'first-label',
  idCase: 'lower',
  record: [
    { path: '/^\\/(?<object>person|deal|organization)\\/(?<id>\\d{1,20})\\/?$/' },
    { path: '/^\\/leads\\/inbox\\/(?<id>[0-9a-fA-F-]{36})\\/?$/', object: 'leads' },
  ],
  list: [{ path: '/^\\/(?<object>persons|deals|organizations)\\/list\\/?$/' }],
  selectors: {
    title: '[data-testid="header-title"], [data-testid="SidebarLeadTitle"]',
  },
};
