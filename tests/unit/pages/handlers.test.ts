import { fakeBrowser } from 'wxt/testing';
import { ID, ORIGIN, testDeps } from '../background/test-deps';
import { createDb, type GuardDB } from '@/lib/db/db';
import { handleMessage, type Deps } from '@/entrypoints/background/handlers';
import { configureSites } from '@/lib/crm/registry';
import { normaliseSalesforceId } from '@/lib/crm/salesforce-id';
import type { RowsKnown } from '@/lib/messaging/protocol';

const LEAD_URL = 'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000LeAdXEAV/view';
const LEAD_KEY = 'sf:acme:Lead:00Q5g00000LeAdXEAV';
const LIST_URL = 'https://acme.lightning.force.com/lightning/o/Lead/list?filterName=Recent';
const HS_LIST = 'https://app.hubspot.com/contacts/123456/objects/0-1/views/all/list';

const content = (url: string, tabId = 3) => ({ id: ID, origin: new URL(url).origin, url, tab: { id: tabId, url }, frameId: 0 });
const page = { id: ID, origin: ORIGIN, url: `${ORIGIN}/dashboard.html` };

let db: GuardDB;
let deps: Deps;
let clock: number;

beforeEach(async () => {
  fakeBrowser.reset();
  configureSites(undefined);
  db = createDb(`pages-${Math.random()}`);
  await db.open();
  clock = new Date(2026, 5, 15, 12).getTime();
  deps = testDeps(db, () => clock);
});

afterEach(() => db.close());

describe('retention.context / retention.report', () => {
  test('a Lead gets the prospects rule and the first-seen date; the key comes from the URL, not the payload', async () => {
    await handleMessage({ type: 'page.state', payload: { visitId: 'visit-0001', kind: 'record', url: LEAD_URL } }, content(LEAD_URL), deps);
    const a = await handleMessage({ type: 'retention.context', payload: { url: LEAD_URL, lifecycle: 'prospect' } }, content(LEAD_URL), deps);
    expect(a).toMatchObject({ ok: true, data: { key: LEAD_KEY, rule: { id: 'prospects' }, firstSeen: clock } });
    const none = await handleMessage({ type: 'retention.context', payload: { url: LEAD_URL, lifecycle: 'unknown' } }, content(LEAD_URL), deps);
    expect(none.ok && 'rule' in none.data).toBe(false);
  });

  test('refused from an extension page, from another origin than the frame, and on a list page', async () => {
    const fromPage = await handleMessage({ type: 'retention.context', payload: { url: LEAD_URL, lifecycle: 'prospect' } }, page, deps);
    expect(fromPage).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const otherOrigin = await handleMessage({ type: 'retention.context', payload: { url: 'https://evil.lightning.force.com/lightning/r/Lead/00Q5g00000LeAdXEAV/view', lifecycle: 'prospect' } }, content(LEAD_URL), deps);
    expect(otherOrigin).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const list = await handleMessage({ type: 'retention.context', payload: { url: LIST_URL, lifecycle: 'prospect' } }, content(LIST_URL), deps);
    expect(list).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('open a record') } });
  });

  test('a reported verdict shows on the rows of a list, brought to today', async () => {
    await handleMessage({ type: 'retention.report', payload: { url: LEAD_URL, ruleId: 'prospects', state: 'due-soon', expiresOn: '2026-07-01' } }, content(LEAD_URL), deps);
    const stored = await db.meta.get(`retention:${LEAD_KEY}`);
    // State, expiry day and the rule's period then in force (rows-policy-period.test.ts): never the dates read on the page.
    expect(Object.keys(stored?.value as object).sort()).toEqual(['at', 'expiresOn', 'maxAgeMonths', 'ruleId', 'state']);
    const rows = async () => handleMessage({ type: 'rows.summaries', payload: { url: LIST_URL, rows: [{ object: 'Lead', id: '00Q5g00000LeAdXEAV' }, { object: 'Lead', id: '00Q5g00000LeAd2EAA' }] } }, content(LIST_URL), deps);
    expect(await rows()).toMatchObject({ ok: true, data: { rows: [{ key: LEAD_KEY, state: 'missing', retention: 'due-soon' }, { retention: 'unknown' }] } });
    clock = new Date(2026, 6, 2, 9).getTime();
    expect(await rows()).toMatchObject({ ok: true, data: { rows: [{ key: LEAD_KEY, retention: 'overdue' }, { retention: 'unknown' }] } });
  });
});

