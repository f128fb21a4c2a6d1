/**
 * Dates as CRM pages display them, read in the page's locale. Pure: the caller passes the locale
 * (the page's `<html lang>`, else a CRM hint). A value that cannot be read for sure is an error
 * with a reason, never a guess: retention verdicts must not turn an unreadable date into "ok".
 */

export type DateOrder = 'MDY' | 'DMY' | 'unknown';

/** Why a date could not be read: a code for the UI's own (translated) words, and an English reason for logs and tests. */
export type DateProblem = 'empty' | 'too-long' | 'not-a-date' | 'two-digit-year' | 'ambiguous' | 'out-of-range';

export type PageDate = { ok: true; date: Date } | { ok: false; reason: string; problem: DateProblem };

/** Locales whose numeric dates put the month first (Salesforce and HubSpot `en-US` style). */
const MONTH_FIRST = new Set(['en', 'en-us', 'en-ph', 'en-um', 'en-as', 'en-gu', 'en-mp', 'en-pr', 'en-vi', 'fil']);

/** Which way a locale writes `1/2/2024`; '' or garbage is 'unknown' (then only unambiguous dates read). */
export function dateOrderFor(locale: string | null | undefined): DateOrder {
  const tag = (locale ?? '').trim().toLowerCase().replace(/_/g, '-');
  if (!/^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/.test(tag)) return 'unknown';
  if (MONTH_FIRST.has(tag)) return 'MDY';
  // A region-less tag other than "en" (fr, de, es…) writes the day first.
  return 'DMY';
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, janv: 1, janvier: 1,
  feb: 2, february: 2, fev: 2, fevr: 2, fevrier: 2,
  mar: 3, march: 3, mars: 3,
  apr: 4, april: 4, avr: 4, avril: 4,
  may: 5, mai: 5,
  jun: 6, june: 6, juin: 6,
  jul: 7, july: 7, juil: 7, juillet: 7,
  aug: 8, august: 8, aou: 8, aout: 8,
  sep: 9, sept: 9, september: 9, septembre: 9,
  oct: 10, october: 10, octobre: 10,
  nov: 11, november: 11, novembre: 11,
  dec: 12, december: 12, decembre: 12,
};

/** A local calendar date, or null when the day does not exist (2/30/2024). */
function calendarDate(y: number, m: number, d: number): Date | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? date : null;
}

function fail(reason: string, problem: DateProblem): PageDate {
  return { ok: false, reason, problem };
}

function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC_RE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/;
// "Nov 2, 2026", "November 2, 2026"
const MONTH_NAME_FIRST_RE = /^([a-z]+)\.? (\d{1,2}),? (\d{4})$/;
// "2 nov. 2026", "2 novembre 2026", "1er janvier 2026", "2 Nov 2026"
const DAY_FIRST_NAME_RE = /^(\d{1,2})(?:er)? ([a-z]+)\.? (\d{4})$/;
// Times that follow a date: "1/2/2024, 9:00 AM", "02/01/2024 09:00", "2 nov. 2026 à 15:04".
const TRAILING_TIME_RE = /(?:,|\s)\s*(?:a |at |à )?\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*[a-z]{2,5})?$/i;

/**
 * Reads one displayed date: ISO (`2024-01-02`, with or without a time), epoch milliseconds as
 * HubSpot stores them (`1704153600000`), numeric dates in the locale's order (`1/2/2024` en-US is
 * 2 January, fr is 1 February), and English or French month names. Times are dropped: retention
 * counts calendar days.
 */
