import { fakeBrowser } from 'wxt/testing';
import { ID, ORIGIN, testDeps } from './test-deps';
import { AccessLog } from '@/lib/audit/log';
import { GENESIS_HASH, verifyEvents } from '@/lib/audit/chain';
import { storageLocalMirror, storageLocalStatus, STORAGE_PROBLEM_KEY } from '@/lib/audit/outside';
import { createDb, type GuardDB } from '@/lib/db/db';
import { setProfileName } from '@/lib/db/profile';
import { handleMessage, type Deps } from '@/entrypoints/background/handlers';
import { pruneByPolicy } from '@/entrypoints/background/handlers/log';
import { TabRegistry } from '@/entrypoints/background/tabs';
import { PolicyStore } from '@/entrypoints/background/policy';

const SF_URL = 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view';
const SF_OTHER = 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000QqQqQEAA/view';
const SF_KEY = 'sf:acme:Contact:0035g00000AbCdEAAV';
const OTHER_KEY = 'sf:acme:Contact:0035g00000QqQqQEAA';
const UUID = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';

const content = (tabId: number, url = SF_URL) => ({ id: ID, origin: new URL(url).origin, url, tab: { id: tabId, url }, frameId: 0 });
const dashboard = { id: ID, origin: ORIGIN, url: `${ORIGIN}/dashboard.html` };

let db: GuardDB;
let deps: Deps;
let clock: number;

beforeEach(async () => {
  fakeBrowser.reset();
  db = createDb(`log-handlers-${Math.random()}`);
  await db.open();
  await setProfileName(db, 'Rep One');
  clock = Date.UTC(2026, 10, 29, 10, 0, 0);
  deps = testDeps(db, () => clock++, {
    log: new AccessLog(db, { mirror: storageLocalMirror, status: storageLocalStatus }),
    policies: new PolicyStore(db, () => clock),
  });
});
afterEach(() => db.close());

const view = (tabId: number, visitId: string, url = SF_URL) =>
  handleMessage({ type: 'page.state', payload: { visitId, kind: 'record', title: 'Jane Doe', url } }, content(tabId, url), deps);

describe('durable views', () => {
  test('a page.state retried after the worker lost its tab registry logs the view once', async () => {
    await view(4, 'visit-0001');
    // A restarted worker: fresh in-memory registry, storage.session gone too.
    fakeBrowser.reset();
    deps.tabs = new TabRegistry();
    deps.log = new AccessLog(db);
    await view(4, 'visit-0001');
    await view(4, 'visit-0001');
    const events = await db.events.toArray();
    expect(events.map((e) => [e.action, e.eventId])).toEqual([['view', 'view-visit-0001-Contact-0035g00000AbCdEAAV']]);
    await view(4, 'visit-0002');
    expect(await db.events.count()).toBe(2);
  });
});

describe('log.event: record and time are set by the background', () => {
  test('a copy on the record the tab shows is logged with the tab record and the background clock', async () => {
    await view(7, 'visit-0007');
    const answer = await handleMessage({ type: 'log.event', payload: { eventId: UUID, action: 'copy', url: SF_URL, key: SF_KEY, fields: ['Email', 'Email'] } }, content(7), deps);
    expect(answer).toMatchObject({ ok: true, data: { event: { action: 'copy', recordKey: SF_KEY, fields: ['Email'], actor: 'Rep One', eventId: UUID } } });
    // The same event again (a retry) is not a second event.
    await handleMessage({ type: 'log.event', payload: { eventId: UUID, action: 'copy', url: SF_URL, key: SF_KEY, fields: ['Email'] } }, content(7), deps);
    expect(await db.events.where('action').equals('copy').count()).toBe(1);
  });

  test('another tab’s record, a time, or an unknown action are refused and nothing is written', async () => {
    await view(7, 'visit-0007');
    await view(8, 'visit-0008', SF_OTHER);
    const before = await db.events.count();
    const forged = await handleMessage({ type: 'log.event', payload: { eventId: UUID, action: 'copy', url: SF_URL, key: OTHER_KEY, fields: [] } }, content(7), deps);
    expect(forged).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const otherUrl = await handleMessage({ type: 'log.event', payload: { eventId: UUID, action: 'copy', url: SF_OTHER, key: OTHER_KEY, fields: [] } }, content(7), deps);
    expect(otherUrl).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const future = await handleMessage({ type: 'log.event', payload: { eventId: UUID, action: 'copy', url: SF_URL, key: SF_KEY, fields: [], at: clock + 86_400_000 } }, content(7), deps);
    expect(future).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const action = await handleMessage({ type: 'log.event', payload: { eventId: UUID, action: 'log-pruned', url: SF_URL, key: SF_KEY, fields: [] } }, content(7), deps);
    expect(action).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const fromPage = await handleMessage({ type: 'log.event', payload: { eventId: UUID, action: 'copy', url: SF_URL, key: SF_KEY, fields: [] } }, dashboard, deps);
    expect(fromPage).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await db.events.count()).toBe(before);
  });
});

