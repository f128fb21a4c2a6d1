import { BLOCK_EVENTS, decodeBlock, hydrateWith, isIndexRow, SEALED_KEY, type IndexRow } from '@/lib/audit/blocks';
import type { AccessEvent, BlockRow } from './schema';
import { DB_NAME, SCHEMA_VERSIONS } from './schema';

/** Events with a seq in (afterSeq, uptoSeq], at most `limit`, in seq order. */
export type PageReader = (afterSeq: number, limit: number, uptoSeq: number) => Promise<AccessEvent[]>;

/** What an extension page may do with the database: read the log in chain order, nothing else. */
export interface LogReader {
  chainPage(afterSeq: number, limit: number, uptoSeq?: number): Promise<AccessEvent[]>;
  /** The IndexedDB version of the database as opened (workers reading it check they see the same). */
  readonly version: number;
}

/** The IndexedDB version of this build's schema (Dexie keeps its version v as v × 10). */
export const LATEST_IDB_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version * 10;

/** The stores a reader of the log needs (schema v5: the sealed blocks, and meta's `sealedThrough`). */
const LOG_STORES = ['events', 'blocks', 'meta'] as const;

/**
 * Opens the extension's database as it is, read-only in use: creates nothing (a missing database
 * aborts the upgrade that would create it), refuses another version than `version`, and closes at
 * once when the background wants to upgrade (`onClosed`; the caller then reads through the
 * background), so that it never blocks an upgrade. Plain IndexedDB, no Dexie: the dashboard and the
 * verify workers (lib/audit/verify-worker-core.ts) both open the log this way.
 */
export function openExisting(idb: IDBFactory, name: string, version: number, onClosed: () => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = idb.open(name);
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => reject(new Error(`the log cannot be opened here (${request.error?.name ?? 'unknown'})`));
    request.onsuccess = () => {
      const db = request.result;
      const missing = LOG_STORES.find((store) => !db.objectStoreNames.contains(store));
      if (db.version !== version || missing !== undefined) {
        db.close();
        reject(new Error(`the log is at version ${db.version}, this page expects ${version}${db.version === version ? ` (no ${missing} store)` : ''}`));
        return;
      }
      db.onversionchange = () => {
        db.close();
        onClosed();
      };
      // Closed by the browser itself (site data cleared, disk error): the same as an upgrade for the caller.
      db.onclose = onClosed;
      resolve(db);
    };
  });
}

function settle<T>(request: IDBRequest<T>, reject: (error: unknown) => void, then: (result: T) => void): void {
  request.onsuccess = () => then(request.result);
  request.onerror = () => reject(request.error ?? new Error('read failed'));
}

/** meta's `sealedThrough` as read (0 when it was never set). */
function sealedValue(row: unknown): number {
  const value = (row as { value?: unknown } | undefined)?.value;
  return typeof value === 'number' ? value : 0;
}

/**
 * The blocks holding the sealed events among `rows` (index rows, and any row at or before
 * `sealedThrough`: hydrateWith shows what was sealed there), requested now, in the caller's
 * transaction: rows of contiguous seqs need one range of keys, then the first block at or after
 * the last of them.
 */
function blocksHolding(store: IDBObjectStore, rows: ReadonlyArray<AccessEvent | IndexRow>, sealedThrough: number): Promise<BlockRow[]> {
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of rows) {
    const seq = row.seq;
    if (seq === undefined || !(seq <= sealedThrough || isIndexRow(row))) continue;
    if (seq < lo) lo = seq;
    if (seq > hi) hi = seq;
  }
  if (hi < lo) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    let inside: BlockRow[] | undefined = lo < hi ? undefined : [];
    let last: BlockRow | undefined | null = undefined;
    const done = () => {
      if (inside !== undefined && last !== undefined) resolve(last ? [...inside, last] : inside);
    };
    if (lo < hi) {
      settle(store.getAll(IDBKeyRange.bound(lo, hi, false, true)), reject, (blocks) => {
        inside = blocks as BlockRow[];
        done();
      });
    }
    settle(store.get(IDBKeyRange.lowerBound(hi)), reject, (block) => {
      last = (block as BlockRow | undefined) ?? null;
      done();
    });
  });
}

/**
 * Events with a seq in (afterSeq, uptoSeq], at most `limit`, in full, in seq order: the export and
 * the page's own verify read this way. Where the log is sealed (schema v5) the events are decoded
 * from the blocks alone, as the verify workers read them (sealedPageReader): their rows are index
 * rows that would cost a value read each (benchmark #7), and what a block holds is what verify
 * checked. Each read is one read-only transaction; a page of `limit` events may take a few.
 */
export function pageReader(db: IDBDatabase): PageReader {
  const read = sealedPageReader(db);
  return async (afterSeq, limit, uptoSeq) => {
    const out: AccessEvent[] = [];
    let after = afterSeq;
    for (;;) {
      const page = await read(after, limit - out.length, uptoSeq);
      for (const block of page.blocks) {
        for (const event of decodeBlock(block)) {
          const seq = event.seq as number;
          if (seq > page.after && seq <= page.sealedUpto) out.push(event);
        }
      }
      for (const row of page.rows) out.push(row);
      if (out.length >= limit || page.next === undefined) return out.slice(0, limit);
      after = page.next;
    }
  };
}

/**
 * One page of the log as the verify workers read it (schema v5): the blocks holding its sealed
 * events, bytes as stored, and the full rows after them. The page's events are the blocks' lines
 * with a seq in (after, sealedUpto], then `rows`.
 */
