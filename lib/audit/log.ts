import type { Table } from 'dexie';
import type { GuardDB } from '@/lib/db/db';
import type { AccessEvent, CheckpointRow } from '@/lib/db/schema';
import { chainEvents, ChainVerifier, GENESIS_HASH, type NewEvent } from './chain';

const HEAD_KEY = 'chainHead';
const PAGE = 500;

/** Where the chain head is also kept, outside the database (the background uses storage.local). */
export interface HeadMirror {
  read(): Promise<{ hash: string; seq: number } | undefined>;
  write(head: { hash: string; seq: number }): Promise<void>;
}

/** Told when the browser refuses to store (quota) and when a write succeeds again. */
export interface StorageStatus {
  problem(at: number): Promise<void>;
  ok(): Promise<void>;
}

export interface AccessLogOptions {
  mirror?: HeadMirror;
  status?: StorageStatus;
}

export function isQuotaExceeded(error: unknown): boolean {
  const e = error as { name?: string; inner?: { name?: string } } | null;
  return e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError';
}

function isConstraintError(error: unknown): boolean {
  const e = error as { name?: string; failures?: { name?: string }[]; inner?: { name?: string } } | null;
  return e?.name === 'ConstraintError' || e?.inner?.name === 'ConstraintError' || (e?.name === 'BulkError' && (e.failures ?? []).some((f) => f?.name === 'ConstraintError'));
}

export function checkpointsTable(db: GuardDB): Table<CheckpointRow, number> {
  // Typed here rather than on GuardDB: the table arrives with schema version 2 (issue 4).
  return db.table<CheckpointRow, number>('checkpoints');
}

export async function latestCheckpoint(db: GuardDB): Promise<CheckpointRow | undefined> {
  return checkpointsTable(db).orderBy('lastSeq').last();
}

export interface PruneResult {
  pruned: number;
  checkpoint?: CheckpointRow;
}

/** An append waiting for the next write: several that arrive while one is written share a transaction. */
interface PendingAppend {
  events: NewEvent[];
  resolve: (events: AccessEvent[]) => void;
  reject: (error: unknown) => void;
}

/** During a burst of appends, the head's copy outside the database is written at most this often. */
const MIRROR_INTERVAL_MS = 100;

/** At most this many append calls share one transaction. */
const MAX_BATCH = 256;

/** The head moved under this writer, or an event id is already stored: redo the careful way. */
class StaleWrite extends Error {}

/**
 * The one writer of the access log. Appends are serialised (a promise queue), hashed outside the
 * IndexedDB transaction (awaiting WebCrypto inside one would commit it early), then written with
 * the new head, and any record change that goes with them, in one transaction that first checks
 * the head did not move: all or nothing.
 *
 * Throughput (benchmark #4): appends that arrive while another write runs are written together in
 * the next transaction (group commit; each caller still gets only its own events, and a failing
 * group is retried call by call so that one bad call fails alone). The writer remembers the head
 * it wrote, and its seq, and chains onto it without reading it back; the transaction still checks
 * that nothing was appended since (the first new key follows that seq; with other tables, the
 * stored head is read) and that no event id is already there, and anything unexpected redoes the
 * write the careful way (ids looked up, head read) before anything is stored. Plain appends use
 * the IndexedDB connection directly (appendTransaction), without Dexie's per-transaction work.
 */
export class AccessLog {
  private queue: Promise<unknown> = Promise.resolve();
  /** The batch that later appends may still join (none once anything else is queued behind it). */
  private open: PendingAppend[] | undefined;
  /** The head this writer last wrote or read, and its seq; undefined when it must be read again. */
  private known: string | undefined;
  private knownSeq: number | undefined;
  /** The head the mirror is to get next, and the write in progress. */
  private mirrorNext: { hash: string; seq: number } | undefined;
  private mirrorRun: Promise<void> | undefined;
  /** When the last mirror write started; callers of settled() waiting (no pause then); the pause's end. */
  private mirrorWrittenAt = -Infinity;
  private mirrorHurry = 0;
  private mirrorWake: (() => void) | undefined;

  constructor(
    private readonly db: GuardDB,
    private readonly options: AccessLogOptions = {},
  ) {}

  /**
   * Appends events. An event whose `eventId` is already stored is not stored again (a retry after
   * a lost acknowledgement): the stored copy is returned in its place.
   */
  append(events: NewEvent[]): Promise<AccessEvent[]> {
    return new Promise<AccessEvent[]>((resolve, reject) => {
      const pending: PendingAppend = { events, resolve, reject };
      if (this.open && this.open.length < MAX_BATCH) {
        this.open.push(pending);
        return;
      }
      const batch = [pending];
      this.open = batch;
      void this.enqueue(async () => {
        if (this.open === batch) this.open = undefined;
        await this.flush(batch);
      });
    });
  }

