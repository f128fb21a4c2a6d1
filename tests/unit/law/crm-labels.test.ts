import { CRM_BASIS_LABELS, mapCrmBasisLabel } from '@/lib/law/crm-labels';

describe('mapCrmBasisLabel', () => {
  test.each([
    ['Freely given consent from contact', ['a']],
    ['Performance of a contract', ['b']],
    ['Legitimate interest - prospect/lead', ['f']],
    ['Legitimate interest – existing customer', ['f']],
    ['Legitimate interest — existing customer', ['f']],
    ['Legitimate interest-existing customer', ['f']],
    ['LEGITIMATE INTEREST - PROSPECT/LEAD', ['f']],
    ['CONSENT_WITH_NOTICE', ['a']],
    ['PERFORMANCE_OF_CONTRACT', ['b']],
    ['LEGITIMATE_INTEREST_PQL', ['f']],
    ['LEGITIMATE_INTEREST_CLIENT', ['f']],
    ['LEGITIMATE_INTEREST_OTHER', ['f']],
    ['consent_with_notice', ['a']],
    ['Consent', ['a']],
    ['Contract', ['b']],
    ['Legal Obligation', ['c']],
    ['Vital interest', ['d']],
    ['Public interest', ['e']],
    ['Legitimate interest', ['f']],
  ])('%s → %j', (raw, letters) => {
    expect(mapCrmBasisLabel(raw)).toEqual({ letters, notApplicable: false, unknown: [] });
  });

  test('"Not applicable" and NON_GDPR say the GDPR does not apply, without a letter', () => {
    for (const raw of ['Not applicable', 'NON_GDPR', 'not  APPLICABLE']) {
      expect(mapCrmBasisLabel(raw)).toEqual({ letters: [], notApplicable: true, unknown: [] });
    }
  });

  test('`;`-joined values with stray spaces give distinct letters in article order', () => {
    expect(mapCrmBasisLabel(' Legitimate interest – prospect/lead ;Freely given consent from contact;  ; Performance of a contract;Legitimate interest - existing customer ')).toEqual({
      letters: ['a', 'b', 'f'],
      notApplicable: false,
      unknown: [],
    });
  });

  test('unknown values are reported as written (trimmed), never guessed', () => {
    expect(mapCrmBasisLabel('Consent;Legitimate interests (our own);  Consentement ')).toEqual({
      letters: ['a'],
      notApplicable: false,
      unknown: ['Legitimate interests (our own)', 'Consentement'],
    });
    expect(mapCrmBasisLabel('Legitimate interest prospect/lead').unknown).toEqual(['Legitimate interest prospect/lead']);
    expect(mapCrmBasisLabel('')).toEqual({ letters: [], notApplicable: false, unknown: [] });
  });

  test('every table entry maps to itself', () => {
    for (const entry of CRM_BASIS_LABELS) {
      const mapped = mapCrmBasisLabel(entry.raw);
      expect(mapped.unknown).toEqual([]);
      if (entry.letter === null) expect(mapped.notApplicable).toBe(true);
      else expect(mapped.letters).toEqual([entry.letter]);
    }
  });
});