export interface SealedPage {
  after: number;
  blocks: BlockRow[];
  sealedUpto: number;
  rows: AccessEvent[];
  /** Where the next page of the range starts; undefined when the range is read to its end. */
  next: number | undefined;
}

export type SealedPageReader = (afterSeq: number, limit: number, uptoSeq: number) => Promise<SealedPage>;

/**
 * Reads (afterSeq, uptoSeq] block by block where the log is sealed, about `limit` events per page,
 * each page in one read-only transaction over events, blocks and meta: meta's `sealedThrough` and
 * up to ⌈limit / 25⌉ + 1 blocks of keys in (afterSeq, uptoSeq] (one getAll), the block holding the
 * range's last sealed seq when it lies beyond, then, past `sealedThrough`, full rows as before. The
 * sealed part's rows (index rows) are not read: verify needs the blocks only (benchmark #6: each
 * value read costs ~10–17 µs in Chromium, a block of 25 events about what one row does).
 */
export function sealedPageReader(db: IDBDatabase): SealedPageReader {
  return (afterSeq, limit, uptoSeq) =>
    new Promise((resolve, reject) => {
      const tx = db.transaction(['events', 'blocks', 'meta'], 'readonly');
      const blocks = tx.objectStore('blocks');
      const count = Math.ceil(limit / BLOCK_EVENTS) + 1;
      let sealed: number | undefined;
      let got: BlockRow[] | undefined;
      const rowsAfter = (list: BlockRow[], through: number) => {
        const top = Math.min(uptoSeq, through);
        let taken = 0;
        for (const block of list) {
          if (block.seqs) taken += block.seqs.filter((s) => s > afterSeq && s <= top).length;
          else taken += Math.max(0, Math.min(block.last, top) - Math.max(block.first, afterSeq + 1) + 1);
        }
        const page = (rows: AccessEvent[], next: number | undefined) => resolve({ after: afterSeq, blocks: list, sealedUpto: top, rows, next });
        if (through >= uptoSeq) return page([], undefined);
        const from = Math.max(afterSeq, through);
        const room = limit - taken;
        if (room <= 0) return page([], from);
        settle(tx.objectStore('events').getAll(IDBKeyRange.bound(from, uptoSeq, true, false), room), reject, (result) => {
          const rows = result as Array<AccessEvent | IndexRow>;
          const last = rows[rows.length - 1]?.seq;
          const next = rows.length === room && last !== undefined && last < uptoSeq ? last : undefined;
          if (!rows.some((row) => isIndexRow(row))) return page(rows as AccessEvent[], next);
          // Index rows past sealedThrough (the meta moved back): their content is in blocks all the same.
          const held = blocksHolding(tx.objectStore('blocks'), rows, through);
          hydrateWith(rows, () => held, through).then((hydrated) => page(hydrated.events, next), reject);
        });
      };
      const both = () => {
        if (sealed === undefined || got === undefined) return;
        const through = sealed;
        const list = got;
        const top = Math.min(uptoSeq, through);
        const lastKey = list[list.length - 1]?.last ?? afterSeq;
        // As many blocks as asked for, and the sealed part goes on: the next page starts after them.
        if (list.length === count && lastKey < top) {
          resolve({ after: afterSeq, blocks: list, sealedUpto: lastKey, rows: [], next: lastKey });
          return;
        }
        // Every block with a key in (afterSeq, uptoSeq] is here; the one holding `top` may lie beyond.
        if (top > afterSeq && lastKey < top) {
          settle(blocks.get(IDBKeyRange.lowerBound(top)), reject, (block) => rowsAfter(block ? [...list, block as BlockRow] : list, through));
        } else rowsAfter(list, through);
      };
      settle(tx.objectStore('meta').get(SEALED_KEY), reject, (row) => {
        sealed = sealedValue(row);
        both();
      });
      settle(blocks.getAll(IDBKeyRange.bound(afterSeq, uptoSeq, true, false), count), reject, (result) => {
        got = result as BlockRow[];
        both();
      });
    });
}

/** One connection per database name, while it is open. */
const opening = new Map<string, Promise<LogReader | null>>();

/**
 * A read-only view of the background's database for an extension page (the dashboard walks the
 * log for verify and export without 100 pages going through runtime messaging, benchmarks #6–#7).
 * The background stays the owner: the page declares no schema and creates nothing, answers null
 * when the database is missing or not at this build's version (the caller then asks the
 * background), and lets go as soon as the background wants to upgrade. Only reads are exposed.
 */
export function openLogReader(name: string = DB_NAME, idb: IDBFactory = indexedDB): Promise<LogReader | null> {
  const known = opening.get(name);
  if (known) return known;
  const reader = (async (): Promise<LogReader | null> => {
    const forget = (): void => {
      if (opening.get(name) === reader) opening.delete(name);
    };
    let db: IDBDatabase;
    try {
      db = await openExisting(idb, name, LATEST_IDB_VERSION, forget);
    } catch {
      forget();
      return null; // no database yet, or another version: the background answers instead
    }
    const read = pageReader(db);
    return {
      chainPage: (afterSeq, limit, uptoSeq = Number.MAX_SAFE_INTEGER) => (uptoSeq <= afterSeq ? Promise.resolve([]) : read(afterSeq, limit, uptoSeq)),
      version: db.version,
    };
  })();
  opening.set(name, reader);
  return reader;
}
