/**
 * The person's copy of their data (GDPR Art. 15, Art. 20; CCPA right to know): the fields the
 * record page shows, as JSON and CSV. Pure; built in the extension page that saves the file.
 */
import type { RecordRef } from '@/lib/crm/types';

export interface ExportField {
  key: string;
  label: string;
  value: string;
}

export interface SubjectExport {
  format: 'crm-privacy-guard/subject-export';
  version: 1;
  exportedAt: string;
  record: { crm: string; object: string; id: string };
  fields: ExportField[];
}

export function exportJson(ref: RecordRef, fields: readonly ExportField[], now: number): string {
  const doc: SubjectExport = {
    format: 'crm-privacy-guard/subject-export',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    record: { crm: ref.crm, object: ref.object, id: ref.id },
    fields: fields.map((f) => ({ key: f.key, label: f.label, value: f.value })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * One CSV cell (RFC 4180). A value a spreadsheet would run as a formula gets a leading apostrophe
 * (OWASP CSV injection): the person opens this file, it must not act on their machine. A leading
 * minus is kept only on a plain number ("-12.50"): "-2+3+cmd|…" is a formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+@\t\r]/.test(value) || /^-(?!\d+(?:[.,]\d+)?$)/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function exportCsv(fields: readonly ExportField[]): string {
  const rows = [['field', 'label', 'value'], ...fields.map((f) => [f.key, f.label, f.value])];
  // BOM so that spreadsheet programs read UTF-8 accents right; CRLF as RFC 4180 says.
  return `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function exportFileName(ref: RecordRef, format: 'json' | 'csv', today: string): string {
  const safeId = ref.id.replace(/[^A-Za-z0-9_-]/g, '');
  return `personal-data-${ref.crm}-${safeId}-${today}.${format}`;
}
