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

/**
 * The one writer of the access log. Appends are serialised (a promise queue), hashed outside the
 * IndexedDB transaction (awaiting WebCrypto inside one would commit it early), then written with
 * the new head, and any record change that goes with them, in one transaction that first checks
 * the head did not move: all or nothing.
 */
export class AccessLog {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: GuardDB,
    private readonly options: AccessLogOptions = {},
  ) {}

  /**
   * Appends events. An event whose `eventId` is already stored is not stored again (a retry after
   * a lost acknowledgement): the stored copy is returned in its place.
   */
  append(events: NewEvent[]): Promise<AccessEvent[]> {
    return this.enqueue(async () => {
      const chained = await this.write(events, [], async () => undefined);
      return chained.events;
    });
  }

  /**
   * Prunes the events older than `cutoff` (a prefix of the chain, verified first so that pruning
   * never launders a tampered event), leaves a checkpoint in their place and logs `log-pruned`.
   */
  prune(cutoff: number, event: (info: Omit<CheckpointRow, 'id'> & { pruned: number }) => NewEvent): Promise<PruneResult> {
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
    return this.enqueue(async () => (await this.write(events, tables, work)).result);
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
  ): Promise<{ events: AccessEvent[]; result: R }> {
    try {
      const out = await this.writeOnce(events, tables, work);
      await this.options.status?.ok().catch(() => undefined);
      return out;
    } catch (error) {
      if (isQuotaExceeded(error)) await this.options.status?.problem(Date.now()).catch(() => undefined);
      throw error;
    }
  }

  private async writeOnce<R>(
    events: NewEvent[],
    tables: Table[],
    work: () => Promise<R>,
  ): Promise<{ events: AccessEvent[]; result: R }> {
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
      const existing = await this.db.events.where('eventId').equals(event.eventId).first();
      if (existing) stored.set(event.eventId, existing);
      else fresh.push(event);
    }
    const prev = await this.head();
    const chained = await chainEvents(prev, fresh);
    const last = chained[chained.length - 1];
    const result = await this.db.transaction('rw', [this.db.events, this.db.meta, ...tables], async () => {
      const current = await this.db.meta.get(HEAD_KEY);
      const currentHead = typeof current?.value === 'string' ? current.value : GENESIS_HASH;
      if (currentHead !== prev) throw new Error('The access log moved while appending; nothing was written.');
      if (last) {
        // The unique eventId index makes a duplicate that slipped past the check abort everything.
        const keys = await this.db.events.bulkAdd(chained, { allKeys: true });
        chained.forEach((event, i) => {
          event.seq = keys[i];
        });
        await this.db.meta.put({ key: HEAD_KEY, value: last.hash });
      }
      return work();
    });
    if (last?.seq !== undefined) {
      // After the commit: a mirror that ran ahead of the table would accuse an honest log.
      await this.options.mirror?.write({ hash: last.hash, seq: last.seq }).catch(() => undefined);
    }
    const byId = new Map(chained.filter((e) => e.eventId !== undefined).map((e) => [e.eventId, e]));
    const all = events.flatMap((e) => {
      if (e.eventId === undefined) return [];
      const found = stored.get(e.eventId) ?? byId.get(e.eventId);
      return found ? [found] : [];
    });
    // Keep the caller's order; events without an id come back as chained.
    const out = events.some((e) => e.eventId !== undefined) ? mergeInOrder(events, chained, all) : chained;
    return { events: out, result };
  }
}

/** The stored event for each input, in input order (duplicates of an eventId answered once). */
function mergeInOrder(input: NewEvent[], chained: AccessEvent[], withIds: AccessEvent[]): AccessEvent[] {
  const anonymous = chained.filter((e) => e.eventId === undefined);
  const byId = new Map(withIds.map((e) => [e.eventId, e]));
  const out: AccessEvent[] = [];
  const done = new Set<string>();
  let a = 0;
  for (const e of input) {
    if (e.eventId === undefined) {
      const next = anonymous[a++];
      if (next) out.push(next);
    } else if (!done.has(e.eventId)) {
      done.add(e.eventId);
      const found = byId.get(e.eventId);
      if (found) out.push(found);
    }
  }
  return out;
}
