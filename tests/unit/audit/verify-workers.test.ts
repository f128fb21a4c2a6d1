import { AccessLog } from '@/lib/audit/log';
import { runVerify, type ChainSnapshot, type RunResult } from '@/lib/audit/verify-run';
import { workerPages, type VerifyWorkerLike } from '@/lib/audit/verify-pool';
import { openExisting, serveVerify, type FromVerifyWorker, type ToVerifyWorker } from '@/lib/audit/verify-worker-core';
import { checkRange } from '@/lib/audit/verify-range';
import { chainPage } from '@/lib/audit/query';
import { createDb, type GuardDB } from '@/lib/db/db';
import { newEvent } from './helpers';

let db: GuardDB;
let name: string;

beforeEach(async () => {
  name = `verify-workers-${Math.random()}`;
  db = createDb(name);
  await db.open();
});
afterEach(() => db.close());

/** A verify worker run in this thread: the real worker code (serveVerify over IndexedDB), messages delivered asynchronously. */
function inProcessWorker(log: ToVerifyWorker[] = [], sabotage?: (m: FromVerifyWorker, n: number) => FromVerifyWorker): VerifyWorkerLike & { terminated: boolean } {
  let posted = 0;
  const worker: VerifyWorkerLike & { terminated: boolean } = {
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage: (message) => {
      log.push(message);
      setTimeout(() => handle(message), 0);
    },
    terminate: () => {
      worker.terminated = true;
    },
  };
  const handle = serveVerify(
    (message) => {
      const out = sabotage ? sabotage(message, posted++) : message;
      setTimeout(() => !worker.terminated && worker.onmessage?.({ data: structuredClone(out) }), 0);
    },
    (n, version, onClosed) => openExisting(indexedDB, n, version, onClosed),
  );
  return worker;
}

async function seed(n: number): Promise<void> {
  await new AccessLog(db).append(Array.from({ length: n }, (_, i) => newEvent(i)));
}

async function snapshot(): Promise<ChainSnapshot> {
  const last = await db.events.toCollection().last();
  return { checkpoint: null, head: { hash: await new AccessLog(db).head(), seq: last?.seq ?? 0 }, mirror: null };
}

const fetchPage = (after: number, limit: number, upto: number) => chainPage(db, after, limit, upto);

function viaWorkers(workers: VerifyWorkerLike[] = [], options: { chunk?: number; page?: number; count?: number } = {}) {
  return (after: number, upto: number) =>
    workerPages(
      {
        db: name,
        version: db.backendDB().version,
        workers: options.count ?? 3,
        chunk: options.chunk ?? 5,
        page: options.page ?? 2,
        makeWorker: () => {
          const w = inProcessWorker();
          workers.push(w);
          return w;
        },
      },
      after,
      upto,
    );
}

async function bothWays(): Promise<[RunResult, RunResult]> {
  const snap = await snapshot();
  return [await runVerify(snap, fetchPage, { batch: 4 }), await runVerify(snap, fetchPage, { checked: viaWorkers() })];
}

