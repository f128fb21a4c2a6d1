import type { AccessEvent } from '@/lib/db/schema';

/** Columns of the CSV export, in order. Field keys are joined with a space (keys never hold one). */
export const CSV_COLUMNS = [
  'seq', 'time', 'action', 'actor', 'crm', 'org', 'object', 'recordId', 'recordKey', 'fields', 'reason',
  'policyVersion', 'path', 'detail', 'eventId', 'prevHash', 'hash',
] as const;

// Spreadsheets run a cell that starts with one of these as a formula (CSV/formula injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 field: a cell that a spreadsheet would read as a formula is prefixed with an
 * apostrophe, then the field is quoted when it holds a comma, a quote or a line break.
 */
// Either of the two cases below: most cells (ids, keys, hashes, times) need neither (benchmark #7).
const NEEDS_CARE = /^[=+\-@\t\r]|[",\r\n]/;

export function csvCell(value: string | number): string {
  let text = String(value);
  if (!NEEDS_CARE.test(text)) return text;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

/** Rows for a batch of events (CRLF line ends, as RFC 4180 asks). */
export function csvRows(events: readonly AccessEvent[]): string {
  return events
    .map((e) =>
      [
        e.seq ?? '', new Date(e.at).toISOString(), e.action, e.actor, e.crm, e.org, e.object, e.recordId, e.recordKey,
        e.fields.join(' '), e.reason, e.policyVersion, e.path, e.detail, e.eventId ?? '', e.prevHash, e.hash,
      ]
        .map(csvCell)
        .join(','),
    )
    .map((line) => `${line}\r\n`)
    .join('');
}
