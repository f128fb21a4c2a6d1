import { loadAddressReader, readRecordInput } from '@/lib/crm/record-input';
import { classifyUrl, configureSites } from '@/lib/crm/registry';
import { recordKey } from '@/lib/crm/types';
import type { SitesPolicy } from '@/lib/policy/sites-schema';

const SF_18 = 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view';
const SF_15 = 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdE/view';
const HS = 'https://app.hubspot.com/contacts/123/record/0-1/456';
const D365 = 'https://contoso.crm4.dynamics.com/main.aspx?appid=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0&pagetype=entityrecord&etn=contact&id=8F2D6A1B-3C4D-4E5F-8A9B-0C1D2E3F4A5B';
const SITES: SitesPolicy = {
  presets: { dynamics365: true, zoho: true, pipedrive: true },
  adapters: [],
  customDomains: [{ host: 'crm.acme.example', adapter: 'salesforce', org: 'acme' }],
};

describe('readRecordInput: the Record filter’s text', () => {
  test('a record key is kept as typed (trimmed), with or without a reader', async () => {
    expect(readRecordInput('  sf:acme:Contact:0035g00000AbCdEAAV ', null)).toEqual({ kind: 'key', key: 'sf:acme:Contact:0035g00000AbCdEAAV' });
    expect(readRecordInput('hs:123:0-1:456', await loadAddressReader(undefined))).toEqual({ kind: 'key', key: 'hs:123:0-1:456' });
    for (const key of ['d365:contoso.crm4.dynamics.com:contact:1', 'zoho:x:Leads:1', 'pd:acme:person:1', 'cx:crm.example:ticket:1']) {
      expect(readRecordInput(key, null)).toEqual({ kind: 'key', key });
    }
    expect(readRecordInput('   ', null)).toEqual({ kind: 'empty' });
  });

  test('an address waits for the reader, then gives the key the CRM pages store (15 and 18 characters, HubSpot, a preset)', async () => {
    expect(readRecordInput(SF_15, null)).toEqual({ kind: 'pending' });
    const read = await loadAddressReader(undefined);
    expect(readRecordInput(SF_18, read)).toEqual({ kind: 'url', key: 'sf:acme:Contact:0035g00000AbCdEAAV' });
    expect(readRecordInput(SF_15, read)).toEqual({ kind: 'url', key: 'sf:acme:Contact:0035g00000AbCdEAAV' });
    // Pasted without its scheme (some address bars copy it so).
    expect(readRecordInput(SF_15.replace('https://', ''), read)).toEqual({ kind: 'url', key: 'sf:acme:Contact:0035g00000AbCdEAAV' });
    expect(readRecordInput(HS, read)).toEqual({ kind: 'url', key: 'hs:123:0-1:456' });
    const d365 = readRecordInput(D365, read);
    expect(d365).toEqual({ kind: 'url', key: 'd365:contoso.crm4.dynamics.com:contact:8f2d6a1b-3c4d-4e5f-8a9b-0c1d2e3f4a5b' });
    // The very key the background logs for that page (handlers: classifyUrl, then recordKey).
    for (const [url, got] of [[SF_15, readRecordInput(SF_15, read)], [HS, readRecordInput(HS, read)], [D365, d365]] as const) {
      const page = classifyUrl(url)?.page;
      expect(page?.kind).toBe('record');
      expect(got).toEqual({ kind: 'url', key: page?.kind === 'record' ? recordKey(page.ref) : 'none' });
    }
  });

  test('the policy’s sites: a custom domain reads as its org; without the policy it is unknown; a preset switched off is unknown', async () => {
    const custom = 'https://crm.acme.example/lightning/r/Contact/0035g00000AbCdE/view';
    expect(readRecordInput(custom, await loadAddressReader(undefined))).toEqual({ kind: 'error', problem: 'unknown-site' });
    expect(readRecordInput(custom, await loadAddressReader(SITES))).toEqual({ kind: 'url', key: 'sf:acme:Contact:0035g00000AbCdEAAV' });
    const noD365 = await loadAddressReader({ ...SITES, presets: { ...SITES.presets, dynamics365: false } });
    expect(readRecordInput(D365, noD365)).toEqual({ kind: 'error', problem: 'unknown-site' });
    configureSites(undefined);
  });

  test('what is neither is told apart: unknown site, not a record page, no object in the address, not a key', async () => {
    const read = await loadAddressReader(undefined);
    expect(readRecordInput('https://example.com/contacts/1', read)).toEqual({ kind: 'error', problem: 'unknown-site' });
    expect(readRecordInput('https://www.hubspot.com/products/crm', read)).toEqual({ kind: 'error', problem: 'unknown-site' });
    expect(readRecordInput('https://acme.lightning.force.com/lightning/o/Contact/list', read)).toEqual({ kind: 'error', problem: 'not-record' });
    expect(readRecordInput('https://app.hubspot.com/contacts/123/objects/0-1/views/all/list', read)).toEqual({ kind: 'error', problem: 'not-record' });
    // A custom object's id with no object in the path: the key needs the object, which only the page's DOM gives.
    expect(readRecordInput('https://acme.lightning.force.com/lightning/r/a0T5g00000AbCdE/view', read)).toEqual({ kind: 'error', problem: 'no-object' });
    for (const text of ['0035g00000AbCdE', 'Ana Ruiz', 'SF:acme:Contact:1', 'sf:', 'javascript:alert(1)']) {
      expect(readRecordInput(text, read)).toEqual({ kind: 'error', problem: 'not-key' });
    }
    expect(readRecordInput('https://[not a url', read)).toEqual({ kind: 'error', problem: 'unknown-site' });
  });
});
