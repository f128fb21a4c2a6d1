import { decodeBlock, indexRowOf, INDEX_FIELDS, isIndexRow, seqsOf } from '@/lib/audit/blocks';
import { GENESIS_HASH, verifyEvents } from '@/lib/audit/chain';
import { readEvents, readEventsChecked } from '@/lib/audit/hydrate';
import { AccessLog, checkpointsTable, latestCheckpoint, SEALED_KEY, sealedThrough } from '@/lib/audit/log';
import { chainPage } from '@/lib/audit/query';
import { runVerify } from '@/lib/audit/verify-run';
import { createDb, type GuardDB } from '@/lib/db/db';
import type { AccessEvent, BlockRow } from '@/lib/db/schema';
import { newEvent, T0 } from './helpers';

const DAY = 86_400_000;
let db: GuardDB;

beforeEach(async () => {
  db = createDb(`seal-${Math.random()}`);
  await db.open();
});
afterEach(() => db.close());

const events = (n: number, from = 0, over: (i: number) => Partial<ReturnType<typeof newEvent>> = () => ({})) =>
  Array.from({ length: n }, (_, i) => newEvent(from + i, over(from + i)));

/** Every event of the log in full (index rows hydrated), in chain order. */
const everything = (after = 0) => chainPage(db, after, 100_000);

async function snapshot() {
  const last = await db.events.toCollection().last();
  return { checkpoint: (await latestCheckpoint(db)) ?? null, head: { hash: await new AccessLog(db).head(), seq: last?.seq ?? 0 }, mirror: null };
}

/** The contract of a sealed log: rows ≤ sealedThrough are index rows whose content is in exactly one block; later rows are full. */
async function expectSealedState(through: number) {
  expect(await sealedThrough(db)).toBe(through);
  const rows = await db.events.toArray();
  for (const row of rows) {
    if ((row.seq as number) <= through) {
      expect(isIndexRow(row), `row ${row.seq} should be an index row`).toBe(true);
      expect(Object.keys(row).every((k) => (INDEX_FIELDS as readonly string[]).includes(k) || k === 'blk')).toBe(true);
      // The row names the block that holds its event (read by key for a table page).
      const holder = await db.blocks.where(':id').aboveOrEqual(row.seq as number).first();
      expect((row as { blk?: number }).blk).toBe(holder?.last);
    } else {
      expect(isIndexRow(row), `row ${row.seq} should be a full row`).toBe(false);
    }
  }
  const blocks = await db.blocks.toArray();
  const covered = blocks.flatMap((b) => seqsOf(b));
  expect(covered).toEqual(rows.filter((r) => (r.seq as number) <= through).map((r) => r.seq));
  for (const block of blocks) {
    expect(block.last).toBe(seqsOf(block).at(-1));
    expect(block.first).toBe(seqsOf(block)[0]);
    expect(decodeBlock(block)).toHaveLength(block.n);
  }
  return { rows, blocks };
}

