import Dexie, { type Table } from 'dexie';
import type { GuardDB } from '@/lib/db/db';
import type { AccessAction, AccessEvent } from '@/lib/db/schema';
import type { AnomalyThresholds } from '@/lib/policy/anomalies-schema';
import { findAnomalies, type Anomaly } from './anomalies';

/** The dashboard's filters; every one optional. `recordIdPrefix` is the text search on record ids. */
export interface LogFilter {
  from?: number;
  to?: number;
  actor?: string;
  action?: AccessAction;
  crm?: string;
  org?: string;
  object?: string;
  recordKey?: string;
  recordIdPrefix?: string;
}

const MIN_AT = 0;
const MAX_AT = 8.64e15;

/**
 * Picks one indexed where() for the most selective filter (compound indexes keep the time range
 * in the index), and checks the other filters on the rows that come out. `ordered`: the index
 * range alone answers the filter and, read backwards, is already newest first (time, then seq),
 * so that a page is read straight from the index.
 */
type EventCollection = ReturnType<GuardDB['events']['toCollection']>;

function planFor(db: GuardDB, f: LogFilter): { collection: EventCollection; ordered: boolean } {
  const from = f.from ?? MIN_AT;
  const to = f.to ?? MAX_AT;
  let c: EventCollection;
  let ordered = true;
  const done = new Set<keyof LogFilter>(['from', 'to']);
  if (f.recordKey) {
    c = db.events.where('[recordKey+at]').between([f.recordKey, from], [f.recordKey, to], true, true);
    done.add('recordKey');
  } else if (f.recordIdPrefix) {
    c = db.events.where('recordId').startsWithIgnoreCase(f.recordIdPrefix);
    // A prefix search on ids does not keep the time range in the index: checked row by row.
    done.add('recordIdPrefix');
    done.delete('from');
    done.delete('to');
    ordered = false;
  } else if (f.actor) {
    c = db.events.where('[actor+at]').between([f.actor, from], [f.actor, to], true, true);
    done.add('actor');
  } else if (f.action) {
    c = db.events.where('[action+at]').between([f.action, from], [f.action, to], true, true);
    done.add('action');
  } else if (f.crm && f.org && f.object) {
    // Equal keys: the index holds them in seq order.
    c = db.events.where('[crm+org+object]').equals([f.crm, f.org, f.object]);
    done.add('crm').add('org').add('object');
    done.delete('from');
    done.delete('to');
  } else if (f.crm) {
    c = db.events.where('[crm+org]').between([f.crm, Dexie.minKey], [f.crm, Dexie.maxKey], true, true);
    done.add('crm');
    done.delete('from');
    done.delete('to');
    ordered = false;
  } else if (f.from === undefined && f.to === undefined) {
    c = db.events.toCollection(); // the whole log, in seq order
  } else {
    c = db.events.where('at').between(from, to, true, true);
  }
  const rest = (Object.keys(f) as (keyof LogFilter)[]).filter((k) => f[k] !== undefined && f[k] !== '' && !done.has(k));
  if (rest.length === 0) return { collection: c, ordered };
  return { collection: c.and((e) => matches(e, f, rest)), ordered: false };
}

function matches(e: AccessEvent, f: LogFilter, keys: (keyof LogFilter)[]): boolean {
  for (const k of keys) {
    if (k === 'from' && e.at < (f.from ?? MIN_AT)) return false;
    if (k === 'to' && e.at > (f.to ?? MAX_AT)) return false;
    if (k === 'recordIdPrefix' && !e.recordId.toLowerCase().startsWith((f.recordIdPrefix ?? '').toLowerCase())) return false;
    if ((k === 'actor' || k === 'action' || k === 'crm' || k === 'org' || k === 'object' || k === 'recordKey') && e[k] !== f[k]) return false;
  }
  return true;
}

/**
 * Paged queries, newest first. A filter that one index range answers (a record, an actor, an
 * action, a time range, CRM+org+object, or none) reads its page straight from the index,
 * backwards: the first page costs the same at 1,000 or 1,000,000 events (benchmark #5). The total
 * is a separate request (`count`): IndexedDB counts by walking the whole matching range, so the
 * table shows its first page without waiting for it. Other filters (a record id prefix, several
 * fields at once) collect the matching keys once, kept until the log's head moves, so that
 * scrolling reads one page of rows per request (and their count is the length of that list).
 */
export class EventQuery {
  private cache: { key: string; head: string; seqs: Promise<number[]> } | undefined;
  private counted: { key: string; head: string; total: Promise<number> } | undefined;

