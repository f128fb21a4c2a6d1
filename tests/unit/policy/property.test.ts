import fc from 'fast-check';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { findJsonSyntaxError } from '@/lib/policy/json-syntax';
import { parsePolicyJson, validatePolicy, type PolicyValidation } from '@/lib/policy/validate';
import { setAt } from './helpers';

/** ok, or a non-empty list of errors each with a non-empty path and message. */
function wellFormed(result: PolicyValidation): boolean {
  if (result.ok) return true;
  return result.errors.length > 0 && result.errors.every((e) => typeof e.path === 'string' && e.path.length > 0 && typeof e.message === 'string' && e.message.length > 0);
}

/** Every path of the default policy's tree, to aim random damage at real places. */
function allPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const children: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return children.flatMap(([k, v]) => [[...prefix, k], ...allPaths(v, [...prefix, k])]);
}

const PATHS = allPaths(DEFAULT_POLICY);

describe('validation never throws (property-based)', () => {
  test('random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => wellFormed(validatePolicy(value))),
      { numRuns: 3000 },
    );
  });

  test('random objects with policy-like keys', () => {
    const key = fc.constantFrom('format', 'schemaVersion', 'purposes', 'masking', 'rules', 'retention', 'id', 'label', 'en', 'fr', '__proto__', 'constructor', 'prototype', 'x');
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 5 })),
    })).node;
    fc.assert(
      fc.property(tree, (value) => wellFormed(validatePolicy(value))),
      { numRuns: 2000 },
    );
  });

  test('the default policy with one random value replaced anywhere', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), fc.jsonValue({ maxDepth: 2 }), (path, value) => {
        const doc = structuredClone(DEFAULT_POLICY);
        setAt(doc, path, value);
        const result = validatePolicy(doc);
        // A refusal names a place inside the document, never an empty path.
        return wellFormed(result) && (result.ok || result.errors.every((e) => e.path === '(root)' || /^[A-Za-z_[]/.test(e.path)));
      }),
      { numRuns: 3000 },
    );
  });

  test('random text to parsePolicyJson', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'binary' })), (text) => wellFormed(parsePolicyJson(text))),
      { numRuns: 2000 },
    );
  });

  test('findJsonSyntaxError agrees with JSON.parse on valid and damaged JSON', () => {
    const damaged = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', "'", '\n', 'x', '{', '['))
      .map(([text, at, insert]) => {
        const i = text.length === 0 ? 0 : at % text.length;
        return text.slice(0, i) + insert + text.slice(i + (insert === '' ? 1 : 0));
      });
    fc.assert(
      fc.property(fc.oneof(fc.json(), damaged), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        const located = findJsonSyntaxError(text);
        return parses ? located === null : located !== null && located.offset >= 0 && located.offset <= text.length;
      }),
      { numRuns: 3000 },
    );
  });
});
