import { DEFAULT_POLICY } from '@/lib/policy/default';
import { findJsonSyntaxError, lineAndColumn } from '@/lib/policy/json-syntax';
import { MAX_POLICY_BYTES, findStructuralProblems, parsePolicyJson, validatePolicy, type PolicyValidation } from '@/lib/policy/validate';
import { worded } from './helpers';
import { parseJsonText } from '@/lib/policy/sources';
import { errorText } from '@/lib/i18n/error-text';

function errorsOf(result: PolicyValidation): { path: string; message: string }[] {
  if (result.ok) throw new Error('expected the policy to be refused');
  return result.errors.map(worded);
}

const policyText = JSON.stringify(DEFAULT_POLICY, null, 2);

describe('parsePolicyJson', () => {
  test('reads the default policy back', () => {
    const result = parsePolicyJson(policyText);
    expect(result).toEqual({ ok: true, policy: DEFAULT_POLICY });
  });

  test('accepts a byte-order mark', () => {
    expect(parsePolicyJson(`\uFEFF${policyText}`).ok).toBe(true);
  });

  test('refuses an empty file', () => {
    expect(errorsOf(parsePolicyJson('  \n'))).toEqual([{ path: '(file)', message: 'the file is empty' }]);
  });

  test('refuses more than 512 KB, counted in UTF-8 bytes', () => {
    expect(errorsOf(parsePolicyJson(' '.repeat(MAX_POLICY_BYTES + 1)))).toEqual([
      { path: '(file)', message: 'the file is too large (513 KB); a policy may be at most 512 KB' },
    ]);
    // 300,000 characters, but 600,000 bytes.
    expect(errorsOf(parsePolicyJson(`"${'é'.repeat(300_000)}"`))[0]?.message).toBe('the file is too large (586 KB); a policy may be at most 512 KB');
    expect(errorsOf(parsePolicyJson('x'.repeat(MAX_POLICY_BYTES * 10)))[0]?.message).toBe('the file is too large (more than 2048 KB); a policy may be at most 512 KB');
    // Exactly at the limit is fine.
    const padded = policyText + ' '.repeat(MAX_POLICY_BYTES - Buffer.byteLength(policyText, 'utf8'));
    expect(Buffer.byteLength(padded, 'utf8')).toBe(MAX_POLICY_BYTES);
    expect(parsePolicyJson(padded).ok).toBe(true);
    expect(errorsOf(parsePolicyJson(`${padded} `))[0]?.message).toBe('the file is too large (513 KB); a policy may be at most 512 KB');
  });

  test.each([
    ['{\n  "name": "x",\n  "format" "y"\n}', 'not valid JSON at line 3, column 12: unexpected \'"\': expected ":" after the field name'],
    ['{"a": 1,}', 'not valid JSON at line 1, column 9: a comma before "}" is not allowed in JSON (trailing comma)'],
    ['[1, 2, ]', 'not valid JSON at line 1, column 8: a comma before "]" is not allowed in JSON (trailing comma)'],
    ['{"a": [1, 2', 'not valid JSON at line 1, column 12: unexpected end of the file: a closing "]" is missing'],
    ["{'a': 1}", "not valid JSON at line 1, column 2: unexpected ''': expected a field name in double quotes"],
    ['{"a": \'x\'}', 'not valid JSON at line 1, column 7: text must be in double quotes ("), not single quotes'],
    ['{"a": "unclosed}', 'not valid JSON at line 1, column 7: a string is not closed: its closing double quote is missing'],
    ['{"a": "line\nbreak"}', 'not valid JSON at line 1, column 12: a line break or control character inside a string (write it as \\n or \\t)'],
    ['{"a": 1} {"b": 2}', "not valid JSON at line 1, column 10: unexpected '{' after the end of the JSON document"],
    ['{"a": 1 "b": 2}', 'not valid JSON at line 1, column 9: unexpected \'"\': expected "," or "}"'],
    ['{"a": tru}', "not valid JSON at line 1, column 7: unexpected 't': expected a value (text in double quotes, a number, true, false, null, an object or a list)"],
    ['{"a": "\\x"}', 'not valid JSON at line 1, column 8: invalid escape sequence in a string (use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u followed by 4 hex digits)'],
    ['\r\n\r\n  {"a": }', "not valid JSON at line 3, column 9: unexpected '}': expected a value (text in double quotes, a number, true, false, null, an object or a list)"],
    // The end of the file where a field name or a colon is expected: "unexpected end of the file", not "unexpected the end of the file".
    ['{', 'not valid JSON at line 1, column 2: unexpected end of the file: expected a field name in double quotes'],
    ['{"a"', 'not valid JSON at line 1, column 5: unexpected end of the file: expected ":" after the field name'],
  ])('malformed JSON %j is located', (text, message) => {
    expect(errorsOf(parsePolicyJson(text))).toEqual([{ path: '(file)', message }]);
  });

  test('the syntax detail is in the page’s language, like the rest of the problem (policy file and managed/URL source)', () => {
    const cases: [string, string, string][] = [
      ['{"a": [1, 2', 'JSON non valide à la ligne 1, colonne 12 : fin du fichier inattendue : le "]" fermant manque', 'not valid JSON at line 1, column 12: unexpected end of the file: a closing "]" is missing'],
      ['{"a"', 'JSON non valide à la ligne 1, colonne 5 : fin du fichier inattendue : ":" est attendu après le nom de champ', ''],
      ['{"a": tru}', "JSON non valide à la ligne 1, colonne 7 : caractère 't' inattendu : une valeur est attendue (du texte entre guillemets doubles, un nombre, true, false, null, un objet ou une liste)", ''],
      ['{"a": 1,}', 'JSON non valide à la ligne 1, colonne 9 : une virgule avant "}" n’est pas permise en JSON (virgule finale)', ''],
      ['{"a": 1} x', "JSON non valide à la ligne 1, colonne 10 : caractère 'x' inattendu après la fin du document JSON", ''],
      ['[', 'JSON non valide à la ligne 1, colonne 2 : fin du fichier inattendue : une valeur manque', ''],
    ];
    for (const [text, fr, en] of cases) {
      for (const parsed of [parsePolicyJson(text), parseJsonText(text)]) {
        if (parsed.ok) throw new Error('expected a refusal');
        const problem = parsed.errors[0]!;
        expect(errorText('fr', problem)).toBe(fr);
        expect(errorText('fr', problem)).not.toMatch(/unexpected|expected|missing/);
        if (en) expect(errorText('en', problem)).toBe(en);
      }
    }
  });

  test('valid JSON that is not a policy goes on to validation', () => {
    expect(errorsOf(parsePolicyJson('42'))).toEqual([{ path: '(root)', message: 'expected an object ({ … }), got the number 42' }]);
  });
});

