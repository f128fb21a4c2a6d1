import Dexie, { type Table } from 'dexie';
import { chainPageOf } from '@/lib/audit/query';
import { DB_NAME, SCHEMA_VERSIONS, type AccessEvent } from './schema';

/** What an extension page may do with the database: read the log in chain order, nothing else. */
export interface LogReader {
  chainPage(afterSeq: number, limit: number, uptoSeq?: number): Promise<AccessEvent[]>;
  /** The IndexedDB version of the database as opened (workers reading it check they see the same). */
  version: number;
}

const LATEST = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

/** One connection per database name, while it is open. */
const opening = new Map<string, Promise<LogReader | null>>();

/**
 * A read-only view of the background's database for an extension page (the dashboard walks the
 * log for verify and export without 100 pages going through runtime messaging, benchmarks #6–#7).
 * The background stays the owner: the page declares no schema (Dexie opens what exists, at its
 * current version, and creates nothing), answers null when the database is missing or not yet at
 * this build's version (the caller then asks the background), and closes its connection as soon as
 * the background wants to upgrade (versionchange), so that it never blocks an upgrade. Only reads
 * are exposed.
 */
export function openLogReader(name: string = DB_NAME): Promise<LogReader | null> {
  const known = opening.get(name);
  if (known) return known;
  const reader = (async (): Promise<LogReader | null> => {
    const db = new Dexie(name, { autoOpen: false });
    const forget = () => {
      if (opening.get(name) === reader) opening.delete(name);
    };
    db.on('versionchange', () => {
      db.close({ disableAutoOpen: true });
      forget();
      return false;
    });
    db.on('close', forget);
    try {
      await db.open();
    } catch {
      forget();
      return null; // no database yet, or it cannot be opened here: the background answers instead
    }
    if (db.verno !== LATEST || !db.tables.some((t) => t.name === 'events')) {
      db.close({ disableAutoOpen: true });
      forget();
      return null;
    }
    const events = db.table('events') as Table<AccessEvent, number>;
    return { chainPage: (afterSeq, limit, uptoSeq) => chainPageOf(events, afterSeq, limit, uptoSeq), version: db.backendDB().version };
  })();
  opening.set(name, reader);
  return reader;
}
