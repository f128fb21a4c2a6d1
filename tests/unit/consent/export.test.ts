import { csvCell, exportCsv, exportFileName, exportJson } from '@/lib/consent/export';
import type { RecordRef } from '@/lib/crm/types';

const REF: RecordRef = { crm: 'salesforce', org: 'acme', object: 'Contact', id: '0035g00000AbCdEAAV' };

describe('the person’s export', () => {
  test('JSON: structured, with the record and every field', () => {
    const doc = JSON.parse(exportJson(REF, [{ key: 'sfdc:RecordField.Contact.Email', label: 'Email', value: 'jane@example.com' }], Date.UTC(2026, 10, 29)));
    expect(doc).toEqual({
      format: 'crm-privacy-guard/subject-export',
      version: 1,
      exportedAt: '2026-11-29T00:00:00.000Z',
      record: { crm: 'salesforce', object: 'Contact', id: '0035g00000AbCdEAAV' },
      fields: [{ key: 'sfdc:RecordField.Contact.Email', label: 'Email', value: 'jane@example.com' }],
    });
  });

  test('CSV (RFC 4180): quotes, commas and line breaks are quoted; formulas are defused; negative numbers are not', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('1 Main St\nSF')).toBe('"1 Main St\nSF"');
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+33 1 23')).toBe("'+33 1 23");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('-5')).toBe('-5');
    expect(exportCsv([{ key: 'k', label: 'Libellé', value: 'é' }])).toBe('\ufefffield,label,value\r\nk,Libellé,é\r\n');
  });

  test('CSV: a cell starting with a minus is left alone only when it is a plain number; "-2+3+cmd|…" is a formula', () => {
    expect(csvCell("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('-3*A1')).toBe("'-3*A1");
    expect(csvCell('-5')).toBe('-5');
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell('-1,5')).toBe('"-1,5"');
  });

  test('file name: CRM, id and date only (no name of the person)', () => {
    expect(exportFileName(REF, 'csv', '2026-11-29')).toBe('personal-data-salesforce-0035g00000AbCdEAAV-2026-11-29.csv');
    expect(exportFileName({ ...REF, id: '../x' }, 'json', '2026-11-29')).toBe('personal-data-salesforce-x-2026-11-29.json');
  });
});
