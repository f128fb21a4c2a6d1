import { decidePageRetention, lifecycleOf, type PageField } from '@/lib/crm/page-retention';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import type { RetentionRule } from '@/lib/policy/schema';

const PROSPECTS = DEFAULT_POLICY.retention.find((r) => r.id === 'prospects') as RetentionRule;
const CUSTOMERS = DEFAULT_POLICY.retention.find((r) => r.id === 'customers') as RetentionRule;
/** A fixed "today": local noon, 15 June 2026. */
const TODAY = new Date(2026, 5, 15, 12);
const day = (y: number, m: number, d: number): Date => new Date(y, m - 1, d);

const sfLead = (lastActivity: string, created = 'Admin User\n1/2/2020, 9:00 AM'): PageField[] => [
  { key: 'sfdc:RecordField.Lead.Email', label: 'Email', value: 'a@b.example' },
  { key: 'sfdc:RecordField.Lead.LastActivityDate', label: 'Last Activity', value: lastActivity },
  { key: 'sfdc:RecordField.Lead.CreatedById', label: 'Created By', value: created },
];

describe('lifecycleOf', () => {
  test('Salesforce Lead is a prospect; a Contact says nothing by itself', () => {
    expect(lifecycleOf('salesforce', 'Lead', [])).toBe('prospect');
    expect(lifecycleOf('salesforce', 'Contact', [])).toBe('unknown');
    expect(lifecycleOf('salesforce', 'Account', [{ key: 'sfdc:RecordField.Account.Type', label: 'Type', value: 'Customer - Direct' }])).toBe('customer');
  });
  test('HubSpot lifecyclestage, by key or label, English or French', () => {
    expect(lifecycleOf('hubspot', '0-1', [{ key: 'lifecyclestage', label: 'Lifecycle stage', value: 'Marketing Qualified Lead' }])).toBe('prospect');
    expect(lifecycleOf('hubspot', '0-1', [{ key: 'lifecyclestage', label: 'Lifecycle stage', value: 'customer' }])).toBe('customer');
    expect(lifecycleOf('hubspot', '0-1', [{ key: 'x', label: 'Phase du cycle de vie', value: 'Client' }])).toBe('customer');
    expect(lifecycleOf('hubspot', '0-1', [{ key: 'lifecyclestage', label: 'Lifecycle stage', value: 'Other' }])).toBe('unknown');
  });
  test('preset objects', () => {
    expect(lifecycleOf('zoho', 'Leads', [])).toBe('prospect');
    expect(lifecycleOf('dynamics365', 'lead', [])).toBe('prospect');
    expect(lifecycleOf('pipedrive', 'leads', [])).toBe('prospect');
  });
});

describe('decidePageRetention (prospects: 36 months, warned 30 days before)', () => {
  const run = (fields: PageField[], locale = 'en-US', firstSeen?: Date) =>
    decidePageRetention(PROSPECTS, { fields, locale, today: TODAY, ...(firstSeen ? { firstSeen } : {}) });

  test('ok, due soon and overdue from Salesforce "Last Activity" (M/D/YYYY)', () => {
    expect(run(sfLead('1/1/2025')).state).toBe('ok');
    const soon = run(sfLead('7/1/2023'));
    expect(soon).toMatchObject({ state: 'due-soon', startedFrom: 'LastActivityDate', startedFromLabel: 'Last Activity', expiresOn: day(2026, 7, 1) });
    const over = run(sfLead('6/15/2023'));
    expect(over).toMatchObject({ state: 'overdue', expiresOn: day(2026, 6, 15) });
  });

  test('the same text read as French DD/MM/YYYY gives another date', () => {
    // 06/07/2023: 7 June (en-US) → overdue on 7 June 2026; 6 July (fr) → due on 6 July 2026.
    expect(run(sfLead('06/07/2023'), 'en-US').state).toBe('overdue');
    expect(run(sfLead('06/07/2023'), 'fr').state).toBe('due-soon');
  });

  test('HubSpot notes_last_contacted as a timestamp', () => {
    const fields = [{ key: 'notes_last_contacted', label: 'Last contacted', value: String(day(2023, 5, 1).getTime()) }];
    expect(run(fields).state).toBe('overdue');
  });

  test('no activity: the clock starts at the created date, then at first seen', () => {
    expect(run(sfLead('')).state).toBe('overdue');
    expect(run(sfLead('')).startedFrom).toBe('created');
    const noCreated: PageField[] = [{ key: 'sfdc:RecordField.Lead.Email', label: 'Email', value: 'a@b.example' }];
    expect(run(noCreated, 'en-US', day(2026, 1, 1))).toMatchObject({ state: 'ok', startedFrom: 'first-seen' });
    expect(run(noCreated).state).toBe('unknown');
  });

  test('an unreadable clock date is "unknown" with the reason, never a fallback that could say ok', () => {
    const d = run(sfLead('someday', 'Admin User\n5/1/2026, 9:00 AM'), 'en-US', day(2026, 6, 1));
    expect(d.state).toBe('unknown');
    expect(d.reason).toMatch(/Last Activity.*someday/);
    const ambiguous = run(sfLead('01/02/2024'), '');
    expect(ambiguous.state).toBe('unknown');
    expect(ambiguous.reason).toMatch(/day\/month or month\/day/);
  });

  test('an unreadable created date when the clock would fall back to it is "unknown"', () => {
    const d = run(sfLead('', 'Admin User\n31/31/2020'), 'en-US', day(2026, 6, 1));
    expect(d.state).toBe('unknown');
    expect(d.reason).toMatch(/Created By/);
  });

  test('customers without a relationship end date: unknown, as the default policy says', () => {
    const d = decidePageRetention(CUSTOMERS, { fields: [], locale: 'en-US', today: TODAY, firstSeen: day(2020, 1, 1) });
    expect(d.state).toBe('unknown');
  });
});
