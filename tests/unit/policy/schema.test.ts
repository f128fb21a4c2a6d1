import { validatePolicy, formatPath, MAX_ERRORS, type PolicyValidation } from '@/lib/policy/validate';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { deleteAt, samplePolicy, setAt, worded } from './helpers';

function errorsOf(result: PolicyValidation): { path: string; message: string }[] {
  if (result.ok) throw new Error('expected the policy to be refused');
  return result.errors.map(worded);
}

/** The errors of the sample policy after one change. */
function errorsAfter(change: (doc: unknown) => void): { path: string; message: string }[] {
  const doc = samplePolicy();
  change(doc);
  return errorsOf(validatePolicy(doc));
}

describe('policy schema: paths and messages', () => {
  test('the sample policy is valid', () => {
    expect(validatePolicy(samplePolicy()).ok).toBe(true);
  });

  test.each([-3, 0, 1.5, '30', null])('retention[2].maxAgeDays = %j → expected a positive whole number of days', (value) => {
    const errors = errorsAfter((doc) => {
      deleteAt(doc, ['retention', 2, 'maxAgeMonths']);
      setAt(doc, ['retention', 2, 'maxAgeDays'], value);
    });
    expect(errors).toEqual([{ path: 'retention[2].maxAgeDays', message: 'expected a positive whole number of days' }]);
  });

  test('a period of more than 100 years is refused with its own message', () => {
    const errors = errorsAfter((doc) => {
      deleteAt(doc, ['retention', 2, 'maxAgeMonths']);
      setAt(doc, ['retention', 2, 'maxAgeDays'], 40000);
    });
    expect(errors).toEqual([{ path: 'retention[2].maxAgeDays', message: 'must be at most 36500 days (100 years)' }]);
  });

  test('exactly one of maxAgeDays and maxAgeMonths', () => {
    expect(errorsAfter((doc) => setAt(doc, ['retention', 2, 'maxAgeDays'], 90))).toEqual([
      { path: 'retention[2].maxAgeMonths', message: 'give either maxAgeDays or maxAgeMonths, not both' },
    ]);
    expect(errorsAfter((doc) => deleteAt(doc, ['retention', 2, 'maxAgeMonths']))).toEqual([
      { path: 'retention[2].maxAgeDays', message: 'required: give maxAgeDays or maxAgeMonths' },
    ]);
  });

  test('missing field, wrong type, enum, too long', () => {
    expect(errorsAfter((doc) => deleteAt(doc, ['name']))).toEqual([{ path: 'name', message: 'required field is missing' }]);
    expect(errorsAfter((doc) => setAt(doc, ['name'], 42))).toEqual([{ path: 'name', message: 'expected text, got the number 42' }]);
    expect(errorsAfter((doc) => setAt(doc, ['masking', 'detectors', 'iban'], 'yes'))).toEqual([
      { path: 'masking.detectors.iban', message: 'expected true or false, got the text "yes"' },
    ]);
    expect(errorsAfter((doc) => setAt(doc, ['retention', 0, 'action'], 'erase'))).toEqual([
      { path: 'retention[0].action', message: 'expected one of: "re-consent", "anonymise", "delete", "review", got the text "erase"' },
    ]);
    expect(errorsAfter((doc) => setAt(doc, ['purposes', 3, 'defaultBasis'], 'g'))).toEqual([
      { path: 'purposes[3].defaultBasis', message: 'expected one of: "a", "b", "c", "d", "e", "f", got the text "g"' },
    ]);
    expect(errorsAfter((doc) => setAt(doc, ['name'], 'x'.repeat(201)))).toEqual([{ path: 'name', message: 'is too long: at most 200 characters' }]);
    expect(errorsAfter((doc) => setAt(doc, ['purposes', 0, 'label', 'fr'], '   '))).toEqual([{ path: 'purposes[0].label.fr', message: 'must not be empty' }]);
    expect(errorsAfter((doc) => deleteAt(doc, ['purposes', 0, 'label', 'fr']))).toEqual([
      { path: 'purposes[0].label.fr', message: 'required field is missing' },
    ]);
    expect(errorsAfter((doc) => setAt(doc, ['retention'], {}))).toEqual([{ path: 'retention', message: 'expected a list ([ … ]), got an object' }]);
    expect(errorsAfter((doc) => setAt(doc, ['name'], 'Policy\nv2'))).toEqual([{ path: 'name', message: 'must be a single line without control characters' }]);
  });

  test('duplicate ids name the first use', () => {
    expect(errorsAfter((doc) => setAt(doc, ['purposes', 2, 'id'], 'prospecting'))).toEqual([
      { path: 'purposes[2].id', message: 'duplicate id "prospecting": already used by purposes[0]' },
    ]);
    expect(errorsAfter((doc) => setAt(doc, ['retention', 2, 'id'], 'customers'))).toEqual([
      { path: 'retention[2].id', message: 'duplicate id "customers": already used by retention[1]' },
    ]);
    expect(errorsAfter((doc) => setAt(doc, ['revealReasons', 'presets', 1, 'id'], 'answering-request'))).toEqual([
      { path: 'revealReasons.presets[1].id', message: 'duplicate id "answering-request": already used by revealReasons.presets[0]' },
    ]);
    expect(errorsAfter((doc) => setAt(doc, ['retention', 0, 'clock', 'fallback'], ['created', 'created']))).toEqual([
      { path: 'retention[0].clock.fallback[1]', message: '"created" is listed twice' },
    ]);
  });

  test('duplicates are reported even when another entry of the list is invalid', () => {
    const errors = errorsAfter((doc) => {
      setAt(doc, ['purposes', 1, 'id'], 'prospecting');
      setAt(doc, ['purposes', 3, 'label'], 'Newsletter');
    });
    expect(errors).toEqual([
      { path: 'purposes[3].label', message: 'expected an object ({ … }), got the text "Newsletter"' },
      { path: 'purposes[1].id', message: 'duplicate id "prospecting": already used by purposes[0]' },
    ]);
  });

  test('unknown fields are refused, with a suggestion for a likely typo', () => {
    expect(errorsAfter((doc) => setAt(doc, ['masking', 'rules', 0, 'match', 'fieldkey'], ['x']))).toEqual([
      { path: 'masking.rules[0].match.fieldkey', message: 'unknown field; did you mean "fieldKeys"?' },
    ]);
    expect(errorsAfter((doc) => setAt(doc, ['colour'], 'blue'))).toEqual([
      {
        path: 'colour',
        message:
          'unknown field (allowed here: format, schemaVersion, policyVersion, name, effectiveDate, purposes, masking, retention, revealReasons, logRetentionDays, anomalies, approvedInstances, sites)',
      },
    ]);
    expect(errorsAfter((doc) => setAt(doc, ['retention', 1, 'max age'], 3))).toEqual([
      { path: 'retention[1]["max age"]', message: expect.stringMatching(/^unknown field \(allowed here: id, label, appliesTo, clock, maxAgeDays, /) },
    ]);
  });

  test('format, schema version, policy version and date', () => {
    expect(errorsAfter((doc) => setAt(doc, ['format'], 'other/policy'))).toEqual([
      { path: 'format', message: 'expected "crm-privacy-guard/policy": this file is not a CRM Privacy Guard policy' },
    ]);
    expect(errorsAfter((doc) => setAt(doc, ['schemaVersion'], 2))).toEqual([
      { path: 'schemaVersion', message: 'expected 1: this version of CRM Privacy Guard reads policy schema version 1' },
    ]);
    expect(errorsAfter((doc) => setAt(doc, ['policyVersion'], 'v 2'))).toEqual([
      { path: 'policyVersion', message: 'expected a version of letters, digits, dots and dashes, e.g. "2026.11.1"' },
    ]);
    expect(errorsAfter((doc) => setAt(doc, ['policyVersion'], '1'.repeat(65)))).toEqual([{ path: 'policyVersion', message: 'is too long: at most 64 characters' }]);
    expect(errorsAfter((doc) => setAt(doc, ['effectiveDate'], '01/11/2026'))).toEqual([
      { path: 'effectiveDate', message: 'expected a date written YYYY-MM-DD, e.g. "2026-11-01"' },
    ]);
    expect(errorsAfter((doc) => setAt(doc, ['effectiveDate'], '2026-02-29'))).toEqual([{ path: 'effectiveDate', message: 'is not a real calendar date' }]);
    expect(validatePolicy({ ...samplePolicy(), effectiveDate: '2028-02-29' }).ok).toBe(true);
  });

  test('lists: at least one purpose, ids as slugs, valid categories', () => {
    expect(errorsAfter((doc) => setAt(doc, ['purposes'], []))).toEqual([{ path: 'purposes', message: 'must contain at least one entry' }]);
    expect(errorsAfter((doc) => setAt(doc, ['purposes', 0, 'id'], 'Prospecting!'))).toEqual([
      { path: 'purposes[0].id', message: 'expected an id of lower-case letters, digits and single dashes, e.g. "prospects"' },
    ]);
    expect(errorsAfter((doc) => setAt(doc, ['masking', 'rules', 1, 'match', 'categories'], ['wealth']))).toEqual([
      { path: 'masking.rules[1].match.categories[0]', message: expect.stringMatching(/^expected one of: "racial-ethnic-origin", .*"payment-card", got the text "wealth"$/) },
    ]);
    expect(errorsAfter((doc) => setAt(doc, ['masking', 'rules', 1, 'match'], {}))).toEqual([
      { path: 'masking.rules[1].match', message: 'a rule must match at least one field key, label or category' },
    ]);
    expect(errorsAfter((doc) => setAt(doc, ['retention', 0, 'clock'], { fields: [], fallback: [] }))).toEqual([
      { path: 'retention[0].clock', message: 'needs at least one clock field or fallback, or the rule can never be evaluated' },
    ]);
    expect(errorsAfter((doc) => setAt(doc, ['retention', 0, 'appliesTo', 'jurisdictions'], ['eu', 'mars']))).toEqual([
      { path: 'retention[0].appliesTo.jurisdictions[1]', message: 'expected one of: "eu", "uk", "california", "brazil", "quebec", "other", got the text "mars"' },
    ]);
  });

  test('numbers with a range say it', () => {
    expect(errorsAfter((doc) => setAt(doc, ['masking', 'revealSeconds'], 2))).toEqual([
      { path: 'masking.revealSeconds', message: 'expected a whole number of seconds between 5 and 3600' },
    ]);
    expect(errorsAfter((doc) => setAt(doc, ['logRetentionDays'], 0))).toEqual([
      { path: 'logRetentionDays', message: 'expected a whole number of days between 1 and 3650' },
    ]);
    expect(errorsAfter((doc) => setAt(doc, ['retention', 0, 'warnDays'], -1))).toEqual([
      { path: 'retention[0].warnDays', message: 'expected a whole number of days, 0 or more' },
    ]);
    expect(errorsAfter((doc) => setAt(doc, ['revealReasons', 'minLength'], 501))).toEqual([
      { path: 'revealReasons.minLength', message: 'expected a whole number of characters between 0 and 500' },
    ]);
  });

  test('reveal reasons: with no presets, free text must be allowed', () => {
    expect(
      errorsAfter((doc) => {
        setAt(doc, ['revealReasons', 'presets'], []);
        setAt(doc, ['revealReasons', 'allowFreeText'], false);
      }),
    ).toEqual([{ path: 'revealReasons.allowFreeText', message: 'with no preset reasons, free text must be allowed, or nobody could reveal a field' }]);
  });

  test('defaults: revealSeconds 30, warnDays 30, logRetentionDays 365', () => {
    const doc = samplePolicy();
    deleteAt(doc, ['masking', 'revealSeconds']);
    deleteAt(doc, ['retention', 0, 'warnDays']);
    deleteAt(doc, ['logRetentionDays']);
    const result = validatePolicy(doc);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.policy.masking.revealSeconds).toBe(30);
    expect(result.policy.retention[0]?.warnDays).toBe(30);
    expect(result.policy.logRetentionDays).toBe(365);
  });

  test('strings are trimmed in the validated policy, which is a copy of the input', () => {
    const doc = samplePolicy();
    doc.name = '  Acme policy  ';
    const result = validatePolicy(doc);
    if (!result.ok) throw new Error('refused');
    expect(result.policy.name).toBe('Acme policy');
    expect(result.policy.purposes).not.toBe(doc.purposes);
  });

  test('the document itself must be an object', () => {
    expect(errorsOf(validatePolicy(null))).toEqual([{ path: '(root)', message: 'expected an object ({ … }), got null' }]);
    expect(errorsOf(validatePolicy([DEFAULT_POLICY]))).toEqual([{ path: '(root)', message: 'expected an object ({ … }), got a list' }]);
    expect(errorsOf(validatePolicy(undefined))).toEqual([{ path: '(root)', message: 'required field is missing' }]);
  });

  test('an empty object lists every missing field, once each', () => {
    const paths = errorsOf(validatePolicy({})).map((e) => e.path);
    expect(paths).toEqual(['format', 'schemaVersion', 'policyVersion', 'name', 'effectiveDate', 'purposes', 'masking', 'retention', 'revealReasons']);
  });

  test(`at most ${MAX_ERRORS} errors, then a count of the rest`, () => {
    const errors = errorsAfter((doc) => setAt(doc, ['masking', 'rules'], Array.from({ length: 150 }, (_, i) => ({ id: `r${i}` })))); // 150 rules without "match"
    expect(errors).toHaveLength(MAX_ERRORS + 1);
    expect(errors[MAX_ERRORS]).toEqual({ path: '(root)', message: 'and 100 more problems not listed' });
  });

  test('formatPath', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['retention', 2, 'maxAgeDays'])).toBe('retention[2].maxAgeDays');
    expect(formatPath(['a b', 0])).toBe('["a b"][0]');
    expect(formatPath([0, 'x'])).toBe('[0].x');
  });
});
