import { fakeBrowser } from 'wxt/testing';
import { ID, ORIGIN, testDeps } from './test-deps';
import { AccessLog } from '@/lib/audit/log';
import { storageLocalMirror, storageLocalStatus } from '@/lib/audit/outside';
import { createDb, type GuardDB } from '@/lib/db/db';
import { handleMessage, type Deps } from '@/entrypoints/background/handlers';
import { PolicyStore } from '@/entrypoints/background/policy';

const dashboard = { id: ID, origin: ORIGIN, url: `${ORIGIN}/dashboard.html` };

let db: GuardDB;
let deps: Deps;

beforeEach(async () => {
  fakeBrowser.reset();
  db = createDb(`log-verified-head-${Math.random()}`);
  await db.open();
  let clock = Date.UTC(2026, 10, 29, 10, 0, 0);
  deps = testDeps(db, () => clock++, {
    log: new AccessLog(db, { mirror: storageLocalMirror, status: storageLocalStatus }),
    policies: new PolicyStore(db, () => clock),
  });
});
afterEach(() => db.close());

describe('log.verified keeps the head the verification walked to (export: events added since)', () => {
  test('stored with the result and given back by log.chain; a bad head is refused', async () => {
    const verified = await handleMessage({ type: 'log.verified', payload: { ok: true, count: 6, headSeq: 6 } }, dashboard, deps);
    expect(verified).toMatchObject({ ok: true, data: { lastVerified: { ok: true, count: 6, headSeq: 6, at: expect.any(Number) } } });
    expect(await handleMessage({ type: 'log.chain', payload: { count: false } }, dashboard, deps)).toMatchObject({
      ok: true,
      data: { lastVerified: { ok: true, count: 6, headSeq: 6 } },
    });
    // A failed verification keeps it too.
    const bad = await handleMessage({ type: 'log.verified', payload: { ok: false, count: 2, kind: 'changed', firstBadSeq: 3, headSeq: 6 } }, dashboard, deps);
    expect(bad).toMatchObject({ ok: true, data: { lastVerified: { ok: false, headSeq: 6 } } });
    for (const headSeq of [-1, 1.5, '6']) {
      expect(await handleMessage({ type: 'log.verified', payload: { ok: true, count: 6, headSeq } }, dashboard, deps)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
  });
});