  private async flush(batch: PendingAppend[]): Promise<void> {
    if (batch.length > 1) {
      try {
        const { stored } = await this.write(
          batch.flatMap((p) => p.events),
          [],
          undefined,
        );
        let at = 0;
        for (const p of batch) {
          p.resolve(answerFor(p.events, stored.slice(at, at + p.events.length)));
          at += p.events.length;
        }
        return;
      } catch {
        // Nothing of the group was stored: each call again on its own, so that it fails alone.
      }
    }
    for (const p of batch) {
      try {
        const { stored } = await this.write(p.events, [], undefined);
        p.resolve(answerFor(p.events, stored));
      } catch (error) {
        p.reject(error);
      }
    }
  }

  /**
   * Prunes the events older than `cutoff` (a prefix of the chain, verified first so that pruning
   * never launders a tampered event), leaves a checkpoint in their place and logs `log-pruned`.
   */
  prune(cutoff: number, event: (info: Omit<CheckpointRow, 'id'> & { pruned: number }) => NewEvent): Promise<PruneResult> {
    this.open = undefined; // appends made after this call are written after it
    return this.enqueue(async () => {
      const previous = await latestCheckpoint(this.db);
      const verifier = new ChainVerifier(previous?.lastHash ?? GENESIS_HASH, previous?.lastSeq);
      let first: AccessEvent | undefined;
      let last: AccessEvent | undefined;
      let n = 0;
      let after = previous?.lastSeq ?? 0;
      for (;;) {
        const page = await this.db.events.where('seq').above(after).limit(PAGE).toArray();
        const stop = page.findIndex((e) => e.at >= cutoff);
        const old = stop === -1 ? page : page.slice(0, stop);
        const failure = await verifier.feed(old);
        if (failure) {
          throw new Error(`The access log does not verify (event ${failure.firstBadSeq ?? '?'}: ${failure.kind}); nothing was pruned. Export it as evidence first.`);
        }
        first ??= old[0];
        last = old[old.length - 1] ?? last;
        n += old.length;
        if (old.length < page.length || page.length < PAGE) break;
        after = last?.seq ?? after;
      }
      if (!first || !last || last.seq === undefined) return { pruned: 0 };
      const checkpoint: CheckpointRow = {
        count: (previous?.count ?? 0) + n,
        fromAt: previous?.fromAt ?? first.at,
        toAt: last.at,
        lastHash: last.hash,
        lastSeq: last.seq,
        prunedAt: Date.now(),
      };
      const lastSeq = last.seq;
      const table = checkpointsTable(this.db);
      await this.write([event({ ...checkpoint, pruned: n })], [table], async () => {
        await this.db.events.where('seq').belowOrEqual(lastSeq).delete();
        checkpoint.id = await table.add(checkpoint);
      });
      return { pruned: n, checkpoint };
    });
  }

  /** Appends events and runs `work` (Dexie calls only, on `tables`) in the same transaction. */
  appendWith<R>(events: NewEvent[], tables: Table[], work: () => Promise<R>): Promise<R> {
    this.open = undefined; // appends made after this call are written after it
    return this.enqueue(async () => (await this.write(events, tables, work)).result as R); // work ran: its result
  }

  /**
   * Resolves once every append queued so far is written and the copy of the head outside the
   * database caught up with it (that copy is written after the answer: it may lag, never lead).
   */
  async settled(): Promise<void> {
    await this.queue;
    this.mirrorHurry += 1;
    this.mirrorWake?.();
    try {
      while (this.mirrorRun) await this.mirrorRun;
    } finally {
      this.mirrorHurry -= 1;
    }
  }

