import { buildReport } from '@/lib/consent/report';
import type { RequestRow } from '@/lib/consent/model';
import { DEFAULT_POLICY } from '@/lib/policy/default';

function request(over: Partial<RequestRow>): RequestRow {
  return {
    id: 'x',
    recordKey: 'hs:1:0-1:2',
    crm: 'hubspot',
    org: '1',
    object: '0-1',
    recordId: '2',
    jurisdiction: 'eu',
    kind: 'access',
    receivedOn: '2026-10-01',
    identity: 'known-contact',
    identityNote: '',
    status: 'open',
    dueDate: '2026-11-01',
    openedAt: 1,
    history: [],
    ...over,
  };
}

describe('accountability report', () => {
  const input = {
    policy: DEFAULT_POLICY,
    records: [],
    reveals: [{ reason: 'answering-request' }, { reason: 'answering-request' }, { reason: 'Customer asked for a refund' }],
    exports: 3,
    retentionOverdue: { value: 2 },
    logIntegrity: { state: 'ok' as const, events: 10 },
    now: 0,
    today: '2026-11-29',
  };

  test('requests: open, overdue, on time and late, by jurisdiction', () => {
    const report = buildReport({
      ...input,
      requests: [
        request({ id: 'a' }), // open, due 1 Nov: overdue
        request({ id: 'b', dueDate: '2026-12-29' }),
        request({ id: 'c', status: 'closed', onTime: true, jurisdiction: 'california' }),
        request({ id: 'd', status: 'closed', onTime: false }),
        request({ id: 'e', jurisdiction: 'other', dueDate: undefined }),
      ],
    });
    expect(report.figures.requests).toEqual({ total: 5, open: 3, overdue: 1, onTime: 1, late: 1, byJurisdiction: { eu: 3, california: 1, other: 1 } });
    expect(report.figures.reveals).toEqual({ total: 3, byReason: [{ reason: 'answering-request', count: 2 }, { reason: 'Customer asked for a refund', count: 1 }] });
  });

  test('the record of processing comes from the policy: purposes, Art. 9 categories it masks, persons, retention, security, in both languages', () => {
    const report = buildReport({ ...input, requests: [] });
    expect(report.processing.purposes.map((p) => [p.id, p.defaultBasis])).toEqual(DEFAULT_POLICY.purposes.map((p) => [p.id, p.defaultBasis]));
    expect(report.processing.dataCategories.some((c) => c.en.includes('(Art. 9, masked)') && c.fr.includes('(art. 9, masquée)'))).toBe(true);
    // The default policy has a prospects rule and a customers rule, 36 months each (CNIL).
    expect(report.processing.personCategories.map((c) => c.en)).toEqual(expect.arrayContaining(['Prospects and leads', 'Customers (and former customers)']));
    expect(report.processing.retention.slice(0, 2).map((r) => [r.id, r.period])).toEqual([
      ['prospects', '36 months'],
      ['customers', '36 months'],
    ]);
    expect(report.processing.retention).toHaveLength(DEFAULT_POLICY.retention.length);
    expect(report.processing.security[0]?.en).toContain(`${DEFAULT_POLICY.masking.revealSeconds} s`);
    expect(report.processing.security.every((m) => m.fr.length > 0)).toBe(true);
    expect(report.figures.retentionOverdue).toEqual({ value: 2 });
  });

  test('retention periods as numbers and the policy’s reveal reasons with their labels, so the report can say them in French', () => {
    const report = buildReport({ ...input, requests: [] });
    expect(report.processing.retention[0]?.maxAge).toEqual({ amount: 36, unit: 'months' });
    expect(report.processing.revealReasons).toEqual(DEFAULT_POLICY.revealReasons.presets.map((p) => ({ id: p.id, label: { en: p.label.en, fr: p.label.fr } })));
  });
});
