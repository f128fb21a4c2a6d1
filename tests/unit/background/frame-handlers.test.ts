import { fakeBrowser } from 'wxt/testing';
import { ID, ORIGIN, testDeps } from './test-deps';
import { createDb, type GuardDB } from '@/lib/db/db';
import { allowedSenders, requestSchemas, type Answer, type MessageType } from '@/lib/messaging/protocol';
import { handleMessage, type Deps } from '@/entrypoints/background/handlers';
import { FRAME_RULES } from '@/entrypoints/background/handlers/frame';
import { MaskTabs, setMaskServices } from '@/entrypoints/background/mask-state';
import { PolicyStore } from '@/entrypoints/background/policy';
import { setProfileName } from '@/lib/db/profile';

/**
 * The in-page record panel and the reveal dialog are extension pages framed inside a tab, and
 * web-accessible: any page can embed them and try to make the user click in them. Framed, they act
 * on their own tab and the record it shows, and send only what they need.
 */
const HS = (id: number) => `https://app.hubspot.com/contacts/123456/record/0-1/${id}`;
const KEY_A = 'hs:123456:0-1:501'; // shown in tab 1
const KEY_B = 'hs:123456:0-1:502'; // shown in tab 2
const BIRTH = 'date_of_birth';
const UUID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const content = (tabId: number, url: string) => ({ id: ID, origin: 'https://app.hubspot.com', url, tab: { id: tabId, url }, frameId: 0 });
const toolbarPopup = { id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html` };
const dashboardTab = { id: ID, origin: ORIGIN, url: `${ORIGIN}/dashboard.html`, tab: { id: 30, url: `${ORIGIN}/dashboard.html` }, frameId: 0 };
/** The in-page panel framed in tab `tabId`; `param` is the tab its URL names (any page can choose it). */
const panelIn = (tabId: number, param = tabId) => ({
  id: ID,
  origin: ORIGIN,
  url: `${ORIGIN}/popup.html?tab=${param}&embed=1`,
  tab: { id: tabId, url: tabId === 9 ? 'https://evil.example/' : HS(500 + tabId) },
  frameId: 4,
});
const revealIn = (tabId: number) => ({ id: ID, origin: ORIGIN, url: `${ORIGIN}/reveal.html?tab=${tabId}&field=x`, tab: { id: tabId, url: HS(500 + tabId) }, frameId: 5 });

let db: GuardDB;
let deps: Deps;
let pushes: number[];
let clock: number;

async function ask<T extends MessageType>(type: T, payload: unknown, sender: object): Promise<Answer<T>> {
  return (await handleMessage({ type, payload }, sender, deps)) as Answer<T>;
}

async function ok<T extends MessageType>(type: T, payload: unknown, sender: object): Promise<Extract<Answer<T>, { ok: true }>['data']> {
  const answer = await ask(type, payload, sender);
  if (!answer.ok) throw new Error(`${type}: ${answer.error.message}`);
  return answer.data;
}

/** Refused as forbidden with `message`, and nothing stored or pushed. */
async function forbidden(type: MessageType, payload: unknown, sender: object, message: RegExp): Promise<void> {
  const before = JSON.stringify([await db.events.count(), await db.records.toArray(), await db.table('requests').toArray()]);
  const pushed = pushes.length;
  const answer = await ask(type, payload, sender);
  expect(answer, type).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  if (!answer.ok) expect(answer.error.message, type).toMatch(message);
  expect(JSON.stringify([await db.events.count(), await db.records.toArray(), await db.table('requests').toArray()])).toBe(before);
  expect(pushes.length).toBe(pushed);
}

beforeEach(async () => {
  fakeBrowser.reset();
  db = createDb(`frame-${Math.random()}`);
  await db.open();
  await setProfileName(db, 'Rep One');
  clock = new Date(2026, 10, 29, 10, 0, 0).getTime();
  pushes = [];
  deps = testDeps(db, () => clock++, {
    policies: new PolicyStore(db, () => clock),
    tabUrl: async (tabId) => (tabId === 9 ? 'https://evil.example/' : undefined),
    pushBadge: async (tabId) => {
      pushes.push(tabId);
    },
  });
  setMaskServices(deps, {
    tabs: new MaskTabs(),
    push: async (tabId) => {
      pushes.push(tabId);
    },
  });
  await ok('page.state', { visitId: 'visit-0001', kind: 'record', title: 'Jane', url: HS(501) }, content(1, HS(501)));
  await ok('page.state', { visitId: 'visit-0002', kind: 'record', title: 'John', url: HS(502) }, content(2, HS(502)));
  for (const [tabId, key] of [[1, KEY_A], [2, KEY_B]] as const) {
    await ok('subject.set', { tabId, key, jurisdiction: 'eu', source: 'direct', obtainedOn: '2026-01-05' }, toolbarPopup);
  }
  pushes = [];
});

afterEach(() => db.close());

const basis = (tabId: number, key: string) => ({ tabId, key, purposeId: 'prospecting', basis: 'b', reference: 'C-1', note: '' });
const give = (tabId: number, key: string) => ({ tabId, key, purposeId: 'newsletter', channels: ['email'], method: 'form', wording: 'Form v3', givenOn: '2026-11-01' });
const openRequest = (tabId: number, key: string) => ({ tabId, key, kind: 'access', receivedOn: '2026-11-20', identity: 'id-document', identityNote: '' });

describe('the in-page panel, framed in tab 1', () => {
  test('acts on its own tab and record: read, basis, consent, request, export, masking', async () => {
    expect((await ok('tab.get', { tabId: 1 }, panelIn(1))).page).toMatchObject({ kind: 'record', key: KEY_A });
    expect((await ok('privacy.get', { tabId: 1, key: KEY_A }, panelIn(1))).key).toBe(KEY_A);
    expect((await ok('basis.set', basis(1, KEY_A), panelIn(1))).summary.state).toBe('basis-logged');
    expect((await ok('consent.give', give(1, KEY_A), panelIn(1))).summary.state).toBe('consent-given');
    const request = (await ok('request.open', openRequest(1, KEY_A), panelIn(1))).requests[0]!;
    expect((await ok('request.extend', { id: request.id, reason: 'Records spread over three systems' }, panelIn(1))).request.status).toBe('extended');
    expect((await ok('request.close', { id: request.id, outcome: 'completed', closedOn: '2026-11-29', confirmed: [], note: '' }, panelIn(1))).request.status).toBe('closed');
    expect(await ok('export.log', { tabId: 1, key: KEY_A, format: 'json', fields: ['email'] }, panelIn(1))).toEqual({ logged: true });
    expect((await ok('mask.tab.set', { tabId: 1, change: { kind: 'mask-all', on: true } }, panelIn(1))).maskAll).toBe(true);
    expect((await ok('mask.tab.get', { tabId: 1 }, panelIn(1))).maskAll).toBe(true);
    expect(await ok('log.status', {}, panelIn(1))).toEqual({ storageProblem: null });
    const actions = (await db.events.toArray()).filter((e) => e.recordKey === KEY_A).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['basis-set', 'consent-given', 'request-opened', 'request-updated', 'request-closed', 'export']));
    expect((await db.events.toArray()).some((e) => e.recordKey === KEY_B && e.action !== 'view' && e.action !== 'basis-set')).toBe(false);
  });

  test('is refused for another tab, whatever tab its URL names', async () => {
    const other = /shown in tab 1: it may act on that tab only, not on tab 2/;
    await forbidden('tab.get', { tabId: 2 }, panelIn(1, 2), other);
    await forbidden('privacy.get', { tabId: 2, key: KEY_B }, panelIn(1, 2), other);
    await forbidden('basis.set', basis(2, KEY_B), panelIn(1, 2), other);
    await forbidden('consent.give', give(2, KEY_B), panelIn(1, 2), other);
    await forbidden('consent.withdraw', { tabId: 2, key: KEY_B, method: 'email', withdrawnOn: '2026-11-29' }, panelIn(1, 2), other);
    await forbidden('subject.set', { tabId: 2, key: KEY_B, jurisdiction: 'uk', source: 'direct', obtainedOn: '2026-01-05' }, panelIn(1, 2), other);
    await forbidden('notice.log', { tabId: 2, key: KEY_B, version: 'v1', givenOn: '2026-11-01', article: '13' }, panelIn(1, 2), other);
    await forbidden('request.open', openRequest(2, KEY_B), panelIn(1, 2), other);
    await forbidden('export.log', { tabId: 2, key: KEY_B, format: 'csv', fields: ['email'] }, panelIn(1, 2), other);
    await forbidden('mask.tab.get', { tabId: 2 }, panelIn(1, 2), other);
    await forbidden('mask.tab.set', { tabId: 2, change: { kind: 'mask-all', on: true } }, panelIn(1, 2), other);
    await forbidden('mask.tab.set', { tabId: 2, change: { kind: 'unmask', fieldKey: BIRTH, reason: { presetId: 'contract-follow-up' }, eventId: UUID(1) } }, panelIn(1, 2), other);
  });

  test('is refused for another record, even naming its own tab', async () => {
    const record = /only on the record its own tab shows now/;
    await forbidden('privacy.get', { tabId: 1, key: KEY_B }, panelIn(1), record);
    await forbidden('basis.set', basis(1, KEY_B), panelIn(1), record);
    await forbidden('consent.give', give(1, KEY_B), panelIn(1), record);
    await forbidden('export.log', { tabId: 1, key: KEY_B, format: 'json', fields: ['email'] }, panelIn(1), record);
    // A request of the record in tab 2 (opened from the toolbar popup): not the panel's to change.
    const theirs = (await ok('request.open', openRequest(2, KEY_B), toolbarPopup)).requests[0]!;
    const requests = /only on the requests of the record its own tab shows/;
    await forbidden('request.extend', { id: theirs.id, reason: 'Records spread over three systems' }, panelIn(1), requests);
    await forbidden('request.close', { id: theirs.id, outcome: 'refused', closedOn: '2026-11-29', confirmed: [], note: 'Manifestly unfounded request' }, panelIn(1), requests);
    await forbidden('request.close', { id: UUID(77), outcome: 'refused', closedOn: '2026-11-29', confirmed: [], note: 'Manifestly unfounded request' }, panelIn(1), requests);
  });

  test('framed by a page that shows no record (any site can embed it): nothing to act on', async () => {
    expect((await ok('tab.get', { tabId: 9 }, panelIn(9))).page).toEqual({ kind: 'other' });
    const none = /does not show a CRM record/;
    await forbidden('privacy.get', { tabId: 9, key: KEY_A }, panelIn(9), none);
    await forbidden('basis.set', basis(9, KEY_A), panelIn(9), none);
    await forbidden('tab.get', { tabId: 1 }, panelIn(9, 1), /shown in tab 9/);
  });

  test('may not send what it never needs (dashboard, log, policy, reveal, content-script messages)', async () => {
    const cases: [MessageType, unknown][] = [
      ['record.setBasis', { tabId: 1, key: KEY_A, purposeId: 'prospecting', basis: 'b', note: '' }],
      ['events.recent', { limit: 10 }],
      ['profile.set', { name: 'Mallory' }],
      ['profile.get', {}],
      ['request.list', {}],
      ['report.get', {}],
      ['log.query', { filter: {}, offset: 0, limit: 10 }],
      ['log.count', { filter: {} }],
      ['log.page', { afterSeq: 0, limit: 10 }],
      ['log.exported', { format: 'csv', count: 0, headHash: '0'.repeat(64) }],
      ['policy.status', {}],
      ['policy.apply', { text: '{}', via: 'editor' }],
      ['policy.setUrl', { clear: true }],
      ['sites.sync', {}],
      ['pages.warnings', {}],
      ['field.reveal', { tabId: 1, fieldKey: BIRTH, reason: { presetId: 'contract-follow-up' }, eventId: UUID(2) }],
      ['page.state', { visitId: 'visit-0009', kind: 'record', url: HS(501) }],
      ['log.event', { eventId: UUID(3), action: 'export', url: HS(501), key: KEY_A, fields: [] }],
    ];
    for (const [type, payload] of cases) await forbidden(type, payload, panelIn(1), /may not be sent from/);
  });
});

describe('the in-page panel asks to be closed (Escape pressed inside its frame)', () => {
  test('its own tab only: the background tells that tab to close its panel', async () => {
    const sent: [number, unknown][] = [];
    setMaskServices(deps, {
      tabs: new MaskTabs(),
      push: async (tabId, message) => {
        pushes.push(tabId);
        sent.push([tabId, message]);
      },
    });
    expect(await ok('panel.close', { tabId: 1 }, panelIn(1))).toEqual({ closed: true });
    expect(sent).toEqual([[1, { type: 'panel.close' }]]);
    // A panel framed in tab 1, whatever its URL says, cannot close tab 2's panel.
    await forbidden('panel.close', { tabId: 2 }, panelIn(1, 2), /shown in tab 1: it may act on that tab only, not on tab 2/);
    // The reveal dialog, the toolbar popup, the dashboard and content scripts have no panel to close.
    await forbidden('panel.close', { tabId: 1 }, revealIn(1), /may not be sent from \/reveal\.html/);
    for (const sender of [toolbarPopup, dashboardTab, content(1, HS(501))]) await forbidden('panel.close', { tabId: 1 }, sender, /may not be sent from here/);
    expect(sent).toHaveLength(1);
  });
});

describe('the reveal dialog, framed in tab 1', () => {
  test('reveals in its own tab only, and does nothing else', async () => {
    expect((await ok('policy.active', {}, revealIn(1))).policy.revealReasons.presets.length).toBeGreaterThan(0);
    const reveal = (tabId: number, n: number) => ({ tabId, fieldKey: BIRTH, reason: { presetId: 'contract-follow-up' }, eventId: UUID(n) });
    expect(await ok('field.reveal', reveal(1, 10), revealIn(1))).toMatchObject({ duplicate: false });
    expect(pushes).toEqual([1]);
    await forbidden('field.reveal', reveal(2, 11), revealIn(1), /shown in tab 1: it may act on that tab only, not on tab 2/);
    await forbidden('field.revealClose', { tabId: 2 }, revealIn(1), /not on tab 2/);
    // The panel's messages are not the dialog's.
    await forbidden('basis.set', basis(1, KEY_A), revealIn(1), /may not be sent from \/reveal\.html/);
    await forbidden('mask.tab.set', { tabId: 1, change: { kind: 'mask-all', on: true } }, revealIn(1), /may not be sent from \/reveal\.html/);
    await forbidden('tab.get', { tabId: 1 }, revealIn(1), /may not be sent from \/reveal\.html/);
    const reveals = (await db.events.toArray()).filter((e) => e.action === 'reveal');
    expect(reveals.map((e) => e.recordKey)).toEqual([KEY_A]);
  });

  test('another page of ours framed in a tab gets nothing', async () => {
    const dashboardFramed = { id: ID, origin: ORIGIN, url: `${ORIGIN}/dashboard.html`, tab: { id: 1, url: HS(501) }, frameId: 6 };
    await forbidden('privacy.get', { tabId: 1, key: KEY_A }, dashboardFramed, /may not be sent from \/dashboard\.html/);
    await forbidden('events.recent', { limit: 10 }, dashboardFramed, /may not be sent from/);
  });
});

describe('the toolbar popup and the dashboard keep their powers', () => {
  test('they act on any tab and record', async () => {
    for (const sender of [toolbarPopup, dashboardTab]) {
      expect((await ok('tab.get', { tabId: 2 }, sender)).page).toMatchObject({ kind: 'record', key: KEY_B });
      expect((await ok('privacy.get', { tabId: 1, key: KEY_A }, sender)).key).toBe(KEY_A);
      expect((await ok('mask.tab.set', { tabId: 2, change: { kind: 'mask-all', on: sender === dashboardTab } }, sender)).tabId).toBe(2);
      expect(await ok('field.reveal', { tabId: 2, fieldKey: BIRTH, reason: { presetId: 'contract-follow-up' }, eventId: UUID(sender === toolbarPopup ? 20 : 21) }, sender)).toMatchObject({ duplicate: false });
      expect((await ok('events.recent', { limit: 5 }, sender)).total).toBeGreaterThan(0);
    }
  });
});

describe('protocol and frame rules agree', () => {
  test('a message names extension-frame in allowedSenders exactly when it has a frame rule', () => {
    const types = Object.keys(requestSchemas) as MessageType[];
    const framed = types.filter((t) => allowedSenders[t].includes('extension-frame')).sort();
    expect(framed).toEqual((Object.keys(FRAME_RULES) as MessageType[]).sort());
    // Every frame rule that names a tab or a record has a tabId in its payload schema.
    for (const [type, rule] of Object.entries(FRAME_RULES)) {
      const shape = (requestSchemas[type as MessageType] as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      if (rule.target === 'tab' || rule.target === 'record') expect(Object.keys(shape), type).toContain('tabId');
      if (rule.target === 'record') expect(Object.keys(shape), type).toContain('key');
      if (rule.target === 'request') expect(Object.keys(shape), type).toContain('id');
    }
  });
});