describe('prototype keys are refused before schema validation', () => {
  afterEach(() => {
    // A failed refusal would show here: nothing may reach Object.prototype.
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('a top-level "__proto__" (an own property after JSON.parse)', () => {
    const text = policyText.replace('{', '{"__proto__": {"polluted": true},');
    const parsed: unknown = JSON.parse(text);
    expect(Object.keys(parsed as object)).toContain('__proto__');
    expect(errorsOf(parsePolicyJson(text))).toEqual([{ path: '__proto__', message: '"__proto__" is not allowed as a field name' }]);
  });

  test('nested "constructor" and "prototype" keys, with their paths', () => {
    const doc: unknown = JSON.parse(policyText);
    const text = JSON.stringify(doc)
      .replace('"detectors":{', '"detectors":{"constructor":{"prototype":{"polluted":true}},')
      .replace('"purposes":[{', '"purposes":[{"prototype":1,');
    expect(errorsOf(parsePolicyJson(text))).toEqual([
      { path: 'purposes[0].prototype', message: '"prototype" is not allowed as a field name' },
      { path: 'masking.detectors.constructor', message: '"constructor" is not allowed as a field name' },
    ]);
  });

  test('validatePolicy refuses them too, for values parsed elsewhere', () => {
    const doc: unknown = JSON.parse('{"masking": {"rules": [{"__proto__": {"polluted": true}}]}}');
    expect(errorsOf(validatePolicy(doc))).toEqual([{ path: 'masking.rules[0].__proto__', message: '"__proto__" is not allowed as a field name' }]);
  });

  test('such words as values are fine', () => {
    const doc = structuredClone(DEFAULT_POLICY);
    doc.masking.rules[0]?.match.fieldKeys?.push('constructor', '__proto__');
    expect(validatePolicy(doc).ok).toBe(true);
  });
});

describe('structural problems', () => {
  test('circular structures are refused, shared ones are not', () => {
    const doc: Record<string, unknown> = { ...structuredClone(DEFAULT_POLICY) };
    doc['self'] = doc;
    expect(findStructuralProblems(doc).map(worded)).toEqual([{ path: 'self', message: 'refers back to itself (circular structure)' }]);

    const shared = { en: 'Same', fr: 'Pareil' };
    const sharing = structuredClone(DEFAULT_POLICY);
    for (const p of sharing.purposes) p.label = shared;
    expect(findStructuralProblems(sharing)).toEqual([]);
    expect(validatePolicy(sharing).ok).toBe(true);
  });

  test('deep nesting is refused without recursion', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i += 1) deep = [deep];
    const errors = errorsOf(validatePolicy({ name: deep }));
    expect(errors).toEqual([{ path: `name${'[0]'.repeat(32)}`, message: 'is nested too deeply (more than 32 levels)' }]);
    expect(errorsOf(parsePolicyJson(`${'['.repeat(5000)}${']'.repeat(5000)}`))[0]?.message).toBe('is nested too deeply (more than 32 levels)');
  });

  test('a throwing getter gives an error, not an exception', () => {
    const hostile = {
      get format(): string {
        throw new Error('boom');
      },
    };
    expect(errorsOf(validatePolicy(hostile))).toEqual([{ path: '(root)', message: 'could not be read: boom' }]);
  });
});

describe('findJsonSyntaxError', () => {
  test('null for valid JSON of every kind', () => {
    for (const text of ['0', '-1.5e+3', '"a\\u00e9\\n"', 'true', 'null', '[]', '{}', ' [ {"a": [1, {"b": null}]} ] ', policyText]) {
      expect(findJsonSyntaxError(text)).toBeNull();
    }
  });

  test('line and column count CRLF as one break', () => {
    expect(lineAndColumn('a\r\nb', 3)).toEqual({ line: 2, column: 1 });
    expect(lineAndColumn('abc', 0)).toEqual({ line: 1, column: 1 });
  });
});
