/**
 * Human messages for policy validation. A compliance lead edits the policy JSON by hand: every
 * message says what was expected in plain words, never in the validator's vocabulary.
 */
import type { z } from 'zod';

export type RawIssue = z.core.$ZodRawIssue;

/** A field-specific message; `undefined` lets a missing value fall through to "required field is missing". */
export type IssueMessage = (iss: RawIssue) => string | undefined;

const TYPE_NOUNS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object ({ … })',
  array: 'a list ([ … ])',
  null: 'null',
};

/** How a JSON value is named back to the author: "got a list", "got the number 3". */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return value.length <= 40 ? `the text ${JSON.stringify(value)}` : 'a text';
    case 'number':
      return Number.isFinite(value) ? `the number ${String(value)}` : 'a number that is not finite';
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return `a value of type ${typeof value}`;
  }
}

function quoteAll(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ');
}

function plural(n: number | bigint, one: string, many: string): string {
  return `${String(n)} ${Number(n) === 1 ? one : many}`;
}

/** The generic message for a validation issue; field-specific messages in the schema take precedence. */
export function describeIssue(iss: RawIssue): string {
  switch (iss.code) {
    case 'invalid_type': {
      if (iss.input === undefined) return 'required field is missing';
      const noun = TYPE_NOUNS[iss.expected] ?? iss.expected;
      return `expected ${noun}, got ${describeValue(iss.input)}`;
    }
    case 'too_small': {
      if (iss.origin === 'string') {
        return Number(iss.minimum) <= 1 ? 'must not be empty' : `must be at least ${plural(iss.minimum, 'character', 'characters')} long`;
      }
      if (iss.origin === 'array') {
        return Number(iss.minimum) <= 1 ? 'must contain at least one entry' : `must contain at least ${plural(iss.minimum, 'entry', 'entries')}`;
      }
      return iss.inclusive === false ? `must be more than ${String(iss.minimum)}` : `must be ${String(iss.minimum)} or more`;
    }
    case 'too_big': {
      if (iss.origin === 'string') return `is too long: at most ${plural(iss.maximum, 'character', 'characters')}`;
      if (iss.origin === 'array') return `has too many entries: at most ${String(iss.maximum)}`;
      return iss.inclusive === false ? `must be less than ${String(iss.maximum)}` : `must be ${String(iss.maximum)} or less`;
    }
    case 'invalid_value': {
      if (iss.input === undefined) return 'required field is missing';
      const got = `, got ${describeValue(iss.input)}`;
      return iss.values.length === 1 ? `expected ${quoteAll(iss.values)}${got}` : `expected one of: ${quoteAll(iss.values)}${got}`;
    }
    case 'invalid_format':
      return 'does not have the expected format';
    case 'not_multiple_of':
      return 'expected a whole number';
    case 'unrecognized_keys':
      return 'is not a known field here';
    default:
      return 'is not valid here';
  }
}

/**
 * A message for a number field, whatever went wrong with it (wrong type, fraction, out of range),
 * e.g. "expected a positive whole number of days"; a separate message when it is too big.
 */
export function numberMessage(expected: string, tooBig?: string): IssueMessage {
  return (iss) => {
    if (iss.input === undefined) return undefined;
    if (iss.code === 'too_big' && tooBig !== undefined) return tooBig;
    return expected;
  };
}

/** Overrides only the format message of a string field (type and length keep the generic ones). */
export function formatMessage(message: string): IssueMessage {
  return (iss) => (iss.code === 'invalid_format' ? message : undefined);
}

/** Edit distance, for "did you mean …?" on a misspelt field name. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** The closest allowed name when it is plausibly a typo (case slip or up to 2 edits). */
export function suggestField(unknownKey: string, allowed: readonly string[]): string | undefined {
  // Long keys are not typos of our short field names, and the distance is quadratic.
  if (unknownKey.length > 64) return undefined;
  const lower = unknownKey.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of allowed) {
    const distance = name.toLowerCase() === lower ? 0 : editDistance(lower, name.toLowerCase());
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
