import { fakeBrowser } from 'wxt/testing';
import { ID, ORIGIN, testDeps } from './test-deps';
import { createDb, type GuardDB } from '@/lib/db/db';
import type { Answer, MaskPush, MessageType } from '@/lib/messaging/protocol';
import { handleMessage, type Deps } from '@/entrypoints/background/handlers';
import { MaskTabs, setMaskServices } from '@/entrypoints/background/mask-state';
import { PolicyStore } from '@/entrypoints/background/policy';
import { setProfileName } from '@/lib/db/profile';

const SF_URL = 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view';
const SF_KEY = 'sf:acme:Contact:0035g00000AbCdEAAV';
const BIRTH = 'sfdc:RecordField.Contact.Birthdate';
const UUID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const content = (tabId: number, url = SF_URL) => ({ id: ID, origin: new URL(url).origin, url, tab: { id: tabId, url }, frameId: 0 });
const popup = { id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html` };
/** The reason dialog: an extension frame inside the CRM tab. */
const dialogIn = (tabId: number) => ({ id: ID, origin: ORIGIN, url: `${ORIGIN}/reveal.html`, tab: { id: tabId, url: SF_URL }, frameId: 3 });

let db: GuardDB;
let deps: Deps;
let pushes: { tabId: number; message: MaskPush }[];
let clock: number;

beforeEach(async () => {
  fakeBrowser.reset();
  db = createDb(`mask-${Math.random()}`);
  await db.open();
  await setProfileName(db, 'Rep One');
  clock = Date.UTC(2026, 10, 29, 10, 0, 0);
  pushes = [];
  deps = testDeps(db, () => clock++, { policies: new PolicyStore(db, () => clock) });
  setMaskServices(deps, {
    tabs: new MaskTabs(),
    push: async (tabId, message) => {
      pushes.push({ tabId, message });
    },
  });
});

afterEach(() => db.close());

async function send<T extends MessageType>(type: T, payload: unknown, sender: object): Promise<Answer<T>> {
  return (await handleMessage({ type, payload }, sender, deps)) as Answer<T>;
}

async function visit(tabId: number): Promise<void> {
  const a = await send('page.state', { visitId: `visit-${tabId}-0001`, kind: 'record', title: 'Jane Doe', url: SF_URL }, content(tabId));
  expect(a.ok).toBe(true);
}

const reveals = async () => (await db.events.toArray()).filter((e) => e.action === 'reveal');

describe('mask.config', () => {
  test('a content script gets the policy, its tab id and the tab switches; the URL must stay in its frame origin', async () => {
    const a = await send('mask.config', { url: SF_URL }, content(4));
    expect(a).toMatchObject({ ok: true, data: { tabId: 4, maskAll: false, unmasked: [], restricted: false } });
    if (a.ok) expect(a.data.policy.masking.revealSeconds).toBe(30);
    const other = await send('mask.config', { url: 'https://evil.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view' }, content(4));
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send('mask.config', { url: SF_URL }, popup)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('field.reveal', () => {
  test('logs one reveal (record from the tab, field key, reason, policy version, never a value) and tells the tab to show it', async () => {
    await visit(4);
    const a = await send('field.reveal', { tabId: 4, fieldKey: BIRTH, reason: { presetId: 'contract-follow-up' }, eventId: UUID(1) }, dialogIn(4));
    expect(a).toMatchObject({ ok: true, data: { revealSeconds: 30, duplicate: false } });
    const [event] = await reveals();
    expect(event).toMatchObject({
      action: 'reveal',
      recordKey: SF_KEY,
      fields: [BIRTH],
      reason: 'contract-follow-up',
      policyVersion: '2026.1.0',
      actor: 'Rep One',
      eventId: UUID(1),
      path: '/lightning/r/Contact/0035g00000AbCdEAAV/view',
    });
    expect(pushes).toEqual([{ tabId: 4, message: { type: 'mask.reveal', fieldKey: BIRTH, seconds: 30 } }]);
  });

  test('a reason may name a recent day (a call), or a month and year: only a full date old enough to be a birth date is refused', async () => {
    await visit(4);
    const reasons = ['Customer called on 11/28/2026 about the invoice', 'Contract signed 2024-03-01, renewal check', 'Address changed in March 1984 per the customer'];
    for (const [i, text] of reasons.entries()) {
      const a = await send('field.reveal', { tabId: 4, fieldKey: BIRTH, reason: { text }, eventId: UUID(40 + i) }, dialogIn(4));
      expect(a.ok, text).toBe(true);
    }
    expect((await reveals()).map((e) => e.reason)).toEqual(reasons);
  });

  test('a retried reveal (same eventId) is stored once', async () => {
    await visit(4);
    const payload = { tabId: 4, fieldKey: BIRTH, reason: { text: 'Customer called about the invoice' }, eventId: UUID(2) };
    await send('field.reveal', payload, dialogIn(4));
    const again = await send('field.reveal', payload, dialogIn(4));
    expect(again).toMatchObject({ ok: true, data: { duplicate: true } });
    expect(await reveals()).toHaveLength(1);
  });

  test('refuses what the policy does not allow, and writes nothing', async () => {
    await visit(4);
    const base = { tabId: 4, fieldKey: BIRTH, eventId: UUID(3) };
    const cases: [unknown, string][] = [
      [{ ...base, reason: { presetId: 'because-i-can' } }, 'not in the active policy'],
      [{ ...base, reason: { text: 'short' } }, 'at least 10 characters'],
      // A reason that quotes a value would put it in the access log.
      [{ ...base, reason: { text: 'Correcting the IBAN to FR76 3000 6000 0112 3456 7890 189' } }, 'personal value (an IBAN)'],
      [{ ...base, reason: { text: 'Customer asked to reach her at jane.doe@example.com' } }, 'personal value (an email address)'],
      [{ ...base, reason: { text: 'New address given by phone (jane.doe@example.com).' } }, 'personal value (an email address)'],
      [{ ...base, reason: { text: '+33 6 12 34 56 78' } }, 'personal value (a phone number)'],
      // The audit's own words: a date of birth quoted in the reason.
      [{ ...base, reason: { text: 'Customer called to correct DOB 05/17/1984' } }, 'personal value (a full date old enough to be a date of birth)'],
      [{ ...base, reason: { text: 'Née le 17 mai 1984, à corriger' } }, 'date of birth'],
      [{ ...base, fieldKey: 'sfdc:Evil.<img>', reason: { presetId: 'contract-follow-up' } }, 'Invalid'],
      [{ ...base, fieldKey: 'email', reason: { presetId: 'contract-follow-up' } }, 'not a field of this CRM'],
      [{ ...base, reason: { presetId: 'contract-follow-up' }, recordKey: 'sf:acme:Contact:0035g00000ZzZzZAAV' }, 'Invalid'],
    ];
    for (const [payload, message] of cases) {
      const a = await send('field.reveal', payload, dialogIn(4));
      expect(a.ok, message).toBe(false);
      if (!a.ok) expect(a.error.message).toContain(message);
    }
    // No record in that tab: nothing to log against.
    const none = await send('field.reveal', { ...base, tabId: 9, reason: { presetId: 'contract-follow-up' } }, popup);
    expect(none).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await reveals()).toHaveLength(0);
    expect(pushes).toEqual([]);
  });

  test('only an extension page may reveal, and a dialog inside a CRM tab only in its own tab', async () => {
    await visit(4);
    await visit(5);
    const payload = { tabId: 5, fieldKey: BIRTH, reason: { presetId: 'contract-follow-up' }, eventId: UUID(4) };
    expect(await send('field.reveal', payload, content(5))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send('field.reveal', payload, dialogIn(4))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send('field.reveal', payload, popup)).toMatchObject({ ok: true });
  });

  test('closing the dialog is relayed to its tab', async () => {
    expect(await send('field.revealClose', { tabId: 4 }, dialogIn(4))).toMatchObject({ ok: true });
    expect(pushes).toEqual([{ tabId: 4, message: { type: 'mask.dialogClose' } }]);
  });
});

describe('field.copy', () => {
  test('a content script logs a copy of revealed fields (keys only) against the record its tab registered', async () => {
    await visit(4);
    const a = await send('field.copy', { url: SF_URL, fieldKeys: [BIRTH, BIRTH], eventId: UUID(5) }, content(4));
    expect(a).toMatchObject({ ok: true, data: { logged: true } });
    const copies = (await db.events.toArray()).filter((e) => e.action === 'copy');
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ recordKey: SF_KEY, fields: [BIRTH], reason: '' });
    // The page moved to another record than the one registered: not logged against the wrong one.
    const moved = await send('field.copy', { url: SF_URL.replace('AbCdEAAV', 'ZzZzZAAV'), fieldKeys: [BIRTH], eventId: UUID(6) }, content(4));
    expect(moved).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('Salesforce Classic fields', () => {
  test("a Classic page's field keys (a cell id, or a name from the label) are logged against the Lightning key of its record", async () => {
    const classic = 'https://acme.my.salesforce.com/0035g00000AbCdE';
    expect((await send('page.state', { visitId: 'visit-classic-0001', kind: 'record', title: 'Ms. Jane Doe', url: classic }, content(6, classic))).ok).toBe(true);
    const keys = ['sfdc:ClassicField.con7', 'sfdc:ClassicField.00N5g00000NaTiD', 'sfdc:ClassicField.CreatedBy'];
    const a = await send('field.copy', { url: classic, fieldKeys: keys, eventId: UUID(40) }, content(6, classic));
    expect(a).toMatchObject({ ok: true, data: { logged: true } });
    expect((await db.events.toArray()).filter((e) => e.action === 'copy')).toMatchObject([{ recordKey: SF_KEY, fields: keys }]);
    for (const bad of ['sfdc:ClassicField.', 'sfdc:ClassicField.a.b', 'sfdc:ClassicField:con7', 'sfdc:RecordField.Contact.00N5g00000NaTiD']) {
      const refused = await send('field.copy', { url: classic, fieldKeys: [bad], eventId: UUID(41) }, content(6, classic));
      expect(refused.ok, bad).toBe(false);
    }
  });
});

describe('popup switches', () => {
  test('mask everything, unmask one field for the tab with a reason (logged), mask it again; each change is pushed to the tab', async () => {
    await visit(4);
    await send('mask.report', { url: SF_URL, fields: [{ key: BIRTH, label: 'Birthdate\u0007' }] }, content(4));
    const view = await send('mask.tab.get', { tabId: 4 }, popup);
    expect(view).toMatchObject({ ok: true, data: { record: true, maskAll: false, fields: [{ key: BIRTH, label: 'Birthdate' }], revealSeconds: 30 } });

    const all = await send('mask.tab.set', { tabId: 4, change: { kind: 'mask-all', on: true } }, popup);
    expect(all).toMatchObject({ ok: true, data: { maskAll: true } });
    expect(pushes.at(-1)).toEqual({ tabId: 4, message: { type: 'mask.state', maskAll: true, unmasked: [] } });
    // The tab's content script asks again (reload): the switch holds.
    expect(await send('mask.config', { url: SF_URL }, content(4))).toMatchObject({ ok: true, data: { maskAll: true } });
    await send('mask.tab.set', { tabId: 4, change: { kind: 'mask-all', on: false } }, popup);

    const short = await send('mask.tab.set', { tabId: 4, change: { kind: 'unmask', fieldKey: BIRTH, reason: { text: 'too short' }, eventId: UUID(7) } }, popup);
    expect(short.ok).toBe(false);
    const un = await send('mask.tab.set', { tabId: 4, change: { kind: 'unmask', fieldKey: BIRTH, reason: { presetId: 'correcting-record' }, eventId: UUID(8) } }, popup);
    expect(un).toMatchObject({ ok: true, data: { unmasked: [BIRTH] } });
    expect(pushes.at(-1)).toEqual({ tabId: 4, message: { type: 'mask.state', maskAll: false, unmasked: [BIRTH] } });
    expect(await reveals()).toMatchObject([{ fields: [BIRTH], reason: 'correcting-record', detail: 'scope=tab;reason=preset' }]);
    expect(await send('mask.config', { url: SF_URL }, content(4))).toMatchObject({ ok: true, data: { unmasked: [BIRTH] } });
    // Another record in the same tab does not inherit the unmask.
    expect(await send('mask.config', { url: SF_URL.replace('AbCdEAAV', 'ZzZzZAAV') }, content(4))).toMatchObject({ ok: true, data: { unmasked: [] } });

    await send('mask.tab.set', { tabId: 4, change: { kind: 'remask', fieldKey: BIRTH } }, popup);
    expect(pushes.at(-1)).toEqual({ tabId: 4, message: { type: 'mask.state', maskAll: false, unmasked: [] } });
    // A content script may not flip the switches.
    expect(await send('mask.tab.set', { tabId: 4, change: { kind: 'mask-all', on: false } }, content(4))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  test('under mask everything or on a restricted record, unmasking for the tab is refused and no reveal is logged (it would show nothing)', async () => {
    await visit(4);
    await send('mask.report', { url: SF_URL, fields: [{ key: BIRTH, label: 'Birthdate' }] }, content(4));
    const unmask = (n: number) => send('mask.tab.set', { tabId: 4, change: { kind: 'unmask', fieldKey: BIRTH, reason: { presetId: 'correcting-record' }, eventId: UUID(n) } }, popup);
    await send('mask.tab.set', { tabId: 4, change: { kind: 'mask-all', on: true } }, popup);
    expect(await unmask(20)).toMatchObject({ ok: false, error: { code: 'conflict', key: 'errUnmaskMaskAll' } });
    await send('mask.tab.set', { tabId: 4, change: { kind: 'mask-all', on: false } }, popup);
    // An objection restricts the record (Art. 21 → Art. 18).
    expect(await send('subject.set', { tabId: 4, key: SF_KEY, jurisdiction: 'eu', source: 'direct', obtainedOn: '2026-01-05' }, popup)).toMatchObject({ ok: true });
    expect(await send('request.open', { tabId: 4, key: SF_KEY, kind: 'objection', receivedOn: '2026-11-20', identity: 'known-contact', identityNote: '' }, popup)).toMatchObject({ ok: true });
    expect(await unmask(21)).toMatchObject({ ok: false, error: { code: 'conflict', key: 'errUnmaskRestricted' } });
    expect(await reveals()).toEqual([]);
    expect(await send('mask.config', { url: SF_URL }, content(4))).toMatchObject({ ok: true, data: { restricted: true, unmasked: [] } });
  });
});
