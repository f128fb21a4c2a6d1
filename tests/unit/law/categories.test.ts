import { CATEGORIES, CATEGORY_IDS, SPECIAL_CATEGORY_IDS, categoriesForField, isCategoryId, type CategoryId } from '@/lib/law/categories';
import { compactKey, containsPhrase, lastKeySegment, splitWords } from '@/lib/law/text';

const byLabel = (label: string): CategoryId[] => categoriesForField({ key: '', label });
const byKey = (key: string): CategoryId[] => categoriesForField({ key, label: '' });

describe('categoriesForField', () => {
  test('Art. 9(1) has eight categories, each citing the article, with keywords in both languages', () => {
    expect(SPECIAL_CATEGORY_IDS).toHaveLength(8);
    for (const id of CATEGORY_IDS) {
      const c = CATEGORIES[id];
      expect(c.id).toBe(id);
      expect(c.keywords.en.length).toBeGreaterThan(0);
      expect(c.keywords.fr.length).toBeGreaterThan(0);
      expect(c.source).not.toBe('');
      if (c.kind === 'special') expect(c.source).toContain('Art. 9(1)');
    }
  });

  test.each<[string, CategoryId]>([
    ['Health', 'health'],
    ['Medical notes', 'health'],
    ['Santé', 'health'],
    ['SANTE', 'health'],
    ['Médical', 'health'],
    ['Allergies', 'health'],
    ['Known allergy', 'health'],
    ['Antécédents médicaux', 'health'],
    ['Handicap', 'health'],
    ['Religion', 'religious-beliefs'],
    ['Religious beliefs', 'religious-beliefs'],
    ['Convictions religieuses', 'religious-beliefs'],
    ['Political party', 'political-opinions'],
    ['Opinions politiques', 'political-opinions'],
    ['Trade union', 'trade-union'],
    ['Appartenance syndicale', 'trade-union'],
    ['Ethnicity', 'racial-ethnic-origin'],
    ['Origine ethnique', 'racial-ethnic-origin'],
    ['Genetic test results', 'genetic'],
    ['Test ADN', 'genetic'],
    ['Fingerprint template', 'biometric'],
    ['Empreinte digitale', 'biometric'],
    ['Sexual orientation', 'sex-life-orientation'],
    ['Orientation sexuelle', 'sex-life-orientation'],
    ['Date of birth', 'birth-date'],
    ['Date de naissance', 'birth-date'],
    ['Birthday', 'birth-date'],
    ['SSN', 'national-id'],
    ['Numéro de sécurité sociale', 'national-id'],
    ['NIR', 'national-id'],
    ['Passport number', 'national-id'],
    ['Numéro de passeport', 'national-id'],
    ["Carte d'identité", 'national-id'],
    ['National ID', 'national-id'],
    ['IBAN', 'bank-account'],
    ['BIC', 'bank-account'],
    ['Bank account', 'bank-account'],
    ['RIB', 'bank-account'],
    ['Coordonnées bancaires', 'bank-account'],
    ['Credit card', 'payment-card'],
    ['Card number', 'payment-card'],
    ['Carte bancaire', 'payment-card'],
  ])('label %j → %s', (label, id) => {
    expect(byLabel(label)).toContain(id);
  });

  test.each<[string, CategoryId]>([
    ['sfdc:RecordField.Contact.Birthdate', 'birth-date'],
    ['date_of_birth', 'birth-date'],
    ['birthdate', 'birth-date'],
    ['dateOfBirth', 'birth-date'],
    ['sfdc:RecordField.Contact.Birth_Date__c', 'birth-date'],
    ['ssn', 'national-id'],
    ['sfdc:RecordField.Contact.SSN__c', 'national-id'],
    ['iban', 'bank-account'],
    ['creditCardNumber', 'payment-card'],
    ['medical_history', 'health'],
    ['sfdc:RecordField.Contact.Religion__c', 'religious-beliefs'],
  ])('key %j → %s', (key, id) => {
    expect(byKey(key)).toContain(id);
  });

  test.each([
    'Wealth',
    'Healthcare',
    'Account health',
    'Customer Health Score',
    'Health score',
    'Santé financière',
    'Health and safety training',
    'Gender',
    'Sex',
    'European Union',
    'Politique de confidentialité',
    'Politically exposed person',
    'Brand DNA',
    'ADN de la marque',
    'Account Number',
    'Loyalty card number',
    'Carte de fidélité',
    'Syndicat de copropriété',
    'Lieu de naissance',
    'Email',
    'Phone',
    'First Name',
    'Company',
    'Lead Source',
    'Last Activity',
    'Mobile',
    'Annual Revenue',
    'Ticket priority',
    'Birthplace',
    '',
  ])('no category for %j', (label) => {
    expect(byLabel(label)).toEqual([]);
  });

  test('keys of ordinary fields match nothing, and the object segment does not count', () => {
    for (const key of ['sfdc:RecordField.Contact.Email', 'firstname', 'hs_lead_status', 'sfdc:RecordField.HealthRecord__c.Name', 'notes_last_contacted']) {
      expect(byKey(key)).toEqual([]);
    }
  });

  test('a field can fall in several categories; order follows CATEGORY_IDS', () => {
    expect(categoriesForField({ key: 'date_of_birth', label: 'Religion' })).toEqual(['religious-beliefs', 'birth-date']);
  });

  test('isCategoryId', () => {
    expect(isCategoryId('health')).toBe(true);
    expect(isCategoryId('Health')).toBe(false);
    expect(isCategoryId('criminal')).toBe(false);
  });
});

