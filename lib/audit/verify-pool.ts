import type { CheckedPage } from './verify-range';
import type { FromVerifyWorker, ToVerifyWorker } from './verify-worker-core';

/** What the pool needs of a worker (a real `Worker`, or an in-process stand-in in unit tests). */
export interface VerifyWorkerLike {
  postMessage(message: ToVerifyWorker): void;
  onmessage: ((event: { data: FromVerifyWorker }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  terminate(): void;
}

export interface PoolOptions {
  /** The database to read and the (IndexedDB) version this page was built for. */
  db: string;
  version: number;
  workers: number;
  makeWorker: () => VerifyWorkerLike;
  /** Seqs per range handed to one worker, and events per read. */
  chunk?: number;
  page?: number;
}

/** The dashboard's workers: one per core, at most four (the page only walks links meanwhile). */
export function defaultWorkerCount(): number {
  const cores = typeof navigator === 'undefined' ? 2 : navigator.hardwareConcurrency || 2;
  return Math.max(1, Math.min(4, cores));
}

/** A real dedicated worker running lib/audit/verify.worker.ts. */
export function browserVerifyWorker(): VerifyWorkerLike {
  return new Worker(new URL('./verify.worker.ts', import.meta.url), { type: 'module' }) as unknown as VerifyWorkerLike;
}

interface RangeState {
  pages: CheckedPage[];
  done: boolean;
}

/**
 * The log's events with a seq in (afterSeq, uptoSeq], hashed by workers and handed back in store
 * order. The seq span is cut into ranges dealt round-robin to the workers, each reading its ranges
 * from IndexedDB itself; at most two ranges per worker wait ahead of the page's walk (memory stays
 * bounded however long the log). Throws if a worker cannot go on; the caller then reads on itself.
 * Stopping the iteration (a failure found, cancel) terminates the workers.
 */
export async function* workerPages(options: PoolOptions, afterSeq: number, uptoSeq: number): AsyncGenerator<CheckedPage> {
  if (uptoSeq <= afterSeq) return;
  const chunk = options.chunk ?? 5000;
  const page = options.page ?? 1000;
  const ranges: Array<[number, number]> = [];
  for (let lo = afterSeq; lo < uptoSeq; lo += chunk) ranges.push([lo, Math.min(lo + chunk, uptoSeq)]);
  const count = Math.max(1, Math.min(options.workers, ranges.length));
  const states = new Map<number, RangeState>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const workers: VerifyWorkerLike[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const worker = options.makeWorker();
      worker.onmessage = ({ data }) => {
        if ('error' in data) failure ??= new Error(data.error);
        else {
          const state = states.get(data.id);
          if (state && 'page' in data) state.pages.push(data.page);
          else if (state) state.done = true;
        }
        poke();
      };
      worker.onerror = () => {
        failure ??= new Error('a verify worker failed');
        poke();
      };
      worker.postMessage({ kind: 'open', db: options.db, version: options.version });
      workers.push(worker);
    }
    let dealt = 0;
    const deal = (upTo: number) => {
      for (; dealt < ranges.length && dealt < upTo; dealt++) {
        const [lo, hi] = ranges[dealt] as [number, number];
        states.set(dealt, { pages: [], done: false });
        (workers[dealt % count] as VerifyWorkerLike).postMessage({ kind: 'range', id: dealt, lo, hi, page });
      }
    };
    deal(2 * count);
    for (let id = 0; id < ranges.length; id++) {
      const state = states.get(id) as RangeState;
      for (;;) {
        // Pages already checked are walked before a failure is raised: the page then reads on from
        // the last event walked, not from the start of the range.
        const next = state.pages.shift();
        if (next) yield next;
        else if (failure) throw failure;
        else if (state.done) break;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
      states.delete(id);
      deal(id + 1 + 2 * count);
    }
  } finally {
    for (const worker of workers) worker.terminate();
  }
}
