import { DEFAULT_POLICY } from '@/lib/policy/default';
import { decideMask, fieldKeyMatches, type MaskField } from '@/lib/policy/decide';
import type { Policy } from '@/lib/policy/schema';

const sf = (key: string, label: string, value?: string): MaskField => ({
  crm: 'salesforce',
  object: 'Contact',
  key: `sfdc:RecordField.Contact.${key}`,
  label,
  ...(value === undefined ? {} : { value }),
});
const hs = (key: string, label: string, value?: string): MaskField => ({ crm: 'hubspot', object: '0-1', key, label, ...(value === undefined ? {} : { value }) });

function withRules(rules: Policy['masking']['rules'], detectors: Partial<Policy['masking']['detectors']> = {}): Policy {
  const p = structuredClone(DEFAULT_POLICY);
  p.masking.rules = rules;
  p.masking.detectors = { ...p.masking.detectors, ...detectors };
  return p;
}

describe('decideMask with the default policy', () => {
  test('Salesforce Birthdate by field key (last segment of the adapter key)', () => {
    expect(decideMask(DEFAULT_POLICY, sf('Birthdate', 'Birthdate'))).toEqual({ masked: true, ruleId: 'birth-date', why: 'field-key' });
  });

  test('HubSpot date_of_birth by field key', () => {
    expect(decideMask(DEFAULT_POLICY, hs('date_of_birth', 'Date of birth'))).toEqual({ masked: true, ruleId: 'birth-date', why: 'field-key' });
  });

  test.each([
    ['Santé', 'special-categories', 'health'],
    ['Religion', 'special-categories', 'religious-beliefs'],
    ['Numéro de sécurité sociale', 'national-id', 'national-id'],
    ['IBAN', 'bank-and-card', 'bank-account'],
    ['Carte bancaire', 'bank-and-card', 'payment-card'],
    ['Date de naissance', 'birth-date', 'birth-date'],
  ])('label %j → rule %s by category %s', (label, ruleId, category) => {
    expect(decideMask(DEFAULT_POLICY, hs('custom_123', label))).toEqual({ masked: true, ruleId, why: 'category', category });
  });

  test('ordinary fields stay visible, also with values that look like an email or a phone (detectors off)', () => {
    expect(decideMask(DEFAULT_POLICY, sf('Email', 'Email', 'jane@example.com'))).toEqual({ masked: false });
    expect(decideMask(DEFAULT_POLICY, sf('Phone', 'Phone', '+33 6 12 34 56 78'))).toEqual({ masked: false });
    expect(decideMask(DEFAULT_POLICY, hs('health_score', 'Customer health score', '87'))).toEqual({ masked: false });
  });

  test('value detectors catch a checksum-valid number in any field', () => {
    expect(decideMask(DEFAULT_POLICY, sf('Description', 'Notes', 'FR14 2004 1010 0505 0001 3M02 606'))).toEqual({ masked: true, why: 'detector', detector: 'iban' });
    expect(decideMask(DEFAULT_POLICY, sf('Description', 'Notes', '4111 1111 1111 1111'))).toEqual({ masked: true, why: 'detector', detector: 'paymentCard' });
    expect(decideMask(DEFAULT_POLICY, sf('Description', 'Notes', '4111 1111 1111 1112'))).toEqual({ masked: false });
  });
});

describe('decideMask rules', () => {
  test('field keys: exact, last segment, Object.Field suffix, case-insensitive', () => {
    expect(fieldKeyMatches('Birthdate', 'sfdc:RecordField.Contact.Birthdate')).toBe(true);
    expect(fieldKeyMatches('Contact.Birthdate', 'sfdc:RecordField.Contact.Birthdate')).toBe(true);
    expect(fieldKeyMatches('sfdc:RecordField.Contact.Birthdate', 'sfdc:RecordField.Contact.Birthdate')).toBe(true);
    expect(fieldKeyMatches('BIRTHDATE', 'sfdc:RecordField.Contact.Birthdate')).toBe(true);
    expect(fieldKeyMatches('Lead.Birthdate', 'sfdc:RecordField.Contact.Birthdate')).toBe(false);
    expect(fieldKeyMatches('date', 'sfdc:RecordField.Contact.Birthdate')).toBe(false);
    expect(fieldKeyMatches('date_of_birth', 'date_of_birth')).toBe(true);
    expect(fieldKeyMatches('birth', 'date_of_birth')).toBe(false);
    expect(fieldKeyMatches('', '')).toBe(false);
  });

  test('labels compare normalised, in any language', () => {
    const policy = withRules([{ id: 'client-no', match: { labels: ['Numéro client', 'Customer number'] } }]);
    expect(decideMask(policy, hs('x1', 'NUMERO  client:'))).toEqual({ masked: true, ruleId: 'client-no', why: 'label' });
    expect(decideMask(policy, hs('x1', 'customer-number'))).toEqual({ masked: true, ruleId: 'client-no', why: 'label' });
    expect(decideMask(policy, hs('x1', 'Numéro client secondaire'))).toEqual({ masked: false });
  });

  test('the strongest evidence wins across rules: key, then label, then category', () => {
    const policy = withRules([
      { id: 'by-category', match: { categories: ['health'] } },
      { id: 'by-label', match: { labels: ['Santé'] } },
      { id: 'by-key', match: { fieldKeys: ['sante__c'] } },
    ]);
    expect(decideMask(policy, sf('Sante__c', 'Santé'))).toEqual({ masked: true, ruleId: 'by-key', why: 'field-key' });
    expect(decideMask(policy, sf('Other__c', 'Santé'))).toEqual({ masked: true, ruleId: 'by-label', why: 'label' });
    expect(decideMask(policy, sf('Other__c', 'Medical notes'))).toEqual({ masked: true, ruleId: 'by-category', why: 'category', category: 'health' });
  });

  test('crm and objects filters restrict a rule', () => {
    const policy = withRules([{ id: 'hs-only', match: { fieldKeys: ['secret'] }, crm: ['hubspot'], objects: ['0-1'] }]);
    expect(decideMask(policy, hs('secret', 'Secret')).masked).toBe(true);
    expect(decideMask(policy, { ...hs('secret', 'Secret'), object: '0-2' }).masked).toBe(false);
    expect(decideMask(policy, { crm: 'salesforce', object: '0-1', key: 'secret', label: 'Secret' }).masked).toBe(false);
  });

  test('detectors follow the policy switches', () => {
    const off = withRules([], { iban: false, paymentCard: false, nir: false, email: false, phone: false });
    const emailOn = withRules([], { email: true });
    expect(decideMask(off, sf('Description', 'Notes', 'GB82 WEST 1234 5698 7654 32'))).toEqual({ masked: false });
    expect(decideMask(emailOn, sf('Email', 'Email', 'jane@example.com'))).toEqual({ masked: true, why: 'detector', detector: 'email' });
    expect(decideMask(emailOn, sf('Email', 'Email'))).toEqual({ masked: false });
  });

  test('a policy with no rules and no detectors masks nothing', () => {
    const none = withRules([], { iban: false, paymentCard: false, nir: false });
    expect(decideMask(none, sf('Birthdate', 'Birthdate', '1985-05-01'))).toEqual({ masked: false });
  });
});