describe('AccessLog.seal', () => {
  test('seal({ all }): every row becomes an index row, the blocks hold exactly those events, reads give back what was there', async () => {
    const log = new AccessLog(db);
    await log.append(events(30, 0, (i) => (i % 3 === 0 ? { eventId: `e-${i}`, fields: ['sfdc:a', 'sfdc:b'], detail: 'naïve 👩🏽‍💻\n' } : {})));
    await log.append(events(30, 30));
    const before = await db.events.toArray();
    expect(await sealedThrough(db)).toBe(0);

    expect(await log.seal({ all: true })).toBe(60);
    const { rows, blocks } = await expectSealedState(60);
    expect(blocks.map((b) => [b.first, b.last])).toEqual([
      [1, 25],
      [26, 50],
      [51, 60],
    ]);
    const keys = (await db.blocks.toArray()).map((b) => b.last);
    expect(rows).toEqual(before.map((e) => indexRowOf(e, keys.find((k) => k >= (e.seq as number)))));
    // Chain-order reads, filtered reads, single gets: all hydrate to the stored events.
    expect(await everything()).toEqual(before);
    expect(await chainPage(db, 20, 10)).toEqual(before.slice(20, 30));
    expect(await readEvents(db, () => db.events.where('eventId').equals('e-27').toArray())).toEqual([before[27]]);
    expect(await readEvents(db, async () => (await db.events.bulkGet([59, 3, 26])) as AccessEvent[])).toEqual([before[58], before[2], before[25]]);
    expect(await verifyEvents(await everything(), GENESIS_HASH, await log.head())).toMatchObject({ ok: true, count: 60 });
    expect(await runVerify(await snapshot(), (a, l, u) => chainPage(db, a, l, u), { batch: 7 })).toMatchObject({ ok: true, count: 60 });
  });

  test('seal() without `all` seals whole blocks only and leaves the tail as full rows', async () => {
    const log = new AccessLog(db);
    await log.append(events(60));
    const before = await db.events.toArray();
    expect(await log.seal()).toBe(50);
    const { rows } = await expectSealedState(50);
    expect(rows.slice(50)).toEqual(before.slice(50));
    expect(await everything()).toEqual(before);
    // A tail under a block: nothing more without `all`.
    expect(await log.seal()).toBe(0);
    expect(await log.seal({ all: true })).toBe(10);
    await expectSealedState(60);
    expect(await everything()).toEqual(before);
  });

  test('a backlog larger than one sealing transaction is sealed in several, in order', async () => {
    const log = new AccessLog(db);
    await log.append(events(530));
    const before = await db.events.toArray();
    const put = vi.spyOn(db.blocks, 'bulkAdd');
    expect(await log.seal()).toBe(525);
    // 21 blocks, at most 8 per transaction.
    expect(put.mock.calls.map((c) => c[0].length)).toEqual([8, 8, 5]);
    await expectSealedState(525);
    expect(await everything()).toEqual(before);
  });

  test('sealing is idempotent: a second seal changes nothing', async () => {
    const log = new AccessLog(db);
    await log.append(events(55));
    await log.seal({ all: true });
    const rows = await db.events.toArray();
    const blocks = await db.blocks.toArray();
    expect(await log.seal()).toBe(0);
    expect(await log.seal({ all: true })).toBe(0);
    expect(await db.events.toArray()).toEqual(rows);
    expect(await db.blocks.toArray()).toEqual(blocks);
    await expectSealedState(55);
  });

  test('appends after sealing chain on the sealed head, by the same writer (fast path) and by a new one (careful path)', async () => {
    const log = new AccessLog(db);
    await log.append(events(30));
    await log.seal({ all: true });
    const [fast] = await log.append([newEvent(30)]);
    const [careful] = await new AccessLog(db).append([newEvent(31)]);
    const all = await everything();
    expect(fast?.prevHash).toBe(all[29]?.hash);
    expect(careful?.prevHash).toBe(fast?.hash);
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(await verifyEvents(all, GENESIS_HASH, await log.head())).toMatchObject({ ok: true, count: 32 });
    // And sealing them later keeps the one chain.
    await log.append(events(20, 32));
    expect(await log.seal({ all: true })).toBe(22);
    await expectSealedState(52);
    expect(await verifyEvents(await everything(), GENESIS_HASH, await log.head())).toMatchObject({ ok: true, count: 52 });
  });

  test('a retried eventId of a sealed event is answered with the stored full event, and stored once', async () => {
    const log = new AccessLog(db);
    const first = await log.append(events(30, 0, (i) => ({ eventId: `r-${i}`, fields: [`sfdc:f${i}`], reason: 'why' })));
    await log.seal({ all: true });
    // The same writer (fast path: the unique index refuses, then the careful path looks it up).
    const again = await log.append([newEvent(3, { eventId: 'r-3', at: T0 + 99_999 })]);
    expect(again).toEqual([first[3]]);
    expect(isIndexRow(again[0]!)).toBe(false);
    // A new writer (careful path from the start), mixed with a fresh event, in one call.
    const mixed = await new AccessLog(db).append([newEvent(7, { eventId: 'r-7' }), newEvent(40, { eventId: 'new-40' })]);
    expect(mixed[0]).toEqual(first[7]);
    expect(mixed[1]).toMatchObject({ eventId: 'new-40', seq: 31, prevHash: first[29]?.hash });
    // Retries sharing one transaction with other appends.
    const shared = await Promise.all([log.append([newEvent(50)]), log.append([newEvent(12, { eventId: 'r-12' })]), log.append([newEvent(51)])]);
    expect(shared[1]).toEqual([first[12]]);
    expect(await db.events.count()).toBe(33);
    expect(await verifyEvents(await everything(), GENESIS_HASH, await log.head())).toMatchObject({ ok: true, count: 33 });
  });

  test('seals interleaved with concurrent appends lose nothing and store nothing twice', async () => {
    const log = new AccessLog(db);
    await log.append(events(120, 0, (i) => ({ eventId: `c-${i}` })));
    const appends: Promise<AccessEvent[]>[] = [];
    const seals: Promise<number>[] = [];
    for (let round = 0; round < 6; round++) {
      seals.push(log.seal({ all: round % 2 === 1 }));
      for (let i = 0; i < 15; i++) appends.push(log.append([newEvent(1000 + round * 15 + i, { eventId: `c-${1000 + round * 15 + i}` })]));
      // Some appends wait a turn, so that they land while a seal's transaction runs.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const answers = await Promise.all(appends);
    const counts = await Promise.all(seals);
    // Every event sealed exactly once over all the seals.
    expect(counts.reduce((a, b) => a + b, 0) + (await log.seal({ all: true }))).toBe(210);
    const all = await everything();
    expect(all).toHaveLength(210);
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 210 }, (_, i) => i + 1));
    expect(new Set(all.map((e) => e.eventId)).size).toBe(210);
    for (const [answer] of answers) expect(all[(answer?.seq as number) - 1]).toEqual(answer);
    await expectSealedState(210);
    expect(await verifyEvents(all, GENESIS_HASH, await log.head())).toMatchObject({ ok: true, count: 210 });
  });

  test('appends made while a backlog is sealed are written between its transactions, and sealed by it', async () => {
    const log = new AccessLog(db);
    await log.append(events(530));
    const sealing = log.seal();
    // Queued behind the first sealing transaction, ahead of the second.
    const appended = await Promise.all(Array.from({ length: 20 }, (_, i) => log.append([newEvent(600 + i, { eventId: `m-${i}` })])));
    expect(appended.map(([e]) => e?.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 531 + i));
    expect(await sealing).toBe(550);
    await expectSealedState(550);
    const all = await everything();
    expect(all.slice(530)).toEqual(appended.flat());
    expect(await verifyEvents(all, GENESIS_HASH, await log.head())).toMatchObject({ ok: true, count: 550 });
  });

  test('rows after sealedThrough that are already index rows: sealing refuses and changes nothing', async () => {
    const log = new AccessLog(db);
    await log.append(events(30));
    await log.seal({ all: true });
    await db.meta.put({ key: SEALED_KEY, value: 10 });
    const blocks = await db.blocks.toArray();
    await expect(log.seal({ all: true })).rejects.toThrow(/sealed rows and blocks disagree after event 10/);
    expect(await db.blocks.toArray()).toEqual(blocks);
    expect(await sealedThrough(db)).toBe(10);
    // The writer's queue survives the refusal.
    expect((await log.append([newEvent(99)]))[0]?.seq).toBe(31);
  });

  test('sealAfterMs: seals whole blocks once the writer has been idle that long, each write pushing the seal back', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const log = new AccessLog(db, { sealAfterMs: 1000 });
      await log.append(events(20));
      await vi.advanceTimersByTimeAsync(900);
      await log.append(events(20, 20));
      // 1,100 ms after the first write, 200 after the second: not idle long enough yet.
      await vi.advanceTimersByTimeAsync(200);
      await log.settled();
      expect(await sealedThrough(db)).toBe(0);
      expect(await db.blocks.count()).toBe(0);
      await vi.advanceTimersByTimeAsync(800);
    } finally {
      vi.useRealTimers();
    }
    await vi.waitFor(async () => expect(await sealedThrough(db)).toBe(25), { timeout: 2000, interval: 10 });
    await expectSealedState(25);
    // Only whole blocks: the 15 after them wait for more.
    expect(await db.events.where('seq').above(25).filter((e) => !isIndexRow(e)).count()).toBe(15);
  });

  test('sealAfterMs: a steady trickle of writes, never idle that long, is still sealed within 5 × sealAfterMs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const log = new AccessLog(db, { sealAfterMs: 1000 });
      for (let i = 0; i < 5; i++) {
        await log.append(events(10, 10 * i));
        await vi.advanceTimersByTimeAsync(900);
      }
      await log.settled();
      // 4,500 ms after the first write, no pause of 1,000 ms: nothing sealed yet.
      expect(await sealedThrough(db)).toBe(0);
      await log.append(events(10, 50));
      await vi.advanceTimersByTimeAsync(600);
    } finally {
      vi.useRealTimers();
    }
    await vi.waitFor(async () => expect(await sealedThrough(db)).toBe(50), { timeout: 2000, interval: 10 });
    await expectSealedState(50);
  });

  test('without sealAfterMs, nothing is sealed until seal() is called', async () => {
    const log = new AccessLog(db);
    await log.append(events(30));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await log.settled();
    expect(await sealedThrough(db)).toBe(0);
    expect(await db.blocks.count()).toBe(0);
  });
});

