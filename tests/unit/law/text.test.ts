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

  test('ASCII labels and keys take a shorter path to the same words as the Unicode one', () => {
    // The Unicode path as it was before the ASCII shortcut (foldText and splitWords).
    const fold = (raw: string) => raw.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss');
    const split = (raw: string) =>
      fold(raw.replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1 $2').replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2'))
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length > 0);
    const samples = ['Mailing Address', 'Birth_Date__c', 'SSNNumber', 'hs_legal_basis', 'sfdc:RecordField.Contact.HomePhone', 'IBAN2Number', 'Asst. Phone', 'x', ''];
    const alphabet = 'aAbBzZ09_ .:-/()*IBANssnDOB';
    let seed = 7;
    for (let i = 0; i < 3000; i++) {
      let s = '';
      const n = 1 + (i % 17);
      for (let j = 0; j < n; j++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        s += alphabet[seed % alphabet.length];
      }
      samples.push(s);
    }
    for (const raw of samples) {
      expect(splitWords(raw)).toEqual(split(raw));
      expect(foldText(raw)).toBe(fold(raw));
    }
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

  // The fast paths (words already split and folded, keys already compact) must give what the general
  // path gives: the general path, as it was before them, is the reference.
  const generalSplit = (raw: string): string[] =>
    foldText(raw.replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1 $2').replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2'))
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 0);
  const generalCompact = (segment: string): string => foldText(segment.replace(/__c$/i, '')).replace(/[^a-z0-9]/g, '');

  test('fast paths agree with the general path', () => {
    const alphabet = ['a', 'b', 'z', '0', '9', ' ', ' ', '  ', 'A', 'Q', '_', '-', '.', ':', 'é', 'É', 'œ', 'ß', '\u0301', '\t', '__c'];
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const samples = ['a', 'date of birth', 'carte de fidelite', 'a  b', ' a', 'a ', '', 'abc', 'abc__c', 'ssn', 'x1 y2'];
    for (let i = 0; i < 3000; i++) {
      let s = '';
      const len = 1 + next(12);
      for (let j = 0; j < len; j++) s += alphabet[next(alphabet.length)];
      samples.push(s);
    }
    for (const s of samples) {
      expect(splitWords(s), JSON.stringify(s)).toEqual(generalSplit(s));
      expect(compactKey(s), JSON.stringify(s)).toBe(generalCompact(s));
    }
    // Both kinds of input occur: plain words and keys (fast) and the rest (general).
    expect(samples.filter((s) => /^[a-z0-9]+(?: [a-z0-9]+)*$/.test(s)).length).toBeGreaterThan(50);
  });
});
