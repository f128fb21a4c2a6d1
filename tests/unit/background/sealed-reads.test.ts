import { fakeBrowser } from 'wxt/testing';
import { ID, ORIGIN, testDeps } from './test-deps';
import { AccessLog, sealedThrough } from '@/lib/audit/log';
import { runVerify, type ChainSnapshot } from '@/lib/audit/verify-run';
import { decodeBlock, isIndexRow } from '@/lib/audit/blocks';
import { checkPage, type CheckedPage } from '@/lib/audit/verify-range';
import { createDb, type GuardDB } from '@/lib/db/db';
import { setProfileName } from '@/lib/db/profile';
import type { AccessAction, AccessEvent } from '@/lib/db/schema';
import { handleMessage, type Deps } from '@/entrypoints/background/handlers';
import type { MessageType } from '@/lib/messaging/protocol';
import { PolicyStore } from '@/entrypoints/background/policy';
import { newEvent, T0 } from '../audit/helpers';

const dashboard = { id: ID, origin: ORIGIN, url: `${ORIGIN}/dashboard.html` };
const ACTIONS: AccessAction[] = ['view', 'reveal', 'copy', 'export', 'basis-set'];

let db: GuardDB;
let deps: Deps;
let log: AccessLog;

beforeEach(async () => {
  fakeBrowser.reset();
  db = createDb(`sealed-reads-${Math.random()}`);
  await db.open();
  await setProfileName(db, 'Rep One');
  const now = () => T0 + 10 * 86_400_000;
  log = new AccessLog(db);
  deps = testDeps(db, now, { log, policies: new PolicyStore(db, now) });
  // 173 events: 5 actors, 5 actions, 9 records, reasons, fields, and values a block must carry as they are.
  await log.append(
    Array.from({ length: 173 }, (_, i) =>
      newEvent(i, {
        actor: `Rep ${i % 5} é`,
        action: ACTIONS[i % 5] as AccessAction,
        recordKey: `sf:acme:Contact:rec${i % 9}`,
        recordId: `0035g00000Rec${i % 9}`,
        fields: i % 5 === 1 ? ['sfdc:RecordField.Contact.Email', `],["prevHash","${i}`] : [],
        reason: i % 5 === 1 ? `Client called 📞 "line ${i}"\nsecond line` : '',
        detail: i % 7 === 0 ? 'basis=f\u2028ok' : '',
        eventId: i % 3 === 0 ? undefined : `evt-${i}`,
      }),
    ),
  );
});
afterEach(() => db.close());

const ask = async <T extends MessageType>(type: T, payload: unknown) => {
  const answer = await handleMessage({ type, payload } as never, dashboard, deps);
  expect(answer).toMatchObject({ ok: true });
  return (answer as { data: unknown }).data;
};

/** Every read the dashboard and the report make of the log. */
async function everyRead(): Promise<unknown[]> {
  const filters = [
    {},
    { recordKey: 'sf:acme:Contact:rec4' },
    { actor: 'Rep 2 é' },
    { action: 'reveal' },
    { crm: 'salesforce', org: 'acme', object: 'Contact' },
    { crm: 'salesforce' },
    { recordIdPrefix: '0035g00000rec1' },
    { from: T0 + 20_000, to: T0 + 90_000 },
    { actor: 'Rep 1 é', action: 'reveal' },
  ];
  const out: unknown[] = [];
  for (const filter of filters) {
    out.push(await ask('log.query', { filter, offset: 0, limit: 50 }));
    out.push(await ask('log.query', { filter, offset: 7, limit: 30 }));
    out.push(await ask('log.count', { filter }));
  }
  out.push(await ask('log.page', { afterSeq: 0, limit: 2000 }));
  out.push(await ask('log.page', { afterSeq: 37, uptoSeq: 140, limit: 60 }));
  out.push(await ask('events.recent', { limit: 40 }));
  out.push(await ask('log.stats', { from: T0, to: T0 + 86_400_000 }));
  out.push(await ask('report.get', {}));
  const chain = (await ask('log.chain', {})) as Record<string, unknown>;
  out.push({ ...chain, storageProblem: undefined });
  return out;
}

