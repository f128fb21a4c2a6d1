import Dexie from 'dexie';
import v1 from '../../fixtures/db/v1.json';
import v2 from '../../fixtures/db/v2.json';
import v3 from '../../fixtures/db/v3.json';
import v4 from '../../fixtures/db/v4.json';
import { summarise } from '@/lib/db/records';
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

  test('version 2 (access log) equals its frozen copy', () => {
    expect(SCHEMA_VERSIONS.find((v) => v.version === 2)).toEqual({ version: 2, stores: v2.stores });
  });

  test('version 1 → 2: old events keep their place, the new indexes answer, eventId is unique, checkpoints exist', async () => {
    const name = `migrate-v2-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores(v1.stores);
    await old.open();
    await old.table('events').bulkAdd(v1.rows.events);
    await old.table('meta').bulkAdd(v1.rows.meta);
    old.close();

    const mid = new Dexie(name);
    mid.version(1).stores(v1.stores);
    mid.version(2).stores(v2.stores);
    await mid.open();
    await mid.table('events').bulkAdd(v2.rows.events);
    await mid.table('checkpoints').bulkAdd(v2.rows.checkpoints);
    mid.close();

    const db = createDb(name);
    await db.open();
    expect(await db.events.where('[recordKey+at]').between(['sf:acme:Contact:0035g00000AbCdEAAV', 0], ['sf:acme:Contact:0035g00000AbCdEAAV', 9e15]).count()).toBe(1);
    expect(await db.events.where('[actor+at]').between(['rep', 0], ['rep', 9e15]).count()).toBe(2);
    expect(await db.events.where('[action+at]').between(['view', 0], ['view', 9e15]).count()).toBe(1);
    expect(await db.events.where('[crm+org+object]').equals(['hubspot', '123456', '0-1']).count()).toBe(1);
    expect(await db.events.where('recordId').startsWith('0035g').count()).toBe(1);
    expect(await db.events.where('eventId').equals('view-visit-0001-0-1-501').count()).toBe(1);
    await expect(db.events.add({ ...v2.rows.events[0]!, action: 'view' as const, crm: 'hubspot' as const })).rejects.toMatchObject({ name: 'ConstraintError' });
    expect(await db.table('checkpoints').orderBy('lastSeq').last()).toMatchObject({ count: 12, lastSeq: 12 });
    db.close();
  });

  test('version 3 (data-subject requests) equals its frozen copy', () => {
    expect(SCHEMA_VERSIONS.find((v) => v.version === 3)).toEqual({ version: 3, stores: v3.stores });
  });

  test('version 1 → 2 → 3: records keep their bases and consents, requests answer by record, status and due date', async () => {
    const name = `migrate-v3-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores(v1.stores);
    old.version(2).stores(v2.stores);
    await old.open();
    // A record as version 3 writes it: the foundation's row plus its privacy lists.
    await old.table('records').bulkAdd(v1.rows.records.map((r) => ({ ...r, privacy: v3.rows.recordPrivacy })));
    old.close();

    const db = createDb(name);
    await db.open();
    const requests = db.table('requests');
    await requests.bulkAdd(v3.rows.requests);
    expect(await requests.where('recordKey').equals('sf:acme:Contact:0035g00000AbCdEAAV').count()).toBe(1);
    expect(await requests.where('status').equals('open').count()).toBe(1);
    expect((await requests.orderBy('dueAt').first())?.kind).toBe('erasure');
    const record = await db.records.get('sf:acme:Contact:0035g00000AbCdEAAV');
    expect(record?.bases[0]?.basis).toBe('f');
    // The badge reads the migrated row: an open erasure with its due date, consent given.
    expect(summarise('sf:acme:Contact:0035g00000AbCdEAAV', record, Date.UTC(2026, 1, 1))).toMatchObject({
      state: 'consent-given',
      request: { kind: 'erasure', dueDate: '2026-02-28', open: 1 },
    });
    db.close();
  });

  test('version 4 (policy deployment) equals its frozen copy', () => {
    expect(SCHEMA_VERSIONS.find((v) => v.version === 4)).toEqual({ version: 4, stores: v4.stores });
  });

  test('version 1 → 3 → 4: policy rows keep their history, the [source+activatedAt] index answers', async () => {
    const name = `migrate-v4-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores(v1.stores);
    old.version(2).stores(v2.stores);
    old.version(3).stores(v3.stores);
    await old.open();
    await old.table('policies').bulkAdd(v4.rows.policies);
    await old.table('meta').bulkAdd(v1.rows.meta);
    old.close();

    const db = createDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    expect(await db.policies.count()).toBe(3);
    expect((await db.policies.orderBy('activatedAt').last())?.policyVersion).toBe('2026.11.2');
    const imports = await db.policies.where('[source+activatedAt]').between(['import', -Infinity], ['import', Infinity]).toArray();
    expect(imports.map((r) => r.policyVersion)).toEqual(['2026.11.1', '2026.11.2']);
    expect((await db.meta.get('profileName'))?.value).toBe('Rep One');
    db.close();
  });
});