  /**
   * Writes the newest head to the mirror, one write at a time, skipping heads already overtaken.
   * A head that follows the last write by less than MIRROR_INTERVAL_MS waits for the rest of it,
   * and whatever head is newest then is written: a lone event's head is written at once, a burst
   * costs one storage.local write per interval instead of one per event (benchmark #4: ~0.4 ms of
   * an append one at a time). settled() cuts the pause short.
   */
  private writeMirror(head: { hash: string; seq: number }): void {
    const mirror = this.options.mirror;
    if (!mirror) return;
    this.mirrorNext = head;
    this.mirrorRun ??= (async () => {
      while (this.mirrorNext) {
        const wait = this.mirrorWrittenAt + MIRROR_INTERVAL_MS - performance.now();
        if (wait > 0 && this.mirrorHurry === 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, wait);
            this.mirrorWake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.mirrorWake = undefined;
        }
        const next = this.mirrorNext;
        this.mirrorNext = undefined;
        if (!next) break;
        this.mirrorWrittenAt = performance.now();
        await mirror.write(next).catch(() => undefined);
      }
      this.mirrorRun = undefined;
    })();
  }

  async head(): Promise<string> {
    const row = await this.db.meta.get(HEAD_KEY);
    return typeof row?.value === 'string' ? row.value : GENESIS_HASH;
  }

  private enqueue<R>(task: () => Promise<R>): Promise<R> {
    const run = this.queue.then(task);
    // Keep the queue alive after a failure; the caller still sees the rejection.
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** `work` undefined: a plain append, written by `appendTransaction` (no other table). */
  private async write<R>(
    events: NewEvent[],
    tables: Table[],
    work: (() => Promise<R>) | undefined,
  ): Promise<{ stored: AccessEvent[]; result: R | undefined }> {
    try {
      let out: { stored: AccessEvent[]; result: R | undefined };
      try {
        out = await this.writeOnce(events, tables, work, true);
      } catch (error) {
        if (!(error instanceof StaleWrite)) throw error;
        out = await this.writeOnce(events, tables, work, false);
      }
      await this.options.status?.ok().catch(() => undefined);
      return out;
    } catch (error) {
      this.known = undefined;
      this.knownSeq = undefined;
      if (isQuotaExceeded(error)) await this.options.status?.problem(Date.now()).catch(() => undefined);
      throw error;
    }
  }

  /**
   * A plain append's transaction, on the IndexedDB connection Dexie opened (benchmark #4: Dexie's
   * transaction and middleware, change broadcast included, took about half of an append's time).
   * Its requests are issued at once: the events and the new head, and a check that nothing was
   * appended since this writer's last write, made in a success callback, before the transaction
   * can commit. Careful path (`afterSeq` undefined): the stored head is read and must be `prev`.
   * Fast path: the first event's key must be `afterSeq + 1`, the next number of the store's key
   * generator, which any append since this writer's last one (another writer, a database deleted
   * and made again) has moved on: no extra request, where reading the head row costs ~12% of the
   * transaction. Anything unexpected aborts the transaction, so nothing is written: on the fast
   * path another key or a stored event id (ConstraintError of the unique index) is a StaleWrite.
   * It commits by itself once every request succeeded (no explicit commit(): an implementation
   * that let a request fail after it and still commit would store a head without its event).
   * Resolves with the events' keys once it has committed; same durability as Dexie's and the
   * benchmark baseline's (the browser's default).
   */
  private async appendTransaction(chained: AccessEvent[], prev: string, afterSeq: number | undefined): Promise<number[]> {
    const fast = afterSeq !== undefined;
    if (!this.db.isOpen()) await this.db.open();
    const idb = this.db.backendDB();
    return new Promise<number[]>((resolve, reject) => {
      const keys: number[] = [];
      let failure: unknown;
      const tx = idb.transaction([this.db.events.name, this.db.meta.name], 'readwrite');
      const fail = (error: unknown): void => {
        failure ??= error;
        try {
          tx.abort();
        } catch {
          // Already aborting or finished: onabort reports `failure`.
        }
      };
      tx.oncomplete = () => (keys.length === chained.length ? resolve(keys) : reject(new Error('The access log lost track of an event it wrote.')));
      tx.onabort = () => reject(failure ?? tx.error ?? new Error('The access log write was aborted; nothing was written.'));
      try {
        const meta = tx.objectStore(this.db.meta.name);
        if (!fast) {
          const head = meta.get(HEAD_KEY);
          head.onsuccess = () => {
            const row = head.result as { value?: unknown } | undefined;
            const current = typeof row?.value === 'string' ? row.value : GENESIS_HASH;
            if (current !== prev) fail(new Error('The access log moved while appending; nothing was written.'));
          };
        }
        const store = tx.objectStore(this.db.events.name);
        chained.forEach((event, i) => {
          const request = store.add(event);
          request.onsuccess = () => {
            keys[i] = request.result as number;
            if (fast && i === 0 && keys[0] !== afterSeq + 1) fail(new StaleWrite());
          };
          request.onerror = (e) => {
            e.preventDefault(); // aborted by fail() with the reason, rather than by default
            e.stopPropagation();
            const error = request.error;
            fail(fast && event.eventId !== undefined && error?.name === 'ConstraintError' ? new StaleWrite() : error);
          };
        });
        const last = chained[chained.length - 1];
        if (last) meta.put({ key: HEAD_KEY, value: last.hash });
      } catch (error) {
        // An event IndexedDB cannot clone, or the browser refusing to write (quota).
        fail(error);
      }
    });
  }

  /**
   * One transaction. `fast`: chain onto the head this writer remembers and let the transaction
   * check that head and that no event id is stored yet (StaleWrite, nothing written, if either
   * fails); otherwise look the ids up and read the head first.
   * Returns, for each input event, the stored event (the earlier copy for a repeated eventId).
   */
  private async writeOnce<R>(
    events: NewEvent[],
    tables: Table[],
    work: (() => Promise<R>) | undefined,
    fast: boolean,
  ): Promise<{ stored: AccessEvent[]; result: R | undefined }> {
    if (fast && (this.known === undefined || this.knownSeq === undefined)) fast = false;
    // Retried events (same eventId) are answered with the stored copy, never chained twice.
    const stored = new Map<string, AccessEvent>();
    const fresh: NewEvent[] = [];
    const ids = new Set<string>();
    for (const event of events) {
      if (event.eventId === undefined) {
        fresh.push(event);
        continue;
      }
      if (ids.has(event.eventId)) continue;
      ids.add(event.eventId);
      const existing = fast ? undefined : await this.db.events.where('eventId').equals(event.eventId).first();
      if (existing) stored.set(event.eventId, existing);
      else fresh.push(event);
    }
    const prev = fast && this.known !== undefined ? this.known : await this.head();
    const chained = await chainEvents(prev, fresh);
    const last = chained[chained.length - 1];
    const freshIds = fresh.flatMap((e) => (e.eventId === undefined ? [] : [e.eventId]));
    let result: R | undefined;
    if (!work) {
      const keys = await this.appendTransaction(chained, prev, fast ? this.knownSeq : undefined);
      chained.forEach((event, i) => {
        event.seq = keys[i];
      });
    } else {
      result = await this.db.transaction('rw', [this.db.events, this.db.meta, ...tables], async () => {
        // The head check, the events and the new head go to IndexedDB together (one round trip, not
        // three): a head that moved throws, which aborts the transaction and undoes the writes.
        const [current, added, headPut] = await Promise.allSettled([
          this.db.meta.get(HEAD_KEY),
          last ? this.db.events.bulkAdd(chained, { allKeys: true }) : Promise.resolve([] as number[]),
          last ? this.db.meta.put({ key: HEAD_KEY, value: last.hash }) : Promise.resolve(HEAD_KEY),
        ]);
        if (current.status === 'rejected') throw current.reason;
        const currentHead = typeof current.value?.value === 'string' ? current.value.value : GENESIS_HASH;
        if (currentHead !== prev) {
          if (fast) throw new StaleWrite();
          throw new Error('The access log moved while appending; nothing was written.');
        }
        if (added.status === 'rejected') {
          // The unique eventId index makes a duplicate abort everything: on the fast path that is the
          // check (a retried event), and the careful path then answers with the stored copy.
          if (fast && freshIds.length > 0 && isConstraintError(added.reason)) throw new StaleWrite();
          throw added.reason;
        }
        if (headPut.status === 'rejected') throw headPut.reason;
        chained.forEach((event, i) => {
          event.seq = added.value[i];
        });
        return work();
      });
    }
    this.known = last?.hash ?? prev;
    // The seq of the head, when this write knows it (a careful write that stored nothing does not).
    this.knownSeq = last?.seq ?? (fast ? this.knownSeq : undefined);
    // After the commit: a mirror that ran ahead of the table would accuse an honest log.
    if (last?.seq !== undefined) this.writeMirror({ hash: last.hash, seq: last.seq });
    for (const e of chained) if (e.eventId !== undefined) stored.set(e.eventId, e);
    let anonymous = 0;
    const anonymousChained = chained.filter((e) => e.eventId === undefined);
    const out = events.map((e) => (e.eventId === undefined ? anonymousChained[anonymous++] : stored.get(e.eventId)));
    if (out.some((e) => e === undefined)) throw new Error('The access log lost track of an event it wrote.');
    return { stored: out as AccessEvent[], result };
  }
}

/**
 * What one append call answers: the stored event for each of its events in its order, an
 * eventId repeated within the call answered once.
 */
function answerFor(input: NewEvent[], stored: AccessEvent[]): AccessEvent[] {
  const out: AccessEvent[] = [];
  const done = new Set<string>();
  input.forEach((e, i) => {
    const s = stored[i];
    if (!s) return;
    if (e.eventId !== undefined) {
      if (done.has(e.eventId)) return;
      done.add(e.eventId);
    }
    out.push(s);
  });
  return out;
}
