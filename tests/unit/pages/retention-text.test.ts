import { decidePageRetention } from '@/lib/crm/page-retention';
import { parsePageDate } from '@/lib/crm/dates';
import { retentionText } from '@/lib/features/retention';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import type { RetentionRule } from '@/lib/policy/schema';

const RULE = DEFAULT_POLICY.retention.find((r) => r.id === 'prospects') as RetentionRule;
const TODAY = new Date(2026, 5, 15, 12);

test('due soon, in English and French: rule, date, days left, action, legal reference, clock field', () => {
  const decision = decidePageRetention(RULE, { fields: [{ key: 'notes_last_contacted', label: 'Last contacted', value: '2023-07-01' }], locale: 'en-US', today: TODAY });
  expect(decision.state).toBe('due-soon');
  const en = retentionText('en', RULE, decision, TODAY);
  expect(en).toContain('Prospects and leads');
  expect(en).toContain('1 Jul 2026');
  expect(en).toContain('16 days left');
  expect(en).toContain('ask for consent again');
  expect(en).toContain(RULE.legalRef);
  expect(en).toContain('Counted from Last contacted.');
  const fr = retentionText('fr', RULE, decision, TODAY);
  expect(fr).toContain('Prospects et leads');
  expect(fr).toContain('1 juil. 2026');
  expect(fr).toContain('redemander le consentement');
});

test('unknown: the unreadable field and why, translated', () => {
  const decision = decidePageRetention(RULE, { fields: [{ key: 'notes_last_contacted', label: 'Dernier contact', value: '01/02/24' }], locale: 'fr', today: TODAY });
  expect(decision).toMatchObject({ state: 'unknown', unreadable: { field: 'Dernier contact', text: '01/02/24', problem: 'two-digit-year' } });
  expect(retentionText('fr', RULE, decision, TODAY)).toBe(
    'Conservation — Prospects et leads : vérification impossible (« Dernier contact » affiche « 01/02/24 » : une année à deux chiffres peut désigner n’importe quel siècle). Vérifiez la date sur la fiche.',
  );
  const none = decidePageRetention(RULE, { fields: [], locale: 'en-US', today: TODAY });
  expect(retentionText('en', RULE, none, TODAY)).toContain('no date on the page starts the clock (tried: LastActivityDate');
});

test('every parse failure carries a problem code', () => {
  for (const [raw, problem] of [['', 'empty'], ['1/2/24', 'two-digit-year'], ['01/02/2024', 'ambiguous'], ['soon', 'not-a-date']] as const) {
    const parsed = parsePageDate(raw, raw === '01/02/2024' ? null : 'en-US');
    expect(parsed.ok ? null : parsed.problem).toBe(problem);
  }
});
