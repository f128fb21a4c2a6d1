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
 * it wrote and chains onto it without reading it back; the transaction still checks the stored
 * head and that no event id is already there, and anything unexpected redoes the write the careful
 * way (ids looked up, head read) before anything is stored.
 */
export class AccessLog {
  private queue: Promise<unknown> = Promise.resolve();
  /** The batch that later appends may still join (none once anything else is queued behind it). */
  private open: PendingAppend[] | undefined;
  /** The head this writer last wrote or read; undefined when it must be read again. */
  private known: string | undefined;
  /** The head the mirror is to get next, and the write in progress. */
  private mirrorNext: { hash: string; seq: number } | undefined;
  private mirrorRun: Promise<void> | undefined;

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
          async () => undefined,
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
        const { stored } = await this.write(p.events, [], async () => undefined);
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
    return this.enqueue(async () => (await this.write(events, tables, work)).result);
  }

  /**
   * Resolves once every append queued so far is written and the copy of the head outside the
   * database caught up with it (that copy is written after the answer: it may lag, never lead).
   */
  async settled(): Promise<void> {
    await this.queue;
    while (this.mirrorRun) await this.mirrorRun;
  }

  /** Writes the newest head to the mirror, one write at a time, skipping heads already overtaken. */
  private writeMirror(head: { hash: string; seq: number }): void {
    const mirror = this.options.mirror;
    if (!mirror) return;
    this.mirrorNext = head;
    this.mirrorRun ??= (async () => {
      for (let next = this.mirrorNext; next; next = this.mirrorNext) {
        this.mirrorNext = undefined;
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

  private async write<R>(
    events: NewEvent[],
    tables: Table[],
    work: () => Promise<R>,
  ): Promise<{ stored: AccessEvent[]; result: R }> {
    try {
      let out: { stored: AccessEvent[]; result: R };
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
      if (isQuotaExceeded(error)) await this.options.status?.problem(Date.now()).catch(() => undefined);
      throw error;
    }
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
    work: () => Promise<R>,
    fast: boolean,
  ): Promise<{ stored: AccessEvent[]; result: R }> {
    if (fast && this.known === undefined) fast = false;
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
    const result = await this.db.transaction('rw', [this.db.events, this.db.meta, ...tables], async () => {
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
    this.known = last?.hash ?? prev;
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
