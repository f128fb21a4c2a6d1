import { lineSpans, seqsOf } from '@/lib/audit/blocks';
import { canonicalEvent, type NewEvent } from '@/lib/audit/chain';
import { AccessLog, latestCheckpoint, sealedThrough } from '@/lib/audit/log';
import { workerPages, type VerifyWorkerLike } from '@/lib/audit/verify-pool';
import { checkPage, checkSealedPage, checkSealedRange, type CheckedPage } from '@/lib/audit/verify-range';
import { runVerify, type ChainSnapshot, type RunResult } from '@/lib/audit/verify-run';
import { openExisting, serveVerify, type FromVerifyWorker, type ToVerifyWorker } from '@/lib/audit/verify-worker-core';
import { createDb, type GuardDB } from '@/lib/db/db';
import { pageReader, sealedPageReader } from '@/lib/db/readonly';
import type { AccessEvent, BlockRow } from '@/lib/db/schema';
import { newEvent, T0 } from './helpers';

const DAY = 86_400_000;

let db: GuardDB;
let name: string;
let conn: IDBDatabase | undefined;

beforeEach(async () => {
  name = `verify-blocks-${Math.random()}`;
  db = createDb(name);
  await db.open();
});
afterEach(() => {
  conn?.close();
  conn = undefined;
  db.close();
});

/** The page's own read-only connection (as the dashboard opens it: plain IndexedDB). */
async function connection(): Promise<IDBDatabase> {
  conn ??= await openExisting(indexedDB, name, db.backendDB().version, () => undefined);
  return conn;
}

/** A verify worker run in this thread: the real worker code (serveVerify over IndexedDB). */
function inProcessWorker(sent: ToVerifyWorker[] = [], sabotage?: (m: FromVerifyWorker, n: number) => FromVerifyWorker): VerifyWorkerLike & { terminated: boolean } {
  let posted = 0;
  const worker: VerifyWorkerLike & { terminated: boolean } = {
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage: (message) => {
      sent.push(message);
      setTimeout(() => handle(message), 0);
    },
    terminate: () => {
      worker.terminated = true;
    },
  };
  const handle = serveVerify(
    (message: FromVerifyWorker) => {
      const out = sabotage ? sabotage(message, posted++) : message;
      setTimeout(() => !worker.terminated && worker.onmessage?.({ data: structuredClone(out) }), 0);
    },
    (n, version, onClosed) => openExisting(indexedDB, n, version, onClosed),
  );
  return worker;
}

/** Ranges of 30 seqs (they cut blocks of 25 in the middle), pages of 10, three workers. */
function viaWorkers(options: { chunk?: number; page?: number; sent?: ToVerifyWorker[] } = {}) {
  return (after: number, upto: number) =>
    workerPages(
      { db: name, version: db.backendDB().version, workers: 3, chunk: options.chunk ?? 30, page: options.page ?? 10, makeWorker: () => inProcessWorker(options.sent) },
      after,
      upto,
    );
}

async function snapshot(): Promise<ChainSnapshot> {
  const last = await db.events.toCollection().last();
  const checkpoint = (await latestCheckpoint(db)) ?? null;
  return { checkpoint, head: { hash: await new AccessLog(db).head(), seq: last?.seq ?? 0 }, mirror: null };
}

const noFallback = () => Promise.reject(new Error('the workers did not finish: the page read on'));

/** Verify through the workers only (a worker failure rejects instead of falling back). */
async function byWorkers(options: { chunk?: number; page?: number } = {}): Promise<RunResult> {
  return runVerify(await snapshot(), noFallback, { checked: viaWorkers(options) });
}

/** Verify on the page, reading full events through pageReader (the dashboard's fallback). */
async function byPage(batch = 7): Promise<RunResult> {
  return runVerify(await snapshot(), pageReader(await connection()), { batch });
}

async function bothWays(): Promise<[RunResult, RunResult]> {
  return [await byWorkers(), await byPage()];
}

function events(n: number, over: (i: number) => Partial<NewEvent> = () => ({})): NewEvent[] {
  return Array.from({ length: n }, (_, i) => newEvent(i, over(i)));
}

async function fullRows(): Promise<AccessEvent[]> {
  return db.events.toArray();
}

