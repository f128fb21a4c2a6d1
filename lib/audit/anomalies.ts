import type { AccessEvent } from '@/lib/db/schema';
import type { AnomalyThresholds } from '@/lib/policy/anomalies-schema';

export type AnomalyKind = 'reveal-burst' | 'view-burst' | 'off-hours-reveal';

/** One flag and the events behind it (seqs; capped so that a flag stays readable). */
export interface Anomaly {
  kind: AnomalyKind;
  actor: string;
  from: number;
  to: number;
  /** Reveals in the burst, distinct records viewed, or 1 for an off-hours reveal. */
  count: number;
  seqs: number[];
}

const HOUR = 3_600_000;
const MAX_SEQS = 500;

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** True when `at` falls outside the working hours (local time of this browser). */
export function outsideWorkingHours(at: number, hours: AnomalyThresholds['workingHours']): boolean {
  const d = new Date(at);
  if (!hours.days.includes(d.getDay())) return true;
  const m = d.getHours() * 60 + d.getMinutes();
  const start = minutes(hours.start);
  const end = minutes(hours.end);
  // An end before the start is a night shift that spans midnight.
  return start <= end ? m < start || m >= end : m < start && m >= end;
}

interface Measure {
  add(e: AccessEvent): void;
  remove(e: AccessEvent): void;
  value(): number;
}

function countMeasure(): Measure {
  let n = 0;
  return { add: () => void n++, remove: () => void n--, value: () => n };
}

function distinctRecordsMeasure(): Measure {
  const counts = new Map<string, number>();
  return {
    add: (e) => void counts.set(e.recordKey, (counts.get(e.recordKey) ?? 0) + 1),
    remove: (e) => {
      const n = (counts.get(e.recordKey) ?? 1) - 1;
      if (n === 0) counts.delete(e.recordKey);
      else counts.set(e.recordKey, n);
    },
    value: () => counts.size,
  };
}

/**
 * Sliding one-hour windows per actor, updated incrementally (100,000 events stay linear): a window
 * whose measure exceeds the threshold opens a flag, and the windows right after it that still
 * exceed it extend the same flag (one flag per burst).
 */
function bursts(events: readonly AccessEvent[], kind: AnomalyKind, threshold: number, newMeasure: () => Measure): Anomaly[] {
  const byActor = new Map<string, AccessEvent[]>();
  for (const e of events) {
    const list = byActor.get(e.actor) ?? [];
    list.push(e);
    byActor.set(e.actor, list);
  }
  const out: Anomaly[] = [];
  for (const [actor, list] of byActor) {
    list.sort((a, b) => a.at - b.at);
    const measure = newMeasure();
    let start = 0;
    let open: { flag: Anomaly; seqs: Set<number>; upTo: number } | undefined;
    for (let end = 0; end < list.length; end++) {
      const last = list[end]!;
      measure.add(last);
      while (list[start]!.at <= last.at - HOUR) measure.remove(list[start++]!);
      const value = measure.value();
      if (value <= threshold) {
        open = undefined;
        continue;
      }
      if (!open) {
        const flag: Anomaly = { kind, actor, from: list[start]!.at, to: last.at, count: value, seqs: [] };
        open = { flag, seqs: new Set(), upTo: start };
        out.push(flag);
      }
      open.flag.to = last.at;
      open.flag.count = Math.max(open.flag.count, value);
      // Each event joins the flag once: from where the last window stopped to this one.
      for (let i = Math.max(start, open.upTo); i <= end && open.seqs.size < MAX_SEQS; i++) {
        const seq = list[i]!.seq;
        if (seq !== undefined && !open.seqs.has(seq)) {
          open.seqs.add(seq);
          open.flag.seqs.push(seq);
        }
      }
      open.upTo = end + 1;
    }
  }
  return out;
}

/** Flags from the policy's thresholds over a set of events (any order). */
export function findAnomalies(events: readonly AccessEvent[], thresholds: AnomalyThresholds): Anomaly[] {
  const reveals = events.filter((e) => e.action === 'reveal');
  const views = events.filter((e) => e.action === 'view');
  const flags = [
    ...bursts(reveals, 'reveal-burst', thresholds.revealsPerHour, countMeasure),
    ...bursts(views, 'view-burst', thresholds.distinctViewsPerHour, distinctRecordsMeasure),
    ...reveals
      .filter((e) => outsideWorkingHours(e.at, thresholds.workingHours))
      .map((e): Anomaly => ({ kind: 'off-hours-reveal', actor: e.actor, from: e.at, to: e.at, count: 1, seqs: e.seq === undefined ? [] : [e.seq] })),
  ];
  return flags.sort((a, b) => b.from - a.from);
}
