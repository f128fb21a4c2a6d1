import { fakeBrowser } from 'wxt/testing';
import { syncSiteScripts, SITE_HOOK_ID, SITE_SCRIPT_ID } from '@/entrypoints/background/site-scripts';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { PolicySchema, type Policy } from '@/lib/policy/schema';

const policy: Policy = PolicySchema.parse({
  ...DEFAULT_POLICY,
  sites: {
    customDomains: [{ host: 'sf.acme.example', adapter: 'salesforce', org: 'acme' }, { host: 'not-granted.example.com', adapter: 'hubspot' }],
    adapters: [{ id: 'self', name: 'Self-hosted', hosts: ['crm.self.example'], record: [{ path: '/p/{id}' }], selectors: { title: 'h1' } }],
  },
});

test('registers the CRM content script on the granted custom hosts only, replacing the previous registration', async () => {
  const granted = new Set(['https://sf.acme.example/*', 'https://crm.self.example/*']);
  const calls: string[] = [];
  let registered: { id: string; matches?: string[]; js?: string[]; runAt?: string; world?: string }[] = [{ id: SITE_SCRIPT_ID, matches: ['https://old.example/*'] }];
  const b = fakeBrowser as unknown as {
    permissions: { contains: (p: { origins: string[] }) => Promise<boolean> };
    scripting: {
      getRegisteredContentScripts: (f: { ids: string[] }) => Promise<unknown[]>;
      unregisterContentScripts: (f: { ids: string[] }) => Promise<void>;
      registerContentScripts: (s: typeof registered) => Promise<void>;
    };
  };
  b.permissions = { contains: async ({ origins }) => origins.every((o) => granted.has(o)) };
  b.scripting = {
    getRegisteredContentScripts: async ({ ids }) => registered.filter((r) => ids.includes(r.id)),
    unregisterContentScripts: async ({ ids }) => {
      calls.push(`unregister ${ids.join()}`);
      registered = registered.filter((r) => !ids.includes(r.id));
    },
    registerContentScripts: async (scripts) => {
      calls.push(`register ${scripts.map((s) => s.id).join()}`);
      registered.push(...scripts);
    },
  };
  expect(await syncSiteScripts(policy)).toEqual(['https://sf.acme.example/*', 'https://crm.self.example/*']);
  expect(calls).toEqual(['unregister cpg-sites', 'register cpg-sites', 'register cpg-sites-hook']);
  expect(registered).toEqual([
    expect.objectContaining({ id: SITE_SCRIPT_ID, matches: ['https://sf.acme.example/*', 'https://crm.self.example/*'], js: ['content-scripts/crm.js'], runAt: 'document_start' }),
    // The attachShadow hook (page world) on the same hosts.
    expect.objectContaining({ id: SITE_HOOK_ID, matches: ['https://sf.acme.example/*', 'https://crm.self.example/*'], js: ['content-scripts/cpg-shadow-hook.js'], runAt: 'document_start', world: 'MAIN' }),
  ]);
  // Permission withdrawn: the registration goes and nothing replaces it.
  granted.clear();
  expect(await syncSiteScripts(policy)).toEqual([]);
  expect(registered).toEqual([]);
});