export function parsePageDate(raw: string, locale: string | null | undefined): PageDate {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '') return fail('the date is empty', 'empty');
  if (text.length > 64) return fail('the text is too long to be a date', 'too-long');

  const iso = ISO_RE.exec(text);
  if (iso) {
    const date = calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return date ? { ok: true, date } : fail(`“${text}” is not a real calendar date`, 'not-a-date');
  }

  // HubSpot timestamps: epoch milliseconds (12 or 13 digits cover 1973–2286).
  if (/^\d{12,13}$/.test(text)) {
    const at = new Date(Number(text));
    const date = calendarDate(at.getFullYear(), at.getMonth() + 1, at.getDate());
    return date ? { ok: true, date } : fail(`“${text}” is out of the supported range`, 'out-of-range');
  }

  const withoutTime = text.replace(TRAILING_TIME_RE, '').trim();
  const numeric = NUMERIC_RE.exec(withoutTime);
  if (numeric) {
    const [a, b, yText] = [Number(numeric[1]), Number(numeric[2]), numeric[3] ?? ''];
    if (yText.length !== 4) return fail(`“${text}” has a two-digit year, which could be any century`, 'two-digit-year');
    const y = Number(yText);
    let order = dateOrderFor(locale);
    if (order === 'unknown') {
      // Without a locale only a day above 12 says which part is which.
      if (a > 12 && b <= 12) order = 'DMY';
      else if (b > 12 && a <= 12) order = 'MDY';
      else if (a === b) order = 'DMY';
      else return fail(`“${text}” could be day/month or month/day and the page does not say its locale`, 'ambiguous');
    }
    const date = order === 'MDY' ? calendarDate(y, a, b) : calendarDate(y, b, a);
    const pattern = order === 'MDY' ? 'M/D/YYYY' : 'DD/MM/YYYY';
    return date ? { ok: true, date } : fail(`“${text}” is not a real date when read as ${pattern}`, 'not-a-date');
  }

  const folded = fold(withoutTime);
  const named = MONTH_NAME_FIRST_RE.exec(folded);
  if (named) {
    const month = MONTHS[named[1] ?? ''];
    const date = month ? calendarDate(Number(named[3]), month, Number(named[2])) : null;
    return date ? { ok: true, date } : fail(`“${text}” is not a date this extension can read`, 'not-a-date');
  }
  const dayFirst = DAY_FIRST_NAME_RE.exec(folded);
  if (dayFirst) {
    const month = MONTHS[dayFirst[2] ?? ''];
    const date = month ? calendarDate(Number(dayFirst[3]), month, Number(dayFirst[1])) : null;
    return date ? { ok: true, date } : fail(`“${text}” is not a date this extension can read`, 'not-a-date');
  }
  return fail(`“${text}” is not a date this extension can read`, 'not-a-date');
}

/**
 * The date in a value that also holds other text, such as Salesforce "Created By"
 * (`Admin User\n1/2/2024, 9:00 AM`): the last line that reads as a date.
 */
export function parseDateInValue(raw: string, locale: string | null | undefined): PageDate {
  const lines = raw.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  let last: PageDate = fail('the value is empty', 'empty');
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const parsed = parsePageDate(lines[i] ?? '', locale);
    if (parsed.ok) return parsed;
    if (i === lines.length - 1) last = parsed;
  }
  return last;
}

/** People this young are not CRM prospects: a full date at least this many years back may be a birth date. */
export const BIRTH_DATE_MIN_AGE = 16;

// A day, a month and a four-digit year anywhere in a text, in any order a date is written.
const TEXT_NUMERIC_RE = /(?<![\d.])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d])/g;
const TEXT_ISO_RE = /(?<![\d])(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?![\d.])/g;
const TEXT_NAME_FIRST_RE = /\b([a-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b/g;
const TEXT_DAY_FIRST_RE = /\b(\d{1,2})(?:st|nd|rd|th|er)? (?:of )?([a-z]{3,9})\.?,? (\d{4})\b/g;

/**
 * Whether free text (a reveal reason) names a full calendar date, with its year, at least
 * BIRTH_DATE_MIN_AGE years before `today`: such a date may well be a person's date of birth ("to
 * correct DOB 05/17/1984"), and the access log keeps no field values. Either order of a numeric
 * date counts (it need not be read for sure, only be a date either way); English and French month
 * names. A recent date (the day of a call) or a month and year ("March 1984") is not one.
 */
export function holdsBirthLikeDate(text: string, today: Date): boolean {
  const folded = fold(text).replace(/\s+/g, ' ');
  const latest = today.getFullYear() - BIRTH_DATE_MIN_AGE;
  const old = (y: number, m: number, d: number): boolean => y <= latest && calendarDate(y, m, d) !== null;
  for (const [, a, b, y] of folded.matchAll(TEXT_NUMERIC_RE)) {
    if (old(Number(y), Number(a), Number(b)) || old(Number(y), Number(b), Number(a))) return true;
  }
  for (const [, y, m, d] of folded.matchAll(TEXT_ISO_RE)) if (old(Number(y), Number(m), Number(d))) return true;
  for (const [, name, d, y] of folded.matchAll(TEXT_NAME_FIRST_RE)) {
    const m = MONTHS[name as string];
    if (m !== undefined && old(Number(y), m, Number(d))) return true;
  }
  for (const [, d, name, y] of folded.matchAll(TEXT_DAY_FIRST_RE)) {
    const m = MONTHS[name as string];
    if (m !== undefined && old(Number(y), m, Number(d))) return true;
  }
  return false;
}