/** Rewrites the line of `seq` in its block with `edit` (bytes, the stored hash first). */
async function editLine(seq: number, edit: (line: Uint8Array) => Uint8Array): Promise<void> {
  const block = (await db.blocks.where(':id').aboveOrEqual(seq).first()) as BlockRow;
  const bytes = new Uint8Array(block.data);
  const i = seqsOf(block).indexOf(seq);
  expect(i).toBeGreaterThanOrEqual(0);
  const [start, end] = lineSpans(bytes)[i] as [number, number];
  const line = edit(bytes.slice(start, end));
  const data = new Uint8Array(start + line.length + (bytes.length - end));
  data.set(bytes.subarray(0, start), 0);
  data.set(line, start);
  data.set(bytes.subarray(end), start + line.length);
  await db.blocks.put({ ...block, data: data.buffer });
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytesOf = (s: string) => new TextEncoder().encode(s);

describe('verify a sealed log', () => {
  test('fully sealed: the workers read blocks, the page reads full events, both verify', async () => {
    await new AccessLog(db).append(events(130));
    const before = await fullRows();
    expect(await new AccessLog(db).seal({ all: true })).toBe(130);
    expect(await sealedThrough(db)).toBe(130);
    expect(await db.blocks.count()).toBe(6);
    expect((await fullRows()).every((row) => row.hash === undefined)).toBe(true);

    const [workers, page] = await bothWays();
    expect(workers).toEqual({ ok: true, count: 130, head: before.at(-1)?.hash });
    expect(page).toEqual(workers);
    // pageReader gives the events back as they were stored, in pages that cut blocks anywhere.
    const read = pageReader(await connection());
    expect([...(await read(0, 7, 130)), ...(await read(7, 200, 130))]).toEqual(before);
    expect(await read(20, 12, 40)).toEqual(before.slice(20, 32));
  });

  test('the workers hand back every seq once, in order, however ranges and pages cut the blocks', async () => {
    await new AccessLog(db).append(events(137));
    await new AccessLog(db).seal();
    const seqs: number[] = [];
    for await (const page of viaWorkers({ chunk: 17, page: 9 })(3, 137)) {
      seqs.push(...page.links.map((l) => l.seq as number));
      expect([...page.intact].every((f) => f === 1)).toBe(true);
    }
    expect(seqs).toEqual(Array.from({ length: 134 }, (_, i) => i + 4));
  });

  test('partly sealed: blocks, then the rows after sealedThrough', async () => {
    const log = new AccessLog(db);
    await log.append(events(130));
    expect(await log.seal()).toBe(125); // whole blocks only
    await log.append(events(20, (i) => ({ at: T0 + (200 + i) * 1000 })));
    const stored = await fullRows();
    expect(stored.filter((row) => row.hash === undefined)).toHaveLength(125);
    expect(await sealedThrough(db)).toBe(125);

    const [workers, page] = await bothWays();
    expect(workers).toMatchObject({ ok: true, count: 150 });
    expect(page).toEqual(workers);
    expect(await byWorkers({ chunk: 1000, page: 1000 })).toEqual(workers);
    const read = pageReader(await connection());
    const all = await read(0, 1000, 150);
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    expect(all.slice(125)).toEqual(stored.slice(125));
  });

  test('a page of the workers reads the sealed part from blocks only, then the tail rows, in one transaction', async () => {
    const log = new AccessLog(db);
    await log.append(events(110));
    await log.seal(); // 100 sealed, 10 rows
    const stores: string[] = [];
    const getAll = IDBObjectStore.prototype.getAll;
    vi.spyOn(IDBObjectStore.prototype, 'getAll').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['getAll']>) {
      stores.push(this.name);
      return getAll.apply(this, args);
    });
    const transactions = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const read = sealedPageReader(await connection());
    const page = await read(10, 1000, 110);
    expect(page).toMatchObject({ after: 10, sealedUpto: 100, next: undefined });
    expect(page.blocks.map((b) => b.last)).toEqual([25, 50, 75, 100]);
    expect(page.rows.map((r) => r.seq)).toEqual([101, 102, 103, 104, 105, 106, 107, 108, 109, 110]);
    expect(stores).toEqual(['blocks', 'events']);
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(transactions.mock.calls[0]?.[0]).toEqual(['events', 'blocks', 'meta']);
    const checked = await checkSealedPage(page);
    expect(checked.links.map((l) => l.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 11));
    expect([...checked.intact].every((f) => f === 1)).toBe(true);

    // A small page stops after ⌈page / 25⌉ + 1 blocks and says where the next one starts.
    stores.length = 0;
    expect(await read(0, 30, 110)).toMatchObject({ sealedUpto: 75, rows: [], next: 75 });
    expect(stores).toEqual(['blocks']);
    // Within the sealed part, a range ending inside a block reads that block too, and only its own lines.
    const middle = await read(30, 1000, 60);
    expect(middle.blocks.map((b) => b.last)).toEqual([50, 75]);
    expect((await checkSealedPage(middle)).links.map((l) => l.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 31));
  });

  test('a worker that fails midway on a partly sealed log: the page reads on through pageReader from the last event walked', async () => {
    const log = new AccessLog(db);
    await log.append(events(90));
    await log.seal(); // 75 sealed, 15 rows
    await editLine(60, (line) => bytesOf(text(line).replace('"actor","rep"', '"actor","rap"')));
    const progress: number[] = [];
    const failing = (after: number, upto: number) =>
      workerPages(
        {
          db: name,
          version: db.backendDB().version,
          workers: 2,
          chunk: 20,
          page: 10,
          makeWorker: () => inProcessWorker([], (m, n) => (n === 1 ? { error: 'the log was closed for an upgrade' } : m)),
        },
        after,
        upto,
      );
    const verdict = await runVerify(await snapshot(), pageReader(await connection()), { checked: failing, batch: 8, onProgress: (n) => progress.push(n) });
    expect(verdict).toMatchObject({ ok: false, kind: 'changed', firstBadSeq: 60, count: 59 });
    // The first range (one page: two blocks hold its 20 events) came from a worker, then the page read on, eight at a time.
    expect(progress).toEqual([20, 28, 36, 44, 52]);

    await editLine(60, (line) => bytesOf(text(line).replace('"actor","rap"', '"actor","rep"')));
    expect(await runVerify(await snapshot(), pageReader(await connection()), { checked: failing, batch: 8 })).toMatchObject({ ok: true, count: 90 });
  });

  test('the links and flags from the bytes are what hashing the full events gives', async () => {
    const log = new AccessLog(db);
    await log.append(events(60, (i) => (i % 20 === 3 ? { action: 'log-pruned', recordKey: '', detail: `pruned=${i};lastHash=${'f'.repeat(64)}` } : {})));
    const stored = await fullRows();
    await log.seal({ all: true });
    const fromRows = await checkPage(stored);
    const pages: CheckedPage[] = [];
    for await (const page of checkSealedRange(sealedPageReader(await connection()), 0, 60, 1000)) pages.push(page);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toEqual(fromRows);
    expect(pages[0]?.pruned.map((p) => p.seq)).toEqual([4, 24, 44]);
  });

  test('sealed with gaps in the seqs: the blocks list them, and the chain verifies', async () => {
    await new AccessLog(db).append(events(60));
    const rows = await fullRows();
    await db.events.clear();
    await db.events.bulkAdd(rows.map((row, i) => ({ ...row, seq: 1 + i * 3 })));
    expect(await new AccessLog(db).seal({ all: true })).toBe(60);
    const blocks = await db.blocks.toArray();
    expect(blocks[0]?.seqs?.slice(0, 3)).toEqual([1, 4, 7]);
    const [workers, page] = await bothWays();
    expect(workers).toMatchObject({ ok: true, count: 60 });
    expect(page).toEqual(workers);
    expect((await pageReader(await connection())(0, 1000, 1000)).map((e) => e.seq)).toEqual(rows.map((_, i) => 1 + i * 3));
  });

  test('after prune (blocks deleted and cut), before and after the log-pruned event is sealed', async () => {
    const pruned = (cp: { pruned: number; lastHash: string }) => newEvent(1000, { at: T0 + 200 * DAY, action: 'log-pruned', recordKey: '', detail: `pruned=${cp.pruned};lastHash=${cp.lastHash}` });
    const log = new AccessLog(db);
    await log.append(events(130, (i) => ({ at: T0 + i * DAY })));
    await log.seal({ all: true });
    const result = await log.prune(T0 + 40 * DAY, pruned);
    expect(result).toMatchObject({ pruned: 40, checkpoint: { lastSeq: 40 } });
    expect((await db.blocks.toArray()).map((b) => [b.first, b.last])).toEqual([
      [41, 50],
      [51, 75],
      [76, 100],
      [101, 125],
      [126, 130],
    ]);
    let [workers, page] = await bothWays();
    expect(workers).toMatchObject({ ok: true, count: 91 });
    expect(page).toEqual(workers);

    await log.seal({ all: true }); // the log-pruned event (131) is now a line of a block
    expect(await sealedThrough(db)).toBe(131);
    [workers, page] = await bothWays();
    expect(workers).toMatchObject({ ok: true, count: 91 });
    expect(page).toEqual(workers);

    // Without its log-pruned event, the checkpoint is vouched for by nothing.
    await db.blocks.delete(131);
    await db.events.delete(131);
    await db.meta.put({ key: 'chainHead', value: await headOfBlock(130) });
    expect(await byWorkers()).toMatchObject({ ok: false, kind: 'checkpoint' });
  });

  test('non-ASCII text, newlines, quotes and a fake prevHash in values verify, and read back as stored', async () => {
    const fake = `"],["prevHash","${'a'.repeat(64)}"],["x`;
    const log = new AccessLog(db);
    await log.append(
      events(40, (i) =>
        i % 4 === 0
          ? { actor: `rené 🙂 ${i}`, reason: `line one\nline two ${fake}`, fields: ['na"me', fake, 'ünïcödé'], detail: `"quoted" ${fake} \\ \u2028` }
          : i % 4 === 1
            ? { action: 'log-pruned', recordKey: '', detail: `pruned=1;lastHash=${'b'.repeat(64)} ${fake} é` }
            : {},
      ),
    );
    const stored = await fullRows();
    await log.seal({ all: true });
    for (const block of await db.blocks.toArray()) expect(lineSpans(new Uint8Array(block.data))).toHaveLength(block.n); // "\n" in a value is escaped: one line per event
    const [workers, page] = await bothWays();
    expect(workers).toMatchObject({ ok: true, count: 40 });
    expect(page).toEqual(workers);
    expect(await pageReader(await connection())(0, 1000, 40)).toEqual(stored);
    const pages: CheckedPage[] = [];
    for await (const p of checkSealedRange(sealedPageReader(await connection()), 0, 40, 1000)) pages.push(p);
    expect(pages[0]).toEqual(await checkPage(stored));
  });
});

