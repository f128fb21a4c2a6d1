import fc from 'fast-check';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { diffPolicies } from '@/lib/policy/diff';
import { checkPattern } from '@/lib/policy/safe-regex';
import { generateSigningKey, signPolicyText, verifyBundle } from '@/lib/policy/signing';
import { acceptPolicyText, acceptPolicyValue, type Acceptance } from '@/lib/policy/sources';

/**
 * Property-based tests of the whole acceptance path (migration, structure, schema, regex safety,
 * effective date) on several thousand generated documents; they extend tests/unit/policy/property.test.ts,
 * which covers validatePolicy alone.
 */
// Thousands of full validations take seconds on a shared machine: a generous limit, not a speed check.
const SLOW = 120_000;

function wellFormed(r: Acceptance): boolean {
  return r.ok ? r.text.length > 0 : r.errors.length > 0 && r.errors.every((e) => e.path.length > 0 && e.message.length > 0);
}

function allObjectPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const kids: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  const here = Array.isArray(value) ? [] : [prefix];
  return [...here, ...kids.flatMap(([k, v]) => allObjectPaths(v, [...prefix, k]))];
}
const OBJECT_PATHS = allObjectPaths(DEFAULT_POLICY);
const ALL_PATHS = (function all(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const kids: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return kids.flatMap(([k, v]) => [[...prefix, k], ...all(v, [...prefix, k])]);
})(DEFAULT_POLICY);

function at(root: unknown, path: readonly (string | number)[]): Record<string, unknown> {
  let node = root as Record<string | number, unknown>;
  for (const k of path) node = node[k] as Record<string | number, unknown>;
  return node as Record<string, unknown>;
}

describe('policy acceptance never throws and never lets hostile input through (property-based)', () => {
  test('random JSON text and values', () => {
    fc.assert(fc.property(fc.oneof(fc.json(), fc.string()), (text) => wellFormed(acceptPolicyText(text))), { numRuns: 2000 });
    fc.assert(fc.property(fc.jsonValue(), (value) => wellFormed(acceptPolicyValue(value))), { numRuns: 2000 });
  }, SLOW);

  test('the default policy with one value replaced anywhere: accepted or refused with a path, never half-checked', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL_PATHS), fc.jsonValue({ maxDepth: 2 }), (path, value) => {
        const doc = structuredClone(DEFAULT_POLICY) as unknown as Record<string, unknown>;
        const parent = at(doc, path.slice(0, -1));
        parent[path[path.length - 1] as string] = value;
        const r = acceptPolicyText(JSON.stringify(doc));
        // An accepted policy is itself accepted again unchanged (idempotent), and its diff with itself is empty.
        if (r.ok) return acceptPolicyText(r.text).ok && diffPolicies(r.policy, r.policy).length === 0;
        return wellFormed(r);
      }),
      { numRuns: 3000 },
    );
  }, SLOW);

  test('a forbidden key anywhere is always refused at that place', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OBJECT_PATHS), fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.jsonValue({ maxDepth: 1 }), (path, key, value) => {
        const doc = structuredClone(DEFAULT_POLICY) as unknown as Record<string, unknown>;
        // An own property, as JSON.parse would make it.
        Object.defineProperty(at(doc, path), key, { value, enumerable: true, configurable: true, writable: true });
        const r = acceptPolicyText(JSON.stringify(doc));
        return !r.ok && r.errors.some((e) => e.path.endsWith(key) || e.path.endsWith(`["${key}"]`));
      }),
      { numRuns: 2000 },
    );
  }, SLOW);

  test('a backdated effective date is always refused; one on or after the predecessor is not refused for its date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }), fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }), (a, b) => {
        const day = (d: Date) => d.toISOString().slice(0, 10);
        const predecessor = { ...DEFAULT_POLICY, effectiveDate: day(a) };
        const r = acceptPolicyValue({ ...DEFAULT_POLICY, effectiveDate: day(b) }, { predecessor });
        return day(b) < day(a) ? !r.ok && r.errors[0]?.path === 'effectiveDate' : r.ok;
      }),
      { numRuns: 2000 },
    );
  }, SLOW);
});

describe('regular-expression check (property-based)', () => {
  const atom = fc.constantFrom('a', 'b', '[a-z]', '\\d', '.', '(?:ab)', '[0-9-]');
  const quant = fc.constantFrom('*', '+', '{2,}', '{1,9}');

  test('a quantified group that itself repeats is always refused', () => {
    fc.assert(
      fc.property(atom, quant, quant, fc.string({ maxLength: 5 }), (a, q1, q2, tail) => {
        const verdict = checkPattern(`^(${a}${q1})${q2}${tail.replace(/[()[\]{}\\*+?|]/g, '')}$`);
        return !verdict.ok && verdict.reason.includes('only linear-time patterns or plain labels');
      }),
      { numRuns: 2000 },
    );
  }, SLOW);

  test('random text never throws, and what it accepts compiles', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: fc.constantFrom('a', '(', ')', '|', '*', '+', '?', '{', '}', '1', ',', '\\', '[', ']', '^', '$', '.', '-') }), (p) => {
        const verdict = checkPattern(p);
        if (!verdict.ok) return verdict.reason.length > 0;
        new RegExp(p, 'u');
        return true;
      }),
      { numRuns: 3000 },
    );
  }, SLOW);
});

describe('signature verification (property-based)', () => {
  test('any single changed character of the policy text fails verification', async () => {
    const key = await generateSigningKey();
    const text = JSON.stringify(DEFAULT_POLICY);
    const bundle = await signPolicyText(text, key.signingKey, key.keyId);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: text.length - 1 }), fc.constantFrom('x', '0', ' ', '"'), async (i, c) => {
        fc.pre(text[i] !== c);
        return !(await verifyBundle({ ...bundle, policy: text.slice(0, i) + c + text.slice(i + 1) }, key.publicKey));
      }),
      { numRuns: 200 },
    );
  }, SLOW);
});
