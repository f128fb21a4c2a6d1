import Dexie from 'dexie';
import { AccessLog } from '@/lib/audit/log';
import { createDb } from '@/lib/db/db';
import { openLogReader } from '@/lib/db/readonly';
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
});