test('asked again, categoriesForField answers the same from memory, in a list the caller may change', () => {
  const field = { key: 'sfdc:RecordField.Contact.Religion__c', label: 'Religion' };
  const first = categoriesForField(field);
  expect(first).toEqual(['religious-beliefs']);
  first.push('health');
  expect(categoriesForField(field)).toEqual(['religious-beliefs']);
  expect(categoriesForField({ ...field })).not.toBe(categoriesForField(field));
});

describe('categoriesForField: the first-word filter changes no answer', () => {
  // The matching as it was before the filter: every phrase and exclude scanned for every field.
  const reference = (field: { key?: string; label?: string }): CategoryId[] => {
    const matches = (words: string[], id: CategoryId): boolean => {
      const c = CATEGORIES[id];
      if (words.length === 0) return false;
      if (c.excludes.map(splitWords).some((p) => p.length > 0 && containsPhrase(words, p))) return false;
      return [...c.keywords.en, ...c.keywords.fr].map(splitWords).some((p) => p.length > 0 && containsPhrase(words, p));
    };
    const labelWords = splitWords(field.label ?? '');
    const segment = lastKeySegment(field.key ?? '');
    const keyWords = splitWords(segment);
    const compact = compactKey(segment);
    return CATEGORY_IDS.filter((id) => {
      const c = CATEGORIES[id];
      const keyExcluded = c.excludes.map(splitWords).some((p) => p.length > 0 && containsPhrase(keyWords, p));
      return matches(labelWords, id) || matches(keyWords, id) || (!keyExcluded && new Set(c.keyHints.map(compactKey)).has(compact));
    });
  };

  test('every keyword and exclude, plural, cased, in a longer label and as a key; and random mixes of their words', () => {
    const phrases = CATEGORY_IDS.flatMap((id) => [...CATEGORIES[id].keywords.en, ...CATEGORIES[id].keywords.fr, ...CATEGORIES[id].excludes]);
    const vocabulary = [...new Set(phrases.flatMap((p) => splitWords(p))), 'contact', 'home', 'number', 'date', 'notes', 'card', 's'];
    const labels: string[] = [];
    for (const p of phrases) {
      labels.push(p, `${p}s`, p.toUpperCase(), `Contact ${p} (primary)`, `${p} number`, p.replace(/ /g, '_'));
    }
    let seed = 11;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 4000; i++) {
      const n = 1 + next(4);
      const words: string[] = [];
      for (let j = 0; j < n; j++) words.push((vocabulary[next(vocabulary.length)] as string) + (next(4) === 0 ? 's' : ''));
      labels.push(words.join(next(2) === 0 ? ' ' : '_'));
    }
    let recognised = 0;
    for (const label of labels) {
      const asLabel = { key: 'sfdc:RecordField.Contact.Other', label };
      const asKey = { key: `sfdc:RecordField.Contact.${label.replace(/[^A-Za-z0-9_]/g, '_')}`, label: '' };
      expect(categoriesForField(asLabel), label).toEqual(reference(asLabel));
      expect(categoriesForField(asKey), label).toEqual(reference(asKey));
      if (categoriesForField(asLabel).length > 0) recognised++;
    }
    // Both answers occur often: the comparison covers matches and non-matches.
    expect(recognised).toBeGreaterThan(500);
    expect(labels.length - recognised).toBeGreaterThan(500);
  });
});
