import { JURISDICTIONS, JURISDICTION_IDS, RIGHTS, RIGHT_IDS, isJurisdictionId, isRightId } from '@/lib/law/rights';

describe('data-subject rights and jurisdictions', () => {
  test('each GDPR right names its article', () => {
    expect(Object.fromEntries(RIGHT_IDS.map((id) => [id, RIGHTS[id].article]))).toEqual({
      information: 'Art. 13-14',
      access: 'Art. 15',
      rectification: 'Art. 16',
      erasure: 'Art. 17',
      restriction: 'Art. 18',
      portability: 'Art. 20',
      objection: 'Art. 21',
      'automated-decisions': 'Art. 22',
    });
    for (const id of RIGHT_IDS) {
      expect(RIGHTS[id].id).toBe(id);
      expect(RIGHTS[id].name.fr).not.toBe('');
    }
    expect(RIGHTS.objection.name.fr).toBe('Droit d’opposition');
  });

  test('jurisdictions carry names and, where modelled, a sourced deadline', () => {
    expect(JURISDICTION_IDS).toEqual(['eu', 'uk', 'california', 'brazil', 'quebec', 'other']);
    for (const id of JURISDICTION_IDS) {
      const j = JURISDICTIONS[id];
      expect(j.id).toBe(id);
      expect(j.name.en).not.toBe('');
      if (j.deadline) expect(j.deadline.source).not.toBe('');
    }
    // Art. 12(3): one calendar month, not 30 days, extendable by two months.
    expect(JURISDICTIONS.eu.deadline?.answer).toEqual({ amount: 1, unit: 'calendar-months' });
    expect(JURISDICTIONS.eu.deadline?.extension).toEqual({ amount: 2, unit: 'calendar-months' });
    expect(JURISDICTIONS.california.deadline?.answer).toEqual({ amount: 45, unit: 'calendar-days' });
    expect(JURISDICTIONS.california.deadline?.acknowledge).toEqual({ amount: 10, unit: 'business-days' });
    expect(JURISDICTIONS.quebec.deadline?.answer.amount).toBe(30);
    expect(JURISDICTIONS.brazil.deadline?.answer.amount).toBe(15);
    expect(JURISDICTIONS.other.deadline).toBeUndefined();
    expect(JURISDICTION_IDS.filter((id) => JURISDICTIONS[id].gdprRights)).toEqual(['eu', 'uk']);
  });

  test('type guards', () => {
    expect(isRightId('erasure')).toBe(true);
    expect(isRightId('delete')).toBe(false);
    expect(isJurisdictionId('quebec')).toBe(true);
    expect(isJurisdictionId('EU')).toBe(false);
  });
});
