/**
 * Human messages for policy validation. A compliance lead edits the policy JSON by hand: every
 * message says what was expected in plain words, never in the validator's vocabulary.
 */
import type { z } from 'zod';
import type { ErrorKey, ErrorParam } from '../i18n/error-text';
import type { Lang } from '../i18n/translate';
import { both, word } from './wording';

export type RawIssue = z.core.$ZodRawIssue;

/** A field-specific message; `undefined` lets a missing value fall through to "required field is missing". */
export type IssueMessage = (iss: RawIssue) => string | undefined;

const TYPE_NOUNS: Readonly<Record<string, ErrorKey>> = {
  string: 'pvNounText',
  number: 'pvNounNumber',
  int: 'pvNounInt',
  boolean: 'pvNounBoolean',
  object: 'pvNounObject',
  array: 'pvNounArray',
};

/** How a JSON value is named back to the author, in both languages: "got a list", "got the number 3". */
export function describeValueBoth(value: unknown): Record<Lang, string> {
  if (value === null) return { en: 'null', fr: 'null' };
  if (Array.isArray(value)) return both('pvGotList');
  switch (typeof value) {
    case 'string':
      return value.length <= 40 ? both('pvGotText', { text: JSON.stringify(value) }) : both('pvGotLongText');
    case 'number':
      return Number.isFinite(value) ? both('pvGotNumber', { n: String(value) }) : both('pvGotNotFinite');
    case 'boolean':
      return { en: String(value), fr: String(value) };
    case 'object':
      return both('pvGotObject');
    default:
      return both('pvGotType', { type: typeof value });
  }
}

function quoteAll(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ');
}

function expectedNoun(expected: string): ErrorParam {
  if (expected === 'null') return 'null';
  const key = TYPE_NOUNS[expected];
  return key === undefined ? expected : both(key);
}

/** The generic message for a validation issue; field-specific messages in the schema take precedence. */
export function describeIssue(iss: RawIssue): string {
  switch (iss.code) {
    case 'invalid_type': {
      if (iss.input === undefined) return word('pvMissing');
      return word('pvExpectedGot', { expected: expectedNoun(iss.expected), got: describeValueBoth(iss.input) });
    }
    case 'too_small': {
      const n = String(iss.minimum);
      if (iss.origin === 'string') return Number(iss.minimum) <= 1 ? word('pvNotEmpty') : word('pvMinChars', { n });
      if (iss.origin === 'array') return Number(iss.minimum) <= 1 ? word('pvAtLeastOneEntry') : word('pvMinEntries', { n });
      return iss.inclusive === false ? word('pvMoreThan', { n }) : word('pvAtLeast', { n });
    }
    case 'too_big': {
      const n = String(iss.maximum);
      if (iss.origin === 'string') return word('pvTooLongChars', { chars: both(Number(iss.maximum) === 1 ? 'pvCharsOne' : 'pvCharsMany', { n }) });
      if (iss.origin === 'array') return word('pvTooManyEntries', { n });
      return iss.inclusive === false ? word('pvLessThan', { n }) : word('pvAtMost', { n });
    }
    case 'invalid_value': {
      if (iss.input === undefined) return word('pvMissing');
      const params = { values: quoteAll(iss.values), got: describeValueBoth(iss.input) };
      return iss.values.length === 1 ? word('pvExpectedValue', params) : word('pvExpectedOneOf', params);
    }
    case 'invalid_format':
      return word('pvBadFormat');
    case 'not_multiple_of':
      return word('pvWholeNumber');
    case 'unrecognized_keys':
      return word('pvNotKnownField');
    default:
      return word('pvInvalid');
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
