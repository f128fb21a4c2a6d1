import { AccessLog, checkpointsTable, latestCheckpoint, type HeadMirror } from '@/lib/audit/log';
import { GENESIS_HASH, verifyEvents } from '@/lib/audit/chain';
import { runVerify } from '@/lib/audit/verify-run';
import { chainPage } from '@/lib/audit/query';
import { createDb, type GuardDB } from '@/lib/db/db';
import { newEvent, T0 } from './helpers';

let db: GuardDB;
let mirrorValue: { hash: string; seq: number } | undefined;
/**
 * Each test's own copy outside the database: a head write that an earlier test's log still had
 * pending (the copy is written up to 100 ms after a burst) lands in that test's mirror, not here.
 */
let mirror: HeadMirror;
let generation = 0;

beforeEach(async () => {
  db = createDb(`log-${Math.random()}`);
  await db.open();
  mirrorValue = undefined;
  const mine = ++generation;
  mirror = {
    read: async () => (mine === generation ? mirrorValue : undefined),
    write: async (h) => {
      if (mine === generation) mirrorValue = h;
    },
  };
});
afterEach(() => db.close());

async function snapshot() {
  const last = await db.events.toCollection().last();
  return {
    checkpoint: (await latestCheckpoint(db)) ?? null,
    head: { hash: (await new AccessLog(db).head()), seq: last?.seq ?? 0 },
    mirror: mirrorValue ?? null,
  };
}
const fetchPage = (after: number, limit: number, upto: number) => chainPage(db, after, limit, upto);