  constructor(private readonly db: GuardDB) {}

  /** The matching seqs, newest first, of a filter no single index range answers (one walk per head). */
  private seqsOf(filter: LogFilter, key: string, head: string): Promise<number[]> {
    if (!this.cache || this.cache.key !== key || this.cache.head !== head) {
      const seqs = (planFor(this.db, filter).collection.primaryKeys() as Promise<number[]>).then((list) => list.sort((a, b) => b - a));
      const entry = { key, head, seqs };
      seqs.catch(() => {
        if (this.cache === entry) this.cache = undefined; // a failed walk is not kept
      });
      this.cache = entry;
    }
    return this.cache.seqs;
  }

  async page(filter: LogFilter, offset: number, limit: number, head: string): Promise<{ events: AccessEvent[] }> {
    const plan = planFor(this.db, filter);
    if (plan.ordered) return { events: await plan.collection.reverse().offset(offset).limit(limit).toArray() };
    const slice = (await this.seqsOf(filter, JSON.stringify(filter), head)).slice(offset, offset + limit);
    const rows = await this.db.events.bulkGet(slice);
    return { events: rows.filter((e): e is AccessEvent => e !== undefined) };
  }

  /** How many events match (kept until the log's head moves). */
  async count(filter: LogFilter, head: string): Promise<{ total: number }> {
    const key = JSON.stringify(filter);
    const plan = planFor(this.db, filter);
    if (!plan.ordered) return { total: (await this.seqsOf(filter, key, head)).length };
    if (!this.counted || this.counted.key !== key || this.counted.head !== head) {
      const total = plan.collection.count();
      const entry = { key, head, total };
      total.catch(() => {
        if (this.counted === entry) this.counted = undefined;
      });
      this.counted = entry;
    }
    return { total: await this.counted.total };
  }
}

/** Events in chain order after `afterSeq` (up to `uptoSeq`): what verify and export walk. */
export async function chainPage(db: GuardDB, afterSeq: number, limit: number, uptoSeq?: number): Promise<AccessEvent[]> {
  return chainPageOf(db.events as unknown as Table<AccessEvent, number>, afterSeq, limit, uptoSeq);
}

/** The same read on an events table (the background's database, or a page's read-only view of it). */
export async function chainPageOf(events: Table<AccessEvent, number>, afterSeq: number, limit: number, uptoSeq?: number): Promise<AccessEvent[]> {
  const upper = uptoSeq ?? Number.MAX_SAFE_INTEGER;
  if (upper <= afterSeq) return [];
  return events.where(':id').between(afterSeq, upper, false, true).limit(limit).toArray();
}

export interface LogStats {
  /** Day (YYYY-MM-DD, local) → action → count. */
  perDay: { day: string; counts: Partial<Record<AccessAction, number>> }[];
  topActors: { actor: string; count: number }[];
  topRevealed: { recordKey: string; recordId: string; count: number }[];
  anomalies: Anomaly[];
  total: number;
}

function dayOf(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Charts and anomaly flags over a time range (one pass on the `at` index). */
export async function logStats(db: GuardDB, from: number, to: number, thresholds: AnomalyThresholds, top = 10): Promise<LogStats> {
  const perDay = new Map<string, Partial<Record<AccessAction, number>>>();
  const actors = new Map<string, number>();
  const revealed = new Map<string, { recordId: string; count: number }>();
  const forAnomalies: AccessEvent[] = [];
  let total = 0;
  await db.events
    .where('at')
    .between(from, to, true, true)
    .each((e) => {
      total += 1;
      const day = perDay.get(dayOf(e.at)) ?? {};
      day[e.action] = (day[e.action] ?? 0) + 1;
      perDay.set(dayOf(e.at), day);
      actors.set(e.actor, (actors.get(e.actor) ?? 0) + 1);
      if (e.action === 'reveal') {
        const r = revealed.get(e.recordKey) ?? { recordId: e.recordId, count: 0 };
        r.count += 1;
        revealed.set(e.recordKey, r);
      }
      if (e.action === 'reveal' || e.action === 'view') forAnomalies.push(e);
    });
  return {
    perDay: [...perDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, counts]) => ({ day, counts })),
    topActors: [...actors.entries()].map(([actor, count]) => ({ actor, count })).sort((a, b) => b.count - a.count).slice(0, top),
    topRevealed: [...revealed.entries()]
      .map(([recordKey, r]) => ({ recordKey, recordId: r.recordId, count: r.count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, top),
    anomalies: findAnomalies(forAnomalies, thresholds).slice(0, 200),
    total,
  };
}
