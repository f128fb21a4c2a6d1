import { AccessLog } from '@/lib/audit/log';
import { chainPage, EventQuery, logStats } from '@/lib/audit/query';
import { findAnomalies, outsideWorkingHours } from '@/lib/audit/anomalies';
import { createDb, type GuardDB } from '@/lib/db/db';
import type { AccessEvent } from '@/lib/db/schema';
import { DEFAULT_ANOMALIES } from '@/lib/policy/anomalies-schema';
import { newEvent } from './helpers';

let db: GuardDB;
let log: AccessLog;
const MIN = 60_000;
// A Tuesday, 10:00 local time (working hours are read in the browser's time zone).
const TUE10 = new Date(2026, 0, 6, 10, 0, 0).getTime();

beforeEach(async () => {
  db = createDb(`query-${Math.random()}`);
  await db.open();
  log = new AccessLog(db);
  await log.append(
    Array.from({ length: 60 }, (_, i) =>
      newEvent(i, {
        at: TUE10 + i * MIN,
        actor: i % 3 === 0 ? 'ana' : 'bob',
        action: i % 4 === 0 ? 'reveal' : 'view',
        crm: i % 5 === 0 ? 'hubspot' : 'salesforce',
        org: i % 5 === 0 ? '123456' : 'acme',
        object: i % 5 === 0 ? '0-1' : 'Contact',
        recordId: i % 2 === 0 ? `003AAA${i}` : `501${i}`,
        recordKey: `k:${i % 7}`,
      }),
    ),
  );
});
afterEach(() => db.close());

describe('paged queries on indexed fields', () => {
  test('filters combine, results are newest first, pages do not overlap', async () => {
    const q = new EventQuery(db);
    const head = await log.head();
    const all = await db.events.toArray();
    const expected = all.filter((e) => e.actor === 'ana' && e.action === 'view' && e.at >= TUE10 + 10 * MIN).map((e) => e.seq).reverse();
    const filter = { actor: 'ana', action: 'view' as const, from: TUE10 + 10 * MIN };
    const first = await q.page(filter, 0, 5, head);
    const second = await q.page(filter, 5, 100, head);
    expect((await q.count(filter, head)).total).toBe(expected.length);
    expect([...first.events, ...second.events].map((e) => e.seq)).toEqual(expected);
  });

  test.each<[string, Record<string, unknown>, (e: AccessEvent) => boolean]>([
    ['record', { recordKey: 'k:3' }, (e) => e.recordKey === 'k:3'],
    ['record id search (prefix, any case)', { recordIdPrefix: '003aaa1' }, (e) => e.recordId.startsWith('003AAA1')],
    ['CRM', { crm: 'hubspot' }, (e) => e.crm === 'hubspot'],
    ['CRM, org and object', { crm: 'salesforce', org: 'acme', object: 'Contact', to: TUE10 + 20 * MIN }, (e) => e.crm === 'salesforce' && e.at <= TUE10 + 20 * MIN],
    ['time range', { from: TUE10 + 5 * MIN, to: TUE10 + 9 * MIN }, (e) => e.at >= TUE10 + 5 * MIN && e.at <= TUE10 + 9 * MIN],
    ['action and record id', { action: 'reveal', recordIdPrefix: '003' }, (e) => e.action === 'reveal' && e.recordId.startsWith('003')],
  ])('%s', async (_name, filter, keep) => {
    const all = await db.events.toArray();
    const got = await new EventQuery(db).page(filter, 0, 500, await log.head());
    expect(got.events.map((e) => e.seq)).toEqual(all.filter(keep).map((e) => e.seq).reverse());
  });

  test('a record, an actor or the whole log is paged straight from its index: newest first, exact totals, no overlap', async () => {
    const all = await db.events.toArray();
    const q = new EventQuery(db);
    const head = await log.head();
    for (const [filter, keep] of [
      [{ recordKey: 'k:2' }, (e: AccessEvent) => e.recordKey === 'k:2'],
      [{ actor: 'bob', from: TUE10 + 7 * MIN, to: TUE10 + 50 * MIN }, (e: AccessEvent) => e.actor === 'bob' && e.at >= TUE10 + 7 * MIN && e.at <= TUE10 + 50 * MIN],
      [{}, () => true],
    ] as const) {
      const expected = all.filter(keep).map((e) => e.seq).reverse();
      const pages = [];
      for (let offset = 0; offset < expected.length; offset += 4) {
        const page = await q.page(filter, offset, 4, head);
        pages.push(...page.events.map((e) => e.seq));
      }
      expect(pages).toEqual(expected);
      expect((await q.count(filter, head)).total).toBe(expected.length);
    }
    // Not one key list was loaded for these: only the rows of each page were read.
    const keys = vi.spyOn(Object.getPrototypeOf(db.events.toCollection()) as { primaryKeys: () => unknown }, 'primaryKeys');
    await q.page({ actor: 'ana' }, 0, 4, head);
    expect(keys).not.toHaveBeenCalled();
    keys.mockRestore();
  });

  test('a new event shows up (the cached keys follow the head)', async () => {
    const q = new EventQuery(db);
    expect((await q.count({}, await log.head())).total).toBe(60);
    expect((await q.count({ recordIdPrefix: '003' }, await log.head())).total).toBe(30);
    await log.append([newEvent(99, { at: TUE10 + 99 * MIN, recordId: '003ZZZ' })]);
    const page = await q.page({}, 0, 1, await log.head());
    expect((await q.count({}, await log.head())).total).toBe(61);
    expect((await q.count({ recordIdPrefix: '003' }, await log.head())).total).toBe(31);
    expect(page.events[0]?.seq).toBe(61);
  });

  test('chain pages walk in store order up to a seq', async () => {
    const page = await chainPage(db, 10, 5, 13);
    expect(page.map((e) => e.seq)).toEqual([11, 12, 13]);
    expect(await chainPage(db, 13, 5, 13)).toEqual([]);
  });

  test('stats: events per day by action, top actors, top records revealed', async () => {
    const stats = await logStats(db, TUE10, TUE10 + 2 * 3_600_000, DEFAULT_ANOMALIES);
    expect(stats.total).toBe(60);
    expect(stats.perDay).toEqual([{ day: '2026-01-06', counts: { reveal: 15, view: 45 } }]);
    expect(stats.topActors).toEqual([{ actor: 'bob', count: 40 }, { actor: 'ana', count: 20 }]);
    expect(stats.topRevealed.reduce((n, r) => n + r.count, 0)).toBe(15);
    expect(stats.topRevealed[0]?.count).toBeGreaterThanOrEqual(stats.topRevealed[1]?.count ?? 0);
  });
});

