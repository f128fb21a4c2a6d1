import { BASIS_LETTERS, LAWFUL_BASES, isBasisLetter } from '@/lib/law/bases';

describe('GDPR Art. 6(1) lawful bases', () => {
  test('six letters, each entry carrying its own letter and article', () => {
    expect(BASIS_LETTERS).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    for (const letter of BASIS_LETTERS) {
      const basis = LAWFUL_BASES[letter];
      expect(basis.letter).toBe(letter);
      expect(basis.article).toBe(`Art. 6(1)(${letter})`);
      for (const text of [basis.name, basis.short, basis.description]) {
        expect(text.en.trim()).not.toBe('');
        expect(text.fr.trim()).not.toBe('');
      }
    }
  });

  test('French names use the regulation’s wording', () => {
    expect(BASIS_LETTERS.map((l) => LAWFUL_BASES[l].name.fr)).toEqual([
      'Consentement',
      'Exécution d’un contrat',
      'Obligation légale',
      'Sauvegarde des intérêts vitaux',
      'Mission d’intérêt public',
      'Intérêts légitimes',
    ]);
    expect(LAWFUL_BASES.f.description.fr).toContain('notamment lorsque la personne concernée est un enfant');
    expect(LAWFUL_BASES.b.description.en).toContain('prior to entering into a contract');
  });

  test('(f) warns that public authorities cannot use it; (a) cites Art. 7', () => {
    expect(LAWFUL_BASES.f.notes.map((n) => n.source)).toContain('GDPR Art. 6(1), second subparagraph');
    expect(LAWFUL_BASES.a.notes.map((n) => n.source)).toEqual(['GDPR Art. 7(1)', 'GDPR Art. 7(3)']);
  });

  test('isBasisLetter accepts only the six lower-case letters', () => {
    for (const l of BASIS_LETTERS) expect(isBasisLetter(l)).toBe(true);
    for (const x of ['A', 'g', '', 'ab', ' a', 1, null, undefined, {}, ['a']]) expect(isBasisLetter(x)).toBe(false);
  });
});
