import fc from 'fast-check';
import { addPeriod, daysLeft, parseIsoDate, requestDeadlines, requestKindsFor, toIsoDate } from '@/lib/law/deadlines';

describe('calendar dates', () => {
  test('only real dates parse', () => {
    expect(parseIsoDate('2024-02-29')).not.toBeNull();
    expect(parseIsoDate('2025-02-29')).toBeNull();
    expect(parseIsoDate('2026-13-01')).toBeNull();
    expect(parseIsoDate('2026-1-01')).toBeNull();
    expect(parseIsoDate('')).toBeNull();
    expect(toIsoDate(parseIsoDate('2026-03-09')!)).toBe('2026-03-09');
  });

  test('days left count calendar days, negative once overdue', () => {
    expect(daysLeft('2026-12-29', '2026-11-29')).toBe(30);
    expect(daysLeft('2026-11-29', '2026-11-29')).toBe(0);
    expect(daysLeft('2026-11-28', '2026-11-29')).toBe(-1);
    // Across the end of daylight saving time (Europe, 25 Oct 2026): still whole days.
    expect(daysLeft('2026-10-27', '2026-10-24')).toBe(3);
  });
});

describe('GDPR and UK GDPR: one calendar month (Reg. 1182/71), two more on extension', () => {
  test.each([
    ['2026-01-15', '2026-02-15'],
    ['2026-01-31', '2026-02-28'], // no 31 February: the month's last day
    ['2024-01-31', '2024-02-29'], // leap year
    ['2024-02-29', '2024-03-29'],
    ['2026-03-31', '2026-04-30'],
    ['2026-12-31', '2027-01-31'], // year end
    ['2026-08-30', '2026-09-30'],
  ])('received %s → due %s', (received, due) => {
    expect(requestDeadlines('eu', 'access', received)?.dueDate).toBe(due);
    expect(requestDeadlines('uk', 'erasure', received)?.dueDate).toBe(due);
  });

  test('not "30 days": 1 February is due 1 March, 1 March is due 1 April', () => {
    expect(requestDeadlines('eu', 'access', '2026-02-01')?.dueDate).toBe('2026-03-01'); // 28 days
    expect(requestDeadlines('eu', 'access', '2026-03-01')?.dueDate).toBe('2026-04-01'); // 31 days
  });

  test('a weekend due date is kept (the earlier, safe date: Art. 3(4) roll-over not applied)', () => {
    // 28 February 2026 is a Saturday.
    expect(requestDeadlines('eu', 'access', '2026-01-31')?.dueDate).toBe('2026-02-28');
  });

  test('extension: three months from receipt, decided within the first month', () => {
    expect(requestDeadlines('eu', 'access', '2026-01-31')).toEqual({
      dueDate: '2026-02-28',
      extendBy: '2026-02-28',
      extendedDueDate: '2026-04-30',
      source: 'GDPR Art. 12(3)',
    });
    expect(requestDeadlines('eu', 'access', '2023-11-30')?.extendedDueDate).toBe('2024-02-29');
  });

  test('property: the due date is in the next month, on the same day or the last day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(2000, 0, 1), max: new Date(2099, 11, 31), noInvalidDate: true }), (d) => {
        const received = toIsoDate(d);
        const due = parseIsoDate(requestDeadlines('eu', 'access', received)!.dueDate)!;
        const start = parseIsoDate(received)!;
        expect((due.getFullYear() * 12 + due.getMonth()) - (start.getFullYear() * 12 + start.getMonth())).toBe(1);
        const lastDay = new Date(due.getFullYear(), due.getMonth() + 1, 0).getDate();
        expect(due.getDate()).toBe(Math.min(start.getDate(), lastDay));
      }),
    );
  });
});

describe('California (CCPA/CPRA)', () => {
  test('10 business days to confirm, 45 calendar days to answer, one 45-day extension', () => {
    // Friday 6 November 2026.
    expect(requestDeadlines('california', 'know', '2026-11-06')).toEqual({
      acknowledgeBy: '2026-11-20',
      dueDate: '2026-12-21',
      extendBy: '2026-12-21',
      extendedDueDate: '2027-02-04',
      source: expect.stringContaining('1798.130'),
    });
  });

  test('business days skip weekends, also when received on a weekend', () => {
    // Saturday 7 November 2026: Monday 9 is the first business day.
    expect(addPeriod('2026-11-07', { amount: 10, unit: 'business-days' })).toBe('2026-11-20');
    // Monday 2 November: 10 business days is Monday 16.
    expect(addPeriod('2026-11-02', { amount: 10, unit: 'business-days' })).toBe('2026-11-16');
    expect(addPeriod('2026-11-02', { amount: 1, unit: 'business-days' })).toBe('2026-11-03');
    expect(addPeriod('2026-11-06', { amount: 1, unit: 'business-days' })).toBe('2026-11-09');
  });

  test('opt-out of sale/sharing and limiting sensitive data: 15 business days, no extension', () => {
    expect(requestDeadlines('california', 'opt-out-sale', '2026-11-06')).toEqual({ dueDate: '2026-11-27', source: expect.any(String) });
    expect(requestDeadlines('california', 'limit-sensitive', '2026-11-06')?.dueDate).toBe('2026-11-27');
  });

  test('45 days across a leap day', () => {
    expect(requestDeadlines('california', 'delete', '2024-02-01')?.dueDate).toBe('2024-03-17');
    expect(requestDeadlines('california', 'delete', '2025-02-01')?.dueDate).toBe('2025-03-18');
  });
});

describe('Brazil, Québec, other', () => {
  test('LGPD: 15 days; Québec: 30 days; neither extendable here', () => {
    expect(requestDeadlines('brazil', 'access', '2026-12-20')).toEqual({ dueDate: '2027-01-04', source: 'LGPD Art. 19, II' });
    expect(requestDeadlines('quebec', 'access', '2026-01-31')).toEqual({ dueDate: '2026-03-02', source: expect.stringContaining('s. 32') });
  });

  test('other: no deadline is assumed', () => {
    expect(requestDeadlines('other', 'access', '2026-11-06')).toBeNull();
  });

  test('request kinds follow the jurisdiction', () => {
    expect(requestKindsFor('california')).toEqual(['know', 'delete', 'correct', 'opt-out-sale', 'limit-sensitive']);
    expect(requestKindsFor('eu')).toContain('portability');
    expect(requestKindsFor('eu')).not.toContain('know');
  });
});