describe('dashboard messages', () => {
  test('chain info, export logged, verification stored, storage flag read', async () => {
    await view(4, 'visit-0001');
    const chain = await handleMessage({ type: 'log.chain', payload: {} }, dashboard, deps);
    expect(chain).toMatchObject({ ok: true, data: { total: 1, checkpoint: null, lastVerified: null, storageProblem: null, actor: 'Rep One' } });
    if (!chain.ok) return;
    const data = chain.data as { head: { hash: string; seq: number }; mirror: { hash: string; seq: number } };
    expect(data.mirror).toEqual(data.head);
    const exported = await handleMessage({ type: 'log.exported', payload: { format: 'csv', count: 1, headHash: data.head.hash } }, dashboard, deps);
    expect(exported).toMatchObject({ ok: true, data: { event: { action: 'log-exported', detail: `format=csv;count=1;head=${data.head.hash}` } } });
    const verified = await handleMessage({ type: 'log.verified', payload: { ok: true, count: 2 } }, dashboard, deps);
    expect(verified).toMatchObject({ ok: true, data: { lastVerified: { ok: true, count: 2, at: expect.any(Number) } } });
    await fakeBrowser.storage.local.set({ [STORAGE_PROBLEM_KEY]: 123 });
    expect(await handleMessage({ type: 'log.status', payload: {} }, dashboard, deps)).toEqual({ ok: true, data: { storageProblem: 123 } });
    expect(await handleMessage({ type: 'log.status', payload: {} }, content(4), deps)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const all = await db.events.toArray();
    expect(await verifyEvents(all, GENESIS_HASH, await deps.log.head())).toMatchObject({ ok: true, count: 2 });
    // Without the count (Verify now): what the chain should hold, from the head and the checkpoint.
    await db.events.delete(1);
    expect(await handleMessage({ type: 'log.chain', payload: { count: false } }, dashboard, deps)).toMatchObject({ ok: true, data: { total: 2 } });
    expect(await handleMessage({ type: 'log.chain', payload: {} }, dashboard, deps)).toMatchObject({ ok: true, data: { total: 1 } });
    expect(await handleMessage({ type: 'log.chain', payload: { count: 'no' } }, dashboard, deps)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  test('query pages, bad ranges refused with what to do', async () => {
    for (let i = 0; i < 5; i++) await view(4, `visit-000${i}`);
    const page = await handleMessage({ type: 'log.query', payload: { filter: { action: 'view' }, offset: 1, limit: 2 } }, dashboard, deps);
    expect(page).toMatchObject({ ok: true, data: { events: expect.any(Array) } });
    expect(await handleMessage({ type: 'log.count', payload: { filter: { action: 'view' } } }, dashboard, deps)).toEqual({ ok: true, data: { total: 5 } });
    if (page.ok) expect((page.data as { events: { seq: number }[] }).events.map((e) => e.seq)).toEqual([4, 3]);
    const bad = await handleMessage({ type: 'log.stats', payload: { from: 10, to: 5 } }, dashboard, deps);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('Pick the dates again') } });
  });

  test('the retention alarm prunes by the policy and logs log-pruned', async () => {
    await view(4, 'visit-0001');
    clock += 366 * 86_400_000;
    await view(4, 'visit-0002');
    expect(await pruneByPolicy(deps)).toBe(1);
    const events = await db.events.toArray();
    expect(events.map((e) => e.action)).toEqual(['view', 'log-pruned']);
    expect(events[1]?.detail).toMatch(/^pruned=1;total=1;from=.*;lastSeq=1;lastHash=[0-9a-f]{64}$/);
  });
});
