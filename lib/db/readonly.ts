import type { AccessEvent } from './schema';
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
      if (db.version !== version || !db.objectStoreNames.contains('events')) {
        db.close();
        reject(new Error(`the log is at version ${db.version}, this page expects ${version}`));
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

/** Events with a seq in (afterSeq, uptoSeq], at most `limit`, in one read-only transaction. */
export function pageReader(db: IDBDatabase): PageReader {
  return (afterSeq, limit, uptoSeq) =>
    new Promise((resolve, reject) => {
      const request = db.transaction('events', 'readonly').objectStore('events').getAll(IDBKeyRange.bound(afterSeq, uptoSeq, true, false), limit);
      request.onsuccess = () => resolve(request.result as AccessEvent[]);
      request.onerror = () => reject(request.error ?? new Error('read failed'));
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