describe('rows.summaries', () => {
  test('one answer for the whole batch; keys built from the list’s CRM and org; duplicates once', async () => {
    const a = await handleMessage(
      { type: 'rows.summaries', payload: { url: HS_LIST, rows: [{ object: '0-1', id: '501' }, { object: '0-1', id: '502' }, { object: '0-1', id: '501' }] } },
      content(HS_LIST),
      deps,
    );
    expect(a).toMatchObject({ ok: true, data: { rows: [{ key: 'hs:123456:0-1:501', state: 'missing' }, { key: 'hs:123456:0-1:502', state: 'missing' }] } });
  });

  test('bounded and validated: no more than 5000 rows, no odd ids, only on list pages', async () => {
    const many = Array.from({ length: 5001 }, (_, i) => ({ object: '0-1', id: String(i + 1) }));
    expect(await handleMessage({ type: 'rows.summaries', payload: { url: HS_LIST, rows: many } }, content(HS_LIST), deps)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await handleMessage({ type: 'rows.summaries', payload: { url: HS_LIST, rows: [{ object: '0-1', id: '1:2' }] } }, content(HS_LIST), deps)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await handleMessage({ type: 'rows.summaries', payload: { url: LEAD_URL, rows: [{ object: 'Lead', id: '1' }] } }, content(LEAD_URL), deps)).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: 'This page is not a list view.' },
    });
  });
});

describe('a related list in full (a record page whose rows are records)', () => {
  const ACCOUNT = '0015g00000XyZaBAAV';
  const RELATED = `https://acme.lightning.force.com/lightning/r/Account/${ACCOUNT}/related/Contacts/view`;
  const JANE = 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view';

  test('rows.known and rows.summaries answer for records of any object of the org; the page itself is the account', async () => {
    await handleMessage({ type: 'page.state', payload: { visitId: 'visit-0001', kind: 'record', url: JANE } }, content(JANE), deps);
    await handleMessage({ type: 'retention.report', payload: { url: JANE, ruleId: 'customers', state: 'ok', expiresOn: '2027-01-01' } }, content(JANE), deps);
    // A record of another org is not this list's.
    const beta = 'https://beta.lightning.force.com/lightning/r/Contact/0035g00000BbCdEAAV/view';
    await handleMessage({ type: 'page.state', payload: { visitId: 'visit-0002', kind: 'record', url: beta } }, content(beta, 4), deps);
    const known = await handleMessage({ type: 'rows.known', payload: { url: RELATED } }, content(RELATED, 5), deps);
    expect(known).toMatchObject({ ok: true, data: { prefix: 'sf:acme:', complete: true } });
    expect(known.ok && (known.data as RowsKnown).rows.map((r) => r.key)).toEqual(['sf:acme:Contact:0035g00000AbCdEAAV']);
    const batch = await handleMessage(
      { type: 'rows.summaries', payload: { url: RELATED, rows: [{ object: 'Contact', id: '0035g00000AbCdEAAV' }, { object: 'Contact', id: '0035g00000BbCdEAAV' }] } },
      content(RELATED, 5),
      deps,
    );
    expect(batch).toMatchObject({ ok: true, data: { rows: [{ key: 'sf:acme:Contact:0035g00000AbCdEAAV', retention: 'ok' }, { key: 'sf:acme:Contact:0035g00000BbCdEAAV', retention: 'unknown' }] } });
    // The tab reports the account's page: its view is logged for the account, and its rows get the pushes.
    await handleMessage({ type: 'page.state', payload: { visitId: 'visit-0003', kind: 'record', url: RELATED } }, content(RELATED, 5), deps);
    expect(await db.events.where('recordKey').equals(`sf:acme:Account:${ACCOUNT}`).count()).toBe(1);
    const pushed: Array<[number, string[]]> = [];
    deps.pushRows = async (tabId, rows) => {
      pushed.push([tabId, rows.map((r) => r.key)]);
    };
    await handleMessage({ type: 'retention.report', payload: { url: JANE, ruleId: 'customers', state: 'due-soon', expiresOn: '2026-07-01' } }, content(JANE), deps);
    expect(pushed).toEqual([[5, ['sf:acme:Contact:0035g00000AbCdEAAV']]]);
    pushed.length = 0;
    await handleMessage({ type: 'retention.report', payload: { url: beta, ruleId: 'customers', state: 'due-soon', expiresOn: '2026-07-01' } }, content(beta, 4), deps);
    expect(pushed).toEqual([]);
  });

  test('a plain record page is still no list', async () => {
    expect(await handleMessage({ type: 'rows.known', payload: { url: JANE } }, content(JANE), deps)).toMatchObject({ ok: false, error: { code: 'bad-request', message: 'This page is not a list view.' } });
  });
});

