import Dexie from 'dexie';
import v1 from '../../fixtures/db/v1.json';
import { createDb } from '@/lib/db/db';
import { SCHEMA_VERSIONS } from '@/lib/db/schema';

describe('database schema and migrations', () => {
  test('published versions are never edited (version 1 equals its frozen copy)', () => {
    expect(SCHEMA_VERSIONS[0]).toEqual({ version: 1, stores: v1.stores });
  });

  test('versions only go up', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  test('a database written by version 1 opens with the current schema, data intact and indexes usable', async () => {
    const name = `migrate-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores(v1.stores);
    await old.open();
    await old.table('records').bulkAdd(v1.rows.records);
    await old.table('events').bulkAdd(v1.rows.events);
    await old.table('meta').bulkAdd(v1.rows.meta);
    old.close();

    const db = createDb(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version);
    const record = await db.records.get('sf:acme:Contact:0035g00000AbCdEAAV');
    expect(record?.bases[0]?.basis).toBe('f');
    expect(await db.records.where('[crm+org]').equals(['salesforce', 'acme']).count()).toBe(1);
    expect(await db.events.where('recordKey').equals('sf:acme:Contact:0035g00000AbCdEAAV').count()).toBe(1);
    expect(await db.events.where('action').equals('basis-set').count()).toBe(1);
    expect((await db.meta.get('profileName'))?.value).toBe('Rep One');
    db.close();
  });
});