describe('reading a sealed log with damage in it', () => {
  const damage = async (key: number, edit: (lines: string[]) => void) => {
    const block = (await db.blocks.get(key)) as BlockRow;
    const lines = new TextDecoder().decode(block.data).split('\n');
    edit(lines);
    const bytes = new TextEncoder().encode(lines.join('\n'));
    await db.blocks.put({ ...block, data: bytes.buffer });
  };

  test('a damaged block fails the reads of its own events only, not those of the block before it', async () => {
    const log = new AccessLog(db);
    await log.append(events(75, 0, (i) => ({ eventId: `d-${i}` })));
    await log.seal({ all: true });
    const before = await readEvents(db, () => db.events.toArray());
    await damage(50, (lines) => {
      lines[3] = (lines[3] as string).replace('"action"', '"action');
    });
    // Event 25 is in block 25; block 50 is read beside it (the first block after the range).
    expect(await readEvents(db, () => db.events.where('seq').equals(25).toArray())).toEqual([before[24]]);
    expect(await chainPage(db, 10, 15)).toEqual(before.slice(10, 25));
    expect(await chainPage(db, 55, 100)).toEqual(before.slice(55));
    // A retry of event 25 is still answered (the writer looks it up through readEvents).
    expect(await log.append([newEvent(24, { eventId: 'd-24' })])).toEqual([before[24]]);
    // Block 50's own events fail loudly, naming the event.
    await expect(chainPage(db, 25, 10)).rejects.toThrow(/damaged \(event 29 cannot be read\)/);
  });

  test('a row tampered before sealing keeps its mismatch: verify names it, prune refuses', async () => {
    const log = new AccessLog(db);
    await log.append(events(30, 0, (i) => ({ at: T0 + i * DAY })));
    await db.events.update(7, { actor: 'someone else' });
    await log.seal({ all: true });
    expect((await chainPage(db, 6, 1))[0]?.actor).toBe('someone else');
    expect(await runVerify(await snapshot(), (a, l, u) => chainPage(db, a, l, u))).toMatchObject({ ok: false, firstBadSeq: 7, kind: 'changed' });
    await expect(log.prune(T0 + 20 * DAY, (cp) => newEvent(1000, { action: 'log-pruned', detail: `lastHash=${cp.lastHash}` }))).rejects.toThrow(/event 7: changed/);
    expect(await db.events.count()).toBe(30);
  });

  test('an index row edited after sealing is shown with its sealed content and reported as mismatched', async () => {
    const log = new AccessLog(db);
    await log.append(events(30));
    await log.seal({ all: true });
    const before = await chainPage(db, 0, 100);
    await db.events.update(12, { actor: 'someone else' });
    const rows = await db.events.where('actor').equals('someone else').toArray();
    const checked = await readEventsChecked(db, async () => rows);
    expect(checked).toEqual({ events: [before[11]], mismatched: [12] });
    expect(await runVerify(await snapshot(), (a, l, u) => chainPage(db, a, l, u))).toMatchObject({ ok: true, count: 30 });
  });
});