describe('pages.warn / pages.warnings', () => {
  test('stored once per host, feature and problem; the dashboard reads them; content scripts cannot', async () => {
    const warn = (detail: string) =>
      handleMessage({ type: 'pages.warn', payload: { url: LEAD_URL, feature: 'retention', code: 'hosts-removed', detail } }, content(LEAD_URL), deps);
    await warn('first');
    clock += 1000;
    await warn('second');
    const a = await handleMessage({ type: 'pages.warnings', payload: {} }, page, deps);
    expect(a).toMatchObject({ ok: true, data: { warnings: [{ host: 'acme.lightning.force.com', path: '/lightning/r/Lead/00Q5g00000LeAdXEAV/view', feature: 'retention', code: 'hosts-removed', detail: 'second' }] } });
    expect(a.ok && a.data && 'warnings' in a.data && a.data.warnings).toHaveLength(1);
    expect(await handleMessage({ type: 'pages.warnings', payload: {} }, content(LEAD_URL), deps)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handleMessage({ type: 'pages.warn', payload: { url: LEAD_URL, feature: 'retention', code: 'other', detail: '' } }, content(LEAD_URL), deps)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});

describe('sites.config', () => {
  test('content scripts get the policy’s sites (defaults when the policy has none)', async () => {
    const a = await handleMessage({ type: 'sites.config', payload: {} }, content(LEAD_URL), deps);
    expect(a).toMatchObject({ ok: true, data: { sites: { presets: { dynamics365: true, zoho: true, pipedrive: true }, adapters: [], customDomains: [] } } });
  });
});

describe('rows.known', () => {
  test('the stored records of the list’s CRM, org and object, with what any other row shows; nothing of other lists', async () => {
    const empty = await handleMessage({ type: 'rows.known', payload: { url: LIST_URL } }, content(LIST_URL), deps);
    expect(empty).toEqual({ ok: true, data: { prefix: 'sf:acme:Lead:', complete: true, rows: [], absent: { state: 'missing', retention: 'unknown' } } });
    // A lead seen (record row) with a verdict, a contact seen (another object), a verdict only.
    await handleMessage({ type: 'page.state', payload: { visitId: 'visit-0001', kind: 'record', url: LEAD_URL } }, content(LEAD_URL), deps);
    await handleMessage({ type: 'retention.report', payload: { url: LEAD_URL, ruleId: 'prospects', state: 'due-soon', expiresOn: '2026-07-01' } }, content(LEAD_URL), deps);
    const contact = 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view';
    await handleMessage({ type: 'page.state', payload: { visitId: 'visit-0002', kind: 'record', url: contact } }, content(contact), deps);
    const other = 'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000LeAd2/view';
    const otherKey = `sf:acme:Lead:${normaliseSalesforceId('00Q5g00000LeAd2')}`;
    await handleMessage({ type: 'retention.report', payload: { url: other, ruleId: 'prospects', state: 'overdue', expiresOn: '2026-01-01' } }, content(other), deps);
    const answer = await handleMessage({ type: 'rows.known', payload: { url: LIST_URL } }, content(LIST_URL), deps);
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const known = answer.data as RowsKnown;
    expect(known.complete).toBe(true);
    expect(known.rows.map((r) => [r.key, r.state, r.retention]).sort()).toEqual([
      [otherKey, 'missing', 'overdue'],
      [LEAD_KEY, 'missing', 'due-soon'],
    ].sort());
    // What rows.summaries says for the same records.
    const batch = await handleMessage({ type: 'rows.summaries', payload: { url: LIST_URL, rows: [{ object: 'Lead', id: '00Q5g00000LeAdXEAV' }, { object: 'Lead', id: '00Q5g00000ZZZZZAAA' }] } }, content(LIST_URL), deps);
    expect(batch).toMatchObject({ ok: true, data: { rows: [known.rows.find((r) => r.key === LEAD_KEY), { ...known.absent, key: 'sf:acme:Lead:00Q5g00000ZZZZZAAA' }] } });
  });

  test('more stored records than it sends: incomplete, so rows fall back to their batch; refused off list pages', async () => {
    const { MAX_KNOWN_ROWS } = await import('@/entrypoints/background/handlers/sites-pages');
    await db.records.bulkAdd(
      Array.from({ length: MAX_KNOWN_ROWS + 1 }, (_, i) => {
        const id = `00Q5g${String(i).padStart(10, '0')}AAA`;
        return { key: `sf:acme:Lead:${id}`, crm: 'salesforce' as const, org: 'acme', object: 'Lead', recordId: id, bases: [], firstSeen: clock, updatedAt: clock };
      }),
    );
    const a = await handleMessage({ type: 'rows.known', payload: { url: LIST_URL } }, content(LIST_URL), deps);
    expect(a).toMatchObject({ ok: true, data: { complete: false } });
    expect(a.ok && (a.data as RowsKnown).rows.length).toBe(MAX_KNOWN_ROWS);
    expect(await handleMessage({ type: 'rows.known', payload: { url: LEAD_URL } }, content(LEAD_URL), deps)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await handleMessage({ type: 'rows.known', payload: { url: LIST_URL } }, page, deps)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
