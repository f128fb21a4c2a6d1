import { fakeBrowser } from 'wxt/testing';
import { ID, ORIGIN, testDeps } from './test-deps';
import { createDb, type GuardDB } from '@/lib/db/db';
import type { Answer, BadgeSummary, MessageType } from '@/lib/messaging/protocol';
import { handleMessage, type Deps } from '@/entrypoints/background/handlers';
import { PolicyStore } from '@/entrypoints/background/policy';
import { setProfileName } from '@/lib/db/profile';
import type { PrivacyRecordRow, RequestRow } from '@/lib/consent/model';
import type { AccountabilityReport } from '@/lib/consent/views';

const URL_HS = 'https://app.hubspot.com/contacts/123456/record/0-1/501';
const KEY = 'hs:123456:0-1:501';
const popup = { id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html` };
const content = (tabId: number) => ({ id: ID, origin: 'https://app.hubspot.com', url: URL_HS, tab: { id: tabId, url: URL_HS }, frameId: 0 });

let db: GuardDB;
let deps: Deps;
let pushed: { tabId: number; summary: BadgeSummary }[];
let clock: number;

async function ask<T extends MessageType>(type: T, payload: unknown, sender: object = popup): Promise<Answer<T>> {
  return (await handleMessage({ type, payload }, sender, deps)) as Answer<T>;
}
async function ok<T extends MessageType>(type: T, payload: unknown): Promise<Extract<Answer<T>, { ok: true }>['data']> {
  const answer = await ask(type, payload);
  if (!answer.ok) throw new Error(`${type}: ${answer.error.message}`);
  return answer.data;
}
async function refused(type: MessageType, payload: unknown, message: RegExp): Promise<void> {
  const events = await db.events.count();
  const row = JSON.stringify(await db.records.get(KEY));
  const requests = await db.table('requests').count();
  const answer = await ask(type, payload);
  expect(answer.ok).toBe(false);
  if (!answer.ok) expect(answer.error.message).toMatch(message);
  // Nothing half-saved.
  expect(await db.events.count()).toBe(events);
  expect(JSON.stringify(await db.records.get(KEY))).toBe(row);
  expect(await db.table('requests').count()).toBe(requests);
}

const GIVE = { tabId: 1, key: KEY, purposeId: 'newsletter', channels: ['email', 'sms'], method: 'form', wording: 'Newsletter form v3', givenOn: '2026-11-01', doubleOptInOn: '2026-11-02' };

beforeEach(async () => {
  fakeBrowser.reset();
  db = createDb(`consent-${Math.random()}`);
  await db.open();
  await setProfileName(db, 'Rep One');
  pushed = [];
  clock = new Date(2026, 10, 29, 10, 0, 0).getTime(); // local 29 November 2026
  deps = testDeps(db, () => clock++, {
    policies: new PolicyStore(db, () => clock),
    pushBadge: async (tabId, summary) => {
      pushed.push({ tabId, summary });
    },
  });
  // The same record open in two tabs.
  await ask('page.state', { visitId: 'visit-0001', kind: 'record', title: 'Jane', url: URL_HS }, content(1));
  await ask('page.state', { visitId: 'visit-0002', kind: 'record', title: 'Jane', url: URL_HS }, content(2));
});

afterEach(() => db.close());

describe('consent', () => {
  test('given with proof, then withdrawn in one action: both tabs turn consent-withdrawn, history kept, events without personal data', async () => {
    const given = await ok('consent.give', GIVE);
    expect(given.summary.state).toBe('consent-given');
    expect(given.current.map((c) => c.channel).sort()).toEqual(['email', 'sms']);
    pushed = [];
    const withdrawn = await ok('consent.withdraw', { tabId: 2, key: KEY, method: 'unsubscribe-link', withdrawnOn: '2026-11-29' });
    expect(withdrawn.summary).toMatchObject({ state: 'consent-withdrawn', withdrawn: [{ purposeId: 'newsletter', channel: 'email' }, { purposeId: 'newsletter', channel: 'sms' }] });
    expect(pushed.map((p) => p.tabId).sort()).toEqual([1, 2]);
    expect(pushed.every((p) => p.summary.state === 'consent-withdrawn')).toBe(true);
    const row = (await db.records.get(KEY)) as PrivacyRecordRow;
    expect(row.privacy?.consents.map((c) => `${c.channel}:${c.action}`)).toEqual(['email:given', 'sms:given', 'email:withdrawn', 'sms:withdrawn']);
    expect(row.privacy?.consents[0]).toMatchObject({ wording: 'Newsletter form v3', doubleOptInOn: '2026-11-02', method: 'form', on: '2026-11-01', actor: 'Rep One' });
    const events = await db.events.where('action').anyOf('consent-given', 'consent-withdrawn').toArray();
    expect(events.map((e) => e.action)).toEqual(['consent-given', 'consent-withdrawn']);
    expect(events[0]?.detail).toBe('purpose=newsletter;channels=email,sms;method=form;on=2026-11-01;doubleOptIn=yes');
    expect(JSON.stringify(events)).not.toContain('Newsletter form v3');
  });

  test('events logged from the popup carry the path of the page the tab shows, without query string or fragment', async () => {
    const url = `${URL_HS}?email=jane%40example.com#notes`;
    await ask('page.state', { visitId: 'visit-0003', kind: 'record', title: 'Jane', url }, { ...content(3), url, tab: { id: 3, url } });
    await ok('consent.give', { ...GIVE, tabId: 3 });
    await ok('subject.set', { tabId: 3, key: KEY, jurisdiction: 'eu', source: 'direct', obtainedOn: '2026-11-01' });
    await ok('request.open', { tabId: 3, key: KEY, kind: 'access', receivedOn: '2026-11-29', identity: 'known-contact', identityNote: '' });
    const events = await db.events.where('action').anyOf('consent-given', 'basis-set', 'request-opened').toArray();
    expect(events).toHaveLength(3);
    for (const e of events) expect(e.path).toBe('/contacts/123456/record/0-1/501');
    expect(JSON.stringify(events)).not.toContain('jane');
  });

  test('one channel only: the other stays given', async () => {
    await ok('consent.give', GIVE);
    const view = await ok('consent.withdraw', { tabId: 1, key: KEY, purposeId: 'newsletter', channel: 'sms', method: 'call', withdrawnOn: '2026-11-29' });
    expect(view.current.map((c) => `${c.channel}:${c.action}`).sort()).toEqual(['email:given', 'sms:withdrawn']);
  });

  test('bad input is refused with the reason, nothing saved', async () => {
    await refused('consent.give', { ...GIVE, givenOn: '2026-11-30' }, /in the future/);
    await refused('consent.give', { ...GIVE, givenOn: '' }, /missing/);
    await refused('consent.give', { ...GIVE, givenOn: '2026-02-30' }, /not a real date/);
    await refused('consent.give', { ...GIVE, doubleOptInOn: '2026-10-01' }, /cannot come before/);
    await refused('consent.give', { ...GIVE, wording: '  ' }, /wording/);
    await refused('consent.give', { ...GIVE, purposeId: 'unknown-purpose' }, /not in the active policy/);
    await refused('consent.withdraw', { tabId: 1, key: KEY, method: 'email', withdrawnOn: '2026-11-29' }, /no consent given/);
    await ok('consent.give', GIVE);
    await refused('consent.withdraw', { tabId: 1, key: KEY, method: 'email', withdrawnOn: '2026-10-15' }, /before the consent/);
    await refused('consent.withdraw', { tabId: 1, key: KEY, method: 'email', withdrawnOn: '2026-12-01' }, /in the future/);
  });

  test('a withdrawal must say how it reached us: no method, an empty one or an unknown one is refused, nothing saved (Art. 7(3), 5(2))', async () => {
    await ok('consent.give', GIVE);
    const at = /Invalid "consent\.withdraw" message at method/;
    await refused('consent.withdraw', { tabId: 1, key: KEY, withdrawnOn: '2026-11-29' }, at);
    await refused('consent.withdraw', { tabId: 1, key: KEY, method: '', withdrawnOn: '2026-11-29' }, at);
    await refused('consent.withdraw', { tabId: 1, key: KEY, method: 'fax', withdrawnOn: '2026-11-29' }, at);
    await refused('consent.withdraw', { tabId: 1, key: KEY, method: null, withdrawnOn: '2026-11-29' }, at);
    expect((await ok('consent.withdraw', { tabId: 1, key: KEY, method: 'in-person', withdrawnOn: '2026-11-29' })).current.every((c) => c.action === 'withdrawn' && c.method === 'in-person')).toBe(true);
  });

  test('a content script may not give or withdraw consent', async () => {
    const answer = await ask('consent.give', GIVE, content(1));
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('lawful basis with its reference', () => {
  test('(f) needs the LIA reference; it stays with the record, the log says only that there is one', async () => {
    await refused('basis.set', { tabId: 1, key: KEY, purposeId: 'prospecting', basis: 'f', reference: ' ', note: '' }, /legitimate-interest assessment/);
    const view = await ok('basis.set', { tabId: 1, key: KEY, purposeId: 'prospecting', basis: 'f', reference: 'LIA-2026-04', note: '' });
    expect(view.bases[0]).toMatchObject({ basis: 'f', reference: 'LIA-2026-04' });
    const event = (await db.events.where('action').equals('basis-set').toArray())[0];
    expect(event?.detail).toBe('basis=f;purpose=prospecting;reference=yes');
    expect(JSON.stringify(event)).not.toContain('LIA-2026-04');
    // (a) and (d) need none.
    expect((await ask('basis.set', { tabId: 1, key: KEY, purposeId: 'newsletter', basis: 'a', reference: '', note: '' })).ok).toBe(true);
  });
});

describe('person, notice and Art. 14', () => {
  test('an indirect source without a notice after one month warns on the badge until a notice is logged', async () => {
    const view = await ok('subject.set', { tabId: 1, key: KEY, jurisdiction: 'eu', source: 'indirect', obtainedOn: '2026-10-15' });
    expect(view.summary.noticeMissing).toBe(true);
    expect(pushed.at(-1)?.summary.noticeMissing).toBe(true);
    await refused('notice.log', { tabId: 1, key: KEY, version: '', givenOn: '2026-11-20', article: '14' }, /version/);
    const after = await ok('notice.log', { tabId: 1, key: KEY, version: '2026-03', givenOn: '2026-11-20', article: '14' });
    expect(after.summary.noticeMissing).toBeUndefined();
    expect(after.notices[0]).toMatchObject({ version: '2026-03', on: '2026-11-20', article: '14' });
  });
});

describe('data-subject requests', () => {
  const open = (kind: string, receivedOn = '2026-11-20') => ({ tabId: 1, key: KEY, kind, receivedOn, identity: 'id-document', identityNote: 'passport seen' });

  test('without a jurisdiction, without a received date, or in the future: refused, nothing saved', async () => {
    await refused('request.open', open('access'), /jurisdiction first/);
    await ok('subject.set', { tabId: 1, key: KEY, jurisdiction: 'eu', source: 'direct', obtainedOn: '2026-01-05' });
    await refused('request.open', open('access', ''), /date the request was received is missing/);
    await refused('request.open', open('access', '2026-12-01'), /in the future/);
    await refused('request.open', open('know'), /does not exist under GDPR/);
  });

  test('an objection restricts the record in every tab until it is closed; due one calendar month after receipt', async () => {
    await ok('subject.set', { tabId: 1, key: KEY, jurisdiction: 'eu', source: 'direct', obtainedOn: '2026-01-05' });
    pushed = [];
    const view = await ok('request.open', open('objection', '2026-10-31'));
    expect(view.summary).toMatchObject({ state: 'restricted', source: 'log', request: { kind: 'objection', dueDate: '2026-11-30', open: 1 } });
    expect(pushed.map((p) => `${p.tabId}:${p.summary.state}`).sort()).toEqual(['1:restricted', '2:restricted']);
    const request = view.requests[0]!;
    expect(request).toMatchObject({ status: 'open', dueDate: '2026-11-30', daysLeft: 1, overdue: false, canExtend: true });
    const event = (await db.events.where('action').equals('request-opened').toArray())[0];
    expect(event?.detail).toBe(`request=${request.id};kind=objection;jurisdiction=eu;received=2026-10-31;due=2026-11-30;identity=id-document`);
    expect(JSON.stringify(event)).not.toContain('passport');
    pushed = [];
    const closed = await ok('request.close', { id: request.id, outcome: 'completed', closedOn: '2026-11-29', confirmed: [], note: '' });
    expect(closed.request).toMatchObject({ status: 'closed', onTime: true, outcome: 'completed' });
    expect(pushed.every((p) => p.summary.state !== 'restricted')).toBe(true);
    expect(pushed).toHaveLength(2);
  });

  test('extension: with a reason, inside the first month only; one extension', async () => {
    await ok('subject.set', { tabId: 1, key: KEY, jurisdiction: 'eu', source: 'direct', obtainedOn: '2026-01-05' });
    const first = (await ok('request.open', open('access', '2026-10-31'))).requests[0]!;
    await refused('request.extend', { id: first.id, reason: 'busy' }, /reason/);
    const extended = await ok('request.extend', { id: first.id, reason: 'Records spread over three systems' });
    expect(extended.request).toMatchObject({ status: 'extended', dueDate: '2027-01-31', canExtend: false });
    expect((await db.events.where('action').equals('request-updated').toArray())[0]?.detail).toBe(`request=${first.id};kind=access;extended;due=2027-01-31`);
    await refused('request.extend', { id: first.id, reason: 'Records spread over three systems' }, /already extended/);
    // A request received on 1 October: its first month ended on 1 November.
    const late = (await ok('request.open', open('portability', '2026-10-01'))).requests.find((r) => r.kind === 'portability')!;
    expect(late).toMatchObject({ overdue: true, canExtend: false });
    await refused('request.extend', { id: late.id, reason: 'Records spread over three systems' }, /Too late to extend.*2026-11-01/);
  });

  test('erasure shows a checklist and stays open until every item is confirmed', async () => {
    await ok('subject.set', { tabId: 1, key: KEY, jurisdiction: 'uk', source: 'direct', obtainedOn: '2026-01-05' });
    const request = (await ok('request.open', open('erasure'))).requests[0]!;
    expect(request.checklist).toHaveLength(6);
    await refused('request.close', { id: request.id, outcome: 'completed', closedOn: '2026-11-29', confirmed: ['crm-record'], note: '' }, /Still to confirm: Emails, calls, notes and tasks about the person; Files and attachments;/);
    await refused('request.close', { id: request.id, outcome: 'completed', closedOn: '2026-11-19', confirmed: request.checklist, note: '' }, /before the request was received/);
    await refused('request.close', { id: request.id, outcome: 'refused', closedOn: '2026-11-29', confirmed: [], note: 'no' }, /why the request is refused/);
    const closed = await ok('request.close', { id: request.id, outcome: 'completed', closedOn: '2026-11-29', confirmed: request.checklist, note: '' });
    expect(closed.request.status).toBe('closed');
    const stored = (await db.table('requests').get(request.id)) as RequestRow;
    expect(stored.history.map((h) => h.action)).toEqual(['opened', 'closed']);
  });

  test('California: confirm within 10 business days, answer within 45 days; the list puts overdue first', async () => {
    await ok('subject.set', { tabId: 1, key: KEY, jurisdiction: 'california', source: 'direct', obtainedOn: '2026-01-05' });
    await ok('request.open', open('know', '2026-11-06'));
    await ok('request.open', open('opt-out-sale', '2026-11-02'));
    const list = await ok('request.list', {});
    expect(list.requests.map((r) => [r.kind, r.dueDate, r.overdue])).toEqual([
      ['opt-out-sale', '2026-11-23', true],
      ['know', '2026-12-21', false],
    ]);
    expect(list.requests[1]?.acknowledgeBy).toBe('2026-11-20');
  });
});

describe('export and page signals', () => {
  test('an export logs the field keys only', async () => {
    const answer = await ok('export.log', { tabId: 1, key: KEY, format: 'csv', fields: ['email', 'phone', 'email'] });
    expect(answer.logged).toBe(true);
    const event = (await db.events.where('action').equals('export').toArray())[0];
    expect(event).toMatchObject({ recordKey: KEY, fields: ['email', 'phone'], detail: 'format=csv;subject-export' });
  });

  test('the content script reports what the CRM says: letters and flags, checked against its visit', async () => {
    const answer = await ask('page.signals', { visitId: 'visit-0001', url: URL_HS, letters: ['f'], notApplicable: false, flags: [], fieldKeys: ['hs_legal_basis'] }, content(1));
    expect(answer).toMatchObject({ ok: true, data: { summary: { state: 'basis-logged', basis: 'f', source: 'hubspot' } } });
    expect(pushed.filter((p) => p.summary.source === 'hubspot').map((p) => p.tabId).sort()).toEqual([1, 2]);
    // Another visit id (stale page) or an extension page: refused.
    expect((await ask('page.signals', { visitId: 'visit-9999', url: URL_HS, letters: [], notApplicable: false, flags: [], fieldKeys: [] }, content(1))).ok).toBe(false);
    expect((await ask('page.signals', { visitId: 'visit-0001', url: URL_HS, letters: [], notApplicable: false, flags: [], fieldKeys: [] })).ok).toBe(false);
    // Values are not accepted: the schema takes letters and known flags only.
    expect((await ask('page.signals', { visitId: 'visit-0001', url: URL_HS, letters: ['Legitimate interest'], notApplicable: false, flags: [], fieldKeys: [] }, content(1))).ok).toBe(false);
  });
});

describe('accountability report', () => {
  test('figures from local data; retention figure says it is not recorded yet; the log verifies', async () => {
    await ok('consent.give', GIVE);
    await ok('consent.withdraw', { tabId: 1, key: KEY, method: 'email', withdrawnOn: '2026-11-29' });
    await ok('subject.set', { tabId: 1, key: KEY, jurisdiction: 'eu', source: 'direct', obtainedOn: '2026-01-05' });
    const r = (await ok('request.open', { tabId: 1, key: KEY, kind: 'access', receivedOn: '2026-10-01', identity: 'known-contact', identityNote: '' })).requests[0]!;
    await ok('request.close', { id: r.id, outcome: 'completed', closedOn: '2026-11-29', confirmed: [], note: '' });
    const report: AccountabilityReport = await ok('report.get', {});
    expect(report.figures).toMatchObject({
      recordsSeen: 1,
      recordsWithoutBasis: 1,
      consentsGiven: 2,
      consentsWithdrawn: 2,
      recordsWithWithdrawal: 1,
      retentionOverdue: { unavailable: 'not-recorded' },
      requests: { total: 1, open: 0, overdue: 0, onTime: 0, late: 1, byJurisdiction: { eu: 1 } },
      logIntegrity: { state: 'ok' },
    });
    expect(report.figures.logIntegrity.events).toBe(await db.events.count());
    expect(report.processing.purposes.map((p) => p.id)).toContain('newsletter');
    expect(report.processing.retention[0]).toMatchObject({ period: '36 months' });
    expect(report.processing.security.length).toBeGreaterThan(3);
  });

  test('a tampered event shows as a broken log', async () => {
    await ok('consent.give', GIVE);
    const first = await db.events.orderBy('seq').first();
    await db.events.update(first!.seq!, { detail: 'edited' });
    const report: AccountabilityReport = await ok('report.get', {});
    expect(report.figures.logIntegrity.state).toBe('broken');
    // What the page needs to say the break in its language (problemText), next to the English detail.
    expect(report.figures.logIntegrity).toMatchObject({ kind: 'changed', firstBadSeq: first!.seq, detail: `event ${first!.seq}: changed` });
  });
});

