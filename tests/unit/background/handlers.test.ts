import { fakeBrowser } from 'wxt/testing';
import { ID, ORIGIN, testDeps } from './test-deps';
import { GENESIS_HASH, verifyEvents } from '@/lib/audit/chain';
import { createDb, type GuardDB } from '@/lib/db/db';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import type { Answer, BadgeSummary } from '@/lib/messaging/protocol';
import { handleMessage, type Deps } from '@/entrypoints/background/handlers';
import { PolicyStore } from '@/entrypoints/background/policy';
import { setProfileName } from '@/lib/db/profile';

const SF_URL = 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view?ws=%2Flightning%2Fr%2FAccount%2F0015g00000XyZaBAAV%2Fview#frag';
const SF_KEY = 'sf:acme:Contact:0035g00000AbCdEAAV';

function content(tabId: number, url = SF_URL) {
  return { id: ID, origin: new URL(url).origin, url, tab: { id: tabId, url }, frameId: 0 };
}
const popup = { id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html` };

let db: GuardDB;
let deps: Deps;
let pushed: { tabId: number; summary: BadgeSummary }[];
let icons: { tabId: number; summary: BadgeSummary | undefined }[];
let clock: number;

beforeEach(async () => {
  fakeBrowser.reset(); // storage.session would carry tabs over from the previous test
  db = createDb(`handlers-${Math.random()}`);
  await db.open();
  await setProfileName(db, 'Rep One');
  pushed = [];
  icons = [];
  clock = Date.UTC(2026, 10, 29, 10, 0, 0);
  const tabUrls = new Map<number, string>();
  deps = testDeps(db, () => clock++, {
    policies: new PolicyStore(db, () => clock),
    tabUrl: async (tabId) => tabUrls.get(tabId),
    pushBadge: async (tabId, summary) => {
      pushed.push({ tabId, summary });
    },
    setIcon: async (tabId, summary) => {
      icons.push({ tabId, summary });
    },
  });
});

afterEach(() => db.close());

const purpose = () => DEFAULT_POLICY.purposes[0]!.id;

describe('page.state', () => {
  test('a record visit is logged once as a view, with the path but no query or fragment', async () => {
    const a = await handleMessage({ type: 'page.state', payload: { visitId: 'visit-0001', kind: 'record', title: 'Jane Doe', url: SF_URL } }, content(4), deps);
    expect(a).toMatchObject({ ok: true, data: { tabId: 4, key: SF_KEY, summary: { state: 'missing' } } });
    // The same visit reported again (a retry) is not a second view.
    await handleMessage({ type: 'page.state', payload: { visitId: 'visit-0001', kind: 'record', title: 'Jane Doe', url: SF_URL } }, content(4), deps);
    const events = await db.events.toArray();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'view', recordKey: SF_KEY, recordId: '0035g00000AbCdEAAV', object: 'Contact', org: 'acme', crm: 'salesforce', path: '/lightning/r/Contact/0035g00000AbCdEAAV/view', actor: 'Rep One', fields: [] });
    expect(JSON.stringify(events)).not.toContain('Jane Doe');
    // A new visit of the same record is a new view.
    await handleMessage({ type: 'page.state', payload: { visitId: 'visit-0002', kind: 'record', title: 'Jane Doe', url: SF_URL } }, content(4), deps);
    expect(await db.events.count()).toBe(2);
    expect(icons.at(-1)).toEqual({ tabId: 4, summary: { key: SF_KEY, state: 'missing' } });
  });

  test('the object in the URL wins over the object hint', async () => {
    const a = await handleMessage(
      { type: 'page.state', payload: { visitId: 'visit-0003', kind: 'record', title: 'x', objectHint: 'Lead', url: SF_URL } },
      content(5),
      deps,
    );
    expect(a).toMatchObject({ ok: true, data: { key: SF_KEY } });
  });

  test('after pushState the stated URL is taken within the frame origin, never outside it', async () => {
    // Chrome keeps sender.url at the URL the document loaded with; the page moved on by pushState.
    const moved = 'https://acme.lightning.force.com/lightning/r/00Q5g00000LeAdXEAV/view';
    const same = await handleMessage({ type: 'page.state', payload: { visitId: 'visit-0006', kind: 'record', title: 'x', url: moved } }, content(5), deps);
    expect(same).toMatchObject({ ok: true, data: { key: 'sf:acme:Lead:00Q5g00000LeAdXEAV' } });
    const before = await db.events.count();
    for (const url of ['https://globex.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view', 'https://app.hubspot.com/contacts/1/record/0-1/2', 'not a url']) {
      const other = await handleMessage({ type: 'page.state', payload: { visitId: 'visit-0007', kind: 'record', title: 'x', url } }, content(5), deps);
      expect(other.ok).toBe(false);
    }
    expect(await db.events.count()).toBe(before);
  });

  test('a list or unknown page logs nothing', async () => {
    const list = 'https://acme.lightning.force.com/lightning/o/Contact/list?filterName=AllContacts';
    expect(await handleMessage({ type: 'page.state', payload: { visitId: 'visit-0004', kind: 'list', url: list } }, content(6, list), deps)).toMatchObject({ ok: true });
    expect(await handleMessage({ type: 'page.state', payload: { visitId: 'visit-0005', kind: 'record', title: 'x', url: 'https://acme.lightning.force.com/setup/home' } }, content(6, 'https://acme.lightning.force.com/setup/home'), deps)).toMatchObject({ ok: true });
    expect(await db.events.count()).toBe(0);
  });
});

describe('record.setBasis', () => {
  beforeEach(async () => {
    await handleMessage({ type: 'page.state', payload: { visitId: 'visit-1001', kind: 'record', title: 'Jane', url: SF_URL } }, content(1), deps);
    await handleMessage({ type: 'page.state', payload: { visitId: 'visit-1002', kind: 'record', title: 'Jane', url: SF_URL } }, content(2), deps);
  });

  test('saves the basis, logs basis-set without the note, and pushes the badge to every tab of the record', async () => {
    const answer = await handleMessage(
      { type: 'record.setBasis', payload: { tabId: 1, key: SF_KEY, purposeId: purpose(), basis: 'f', note: 'LIA ref 12 — call with Jane' } },
      popup,
      deps,
    );
    expect(answer).toMatchObject({ ok: true, data: { summary: { key: SF_KEY, state: 'basis-logged', basis: 'f' } } });
    const row = await db.records.get(SF_KEY);
    expect(row?.bases).toHaveLength(1);
    expect(row?.bases[0]).toMatchObject({ basis: 'f', note: 'LIA ref 12 — call with Jane', actor: 'Rep One' });
    const events = await db.events.where('action').equals('basis-set').toArray();
    expect(events).toHaveLength(1);
    expect(events[0]?.detail).toBe(`basis=f;purpose=${purpose()}`);
    expect(JSON.stringify(events)).not.toContain('Jane');
    expect(pushed.map((p) => p.tabId).sort()).toEqual([1, 2]);
    expect(pushed[0]?.summary.state).toBe('basis-logged');
    // History is kept: a second decision adds, never overwrites.
    await handleMessage({ type: 'record.setBasis', payload: { tabId: 2, key: SF_KEY, purposeId: purpose(), basis: 'a', note: '' } }, popup, deps);
    expect((await db.records.get(SF_KEY))?.bases.map((b) => b.basis)).toEqual(['f', 'a']);
    const all = await db.events.orderBy('seq').toArray();
    expect(await verifyEvents(all, GENESIS_HASH, await deps.log.head())).toMatchObject({ ok: true, count: all.length });
  });

  test('open lists of the record’s kind get its row’s new state (and its retention verdict); lists of another object or org do not', async () => {
    const rows: { tabId: number; rows: { key: string; state: string; retention: string }[] }[] = [];
    deps.pushRows = async (tabId, r) => {
      rows.push({ tabId, rows: r });
    };
    const lists = {
      7: 'https://acme.lightning.force.com/lightning/o/Contact/list?filterName=AllContacts',
      8: 'https://acme.lightning.force.com/lightning/o/Lead/list?filterName=AllOpenLeads',
      9: 'https://globex.lightning.force.com/lightning/o/Contact/list?filterName=AllContacts',
    };
    for (const [tab, url] of Object.entries(lists)) {
      await handleMessage({ type: 'page.state', payload: { visitId: `visit-20${tab}0`, kind: 'list', url } }, content(Number(tab), url), deps);
    }
    await handleMessage({ type: 'retention.report', payload: { url: SF_URL, ruleId: 'prospects', state: 'due-soon', expiresOn: '2026-12-20' } }, content(1), deps);
    expect(rows).toEqual([{ tabId: 7, rows: [expect.objectContaining({ key: SF_KEY, state: 'missing', retention: 'due-soon' })] }]);
    rows.length = 0;
    await handleMessage({ type: 'record.setBasis', payload: { tabId: 1, key: SF_KEY, purposeId: purpose(), basis: 'f', note: '' } }, popup, deps);
    expect(rows).toEqual([{ tabId: 7, rows: [expect.objectContaining({ key: SF_KEY, state: 'basis-logged', basis: 'f', retention: 'due-soon' })] }]);
  });

  test('refuses a key that is not what the tab shows (stale panel), an unknown purpose, and a content-script sender', async () => {
    const stale = await handleMessage(
      { type: 'record.setBasis', payload: { tabId: 1, key: 'sf:acme:Contact:0035g00000ZzZzZAAV', purposeId: purpose(), basis: 'f', note: '' } },
      popup,
      deps,
    );
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const badPurpose = await handleMessage({ type: 'record.setBasis', payload: { tabId: 1, key: SF_KEY, purposeId: 'no-such-purpose', basis: 'f', note: '' } }, popup, deps);
    expect(badPurpose).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const fromPage = await handleMessage({ type: 'record.setBasis', payload: { tabId: 1, key: SF_KEY, purposeId: purpose(), basis: 'f', note: '' } }, content(1), deps);
    expect(fromPage).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await db.events.where('action').equals('basis-set').count()).toBe(0);
    expect((await db.records.get(SF_KEY))?.bases).toEqual([]);
  });
});

describe('spoofed and malformed messages change nothing', () => {
  const cases: [string, unknown, Parameters<typeof handleMessage>[1]][] = [
    ['another extension', { type: 'tab.get', payload: { tabId: 1 } }, { id: 'other-extension', origin: 'chrome-extension://other' }],
    ['a web page (no id)', { type: 'page.state', payload: { visitId: 'visit-9999', kind: 'record', url: SF_URL } }, { origin: 'https://evil.example', url: 'https://evil.example/' }],
    ['an unknown type', { type: 'events.clear', payload: {} }, popup],
    ['no envelope', 'page.state', popup],
    ['extra keys', { type: 'tab.get', payload: { tabId: 1, admin: true } }, popup],
    ['wrong basis letter', { type: 'record.setBasis', payload: { tabId: 1, key: SF_KEY, purposeId: 'x', basis: 'g', note: '' } }, popup],
    ['a sub-frame content script', { type: 'page.state', payload: { visitId: 'visit-8888', kind: 'record', url: SF_URL } }, { ...content(3), frameId: 2 }],
    ['__proto__ payload', JSON.parse('{"type":"tab.get","payload":{"__proto__":{"tabId":1}}}'), popup],
  ];
  test.each(cases)('%s', async (_name, message, sender) => {
    const answer = await handleMessage(message, sender, deps);
    expect(answer.ok).toBe(false);
    expect(await db.events.count()).toBe(0);
    expect(await db.records.count()).toBe(0);
  });
});

describe('tab.get', () => {
  test('falls back to the tab URL before the content script reports, and says "other" for non-CRM tabs', async () => {
    deps.tabUrl = async (tabId) => (tabId === 9 ? 'https://app-eu1.hubspot.com/contacts/654321/record/0-1/77' : 'https://example.org/');
    const hs = await handleMessage({ type: 'tab.get', payload: { tabId: 9 } }, popup, deps);
    expect(hs).toMatchObject({ ok: true, data: { page: { kind: 'record', key: 'hs:654321:0-1:77' }, summary: { state: 'missing' } } });
    const other = await handleMessage({ type: 'tab.get', payload: { tabId: 10 } }, popup, deps);
    expect(other).toMatchObject({ ok: true, data: { page: { kind: 'other' } } });
  });
});

describe('dashboard messages', () => {
  test('policy.active answers the default policy, stored with its activation time', async () => {
    const answer = await handleMessage({ type: 'policy.active', payload: {} }, popup, deps);
    expect(answer).toMatchObject({ ok: true, data: { source: 'default', policy: { policyVersion: DEFAULT_POLICY.policyVersion } } });
    expect(await db.policies.count()).toBe(1);
  });

  test('profile name: set, read back, then written as the actor of new events', async () => {
    expect(await handleMessage({ type: 'profile.set', payload: { name: '  Ana Ruiz ' } }, popup, deps)).toEqual({
      ok: true,
      data: { name: 'Ana Ruiz', isDefault: false },
    });
    await handleMessage({ type: 'page.state', payload: { visitId: 'visit-2001', kind: 'record', title: 'x', url: SF_URL } }, content(3), deps);
    expect((await db.events.toArray())[0]?.actor).toBe('Ana Ruiz');
  });

  test('a profile name with control characters or from a content script is refused', async () => {
    expect(await handleMessage({ type: 'profile.set', payload: { name: 'a\nb' } }, popup, deps)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await handleMessage({ type: 'profile.set', payload: { name: 'Mallory' } }, content(3), deps)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handleMessage({ type: 'profile.get', payload: {} }, popup, deps)).toEqual({ ok: true, data: { name: 'Rep One', isDefault: false } });
  });

  test('events.recent: newest first, with the total', async () => {
    for (const visitId of ['visit-3001', 'visit-3002', 'visit-3003']) {
      await handleMessage({ type: 'page.state', payload: { visitId, kind: 'record', title: 'x', url: SF_URL } }, content(3), deps);
    }
    const answer = (await handleMessage({ type: 'events.recent', payload: { limit: 2 } }, popup, deps)) as Answer<'events.recent'>;
    expect(answer.ok && answer.data.total).toBe(3);
    expect(answer.ok && answer.data.events.map((e) => e.seq)).toEqual([3, 2]);
  });
});
