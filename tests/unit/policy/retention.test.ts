import { DEFAULT_POLICY } from '@/lib/policy/default';
import { decideRetention, pickRetentionRule, type RetentionInput } from '@/lib/policy/decide';
import type { Policy, RetentionRule } from '@/lib/policy/schema';
import { sampleRetentionRule } from './helpers';

/** Local calendar date (month 1-12), the way the UI reads dates. */
const d = (y: number, m: number, day: number, h = 12): Date => new Date(y, m - 1, day, h);

const months = (n: number, over: Partial<RetentionRule> = {}): RetentionRule =>
  sampleRetentionRule({ maxAgeMonths: n, clock: { fields: ['Last contacted'], fallback: [] }, warnDays: 30, ...over });
const days = (n: number, over: Partial<RetentionRule> = {}): RetentionRule => {
  const rule = months(1, over);
  delete rule.maxAgeMonths;
  return { ...rule, maxAgeDays: n };
};
const at = (start: Date | undefined, today: Date, extra: Partial<RetentionInput> = {}): RetentionInput => ({
  clockDates: { 'Last contacted': start },
  today,
  ...extra,
});

describe('pickRetentionRule', () => {
  test('the default policy has one rule for prospects and one for customers', () => {
    expect(pickRetentionRule(DEFAULT_POLICY, { crm: 'salesforce', object: 'Lead', lifecycle: 'prospect' })?.id).toBe('prospects');
    expect(pickRetentionRule(DEFAULT_POLICY, { crm: 'hubspot', object: '0-1', lifecycle: 'customer' })?.id).toBe('customers');
  });

  test('an unknown lifecycle only gets an "any" rule, never a guess', () => {
    expect(pickRetentionRule(DEFAULT_POLICY, { crm: 'salesforce', object: 'Contact', lifecycle: 'unknown' })).toBeUndefined();
  });

  test('the most specific rule wins; ties go to the earlier rule', () => {
    const policy: Policy = structuredClone(DEFAULT_POLICY);
    policy.retention = [
      sampleRetentionRule({ id: 'any-1' }),
      sampleRetentionRule({ id: 'any-2' }),
      sampleRetentionRule({ id: 'hs-prospect', appliesTo: { crm: ['hubspot'], lifecycle: 'prospect' } }),
      sampleRetentionRule({ id: 'prospect', appliesTo: { lifecycle: 'prospect' } }),
      sampleRetentionRule({ id: 'eu-lead', appliesTo: { objects: ['lead'], lifecycle: 'any', jurisdictions: ['eu'] } }),
    ];
    expect(pickRetentionRule(policy, { crm: 'salesforce', object: 'Contact', lifecycle: 'unknown' })?.id).toBe('any-1');
    expect(pickRetentionRule(policy, { crm: 'hubspot', object: '0-1', lifecycle: 'prospect' })?.id).toBe('hs-prospect');
    expect(pickRetentionRule(policy, { crm: 'salesforce', object: 'Contact', lifecycle: 'prospect' })?.id).toBe('prospect');
    // Objects compare case-insensitively; a jurisdiction filter needs a known jurisdiction.
    expect(pickRetentionRule(policy, { crm: 'salesforce', object: 'Lead', lifecycle: 'customer', jurisdiction: 'eu' })?.id).toBe('eu-lead');
    expect(pickRetentionRule(policy, { crm: 'salesforce', object: 'Lead', lifecycle: 'customer' })?.id).toBe('any-1');
    expect(pickRetentionRule(policy, { crm: 'salesforce', object: 'Lead', lifecycle: 'customer', jurisdiction: 'uk' })?.id).toBe('any-1');
  });
});

describe('decideRetention: calendar months', () => {
  const rule = months(36);

  test('36 months after the last contact, with a 30-day warning window', () => {
    const start = d(2023, 1, 15);
    expect(decideRetention(rule, at(start, d(2025, 6, 1)))).toEqual({ state: 'ok', startedFrom: 'Last contacted', startedOn: d(2023, 1, 15, 0), expiresOn: d(2026, 1, 15, 0) });
    expect(decideRetention(rule, at(start, d(2025, 12, 15))).state).toBe('ok');
    expect(decideRetention(rule, at(start, d(2025, 12, 16))).state).toBe('due-soon');
    expect(decideRetention(rule, at(start, d(2026, 1, 14))).state).toBe('due-soon');
    expect(decideRetention(rule, at(start, d(2026, 1, 15))).state).toBe('overdue');
    expect(decideRetention(rule, at(start, d(2030, 1, 1))).state).toBe('overdue');
  });

  test('the time of day does not matter', () => {
    expect(decideRetention(rule, at(d(2023, 1, 15, 23), d(2026, 1, 15, 0))).state).toBe('overdue');
    expect(decideRetention(rule, at(d(2023, 1, 15, 0), d(2026, 1, 14, 23))).state).toBe('due-soon');
  });

  test('a month without the start date ends on its last day (leap years included)', () => {
    expect(decideRetention(months(1), at(d(2024, 1, 31), d(2024, 2, 1))).expiresOn).toEqual(d(2024, 2, 29, 0));
    expect(decideRetention(months(1), at(d(2023, 1, 31), d(2023, 2, 1))).expiresOn).toEqual(d(2023, 2, 28, 0));
    expect(decideRetention(months(12), at(d(2024, 2, 29), d(2024, 3, 1))).expiresOn).toEqual(d(2025, 2, 28, 0));
    expect(decideRetention(months(48), at(d(2024, 2, 29), d(2024, 3, 1))).expiresOn).toEqual(d(2028, 2, 29, 0));
    expect(decideRetention(months(3), at(d(2025, 11, 30), d(2025, 12, 1))).expiresOn).toEqual(d(2026, 2, 28, 0));
  });

  test('warnDays 0 means no due-soon state', () => {
    const noWarn = months(1, { warnDays: 0 });
    expect(decideRetention(noWarn, at(d(2025, 1, 10), d(2025, 2, 9))).state).toBe('ok');
    expect(decideRetention(noWarn, at(d(2025, 1, 10), d(2025, 2, 10))).state).toBe('overdue');
  });
});