describe('a sealed log reads as it did before sealing (schema v5)', () => {
  test('every dashboard and report read gives the same answer unsealed, partly sealed and fully sealed', async () => {
    const before = await everyRead();
    expect((before[before.length - 4] as { events: unknown[] }).events).toHaveLength(40);

    await log.seal(); // whole blocks only: a tail of full rows stays
    const partly = await sealedThrough(db);
    expect(partly).toBeGreaterThan(100);
    expect(partly).toBeLessThan(173);
    expect(await everyRead()).toEqual(before);

    await log.seal({ all: true });
    expect(await sealedThrough(db)).toBe(173);
    const rows = await db.events.toArray();
    expect(rows.every((row) => isIndexRow(row))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('Client called');
    expect(await everyRead()).toEqual(before);
  });

  test('appends after sealing chain on, and a retried event that is already sealed is answered with its stored copy', async () => {
    await log.seal({ all: true });
    // The stored event 2 (seq 2) is a reveal with a reason; the retry carries none of that.
    const [retried] = await log.append([newEvent(1, { eventId: 'evt-1' })]);
    expect(retried).toMatchObject({ seq: 2, eventId: 'evt-1', action: 'reveal', reason: expect.stringContaining('line 1') });
    expect(typeof retried?.hash).toBe('string');
    const [next] = await new AccessLog(db).append([newEvent(500, { eventId: 'evt-500' })]);
    expect(next?.seq).toBe(174);
    const chain = (await ask('log.chain', {})) as { head: { seq: number; hash: string } };
    expect(chain.head).toEqual({ seq: 174, hash: next?.hash });
    const report = (await ask('report.get', {})) as { figures: unknown };
    expect(JSON.stringify(report)).not.toContain('"broken"');
  });

  test('an index row edited after sealing: the table shows the sealed event, flagged, wherever the row shows', async () => {
    await log.seal({ all: true });
    const row = await db.events.get(12);
    expect(row && isIndexRow(row)).toBe(true);
    // Someone with access to the profile files event 12 under another actor (the content is sealed).
    await db.events.put({ ...(row as object), actor: 'Nobody' } as never);
    const filtered = (await ask('log.query', { filter: { actor: 'Nobody' }, offset: 0, limit: 50 })) as { events: { seq: number; actor: string; indexDiffers?: true }[] };
    expect(filtered.events).toEqual([expect.objectContaining({ seq: 12, actor: 'Rep 1 é', indexDiffers: true })]);
    const all = (await ask('log.query', { filter: {}, offset: 0, limit: 500 })) as { events: { seq: number; indexDiffers?: true }[] };
    expect(all.events.filter((e) => e.indexDiffers).map((e) => e.seq)).toEqual([12]);
    // Export and verify read the sealed content: the edit does not change what they see.
    const page = (await ask('log.page', { afterSeq: 11, limit: 1 })) as { events: { actor: string; indexDiffers?: true }[] };
    expect(page.events[0]).toMatchObject({ actor: 'Rep 1 é' });
    expect(page.events[0]).not.toHaveProperty('indexDiffers');
  });

  test('a full row written over a sealed event is not shown in place of what was sealed', async () => {
    await log.seal({ all: true });
    const sealed = ((await ask('log.page', { afterSeq: 19, limit: 1 })) as { events: { seq: number; reason: string; hash: string }[] }).events[0];
    expect(sealed?.seq).toBe(20);
    // A forged full row (own content, own hash) put where the index row of event 20 was.
    await db.events.put({ ...(sealed as object), reason: 'forged', hash: 'f'.repeat(64) } as never);
    const page = (await ask('log.page', { afterSeq: 19, limit: 1 })) as { events: { reason: string; hash: string }[] };
    expect(page.events[0]).toEqual(sealed);
    const shown = (await ask('log.query', { filter: { recordKey: 'sf:acme:Contact:rec1' }, offset: 0, limit: 100 })) as { events: { seq: number; reason: string }[] };
    expect(shown.events.find((e) => e.seq === 20)?.reason).toBe((sealed as { reason: string }).reason);
  });

  test('Verify catches a sealed event whose search entry was deleted (it would vanish from the table), and passes once it is back', async () => {
    await log.seal({ all: true });
    const verify = async () => runVerify((await ask('log.chain', {})) as ChainSnapshot, async (after, limit, upto) => ((await ask('log.page', { afterSeq: after, limit, uptoSeq: upto })) as { events: AccessEvent[] }).events);
    expect(await verify()).toMatchObject({ ok: true, count: 173 });
    const row = await db.events.get(40);
    await db.events.delete(40);
    // Read through the rows (the page's own walk), the event is missing where its row was.
    expect(await verify()).toMatchObject({ ok: false, count: 39, firstBadSeq: 40, kind: 'removed' });
    // Read from the blocks (as the verify workers read a sealed log), the chain is whole: the count of rows tells.
    const fromBlocks = async function* (after: number, upto: number): AsyncGenerator<CheckedPage> {
      const events = (await db.blocks.toArray()).flatMap((block) => decodeBlock(block)).filter((e) => (e.seq as number) > after && (e.seq as number) <= upto);
      yield await checkPage(events);
    };
    const viaBlocks = await runVerify((await ask('log.chain', {})) as ChainSnapshot, async () => [], { checked: fromBlocks });
    expect(viaBlocks).toMatchObject({ ok: false, count: 173, problem: 'index-count', kind: 'index' });
    expect(((await ask('log.query', { filter: {}, offset: 0, limit: 500 })) as { events: unknown[] }).events).toHaveLength(172);
    await db.events.put(row as AccessEvent);
    expect(await verify()).toMatchObject({ ok: true, count: 173 });
  });

  test('a search entry whose block hint is wrong still shows its sealed event (looked up by seq)', async () => {
    await log.seal({ all: true });
    const before = (await ask('log.query', { filter: { recordKey: 'sf:acme:Contact:rec3' }, offset: 0, limit: 100 })) as { events: AccessEvent[] };
    const row = (await db.events.get(31)) as AccessEvent & { blk?: number };
    expect(row.blk).toBeGreaterThanOrEqual(31);
    await db.events.put({ ...row, blk: 150 } as never);
    expect(await ask('log.query', { filter: { recordKey: 'sf:acme:Contact:rec3' }, offset: 0, limit: 100 })).toEqual(before);
  });
});
