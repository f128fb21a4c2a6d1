import { compactKey, containsPhrase, foldText, lastKeySegment, normalizeLabel, splitWords } from '@/lib/law/text';

describe('text normalisation', () => {
  test('folds case, accents and ligatures', () => {
    expect(foldText('Numéro de SÉCURITÉ Sociale')).toBe('numero de securite sociale');
    expect(foldText('Cœur Æther Straße')).toBe('coeur aether strasse');
  });

  test('splits camelCase, acronyms, snake_case, dots and colons', () => {
    expect(splitWords('sfdc:RecordField.Contact.Birthdate')).toEqual(['sfdc', 'record', 'field', 'contact', 'birthdate']);
    expect(splitWords('date_of_birth')).toEqual(['date', 'of', 'birth']);
    expect(splitWords('SSNNumber')).toEqual(['ssn', 'number']);
    expect(splitWords('hs_legal_basis')).toEqual(['hs', 'legal', 'basis']);
    expect(splitWords("Carte d'identité")).toEqual(['carte', 'd', 'identite']);
    expect(splitWords('  ')).toEqual([]);
  });

  test('normalised labels compare equal across punctuation and case', () => {
    expect(normalizeLabel('Date of Birth:')).toBe(normalizeLabel('date-of-birth'));
    expect(normalizeLabel('Santé *')).toBe('sante');
  });

  test('phrases match whole consecutive words, with a plural s', () => {
    expect(containsPhrase(['date', 'of', 'birth'], ['of', 'birth'])).toBe(true);
    expect(containsPhrase(['known', 'allergies'], ['allergies'])).toBe(true);
    expect(containsPhrase(['religious', 'beliefs'], ['belief'])).toBe(true);
    expect(containsPhrase(['wealth'], ['health'])).toBe(false);
    expect(containsPhrase(['birth', 'of', 'date'], ['date', 'of', 'birth'])).toBe(false);
    expect(containsPhrase(['a'], [])).toBe(false);
  });

  test('key segments', () => {
    expect(lastKeySegment('sfdc:RecordField.Contact.Birthdate')).toBe('Birthdate');
    expect(lastKeySegment('date_of_birth')).toBe('date_of_birth');
    expect(compactKey('Birth_Date__c')).toBe('birthdate');
  });
});