describe('verify through workers', () => {
  test('ranges come back in store order, whatever worker hashed them, and the chain verifies', async () => {
    await seed(23);
    const seqs: number[] = [];
    for await (const page of viaWorkers()(0, 23)) {
      seqs.push(...page.links.map((l) => l.seq as number));
      expect([...page.intact].every((f) => f === 1)).toBe(true);
    }
    expect(seqs).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    const progress: number[] = [];
    const workers: VerifyWorkerLike[] = [];
    expect(await runVerify(await snapshot(), fetchPage, { checked: viaWorkers(workers), onProgress: (n) => progress.push(n) })).toEqual({
      ok: true,
      count: 23,
      head: (await snapshot()).head.hash,
    });
    expect(progress.at(-1)).toBe(23);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(workers).toHaveLength(3);
    expect(workers.every((w) => (w as VerifyWorkerLike & { terminated: boolean }).terminated)).toBe(true);
  });

  test('a changed event is named the same way as when the page hashes it', async () => {
    await seed(17);
    await db.events.update(12, { actor: 'someone else' });
    const [page, workers] = await bothWays();
    expect(page).toMatchObject({ ok: false, kind: 'changed', firstBadSeq: 12 });
    expect(workers).toEqual(page);
  });

  test('removed, inserted and reordered events are named the same way as when the page hashes them', async () => {
    await seed(17);
    const all = await db.events.toArray();
    await db.events.delete(9);
    let [page, workers] = await bothWays();
    expect(page).toMatchObject({ ok: false, kind: 'removed', firstBadSeq: 9 });
    expect(workers).toEqual(page);

    await db.events.put({ ...all[8]! });
    await db.events.put({ ...all[3]!, seq: 100 });
    [page, workers] = await bothWays();
    expect(page).toMatchObject({ ok: false, kind: 'inserted' });
    expect(workers).toEqual(page);

    await db.events.delete(100);
    await db.events.bulkPut([{ ...all[5]!, seq: 7 }, { ...all[6]!, seq: 6 }]);
    [page, workers] = await bothWays();
    expect(page).toMatchObject({ ok: false, kind: 'reordered' });
    expect(workers).toEqual(page);
  });

  test('a worker that fails midway: the page reads on from the last event walked, nothing skipped or walked twice', async () => {
    await seed(30);
    await db.events.update(27, { reason: 'edited' });
    const progress: number[] = [];
    // The first worker fails after its first page (the second fails nothing): which worker's message
    // comes first is up to the timers, but a worker's own messages keep their order.
    let made = 0;
    const failing = (after: number, upto: number) =>
      workerPages(
        {
          db: name,
          version: db.backendDB().version,
          workers: 2,
          chunk: 5,
          page: 5,
          makeWorker: () => {
            const first = made++ === 0;
            return inProcessWorker([], (m, n) => (first && n === 1 ? { error: 'the log was closed for an upgrade' } : m));
          },
        },
        after,
        upto,
      );
    const verdict = await runVerify(await snapshot(), fetchPage, { checked: failing, batch: 4, onProgress: (n) => progress.push(n) });
    expect(verdict).toMatchObject({ ok: false, kind: 'changed', firstBadSeq: 27, count: 26 });
    expect(progress[0]).toBe(5); // the first range came from a worker
    expect(progress.slice(1)).toEqual([9, 13, 17, 21, 25]); // then the page, four at a time from seq 6
  });

  test('no more than two ranges per worker wait ahead of the walk', async () => {
    await seed(60);
    const sent: ToVerifyWorker[] = [];
    const pages = workerPages(
      { db: name, version: db.backendDB().version, workers: 2, chunk: 5, page: 5, makeWorker: () => inProcessWorker(sent) },
      0,
      60,
    );
    const ranges = () => sent.filter((m) => m.kind === 'range').length;
    const first = await pages.next();
    expect(first.value?.links[0]?.seq).toBe(1);
    await new Promise((r) => setTimeout(r, 50)); // the workers finish what they were given
    expect(ranges()).toBe(4);
    let walked = 5;
    for await (const page of pages) walked += page.links.length;
    expect(walked).toBe(60);
    expect(ranges()).toBe(12);
  });

  test('cancelling stops the workers', async () => {
    await seed(40);
    const workers: VerifyWorkerLike[] = [];
    const controller = new AbortController();
    const verdict = await runVerify(await snapshot(), fetchPage, {
      checked: viaWorkers(workers, { count: 2 }),
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(verdict).toEqual({ ok: 'cancelled' });
    expect(workers.every((w) => (w as VerifyWorkerLike & { terminated: boolean }).terminated)).toBe(true);
  });
});

describe('a worker opens the log as it is', () => {
  test('a missing database is not created', async () => {
    const missing = `missing-${Math.random()}`;
    await expect(openExisting(indexedDB, missing, 40, () => undefined)).rejects.toThrow(/cannot be opened/);
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(missing);
  });

  test('another version than the page expects is refused', async () => {
    const version = db.backendDB().version;
    await expect(openExisting(indexedDB, name, version + 10, () => undefined)).rejects.toThrow(`is at version ${version}, this page expects ${version + 10}`);
  });

  test('an upgrade by the background closes the worker’s connection at once', async () => {
    const version = db.backendDB().version;
    let closed = false;
    const conn = await openExisting(indexedDB, name, version, () => (closed = true));
    db.close();
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name, version + 10);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    expect(closed).toBe(true);
    upgraded.close();
    conn.close();
  });

  test('checkRange reads (lo, hi] only', async () => {
    await seed(12);
    const seqs: number[] = [];
    for await (const page of checkRange(fetchPage, 3, 9, 4)) seqs.push(...page.links.map((l) => l.seq as number));
    expect(seqs).toEqual([4, 5, 6, 7, 8, 9]);
  });
});
