import fc from 'fast-check';
import { csvCell, csvHeader, csvRows, CSV_COLUMNS } from '@/lib/audit/csv';
import { chainEvents, GENESIS_HASH } from '@/lib/audit/chain';
import { newEvent } from './helpers';

/** A minimal RFC 4180 reader, to prove what csvRows writes reads back cell for cell. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('CSV export', () => {
  test.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['say "hi"', '"say ""hi"""'],
    ['plain', 'plain'],
    [42, '42'],
  ])('cell %j is written %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  test('any text reads back intact, and never starts a formula', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const [[cell]] = parseCsv(`${csvCell(text)}\r\n`) as [[string]];
        expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
        expect(/^[=+\-@\t\r]/.test(text) ? cell.slice(1) : cell).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  test('rows carry every column, CRLF line ends, fields joined, never a value of a field', async () => {
    const events = (await chainEvents(GENESIS_HASH, [newEvent(1, { action: 'reveal', fields: ['Email', 'Phone'], actor: '=cmd|calc', reason: 'Answering, "quoted"' })])).map((e) => ({ ...e, seq: 1 }));
    const text = csvHeader() + csvRows(events);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows[1]).toHaveLength(CSV_COLUMNS.length);
    const row = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[1]?.[i]]));
    expect(row).toMatchObject({ seq: '1', action: 'reveal', actor: "'=cmd|calc", fields: 'Email Phone', reason: 'Answering, "quoted"', hash: events[0]?.hash });
    expect(text.split('\r\n')).toHaveLength(3);
  });
});
