import type { TabView } from '@/lib/messaging/protocol';

/**
 * What the background says of tab 7 showing the HubSpot contact `key` (hs:123456:0-1:<id>): no basis
 * logged yet, and a policy of two purposes (prospecting on legitimate interest, newsletter on consent).
 */
export function recordTabView(key: string, title: string): TabView {
  const id = key.split(':').pop() ?? '';
  return {
    tabId: 7,
    page: { kind: 'record', ref: { crm: 'hubspot', org: '123456', object: '0-1', id }, key, title },
    summary: { key, state: 'missing' },
    history: [],
    policy: {
      version: '2026.11.1',
      name: 'Default',
      purposes: [
        { id: 'prospecting', label: { en: 'Prospecting', fr: 'Prospection' }, defaultBasis: 'f' },
        { id: 'newsletter', label: { en: 'Newsletter', fr: 'Lettre d’information' }, defaultBasis: 'a' },
      ],
    },
  };
}
