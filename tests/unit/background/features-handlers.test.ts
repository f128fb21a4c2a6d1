import { fakeBrowser } from 'wxt/testing';
import { ID, ORIGIN, testDeps } from './test-deps';
import { createDb, type GuardDB } from '@/lib/db/db';
import { configureSites } from '@/lib/crm/registry';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { handleMessage, type Deps } from '@/entrypoints/background/handlers';
import { PolicyStore } from '@/entrypoints/background/policy';

// features.load: the background runs crm-lazy.js in the asking frame's isolated world, and only
// for our content script in a tab that is (still) on a CRM page. Every refusal injects nothing.

const SF_URL = 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view';
const PIPEDRIVE_URL = 'https://acme.pipedrive.com/person/42';
const LOAD = { type: 'features.load', payload: {} };

function content(tabId: number, url = SF_URL, extra: Record<string, unknown> = {}) {
  return { id: ID, origin: new URL(url).origin, url, tab: { id: tabId, url }, frameId: 0, ...extra };
}

let db: GuardDB;
let deps: Deps;
let policies: PolicyStore;
let injected: { tabId: number; frameId: number; documentId?: string }[];
let tabUrls: Map<number, string>;

beforeEach(async () => {
  fakeBrowser.reset();
  db = createDb(`features-${Math.random()}`);
  await db.open();
  injected = [];
  tabUrls = new Map([[4, SF_URL], [5, PIPEDRIVE_URL]]);
  policies = new PolicyStore(db, () => Date.UTC(2026, 10, 29));
  deps = testDeps(db, () => Date.UTC(2026, 10, 29), {
    policies,
    tabUrl: async (tabId) => tabUrls.get(tabId),
    injectFeatures: async (target) => {
      injected.push(target);
    },
  });
});

afterEach(() => {
  configureSites(undefined);
  db.close();
});

describe('features.load', () => {
  test('our content script on a CRM page gets crm-lazy.js in its own document (Chrome: documentId)', async () => {
    const answer = await handleMessage(LOAD, content(4, SF_URL, { documentId: 'DOC-1' }), deps);
    expect(answer).toEqual({ ok: true, data: { loaded: true } });
    expect(injected).toEqual([{ tabId: 4, frameId: 0, documentId: 'DOC-1' }]);
  });

  test('without a documentId (Firefox) the top frame of the tab; a preset host counts as a CRM page', async () => {
    const answer = await handleMessage(LOAD, content(5, PIPEDRIVE_URL), deps);
    expect(answer).toEqual({ ok: true, data: { loaded: true } });
    expect(injected).toEqual([{ tabId: 5, frameId: 0 }]);
  });

  test.each([
    ['an extension page', { id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html`, tab: { id: 4, url: SF_URL } }],
    ['another extension', { ...content(4), id: 'zyxwvutsrqponmlkzyxwvutsrqponmlk' }],
    ['a web page (no extension id)', { ...content(4), id: undefined }],
    ['a frame inside the CRM page', { ...content(4), frameId: 3 }],
    ['a sender without a tab', { id: ID, origin: new URL(SF_URL).origin, url: SF_URL, frameId: 0 }],
  ])('refused from %s', async (_name, sender) => {
    const answer = await handleMessage(LOAD, sender, deps);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(injected).toEqual([]);
  });

  test('refused for a frame that is not on a CRM page, and for a preset the policy switched off', async () => {
    tabUrls.set(6, 'https://example.com/');
    expect(await handleMessage(LOAD, content(6, 'https://example.com/'), deps)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    vi.spyOn(policies, 'active').mockResolvedValue({
      ...DEFAULT_POLICY,
      sites: { presets: { dynamics365: true, zoho: true, pipedrive: false }, adapters: [], customDomains: [] },
    });
    expect(await handleMessage(LOAD, content(5, PIPEDRIVE_URL), deps)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(injected).toEqual([]);
  });

  test('refused when the tab has left the origin that asked, or is gone', async () => {
    tabUrls.set(4, 'https://evil.example/lightning/r/Contact/0035g00000AbCdEAAV/view');
    expect(await handleMessage(LOAD, content(4), deps)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    tabUrls.delete(4);
    expect(await handleMessage(LOAD, content(4), deps)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(injected).toEqual([]);
  });

  test('a payload with anything in it is refused; a browser refusal is an error answer, not a success', async () => {
    expect(await handleMessage({ type: 'features.load', payload: { file: '/popup.html' } }, content(4), deps)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(injected).toEqual([]);
    deps.injectFeatures = async () => {
      throw new Error('Cannot access contents of the page');
    };
    const answer = await handleMessage(LOAD, content(4), deps);
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('Cannot access contents of the page') } });
  });
});
