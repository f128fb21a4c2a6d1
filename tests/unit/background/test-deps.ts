import { AccessLog } from '@/lib/audit/log';
import type { GuardDB } from '@/lib/db/db';
import type { Deps } from '@/entrypoints/background/handlers';
import { PolicyStore } from '@/entrypoints/background/policy';
import { TabRegistry } from '@/entrypoints/background/tabs';

/** The extension id and origin the handler tests play: senders are judged against these. */
export const ID = 'abcdefghijklmnopabcdefghijklmnop';
export const ORIGIN = `chrome-extension://${ID}`;

/**
 * Background deps on a fake-indexeddb database, with quiet browser effects: one place to follow
 * when Deps grows. `now` drives the policy store too; override anything a test observes.
 */
export function testDeps(db: GuardDB, now: () => number, overrides: Partial<Deps> = {}): Deps {
  return {
    db,
    log: new AccessLog(db),
    tabs: new TabRegistry(),
    policies: new PolicyStore(db, now),
    extensionId: ID,
    extensionOrigin: ORIGIN,
    now,
    tabUrl: async () => undefined,
    pushBadge: async () => undefined,
    pushRows: async () => undefined,
    setIcon: async () => undefined,
    injectFeatures: async () => undefined,
    ...overrides,
  };
}