/** The stored hash of the last event of block `last`. */
async function headOfBlock(last: number): Promise<string> {
  const block = (await db.blocks.get(last)) as BlockRow;
  const bytes = new Uint8Array(block.data);
  const spans = lineSpans(bytes);
  const [start] = spans[spans.length - 1] as [number, number];
  return text(bytes.subarray(start, start + 64));
}

describe('tampering with a sealed log', () => {
  beforeEach(async () => {
    await new AccessLog(db).append(events(130, (i) => (i === 29 ? { actor: 'rené 🙂', detail: 'é' } : {})));
    await new AccessLog(db).seal({ all: true });
  });

  test('one byte of an event changed in its block: changed at that event', async () => {
    await editLine(33, (line) => {
      const s = text(line);
      return bytesOf(s.replace('"actor","rep"', '"actor","rap"'));
    });
    const [workers, page] = await bothWays();
    expect(workers).toMatchObject({ ok: false, kind: 'changed', firstBadSeq: 33, count: 32 });
    expect(page).toEqual(workers);
  });

  test('a byte of a non-ASCII value changed: changed at that event', async () => {
    await editLine(30, (line) => {
      const at = line.indexOf(0xc3); // é
      line[at + 1] = 0xa8; // è
      return line;
    });
    const [workers, page] = await bothWays();
    expect(workers).toMatchObject({ ok: false, kind: 'changed', firstBadSeq: 30 });
    expect(page).toEqual(workers);
  });

  test('a byte that is not UTF-8 in a line: changed at that event', async () => {
    await editLine(45, (line) => {
      const at = text(line).indexOf('"actor","rep"') + '"actor","r'.length;
      line[at] = 0xff;
      return line;
    });
    const [workers, page] = await bothWays();
    expect(workers).toMatchObject({ ok: false, kind: 'changed', firstBadSeq: 45, count: 44 });
    expect(page).toEqual(workers);
  });

  test('a line’s stored hash changed: changed at that event', async () => {
    await editLine(60, (line) => {
      line[10] = line[10] === 0x30 ? 0x31 : 0x30;
      return line;
    });
    const [workers, page] = await bothWays();
    expect(workers).toMatchObject({ ok: false, kind: 'changed', firstBadSeq: 60, count: 59 });
    expect(page).toEqual(workers);
  });

  test('an event rewritten with its own hash recomputed: the next link breaks', async () => {
    const block = (await db.blocks.get(50)) as BlockRow;
    const bytes = new Uint8Array(block.data);
    const lines = text(bytes).split('\n');
    const i = seqsOf(block).indexOf(40);
    const canonical = (lines[i] as string).slice(64).replace('"actor","rep"', '"actor","mallory"');
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytesOf(canonical)));
    lines[i] = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('') + canonical;
    await db.blocks.put({ ...block, data: bytesOf(lines.join('\n')).buffer as ArrayBuffer });
    const [workers, page] = await bothWays();
    expect(workers).toMatchObject({ ok: false, kind: 'reordered', firstBadSeq: 41, count: 40 });
    expect(page).toEqual(workers);
  });

  test('a block deleted: the workers and the page (which reads blocks too) both name its events removed', async () => {
    await db.blocks.delete(50);
    const [workers, page] = await bothWays();
    expect(workers).toMatchObject({ ok: false, kind: 'removed', firstBadSeq: 26, count: 25 });
    expect(page).toEqual(workers);
  });

  test('the last block deleted: the log is truncated', async () => {
    await db.blocks.delete(130);
    expect(await byWorkers()).toMatchObject({ ok: false, kind: 'truncated', problem: 'head-mismatch', count: 125 });
  });

  test('two blocks’ contents swapped: the chain breaks where the first one starts', async () => {
    const [a, b] = (await db.blocks.bulkGet([50, 75])) as [BlockRow, BlockRow];
    await db.blocks.bulkPut([
      { ...a, data: b.data },
      { ...b, data: a.data },
    ]);
    const [workers, page] = await bothWays();
    expect(workers).toMatchObject({ ok: false, kind: 'reordered', firstBadSeq: 26, count: 25 });
    expect(page).toEqual(workers);
  });

  test('a block whose lines are not its n events: its events fail, never a pass', async () => {
    await editLine(80, (line) => {
      line[100] = 0x0a; // one line more
      return line;
    });
    expect(await byWorkers()).toMatchObject({ ok: false, kind: 'changed', firstBadSeq: 76, count: 75 });
    await expect(byPage()).rejects.toThrow(/block 100: 26 lines for 25 events/);
  });

  test('a block whose n was changed: its events fail, never a pass', async () => {
    const block = (await db.blocks.get(125)) as BlockRow;
    await db.blocks.put({ ...block, n: 24 });
    expect(await byWorkers()).toMatchObject({ ok: false, kind: 'changed', firstBadSeq: 101, count: 100 });
    const checked = await checkSealedPage({ after: 100, blocks: [{ ...block, n: 24 }], sealedUpto: 125, rows: [], next: undefined });
    expect(checked.links).toEqual([{ seq: 101, prevHash: '', hash: '' }]);
    expect([...checked.intact]).toEqual([0]);
    // A huge n lists no seqs (nothing is allocated for it) and fails the same way.
    await db.blocks.put({ ...block, n: 2 ** 40 });
    expect(await byWorkers()).toMatchObject({ ok: false, kind: 'changed', firstBadSeq: 101, count: 100 });
  });

  test('a line that is not an event: changed there, even if its hash matches', async () => {
    await editLine(70, () => {
      const junk = 'not json at all';
      return bytesOf('0'.repeat(64) + junk);
    });
    const block = (await db.blocks.get(75)) as BlockRow;
    const bytes = new Uint8Array(block.data);
    const i = seqsOf(block).indexOf(70);
    const [start] = lineSpans(bytes)[i] as [number, number];
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytesOf('not json at all')));
    bytes.set(bytesOf([...digest].map((b) => b.toString(16).padStart(2, '0')).join('')), start);
    await db.blocks.put({ ...block, data: bytes.buffer });
    expect(await byWorkers()).toMatchObject({ ok: false, kind: 'changed', firstBadSeq: 70 });
    await expect(byPage()).rejects.toThrow(/event 70 cannot be read/);
  });

  test('sealedThrough moved back: the index rows past it are read from their blocks, the log verifies', async () => {
    await db.meta.put({ key: 'sealedThrough', value: 100 });
    const [workers, page] = await bothWays();
    expect(workers).toMatchObject({ ok: true, count: 130 });
    expect(page).toEqual(workers);
  });

  test('sealedThrough moved past the blocks: the events it claims are missing', async () => {
    await new AccessLog(db).append(events(5, (i) => ({ at: T0 + (500 + i) * 1000 })));
    await db.meta.put({ key: 'sealedThrough', value: 135 });
    expect(await byWorkers()).toMatchObject({ ok: false, kind: 'truncated', count: 130 });
  });

  test('the canonical form is what the hash covers, byte for byte', async () => {
    const stored = await pageReader(await connection())(29, 1, 30);
    const block = (await db.blocks.get(50)) as BlockRow;
    const bytes = new Uint8Array(block.data);
    const [start, end] = lineSpans(bytes)[4] as [number, number];
    expect(text(bytes.subarray(start, end))).toBe((stored[0] as AccessEvent).hash + canonicalEvent(stored[0] as AccessEvent));
  });
});