describe('anomaly flags', () => {
  const reveal = (i: number, at: number, actor = 'ana'): AccessEvent => ({ ...newEvent(i, { action: 'reveal', at, actor }), seq: i, prevHash: '', hash: '' });
  const view = (i: number, at: number, record: string): AccessEvent => ({ ...newEvent(i, { action: 'view', at, recordKey: record }), seq: i, prevHash: '', hash: '' });

  test('more than 20 reveals by one actor in an hour: one flag with the events behind it', () => {
    const burst = Array.from({ length: 21 }, (_, i) => reveal(i + 1, TUE10 + i * 2 * MIN));
    const flags = findAnomalies(burst, DEFAULT_ANOMALIES).filter((f) => f.kind === 'reveal-burst');
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ actor: 'ana', count: 21 });
    expect(flags[0]?.seqs).toHaveLength(21);
    // Twenty is the threshold, not a breach; the same 21 spread over more than an hour are fine.
    expect(findAnomalies(burst.slice(0, 20), DEFAULT_ANOMALIES)).toEqual([]);
    const spread = Array.from({ length: 21 }, (_, i) => reveal(i + 1, TUE10 + i * 4 * MIN));
    expect(findAnomalies(spread, DEFAULT_ANOMALIES).filter((f) => f.kind === 'reveal-burst')).toEqual([]);
  });

  test('views of more than 200 distinct records in an hour (repeat views do not count twice)', () => {
    const views = Array.from({ length: 201 }, (_, i) => view(i + 1, TUE10 + i * 10_000, `r${i}`));
    expect(findAnomalies(views, DEFAULT_ANOMALIES)).toMatchObject([{ kind: 'view-burst', count: 201 }]);
    const repeats = Array.from({ length: 400 }, (_, i) => view(i + 1, TUE10 + i * 5_000, `r${i % 150}`));
    expect(findAnomalies(repeats, DEFAULT_ANOMALIES)).toEqual([]);
  });

  test('reveals outside working hours', () => {
    const sat = new Date(2026, 0, 10, 11, 0).getTime();
    const late = new Date(2026, 0, 6, 19, 0).getTime();
    expect(outsideWorkingHours(TUE10, DEFAULT_ANOMALIES.workingHours)).toBe(false);
    expect(outsideWorkingHours(sat, DEFAULT_ANOMALIES.workingHours)).toBe(true);
    expect(outsideWorkingHours(late, DEFAULT_ANOMALIES.workingHours)).toBe(true);
    const flags = findAnomalies([reveal(1, TUE10), reveal(2, sat), reveal(3, late)], DEFAULT_ANOMALIES);
    expect(flags.map((f) => [f.kind, f.seqs])).toEqual([
      ['off-hours-reveal', [2]],
      ['off-hours-reveal', [3]],
    ]);
  });
});
