import { fakeBrowser } from 'wxt/testing';
import { AccessLog } from '@/lib/audit/log';
import { createDb, type GuardDB } from '@/lib/db/db';
import { setProfileName } from '@/lib/db/profile';
import type { Answer, MessageType } from '@/lib/messaging/protocol';
import { handleMessage, type Deps } from '@/entrypoints/background/handlers';
import { PolicyStore } from '@/entrypoints/background/policy';
import { PolicySources, type FetchLike } from '@/entrypoints/background/policy-sources';
import { TabRegistry } from '@/entrypoints/background/tabs';

export const ID = 'abcdefghijklmnopabcdefghijklmnop';
export const ORIGIN = `chrome-extension://${ID}`;
export const dashboard = { id: ID, origin: ORIGIN, url: `${ORIGIN}/dashboard.html` };
export function content(tabId: number, url: string) {
  return { id: ID, origin: new URL(url).origin, url, tab: { id: tabId, url }, frameId: 0 };
}

export interface TestEnv {
  db: GuardDB;
  deps: Deps;
  sources: PolicySources;
  clock: { now: number };
  fetches: { url: string; init: RequestInit }[];
  respond: (fn: FetchLike) => void;
  send<T extends MessageType>(type: T, payload: unknown, sender?: object): Promise<Answer<T>>;
}

/** The background's policy parts on fake-indexeddb, with a fake clock and a scripted fetch. */
export async function makeEnv(): Promise<TestEnv> {
  fakeBrowser.reset();
  const db = createDb(`policy-${Math.random()}`);
  await db.open();
  await setProfileName(db, 'Lead One');
  const clock = { now: Date.UTC(2026, 11, 10, 9, 0, 0) };
  const log = new AccessLog(db);
  const policies = new PolicyStore(db, () => clock.now, log);
  const deps: Deps = {
    db,
    log,
    tabs: new TabRegistry(),
    policies,
    extensionId: ID,
    extensionOrigin: ORIGIN,
    now: () => clock.now,
    tabUrl: async () => undefined,
    pushBadge: async () => undefined,
    pushRows: async () => undefined,
    setIcon: async () => undefined,
    injectFeatures: async () => undefined,
  };
  const fetches: { url: string; init: RequestInit }[] = [];
  let responder: FetchLike = async () => {
    throw new TypeError('Failed to fetch');
  };
  const sources = new PolicySources(db, policies, (url, init) => {
    fetches.push({ url, init });
    return responder(url, init);
  }, () => clock.now);
  policies.sources = sources;
  return {
    db,
    deps,
    sources,
    clock,
    fetches,
    respond: (fn) => {
      responder = fn;
    },
    send: (type, payload, sender = dashboard) => handleMessage({ type, payload }, sender, deps) as Promise<Answer<typeof type>>,
  };
}
