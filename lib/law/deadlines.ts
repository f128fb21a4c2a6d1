/**
 * Deadline arithmetic for data-subject requests: pure functions over calendar dates written
 * YYYY-MM-DD (no time zone can move a legal date). The periods come from JURISDICTIONS in
 * rights.ts; this file only counts.
 *
 * Counting rules:
 * - Months (GDPR, UK GDPR Art. 12(3)): Regulation 1182/71 Art. 3(2)(c): the period ends on the same
 *   date of the last month; a month without that date ends on its last day (31 Jan → 28/29 Feb).
 *   Art. 3(4)'s roll-over of a period ending on a weekend or holiday is deliberately NOT applied:
 *   the date shown is the earliest one the law may hold, so a team that meets it is never late.
 * - Calendar days (CCPA 45 days, LGPD 15 days, Québec 30 days): from the day after receipt.
 * - Business days (CCPA 10 to confirm, 15 to act on an opt-out): Monday to Friday from the day
 *   after receipt; public holidays are not modelled (again the earlier, safe date).
 */
import { addDays, addMonths, differenceInCalendarDays, isWeekend } from 'date-fns';
import { JURISDICTIONS, type JurisdictionId, type Period } from './rights';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A YYYY-MM-DD date as a local-midnight Date, or null when it is not a real calendar date. */
export function parseIsoDate(s: string): Date | null {
  const m = ISO.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(y, mo - 1, d);
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date;
}

export function toIsoDate(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

/** Today's calendar date where the user is. */
export function isoToday(now: number): string {
  return toIsoDate(new Date(now));
}

function mustParse(s: string): Date {
  const date = parseIsoDate(s);
  if (!date) throw new RangeError(`"${s}" is not a date written YYYY-MM-DD`);
  return date;
}

/** Monday–Friday after `from`, `n` of them. */
function addWorkingDays(from: Date, n: number): Date {
  let date = from;
  let left = n;
  while (left > 0) {
    date = addDays(date, 1);
    if (!isWeekend(date)) left -= 1;
  }
  return date;
}

/** The last day of a period that starts the day after `from` (YYYY-MM-DD in, YYYY-MM-DD out). */
export function addPeriod(from: string, period: Period): string {
  const start = mustParse(from);
  switch (period.unit) {
    case 'calendar-months':
      // date-fns clamps to the month's last day: exactly Reg. 1182/71 Art. 3(2)(c).
      return toIsoDate(addMonths(start, period.amount));
    case 'calendar-days':
      return toIsoDate(addDays(start, period.amount));
    case 'business-days':
      return toIsoDate(addWorkingDays(start, period.amount));
  }
}

/** Whole days from `today` to `due` (negative once overdue, 0 on the due date). */
export function daysLeft(due: string, today: string): number {
  return differenceInCalendarDays(mustParse(due), mustParse(today));
}

export const GDPR_REQUEST_KINDS = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection'] as const;
export const CCPA_REQUEST_KINDS = ['know', 'delete', 'correct', 'opt-out-sale', 'limit-sensitive'] as const;
export const REQUEST_KINDS = [...GDPR_REQUEST_KINDS, ...CCPA_REQUEST_KINDS] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export function isRequestKind(x: unknown): x is RequestKind {
  return typeof x === 'string' && (REQUEST_KINDS as readonly string[]).includes(x);
}

/** Which request kinds a person of this jurisdiction can make (CCPA wording for California). */
export function requestKindsFor(jurisdiction: JurisdictionId): readonly RequestKind[] {
  return jurisdiction === 'california' ? CCPA_REQUEST_KINDS : GDPR_REQUEST_KINDS;
}

/** CCPA requests on their own 15-business-day clock (11 CCR § 7026(f), § 7027(g)). */
const OPT_OUT_KINDS: ReadonlySet<RequestKind> = new Set(['opt-out-sale', 'limit-sensitive']);

export interface RequestDeadlines {
  /** Confirm receipt by (CCPA). */
  acknowledgeBy?: string;
  /** Answer by. */
  dueDate: string;
  /** Latest date an extension may be decided and notified (the end of the first period). */
  extendBy?: string;
  /** Answer by, once extended. */
  extendedDueDate?: string;
  /** Legal source of the period. */
  source: string;
}

/**
 * The deadlines of a request received on `receivedOn`, or null when the jurisdiction has no
 * modelled deadline ('other': never assume one).
 */
export function requestDeadlines(jurisdiction: JurisdictionId, kind: RequestKind, receivedOn: string): RequestDeadlines | null {
  const rule = JURISDICTIONS[jurisdiction].deadline;
  if (!rule) return null;
  if (OPT_OUT_KINDS.has(kind) && rule.optOut) {
    return { dueDate: addPeriod(receivedOn, rule.optOut), source: rule.source };
  }
  const dueDate = addPeriod(receivedOn, rule.answer);
  const out: RequestDeadlines = { dueDate, source: rule.source };
  if (rule.acknowledge) out.acknowledgeBy = addPeriod(receivedOn, rule.acknowledge);
  if (rule.extension) {
    out.extendBy = dueDate;
    // Counted from receipt, not from the first due date: 31 Jan + 3 months is 30 April (GDPR
    // "two further months"; CCPA 90 days in all).
    out.extendedDueDate =
      rule.answer.unit === rule.extension.unit
        ? addPeriod(receivedOn, { amount: rule.answer.amount + rule.extension.amount, unit: rule.answer.unit })
        : addPeriod(dueDate, rule.extension);
  }
  return out;
}

/** Kinds that stop all processing of the record while open (GDPR Art. 18, Art. 21). */
export const RESTRICTING_KINDS: ReadonlySet<RequestKind> = new Set(['restriction', 'objection']);
/** Kinds that end with deleting the person in the CRM (GDPR Art. 17, CCPA § 1798.105). */
export const ERASURE_KINDS: ReadonlySet<RequestKind> = new Set(['erasure', 'delete']);
/** Kinds answered with a copy of the data (GDPR Art. 15, 20; CCPA § 1798.110). */
export const EXPORT_KINDS: ReadonlySet<RequestKind> = new Set(['access', 'portability', 'know']);