describe('AccessLog', () => {
  test('a retried event (same eventId) is stored once and answered with the stored copy', async () => {
    const log = new AccessLog(db, { mirror });
    const first = await log.append([newEvent(1, { eventId: 'e-1' }), newEvent(2)]);
    const again = await log.append([newEvent(1, { eventId: 'e-1', at: T0 + 99_999 }), newEvent(3, { eventId: 'e-3' }), newEvent(3, { eventId: 'e-3' })]);
    expect(await db.events.count()).toBe(3);
    expect(again[0]).toEqual(first[0]);
    expect(again).toHaveLength(2);
    expect(again[1]?.eventId).toBe('e-3');
    const all = await db.events.toArray();
    expect(await verifyEvents(all, GENESIS_HASH, await log.head())).toMatchObject({ ok: true, count: 3 });
    // The copy outside the database is written after the answer, and catches up.
    await log.settled();
    expect(mirrorValue).toEqual({ hash: all[2]?.hash, seq: all[2]?.seq });
  });

  test('the copy outside the database: a lone head is written at once, a burst at most every 100 ms, never ahead of the table', async () => {
    const writes: { hash: string; seq: number }[] = [];
    const counting: HeadMirror = { read: async () => writes.at(-1), write: async (h) => void writes.push(h) };
    const log = new AccessLog(db, { mirror: counting });
    const [first] = await log.append([newEvent(1)]);
    await vi.waitFor(() => expect(writes).toEqual([{ hash: first?.hash, seq: 1 }]));
    // One at a time, each awaited (a content script sending one message after the other).
    const started = performance.now();
    for (let i = 2; i <= 11; i++) await log.append([newEvent(i)]);
    const intervals = Math.floor((performance.now() - started) / 100);
    // One write per started interval at most (a write per event would be 10 more).
    expect(writes.length).toBeLessThanOrEqual(2 + intervals);
    expect(writes.length).toBeLessThan(11);
    for (const w of writes) expect(w.seq).toBeLessThanOrEqual(11);
    await log.settled();
    const all = await db.events.toArray();
    expect(writes.at(-1)).toEqual({ hash: all[10]?.hash, seq: 11 });
    expect(writes.map((w) => w.seq)).toEqual([...writes.map((w) => w.seq)].sort((a, b) => a - b));
  });

  test('concurrent appends from many callers make one linear chain', async () => {
    const log = new AccessLog(db);
    await Promise.all(Array.from({ length: 30 }, (_, i) => log.append([newEvent(i, { eventId: `c-${i}` })])));
    const all = await db.events.toArray();
    expect(all).toHaveLength(30);
    expect(await verifyEvents(all, GENESIS_HASH, await log.head())).toMatchObject({ ok: true, count: 30 });
  });

  test('appends that arrive while one is written share the next transaction; each caller gets its own events', async () => {
    const log = new AccessLog(db, { mirror });
    // Counted where IndexedDB opens them (plain appends do not go through Dexie's transaction()).
    const transactions = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => log.append([newEvent(2 * i, { eventId: `g-${i}` }), newEvent(2 * i + 1)])),
    );
    // Calls made in the same turn, before the writer starts, are one transaction.
    expect(transactions.mock.calls.filter((call) => call[1] === 'readwrite')).toHaveLength(1);
    transactions.mockRestore();
    answers.forEach((events, i) => {
      expect(events.map((e) => e.eventId)).toEqual([`g-${i}`, undefined]);
      expect(events.map((e) => e.recordId)).toEqual([newEvent(2 * i).recordId, newEvent(2 * i + 1).recordId]);
    });
    const all = await db.events.toArray();
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await verifyEvents(all, GENESIS_HASH, await log.head())).toMatchObject({ ok: true, count: 40 });
    await log.settled();
    expect(mirrorValue).toEqual({ hash: all[39]?.hash, seq: 40 });
  });

  test('in a shared transaction, a retried event is answered with its stored copy and a failing call fails alone', async () => {
    const log = new AccessLog(db);
    const [first] = await log.append([newEvent(1, { eventId: 'r-1' })]);
    const blocker = log.append([newEvent(2)]);
    const retried = log.append([newEvent(1, { eventId: 'r-1', at: 5 })]);
    // An event IndexedDB cannot store (a function is not cloneable) makes its whole group fail once.
    const broken = log.append([{ ...newEvent(3), detail: (() => 'x') as unknown as string }]);
    const fine = log.append([newEvent(4, { eventId: 'r-4' })]);
    await blocker;
    expect(await retried).toEqual([first]);
    await expect(broken).rejects.toBeDefined();
    expect((await fine).map((e) => e.eventId)).toEqual(['r-4']);
    const all = await db.events.toArray();
    expect(all.map((e) => e.eventId ?? e.recordId)).toEqual(['r-1', newEvent(2).recordId, 'r-4']);
    expect(await verifyEvents(all, GENESIS_HASH, await log.head())).toMatchObject({ ok: true, count: 3 });
  });

  test('a head moved by someone else is noticed in the transaction: nothing stale is chained', async () => {
    const log = new AccessLog(db);
    await log.append([newEvent(1)]);
    // A second writer on the same database (the one writer rule broken): the remembered head is stale.
    await new AccessLog(db).append([newEvent(2)]);
    await log.append([newEvent(3)]);
    const all = await db.events.toArray();
    expect(all[2]?.prevHash).toBe(all[1]?.hash);
    expect(await verifyEvents(all, GENESIS_HASH, await log.head())).toMatchObject({ ok: true, count: 3 });
  });

  test('when the browser refuses to store (quota), nothing is half-written and the problem is flagged', async () => {
    const flags: string[] = [];
    const log = new AccessLog(db, { mirror, status: { problem: async () => void flags.push('problem'), ok: async () => void flags.push('ok') } });
    await log.append([newEvent(1)]);
    const headBefore = await log.head();
    // The browser's refusal, injected where IndexedDB itself writes (fake-indexeddb's object store).
    const quota = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const add = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(quota);
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(quota);
    await expect(log.append([newEvent(2), newEvent(3)])).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(flags).toEqual(['ok', 'problem']);
    add.mockRestore();
    put.mockRestore();
    expect(await db.events.count()).toBe(1);
    expect(await log.head()).toBe(headBefore);
    // The queue survives the failure, and the next write clears the flag.
    await log.append([newEvent(4)]);
    expect(flags.at(-1)).toBe('ok');
    const all = await db.events.toArray();
    expect(await verifyEvents(all, GENESIS_HASH, await log.head())).toMatchObject({ ok: true, count: 2 });
  });

  test('a quota error in the record write that goes with an event rolls the event back too', async () => {
    const log = new AccessLog(db);
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    await expect(
      log.appendWith([newEvent(1)], [db.records], async () => {
        throw quota;
      }),
    ).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(await db.events.count()).toBe(0);
    expect(await log.head()).toBe(GENESIS_HASH);
  });
});

