import { browser } from 'wxt/browser';
import { newEvent, type NewEvent } from '@/lib/audit/chain';
import { GENESIS_HASH } from '@/lib/audit/chain';
import { latestCheckpoint } from '@/lib/audit/log';
import { readStorageProblem, storageLocalMirror } from '@/lib/audit/outside';
import { chainPage, EventQuery, logStats } from '@/lib/audit/query';
import { classifyUrl } from '@/lib/crm/registry';
import { recordKey } from '@/lib/crm/types';
import type { GuardDB } from '@/lib/db/db';
import { getProfileName } from '@/lib/db/profile';
import type { LastVerified } from '@/lib/messaging/protocol';
import { originOf } from '@/lib/messaging/sender';
import { DEFAULT_ANOMALIES } from '@/lib/policy/anomalies-schema';
import { HandlerError, pathOf, refuse, type Deps, type Handler } from '../deps';

const LAST_VERIFIED_KEY = 'accessLog.lastVerified';
const DAY = 86_400_000;
/** Charts and anomaly flags look at most at this much history in one request. */
const MAX_STATS_RANGE = 400 * DAY;

const queries = new WeakMap<GuardDB, EventQuery>();

function queryFor(db: GuardDB): EventQuery {
  let q = queries.get(db);
  if (!q) {
    q = new EventQuery(db);
    queries.set(db, q);
  }
  return q;
}

function extensionVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return 'unknown';
  }
}

/** Head (meta row) and the seq of the last event, read together so that they match. */
async function headOf(db: GuardDB): Promise<{ hash: string; seq: number }> {
  return db.transaction('r', [db.events, db.meta], async () => {
    const meta = await db.meta.get('chainHead');
    const last = await db.events.toCollection().last();
    return { hash: typeof meta?.value === 'string' ? meta.value : GENESIS_HASH, seq: last?.seq ?? 0 };
  });
}

async function baseEvent(deps: Deps, action: NewEvent['action']): Promise<NewEvent> {
  const [policy, profile] = await Promise.all([deps.policies.active(), getProfileName(deps.db)]);
  return newEvent({ at: deps.now(), action, actor: profile.name, policyVersion: policy.policyVersion });
}

export const logQuery: Handler<'log.query'> = async (payload, _sender, deps) => {
  const head = await deps.log.head();
  return queryFor(deps.db).page(payload.filter, payload.offset, payload.limit, head);
};

export const logCount: Handler<'log.count'> = async (payload, _sender, deps) => {
  const head = await deps.log.head();
  return queryFor(deps.db).count(payload.filter, head);
};

export const logPage: Handler<'log.page'> = async (payload, _sender, deps) => ({
  events: await chainPage(deps.db, payload.afterSeq, payload.limit, payload.uptoSeq),
});

export const logChain: Handler<'log.chain'> = async (payload, _sender, deps) => {
  // The copy of the head outside the database is written after each answer: let it catch up.
  await deps.log.settled();
  const [checkpoint, head, mirror, total, verified, storageProblem, profile] = await Promise.all([
    latestCheckpoint(deps.db),
    headOf(deps.db),
    storageLocalMirror.read().catch(() => undefined),
    // Counting 100,000 rows takes 0.1-0.6 s: Verify now, which finds any row missing itself, does without.
    payload.count === false ? null : deps.db.events.count(),
    deps.db.meta.get(LAST_VERIFIED_KEY),
    readStorageProblem(),
    getProfileName(deps.db),
  ]);
  return {
    checkpoint: checkpoint ?? null,
    head,
    mirror: mirror ?? null,
    total: total ?? Math.max(0, head.seq - (checkpoint?.lastSeq ?? 0)),
    lastVerified: (verified?.value as LastVerified | undefined) ?? null,
    storageProblem,
    actor: profile.name,
    extensionVersion: extensionVersion(),
  };
};

export const logVerified: Handler<'log.verified'> = async (payload, _sender, deps) => {
  const lastVerified: LastVerified = { at: deps.now(), ...payload };
  await deps.db.meta.put({ key: LAST_VERIFIED_KEY, value: lastVerified });
  return { lastVerified };
};

export const logStatsHandler: Handler<'log.stats'> = async (payload, _sender, deps) => {
  if (payload.to < payload.from) throw refuse('bad-request', 'errPeriodReversed');
  if (payload.to - payload.from > MAX_STATS_RANGE) {
    throw refuse('bad-request', 'errPeriodTooLong', { days: Math.round(MAX_STATS_RANGE / DAY) });
  }
  const policy = await deps.policies.active();
  return logStats(deps.db, payload.from, payload.to, policy.anomalies ?? DEFAULT_ANOMALIES);
};

export const logExported: Handler<'log.exported'> = async (payload, _sender, deps) => {
  const event = await baseEvent(deps, 'log-exported');
  const [stored] = await deps.log.append([{ ...event, detail: `format=${payload.format};count=${payload.count};head=${payload.headHash}` }]);
  if (!stored) throw refuse('internal', 'errExportNotLogged');
  return { event: stored };
};

export const logStatus: Handler<'log.status'> = async () => ({ storageProblem: await readStorageProblem() });

/**
 * A content script logs a copy or an export on the record its tab shows. The record comes from
 * the tab (what the background knows), the time from the background's clock: a script that names
 * another record is refused, and the schema accepts no time at all.
 */
export const logEvent: Handler<'log.event'> = async (payload, sender, deps) => {
  if (sender.kind !== 'content') throw new HandlerError('forbidden', 'Only a content script may log page events.');
  const frameOrigin = originOf(sender.frameUrl);
  if (!frameOrigin || originOf(payload.url) !== frameOrigin) {
    throw new HandlerError('forbidden', 'The page URL does not match the tab it came from.');
  }
  // The tab's page, the policy and the profile name are read side by side (benchmark #4).
  const [page, base] = await Promise.all([deps.tabs.get(sender.tabId), baseEvent(deps, payload.action)]);
  const classified = classifyUrl(payload.url);
  const urlRecord = classified?.page.kind === 'record' ? classified.page.ref : undefined;
  if (page?.kind !== 'record' || page.key !== payload.key || (urlRecord && urlRecord.id !== page.ref.id)) {
    throw new HandlerError('forbidden', 'This tab does not show that record: the event was refused.');
  }
  const [event] = await deps.log.append([
    {
      ...base,
      crm: page.ref.crm,
      org: page.ref.org,
      object: page.ref.object,
      recordId: page.ref.id,
      recordKey: recordKey(page.ref),
      fields: [...new Set(payload.fields)],
      path: pathOf(payload.url),
      eventId: payload.eventId,
    },
  ]);
  if (!event) throw new HandlerError('internal', 'The event was not stored. Try again.');
  return { event };
};

/** The alarm's job: prune what the policy's log retention no longer keeps, leaving a checkpoint. */
export async function pruneByPolicy(deps: Deps): Promise<number> {
  const policy = await deps.policies.active();
  const cutoff = deps.now() - policy.logRetentionDays * DAY;
  const base = await baseEvent(deps, 'log-pruned');
  const result = await deps.log.prune(cutoff, (cp) => ({
    ...base,
    detail: `pruned=${cp.pruned};total=${cp.count};from=${new Date(cp.fromAt).toISOString()};to=${new Date(cp.toAt).toISOString()};lastSeq=${cp.lastSeq};lastHash=${cp.lastHash}`,
  }));
  return result.pruned;
}
