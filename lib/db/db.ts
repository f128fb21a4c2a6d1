import Dexie, { type EntityTable } from 'dexie';
import { DB_NAME, SCHEMA_VERSIONS, type AccessEvent, type MetaRow, type PolicyRow, type RecordRow } from './schema';

export type GuardDB = Dexie & {
  policies: EntityTable<PolicyRow, 'id'>;
  records: EntityTable<RecordRow, 'key'>;
  events: EntityTable<AccessEvent, 'seq'>;
  meta: EntityTable<MetaRow, 'key'>;
};

/** Opens (creating or upgrading) the database. Only the background calls this. */
export function createDb(name: string = DB_NAME): GuardDB {
  const db = new Dexie(name) as GuardDB;
  for (const { version, stores } of SCHEMA_VERSIONS) {
    db.version(version).stores({ ...stores });
  }
  return db;
}

let singleton: GuardDB | undefined;

/** The background's one database handle. */
export function getDb(): GuardDB {
  singleton ??= createDb();
  return singleton;
}