describe('pruning with checkpoints', () => {
  const DAY = 86_400_000;
  const pruned = (cp: { pruned: number; lastHash: string }) => newEvent(1000, { action: 'log-pruned', recordKey: '', detail: `pruned=${cp.pruned};lastHash=${cp.lastHash}` });

  test('the pruned prefix becomes a checkpoint, a log-pruned event is chained, and the rest still verifies', async () => {
    const log = new AccessLog(db, { mirror });
    await log.append(Array.from({ length: 10 }, (_, i) => newEvent(i, { at: T0 + i * DAY })));
    const result = await log.prune(T0 + 6 * DAY, pruned);
    await log.settled();
    expect(result.pruned).toBe(6);
    expect(result.checkpoint).toMatchObject({ count: 6, fromAt: T0, toAt: T0 + 5 * DAY, lastSeq: 6 });
    const rest = await db.events.toArray();
    expect(rest.map((e) => e.seq)).toEqual([7, 8, 9, 10, 11]);
    expect(rest.at(-1)?.action).toBe('log-pruned');
    expect(rest[0]?.prevHash).toBe(result.checkpoint?.lastHash);
    expect(await runVerify(await snapshot(), fetchPage)).toMatchObject({ ok: true, count: 5 });

    // A second prune adds up: the checkpoint counts every event pruned since the start.
    const second = await log.prune(T0 + 8 * DAY, pruned);
    await log.settled();
    expect(second.pruned).toBe(2);
    expect(second.checkpoint).toMatchObject({ count: 8, fromAt: T0, lastSeq: 8 });
    expect(await checkpointsTable(db).count()).toBe(2);
    expect(await runVerify(await snapshot(), fetchPage)).toMatchObject({ ok: true, count: 4 });
  });

  test('nothing old enough: nothing pruned, no event', async () => {
    const log = new AccessLog(db);
    await log.append([newEvent(1)]);
    expect(await log.prune(T0 - DAY, pruned)).toEqual({ pruned: 0 });
    expect(await db.events.count()).toBe(1);
  });

  test('a tampered prefix is never pruned (pruning must not launder evidence)', async () => {
    const log = new AccessLog(db);
    await log.append(Array.from({ length: 5 }, (_, i) => newEvent(i, { at: T0 + i * DAY })));
    await db.events.update(2, { actor: 'someone else' });
    await expect(log.prune(T0 + 4 * DAY, pruned)).rejects.toThrow(/event 2: changed/);
    expect(await db.events.count()).toBe(5);
    expect(await checkpointsTable(db).count()).toBe(0);
  });

  test('a checkpoint that no log-pruned event vouches for is reported', async () => {
    const log = new AccessLog(db);
    await log.append(Array.from({ length: 4 }, (_, i) => newEvent(i, { at: T0 + i * DAY })));
    await log.prune(T0 + 2 * DAY, pruned);
    const cp = await latestCheckpoint(db);
    await db.events.where('action').equals('log-pruned').delete();
    expect(cp).toBeDefined();
    const verdict = await runVerify(await snapshot(), fetchPage);
    expect(verdict.ok).toBe(false);
  });
});

describe('the head kept outside the database', () => {
  test('cutting the newest events and the head row together is caught by the outside copy', async () => {
    const log = new AccessLog(db, { mirror });
    await log.append(Array.from({ length: 5 }, (_, i) => newEvent(i)));
    await log.settled();
    expect(mirrorValue?.seq).toBe(5);
    const all = await db.events.toArray();
    // An attacker with the database only: drop the last two events and rewrite the head row.
    await db.events.bulkDelete([4, 5]);
    await db.meta.put({ key: 'chainHead', value: all[2]?.hash });
    const verdict = await runVerify(await snapshot(), fetchPage);
    expect(verdict).toMatchObject({ ok: false, kind: 'truncated', firstBadSeq: 5 });
  });

  test('progress is reported and a cancelled verification says so', async () => {
    const log = new AccessLog(db, { mirror });
    await log.append(Array.from({ length: 25 }, (_, i) => newEvent(i)));
    await log.settled();
    const seen: number[] = [];
    expect(await runVerify(await snapshot(), fetchPage, { batch: 10, onProgress: (n) => seen.push(n) })).toMatchObject({ ok: true, count: 25 });
    expect(seen).toEqual([10, 20, 25]);
    const controller = new AbortController();
    const cancelled = await runVerify(await snapshot(), fetchPage, {
      batch: 10,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(cancelled).toEqual({ ok: 'cancelled' });
  });
});