describe('pruning a sealed log', () => {
  const pruned = (cp: { pruned: number; lastHash: string }) => newEvent(1000, { action: 'log-pruned', recordKey: '', detail: `pruned=${cp.pruned};lastHash=${cp.lastHash}` });
  const daily = (n: number) => events(n, 0, (i) => ({ at: T0 + i * DAY }));

  test('blocks before the cutoff are deleted, the straddling block is cut, the rest hydrates and verifies from the checkpoint', async () => {
    const log = new AccessLog(db);
    await log.append(daily(60));
    await log.seal({ all: true });
    const before = await everything();
    const result = await log.prune(T0 + 40 * DAY, pruned);
    expect(result.pruned).toBe(40);
    expect(result.checkpoint).toMatchObject({ count: 40, lastSeq: 40, lastHash: before[39]?.hash });
    const blocks = await db.blocks.toArray();
    expect(blocks.map((b) => [b.first, b.last, b.n])).toEqual([
      [41, 50, 10],
      [51, 60, 10],
    ]);
    expect(decodeBlock(blocks[0] as BlockRow)).toEqual(before.slice(40, 50));
    expect(await db.events.where('seq').belowOrEqual(40).count()).toBe(0);
    const rest = await everything(40);
    expect(rest.slice(0, 20)).toEqual(before.slice(40));
    expect(rest[20]?.action).toBe('log-pruned');
    expect(await verifyEvents(rest, result.checkpoint?.lastHash, await log.head())).toMatchObject({ ok: true, count: 21 });
    expect(await runVerify(await snapshot(), (a, l, u) => chainPage(db, a, l, u))).toMatchObject({ ok: true, count: 21 });
    // The log goes on: the log-pruned event and later ones seal behind the sealed rest.
    await log.append(daily(10).map((e, i) => ({ ...e, at: T0 + (70 + i) * DAY })));
    expect(await log.seal({ all: true })).toBe(11);
    await expectSealedState(71);
    expect(await runVerify(await snapshot(), (a, l, u) => chainPage(db, a, l, u))).toMatchObject({ ok: true, count: 31 });
  });

  test('a cutoff on a block boundary leaves the next block whole; a cutoff in the unsealed tail deletes every block', async () => {
    const log = new AccessLog(db);
    await log.append(daily(60));
    await log.seal();
    const before = await everything();
    await log.prune(T0 + 25 * DAY, pruned);
    expect((await db.blocks.toArray()).map((b) => [b.first, b.last, b.n])).toEqual([[26, 50, 25]]);
    expect((await everything(25)).slice(0, 35)).toEqual(before.slice(25));
    const second = await log.prune(T0 + 55 * DAY, pruned);
    expect(second.checkpoint).toMatchObject({ count: 55, lastSeq: 55 });
    expect(await db.blocks.count()).toBe(0);
    const rest = await everything(55);
    expect(rest.slice(0, 5)).toEqual(before.slice(55));
    expect(await runVerify(await snapshot(), (a, l, u) => chainPage(db, a, l, u))).toMatchObject({ ok: true, count: 7 });
    // sealedThrough (50) is behind the checkpoint: sealing goes on from the rows that are left.
    expect(await log.seal({ all: true })).toBe(7);
    await expectSealedState(62);
  });

  test('a tampered sealed line is never pruned: nothing is deleted, cut or added', async () => {
    const log = new AccessLog(db);
    await log.append(daily(60));
    await log.seal({ all: true });
    const block = (await db.blocks.get(25)) as BlockRow;
    const text = new TextDecoder().decode(block.data);
    const lines = text.split('\n');
    // One byte of event 3's actor, in the block (its index row is untouched).
    lines[2] = (lines[2] as string).replace('"actor","rep"', '"actor","rop"');
    const bytes = new TextEncoder().encode(lines.join('\n'));
    expect(bytes.length).toBe(block.data.byteLength);
    await db.blocks.put({ ...block, data: bytes.buffer });
    const rows = await db.events.toArray();
    const blocks = await db.blocks.toArray();
    await expect(log.prune(T0 + 40 * DAY, pruned)).rejects.toThrow(/event 3: changed\); nothing was pruned/);
    expect(await db.events.toArray()).toEqual(rows);
    expect(await db.blocks.toArray()).toEqual(blocks);
    expect(await checkpointsTable(db).count()).toBe(0);
  });

  test('an index row deleted from the sealed prefix (an event hidden from every view) is caught: nothing pruned', async () => {
    const log = new AccessLog(db);
    await log.append(daily(40));
    await log.seal({ all: true });
    await db.events.delete(12);
    const blocks = await db.blocks.toArray();
    await expect(log.prune(T0 + 30 * DAY, pruned)).rejects.toThrow(/event 12: removed\); nothing was pruned/);
    expect(await db.events.count()).toBe(39);
    expect(await db.blocks.toArray()).toEqual(blocks);
    expect(await checkpointsTable(db).count()).toBe(0);
  });

  test('a damaged block (a line missing) stops pruning with the block named', async () => {
    const log = new AccessLog(db);
    await log.append(daily(30));
    await log.seal({ all: true });
    const block = (await db.blocks.get(25)) as BlockRow;
    const lines = new TextDecoder().decode(block.data).split('\n');
    lines.splice(4, 1);
    const bytes = new TextEncoder().encode(lines.join('\n'));
    await db.blocks.put({ ...block, data: bytes.buffer });
    await expect(log.prune(T0 + 20 * DAY, pruned)).rejects.toThrow(/block 25: 24 lines for 25 events/);
    expect(await db.events.count()).toBe(30);
    expect(await checkpointsTable(db).count()).toBe(0);
  });
});