describe('sealing and pruning, as verify sees them', () => {
  const pruned = (cp: { pruned: number; lastHash: string }) => newEvent(1000, { at: T0 + 200 * DAY, action: 'log-pruned', recordKey: '', detail: `pruned=${cp.pruned};lastHash=${cp.lastHash}` });

  test('a row changed before sealing keeps its mismatch in the block: sealing launders nothing', async () => {
    const log = new AccessLog(db);
    await log.append(events(60));
    await db.events.update(42, { actor: 'someone else' });
    await log.seal({ all: true });
    expect(await sealedThrough(db)).toBe(60);
    const [workers, page] = await bothWays();
    expect(workers).toMatchObject({ ok: false, kind: 'changed', firstBadSeq: 42, count: 41 });
    expect(page).toEqual(workers);
  });

  test('a prune past sealedThrough deletes every block; the tail then seals and verifies', async () => {
    const log = new AccessLog(db);
    await log.append(events(130, (i) => ({ at: T0 + i * DAY })));
    await log.seal(); // 125
    await log.append(events(10, (i) => ({ at: T0 + (130 + i) * DAY })));
    expect(await log.prune(T0 + 128 * DAY, pruned)).toMatchObject({ pruned: 128, checkpoint: { lastSeq: 128 } });
    expect(await db.blocks.count()).toBe(0);
    let [workers, page] = await bothWays();
    expect(workers).toMatchObject({ ok: true, count: 13 });
    expect(page).toEqual(workers);
    expect(await log.seal({ all: true })).toBe(13);
    expect((await db.blocks.toArray()).map((b) => [b.first, b.last])).toEqual([[129, 141]]);
    [workers, page] = await bothWays();
    expect(workers).toMatchObject({ ok: true, count: 13 });
    expect(page).toEqual(workers);
  });

  test('a prune that cuts a block listing its seqs (gaps)', async () => {
    await new AccessLog(db).append(events(60, (i) => ({ at: T0 + i * DAY })));
    const rows = await fullRows();
    await db.events.clear();
    await db.events.bulkAdd(rows.map((row, i) => ({ ...row, seq: 1 + i * 3 })));
    const log = new AccessLog(db);
    await log.seal({ all: true });
    expect(await log.prune(T0 + 10 * DAY, pruned)).toMatchObject({ pruned: 10, checkpoint: { lastSeq: 28 } });
    const first = (await db.blocks.toArray())[0] as BlockRow;
    expect([first.first, first.last, first.n, first.seqs?.slice(0, 3)]).toEqual([31, 73, 15, [31, 34, 37]]);
    const [workers, page] = await bothWays();
    expect(workers).toMatchObject({ ok: true, count: 51 });
    expect(page).toEqual(workers);
  });
});