describe('decideRetention: days', () => {
  test('365 days from 1 January of a leap year ends on 31 December', () => {
    expect(decideRetention(days(365), at(d(2024, 1, 1), d(2024, 6, 1))).expiresOn).toEqual(d(2024, 12, 31, 0));
    expect(decideRetention(days(365), at(d(2023, 1, 1), d(2023, 6, 1))).expiresOn).toEqual(d(2024, 1, 1, 0));
  });

  test('a warning window longer than the period makes the record due soon from the start', () => {
    expect(decideRetention(days(10, { warnDays: 30 }), at(d(2025, 3, 1), d(2025, 3, 1))).state).toBe('due-soon');
  });
});

describe('decideRetention: which date starts the clock', () => {
  const rule = sampleRetentionRule({
    maxAgeMonths: 36,
    clock: { fields: ['LastActivityDate', 'Last Activity', 'notes_last_contacted'], fallback: ['created', 'first-seen'] },
  });
  const today = d(2025, 6, 1);

  test('fields in order of preference, then the fallbacks in order', () => {
    expect(decideRetention(rule, { clockDates: { LastActivityDate: d(2024, 1, 1), 'Last Activity': d(2020, 1, 1) }, today }).startedFrom).toBe('LastActivityDate');
    expect(decideRetention(rule, { clockDates: { LastActivityDate: undefined, 'Last Activity': d(2024, 1, 1) }, today }).startedFrom).toBe('Last Activity');
    expect(decideRetention(rule, { clockDates: {}, created: d(2022, 1, 1), firstSeen: d(2023, 1, 1), today }).startedFrom).toBe('created');
    expect(decideRetention(rule, { clockDates: {}, firstSeen: d(2023, 1, 1), today }).startedFrom).toBe('first-seen');
  });

  test('clock fields are found by adapter key or by label, however written', () => {
    expect(decideRetention(rule, { clockDates: { 'sfdc:RecordField.Contact.LastActivityDate': d(2024, 1, 1) }, today }).startedFrom).toBe('LastActivityDate');
    expect(decideRetention(rule, { clockDates: { 'LAST ACTIVITY:': d(2024, 1, 1) }, today }).startedFrom).toBe('Last Activity');
  });

  test('an invalid or future date is skipped, not trusted', () => {
    const skipped = decideRetention(rule, { clockDates: { LastActivityDate: new Date('nonsense'), 'Last Activity': d(2026, 1, 1) }, created: d(2021, 1, 1), today });
    expect(skipped).toMatchObject({ state: 'overdue', startedFrom: 'created' });
  });

  test('no readable date: unknown with a reason, never ok', () => {
    const result = decideRetention(rule, { clockDates: { LastActivityDate: new Date(Number.NaN) }, today });
    expect(result.state).toBe('unknown');
    expect(result.reason).toBe(
      'no date to start the retention clock (tried: LastActivityDate, Last Activity, notes_last_contacted, created, first-seen; ignored: LastActivityDate (not a valid date))',
    );
    expect(result.expiresOn).toBeUndefined();
  });

  test('the default customer rule stays unknown without a relationship end date', () => {
    const customers = DEFAULT_POLICY.retention.find((r) => r.id === 'customers');
    if (!customers) throw new Error('missing rule');
    const result = decideRetention(customers, { clockDates: { 'Last contacted': d(2020, 1, 1) }, created: d(2019, 1, 1), firstSeen: d(2019, 1, 1), today });
    expect(result.state).toBe('unknown');
    expect(decideRetention(customers, { clockDates: { 'Relationship end date': d(2021, 1, 1) }, today }).state).toBe('overdue');
  });

  test('a clock field named like an Object.prototype member finds nothing', () => {
    const odd = sampleRetentionRule({ clock: { fields: ['constructor', 'toString'], fallback: [] } });
    expect(decideRetention(odd, { clockDates: {}, today }).state).toBe('unknown');
  });

  test('an invalid today gives unknown', () => {
    expect(decideRetention(rule, { clockDates: { LastActivityDate: d(2024, 1, 1) }, today: new Date(Number.NaN) }).state).toBe('unknown');
  });
});
