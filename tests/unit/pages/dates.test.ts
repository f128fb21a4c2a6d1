import { BIRTH_DATE_MIN_AGE, dateOrderFor, holdsBirthLikeDate, parseDateInValue, parsePageDate } from '@/lib/crm/dates';

const ymd = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

function read(raw: string, locale: string | null): string {
  const parsed = parsePageDate(raw, locale);
  return parsed.ok ? ymd(parsed.date) : `error: ${parsed.reason}`;
}

describe('dateOrderFor', () => {
  test.each([
    ['en-US', 'MDY'],
    ['en_US', 'MDY'],
    ['en', 'MDY'],
    ['fr', 'DMY'],
    ['fr-FR', 'DMY'],
    ['en-GB', 'DMY'],
    ['de-DE', 'DMY'],
    ['', 'unknown'],
    [null, 'unknown'],
    ['<script>', 'unknown'],
  ])('%s → %s', (locale, order) => {
    expect(dateOrderFor(locale)).toBe(order);
  });
});

describe('parsePageDate', () => {
  test('the same numeric date reads month first in en-US and day first in fr', () => {
    expect(read('1/2/2024', 'en-US')).toBe('2024-01-02');
    expect(read('01/02/2024', 'fr')).toBe('2024-02-01');
    expect(read('01/02/2024', 'fr-FR')).toBe('2024-02-01');
    expect(read('1.2.2024', 'de')).toBe('2024-02-01');
  });

  test('times after the date are dropped', () => {
    expect(read('1/2/2024, 9:00 AM', 'en-US')).toBe('2024-01-02');
    expect(read('02/01/2024 09:00', 'fr')).toBe('2024-01-02');
    expect(read('2 nov. 2026 à 15:04', 'fr')).toBe('2026-11-02');
  });

  test('ISO dates and timestamps, whatever the locale', () => {
    expect(read('2024-01-02', 'fr')).toBe('2024-01-02');
    expect(read('2024-01-02T10:11:12Z', 'en-US')).toBe('2024-01-02');
    expect(read('2024-01-02 10:11', null)).toBe('2024-01-02');
    const ms = new Date(2025, 5, 30, 12).getTime();
    expect(read(String(ms), 'en-US')).toBe('2025-06-30');
  });

  test('month names in English and French', () => {
    expect(read('Nov 2, 2026', 'en-US')).toBe('2026-11-02');
    expect(read('November 2, 2026', 'en-US')).toBe('2026-11-02');
    expect(read('2 novembre 2026', 'fr')).toBe('2026-11-02');
    expect(read('1er janvier 2026', 'fr')).toBe('2026-01-01');
    expect(read('15 févr. 2025', 'fr')).toBe('2025-02-15');
    expect(read('3 août 2025', 'fr')).toBe('2025-08-03');
  });

  test('without a locale, only unambiguous numeric dates read', () => {
    expect(read('13/02/2024', null)).toBe('2024-02-13');
    expect(read('02/13/2024', '')).toBe('2024-02-13');
    expect(read('05/05/2024', null)).toBe('2024-05-05');
    expect(read('01/02/2024', null)).toMatch(/^error: .*day\/month or month\/day/);
  });

  test.each([
    ['', 'en-US', /empty/],
    ['   ', 'fr', /empty/],
    ['2/30/2024', 'en-US', /not a real date when read as M\/D\/YYYY/],
    ['13/01/2024', 'en-US', /not a real date/],
    ['31/04/2024', 'fr', /not a real date when read as DD\/MM\/YYYY/],
    ['2024-02-30', 'fr', /not a real calendar date/],
    ['1/2/24', 'en-US', /two-digit year/],
    ['yesterday', 'en-US', /not a date/],
    ['Smarch 3, 2024', 'en-US', /not a date/],
    ['<img src=x onerror=alert(1)>', 'en-US', /not a date/],
    ['1'.repeat(80), 'en-US', /too long/],
  ])('%j (%s) is unreadable with a reason', (raw, locale, reason) => {
    const parsed = parsePageDate(raw, locale);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  test('leap days', () => {
    expect(read('2/29/2024', 'en-US')).toBe('2024-02-29');
    expect(read('29/02/2023', 'fr')).toMatch(/^error/);
  });
});

describe('parseDateInValue', () => {
  test('Salesforce "Created By": the date on the last line', () => {
    const parsed = parseDateInValue('Admin User\n1/2/2024, 9:00 AM', 'en-US');
    expect(parsed.ok && ymd(parsed.date)).toBe('2024-01-02');
  });
  test('no date in the value: the reason for the last line', () => {
    const parsed = parseDateInValue('Admin User\nsoon', 'en-US');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain('soon');
  });
});

describe('holdsBirthLikeDate (a reveal reason quoting a date of birth)', () => {
  const today = new Date(2026, 10, 29);
  test.each([
    'to correct DOB 05/17/1984',
    'DOB 17/05/1984 was wrong',
    'né le 17.05.1984',
    'born 1984-05-17',
    'born May 17, 1984',
    'born on the 17th of May 1984',
    'née le 1er janvier 1970',
    'Née le 17 MAI 1984',
    `a date ${BIRTH_DATE_MIN_AGE} years back: 11/29/${2026 - BIRTH_DATE_MIN_AGE}`,
  ])('refused: %s', (text) => {
    expect(holdsBirthLikeDate(text, today)).toBe(true);
  });
  test.each([
    'called on 11/28/2026 about the invoice',
    'contract signed 2024-03-01',
    'a month and year only: March 1984',
    'a year only: 1984',
    'not a date: 31/31/1984, 02/30/1984',
    'invoice 12/05/19845 and ref 1984-05-17.3',
    `one year short: 11/29/${2026 - BIRTH_DATE_MIN_AGE + 1}`,
    'before 1900: 01/01/1899',
  ])('accepted: %s', (text) => {
    expect(holdsBirthLikeDate(text, today)).toBe(false);
  });
  test('a numeric date counts in either order, since it need not be read for sure', () => {
    expect(holdsBirthLikeDate('12/05/1984', today)).toBe(true);
    expect(holdsBirthLikeDate('05/31/1984', today)).toBe(true);
    expect(holdsBirthLikeDate('31/05/1984', today)).toBe(true);
  });
});
