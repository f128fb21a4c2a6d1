import Dexie from 'dexie';
import { AccessLog } from '@/lib/audit/log';
import { createDb } from '@/lib/db/db';
import { LATEST_IDB_VERSION, openExisting, openLogReader, pageReader } from '@/lib/db/readonly';
import { SCHEMA_VERSIONS } from '@/lib/db/schema';
import { newEvent } from '../audit/helpers';

const LATEST = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

describe('read-only view of the log for extension pages', () => {
  test('no database yet: null, and nothing is created', async () => {
    const name = `ro-missing-${Math.random()}`;
    expect(await openLogReader(name)).toBeNull();
    expect(await Dexie.exists(name)).toBe(false);
  });

  test('reads the chain in order as the background wrote it', async () => {
    const name = `ro-read-${Math.random()}`;
    const db = createDb(name);
    await db.open();
    await new AccessLog(db).append(Array.from({ length: 5 }, (_, i) => newEvent(i)));
    const reader = await openLogReader(name);
    expect(reader).not.toBeNull();
    expect((await reader!.chainPage(1, 2)).map((e) => e.seq)).toEqual([2, 3]);
    expect((await reader!.chainPage(0, 10, 4)).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(await reader!.chainPage(4, 10, 4)).toEqual([]);
    expect(await reader!.chainPage(0, 10)).toEqual(await db.events.toArray());
    db.close();
    // A second call shares the one connection.
    expect(await openLogReader(name)).toBe(reader);
  });

  test('an upgrade by the background is not blocked: the page lets go, then opens the new version', async () => {
    const name = `ro-upgrade-${Math.random()}`;
    const db = createDb(name);
    await db.open();
    await new AccessLog(db).append([newEvent(1)]);
    db.close();
    const reader = await openLogReader(name);
    expect(reader).not.toBeNull();
    // The background opens a later version (an upgrade): it must not wait on the page's connection.
    const next = new Dexie(name);
    for (const { version, stores } of SCHEMA_VERSIONS) next.version(version).stores({ ...stores });
    next.version(LATEST + 1).stores({ scratch: 'id' });
    await expect(Promise.race([next.open().then(() => 'upgraded'), new Promise((r) => setTimeout(() => r('blocked'), 2000))])).resolves.toBe('upgraded');
    next.close();
    // This build does not know that version: the page is told to ask the background.
    const after = await openLogReader(name);
    expect(after).toBeNull();
  });

  test('a sealed or partly sealed log reads back in full: rows and their blocks in one read-only transaction', async () => {
    const name = `ro-sealed-${Math.random()}`;
    const db = createDb(name);
    await db.open();
    const log = new AccessLog(db);
    await log.append(Array.from({ length: 60 }, (_, i) => newEvent(i)));
    const stored = await db.events.toArray();
    await log.seal(); // 50 sealed, 10 full rows
    expect((await db.events.toArray()).filter((row) => row.hash === undefined)).toHaveLength(50);
    const reader = await openLogReader(name);
    expect(await reader!.chainPage(0, 1000)).toEqual(stored);
    expect(await reader!.chainPage(20, 35)).toEqual(stored.slice(20, 55));
    expect(await reader!.chainPage(24, 2)).toEqual(stored.slice(24, 26)); // two blocks for two events
    expect(await reader!.chainPage(49, 1)).toEqual(stored.slice(49, 50));
    await log.seal({ all: true });
    expect(await reader!.chainPage(0, 1000)).toEqual(stored);

    const conn = await openExisting(indexedDB, name, LATEST_IDB_VERSION, () => undefined);
    const transactions = vi.spyOn(IDBDatabase.prototype, 'transaction');
    expect(await pageReader(conn)(10, 30, 60)).toEqual(stored.slice(10, 40));
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(transactions.mock.calls[0]).toEqual([['events', 'blocks', 'meta'], 'readonly']);

    // A full row written over a sealed event's index row: the event read is the one sealed.
    await db.events.put({ ...stored[29]!, actor: 'someone else' });
    expect((await pageReader(conn)(29, 1, 30))[0]).toEqual(stored[29]);
    conn.close();
    db.close();
  });

  test('a database at this version without the blocks store is not read', async () => {
    const name = `ro-noblocks-${Math.random()}`;
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(name, LATEST_IDB_VERSION);
      request.onupgradeneeded = () => {
        request.result.createObjectStore('events', { keyPath: 'seq' });
        request.result.createObjectStore('meta', { keyPath: 'key' });
      };
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    await expect(openExisting(indexedDB, name, LATEST_IDB_VERSION, () => undefined)).rejects.toThrow(`is at version ${LATEST_IDB_VERSION}, this page expects ${LATEST_IDB_VERSION} (no blocks store)`);
    expect(await openLogReader(name)).toBeNull();
  });
});
