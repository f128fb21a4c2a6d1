import type { Table } from 'dexie';
import type { GuardDB } from '@/lib/db/db';
import type { AccessEvent } from '@/lib/db/schema';
import { chainEvents, GENESIS_HASH, type NewEvent } from './chain';

const HEAD_KEY = 'chainHead';

/**
 * The one writer of the access log. Appends are serialised (a promise queue), hashed outside the
 * IndexedDB transaction (awaiting WebCrypto inside one would commit it early), then written with
 * the new head, and any record change that goes with them, in one transaction that first checks
 * the head did not move: all or nothing.
 */
export class AccessLog {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: GuardDB) {}

  append(events: NewEvent[]): Promise<AccessEvent[]> {
    return this.enqueue(async () => {
      const chained = await this.write(events, [], async () => undefined);
      return chained.events;
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
    const prev = await this.head();
    const chained = await chainEvents(prev, events);
    const last = chained[chained.length - 1];
    const result = await this.db.transaction('rw', [this.db.events, this.db.meta, ...tables], async () => {
      const current = await this.db.meta.get(HEAD_KEY);
      const currentHead = typeof current?.value === 'string' ? current.value : GENESIS_HASH;
      if (currentHead !== prev) throw new Error('The access log moved while appending; nothing was written.');
      if (last) {
        const keys = await this.db.events.bulkAdd(chained, { allKeys: true });
        chained.forEach((event, i) => {
          event.seq = keys[i];
        });
        await this.db.meta.put({ key: HEAD_KEY, value: last.hash });
      }
      return work();
    });
    return { events: chained, result };
  }
}
