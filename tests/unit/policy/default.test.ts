import { SPECIAL_CATEGORY_IDS } from '@/lib/law/categories';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { validatePolicy } from '@/lib/policy/validate';

describe('DEFAULT_POLICY', () => {
  test('validates and comes out unchanged (no default had to fill a gap)', () => {
    const result = validatePolicy(DEFAULT_POLICY);
    if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
    expect(result.policy).toEqual(DEFAULT_POLICY);
    expect(validatePolicy(JSON.parse(JSON.stringify(DEFAULT_POLICY))).ok).toBe(true);
  });

  test('is frozen all the way down', () => {
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.retention[0]?.clock.fields)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.masking.detectors)).toBe(true);
  });

  test('purposes for day one, each with a default basis', () => {
    expect(DEFAULT_POLICY.purposes.map((p) => [p.id, p.defaultBasis])).toEqual([
      ['prospecting', 'f'],
      ['customer-relationship', 'f'],
      ['contract-performance', 'b'],
      ['newsletter', 'a'],
    ]);
  });

  test('CNIL retention: prospects 36 months from the last contact, customers 36 months after the relationship', () => {
    const [prospects, customers] = DEFAULT_POLICY.retention;
    expect(prospects).toMatchObject({
      appliesTo: { lifecycle: 'prospect' },
      clock: { fields: ['LastActivityDate', 'Last Activity', 'notes_last_contacted', 'Last contacted'], fallback: ['created', 'first-seen'] },
      maxAgeMonths: 36,
      action: 're-consent',
    });
    expect(customers).toMatchObject({ appliesTo: { lifecycle: 'customer' }, maxAgeMonths: 36 });
    for (const rule of DEFAULT_POLICY.retention) {
      expect(rule.legalRef).toContain('CNIL');
      expect(rule.legalRef).toContain('Art. 5(1)(e)');
    }
  });

  test('masks birth dates, national ids, bank and card numbers and every Art. 9 category', () => {
    const categories = DEFAULT_POLICY.masking.rules.flatMap((r) => r.match.categories ?? []);
    expect(new Set(categories)).toEqual(new Set([...SPECIAL_CATEGORY_IDS, 'birth-date', 'national-id', 'bank-account', 'payment-card']));
    expect(DEFAULT_POLICY.masking.detectors).toEqual({ iban: true, paymentCard: true, nir: true, email: false, phone: false });
    expect(DEFAULT_POLICY.masking.revealSeconds).toBe(30);
  });

  test('reveal reasons in both languages, free text of at least 10 characters, log kept 365 days', () => {
    expect(DEFAULT_POLICY.revealReasons.presets.map((p) => p.label.en)).toContain('Answering the person’s request');
    for (const p of DEFAULT_POLICY.revealReasons.presets) expect(p.label.fr).not.toBe('');
    expect(DEFAULT_POLICY.revealReasons).toMatchObject({ allowFreeText: true, minLength: 10 });
    expect(DEFAULT_POLICY.logRetentionDays).toBe(365);
  });
});
