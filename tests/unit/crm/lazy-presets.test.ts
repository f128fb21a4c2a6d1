import { afterEach, describe, expect, it, vi } from 'vitest';

// The presets are built only when a host gets as far as them (lib/crm/sites.ts): the content script's
// start-up on a Salesforce or HubSpot page runs before the CRM page's load event (benchmark #2).
const built = vi.hoisted(() => ({ ids: [] as string[] }));
vi.mock('@/lib/crm/generic', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/crm/generic')>();
  return {
    ...actual,
    createGenericAdapter: (...args: Parameters<typeof actual.createGenericAdapter>) => {
      built.ids.push(args[1]);
      return actual.createGenericAdapter(...args);
    },
  };
});

const { classifyUrl, configureSites } = await import('@/lib/crm/registry');
const { DEFAULT_SITES, PRESET_ADAPTERS, PRESET_IDS } = await import('@/lib/crm/sites');

const D365 = 'https://contoso.crm4.dynamics.com/main.aspx?appid=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0&pagetype=entitylist&etn=contact';

describe('presets built on first use', () => {
  afterEach(() => configureSites(DEFAULT_SITES));

  it('builds no preset for Salesforce or HubSpot pages, and each preset once', () => {
    expect(classifyUrl('https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view')?.adapter.id).toBe('salesforce');
    expect(classifyUrl('https://app.hubspot.com/contacts/123456/record/0-1/987')?.adapter.id).toBe('hubspot');
    expect(built.ids).toEqual([]);
    expect(classifyUrl('https://example.com/x')).toBeNull();
    // An unknown host asks every enabled preset: all three are built, each once.
    expect(built.ids).toEqual(['dynamics365', 'zoho', 'pipedrive']);
    expect(classifyUrl(D365)?.adapter.id).toBe('dynamics365');
    expect(PRESET_ADAPTERS.dynamics365).toBe(classifyUrl(D365)?.adapter);
    expect(built.ids).toEqual(['dynamics365', 'zoho', 'pipedrive']);
  });

  it('lists the presets in a fixed order, enumerable like a plain record', () => {
    expect(PRESET_IDS).toEqual(['dynamics365', 'zoho', 'pipedrive']);
    expect(Object.keys(PRESET_ADAPTERS)).toEqual(PRESET_IDS);
    expect(Object.values(PRESET_ADAPTERS).map((a) => a.id)).toEqual(PRESET_IDS);
  });

  it('asks no preset the policy turned off', () => {
    configureSites({ ...DEFAULT_SITES, presets: { dynamics365: false, zoho: true, pipedrive: true } });
    expect(classifyUrl(D365)).toBeNull();
  });
});
