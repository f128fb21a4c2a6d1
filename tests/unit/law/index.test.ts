import * as law from '@/lib/law';

describe('lib/law entry point', () => {
  test('re-exports bases, categories, rights and CRM labels', () => {
    for (const name of ['BASIS_LETTERS', 'LAWFUL_BASES', 'isBasisLetter', 'CATEGORIES', 'categoriesForField', 'RIGHTS', 'JURISDICTIONS', 'mapCrmBasisLabel', 'normalizeLabel']) {
      expect(law).toHaveProperty(name);
    }
    expect(law.mapCrmBasisLabel('Consent').letters).toEqual(['a']);
  });
});
