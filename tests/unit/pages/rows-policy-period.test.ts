import { fakeBrowser } from 'wxt/testing';
import { ID, ORIGIN, testDeps } from '../background/test-deps';
import { createDb, type GuardDB } from '@/lib/db/db';
import { handleMessage, type Deps } from '@/entrypoints/background/handlers';
import { configureSites } from '@/lib/crm/registry';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import type { RowsKnown } from '@/lib/messaging/protocol';

/**
 * A list row's retention verdict follows the policy in force: when the prospects' period changes
 * after the record page judged the lead, the stored expiry day moves by the difference, so the list
 * (which asks again on `policy.changed`, lib/features/list-rows.ts) shows the verdict the new period
 * gives, without the record page being opened again. Nothing read on the page is stored for it.
 */

const LEAD_URL = 'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000LeAdXEAV/view';
const LEAD_KEY = 'sf:acme:Lead:00Q5g00000LeAdXEAV';
const LIST_URL = 'https://acme.lightning.force.com/lightning/o/Lead/list?filterName=Recent';
const content = (url: string, tabId = 3) => ({ id: ID, origin: new URL(url).origin, url, tab: { id: tabId, url }, frameId: 0 });
const dashboard = { id: ID, origin: ORIGIN, url: `${ORIGIN}/dashboard.html` };

let db: GuardDB;
let deps: Deps;

beforeEach(async () => {
  fakeBrowser.reset();
  configureSites(undefined);
  db = createDb(`rows-period-${Math.random()}`);
  await db.open();
  deps = testDeps(db, () => new Date(2026, 5, 15, 12).getTime());
});

afterEach(() => db.close());

/** Applies the default policy with the prospects' period (and version) given, as the dashboard's editor does. */
async function applyProspects(version: string, period: { maxAgeMonths: number } | { maxAgeDays: number }): Promise<void> {
  const policy = structuredClone(DEFAULT_POLICY);
  policy.policyVersion = version;
  policy.retention = policy.retention.map((r) => {
    if (r.id !== 'prospects') return r;
    const { maxAgeMonths: _m, maxAgeDays: _d, ...rest } = r;
    return { ...rest, ...period };
  });
  const answer = await handleMessage({ type: 'policy.apply', payload: { text: JSON.stringify(policy), via: 'editor' } }, dashboard, deps);
  expect(answer).toMatchObject({ ok: true, data: { applied: true } });
}

const rowVerdict = async (id = '00Q5g00000LeAdXEAV') => {
  const answer = await handleMessage({ type: 'rows.summaries', payload: { url: LIST_URL, rows: [{ object: 'Lead', id }] } }, content(LIST_URL, 4), deps);
  return answer.ok ? (answer.data as { rows: { retention: string }[] }).rows[0]?.retention : answer;
};
const knownVerdict = async () => {
  const answer = await handleMessage({ type: 'rows.known', payload: { url: LIST_URL } }, content(LIST_URL, 4), deps);
  return answer.ok ? (answer.data as RowsKnown).rows.find((r) => r.key === LEAD_KEY)?.retention : answer;
};

test('a period shortened, lengthened or given in days after the verdict: the row follows the rule in force (a verdict stored without its period keeps its day)', async () => {
  // Judged under the default policy (36 months): last active 10 May 2025, so fine until 10 May 2028.
  const report = await handleMessage({ type: 'retention.report', payload: { url: LEAD_URL, ruleId: 'prospects', state: 'ok', expiresOn: '2028-05-10' } }, content(LEAD_URL), deps);
  expect(report).toMatchObject({ ok: true });
  const stored = await db.meta.get(`retention:${LEAD_KEY}`);
  // The verdict, its expiry day and the period it was reckoned with: never a date read on the page.
  expect(stored?.value).toMatchObject({ ruleId: 'prospects', state: 'ok', expiresOn: '2028-05-10', maxAgeMonths: 36 });
  expect(Object.keys(stored?.value as object).sort()).toEqual(['at', 'expiresOn', 'maxAgeMonths', 'ruleId', 'state']);
  expect(await rowVerdict()).toBe('ok');
  expect(await knownVerdict()).toBe('ok');
  // Another lead's verdict, stored before the period was kept with verdicts: its day cannot move.
  await db.meta.put({ key: 'retention:sf:acme:Lead:00Q5g00000LeAd2EAA', value: { ruleId: 'prospects', state: 'ok', expiresOn: '2028-05-10', at: 1 } });

  // 12 months: over since 10 May 2026 (today is 15 June 2026).
  await applyProspects('2026.6.1', { maxAgeMonths: 12 });
  expect(await rowVerdict()).toBe('overdue');
  expect(await knownVerdict()).toBe('overdue');
  expect(await rowVerdict('00Q5g00000LeAd2EAA')).toBe('ok');
  // 14 months: ends 10 July 2026, within the 30 days' warning.
  await applyProspects('2026.6.2', { maxAgeMonths: 14 });
  expect(await rowVerdict()).toBe('due-soon');
  // 400 days: ends 14 June 2026.
  await applyProspects('2026.6.3', { maxAgeDays: 400 });
  expect(await rowVerdict()).toBe('overdue');
  // Back to 36 months: fine again.
  await applyProspects('2026.6.4', { maxAgeMonths: 36 });
  expect(await rowVerdict()).toBe('ok');
  expect(await knownVerdict()).toBe('ok');
});
