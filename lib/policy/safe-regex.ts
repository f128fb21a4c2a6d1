/**
 * Regular expressions in a policy run on every CRM page against page text, so a pattern that can
 * backtrack catastrophically would freeze the rep's tab. This is a conservative static check:
 * no backreferences or lookarounds, and no repeated sub-pattern that itself repeats or has
 * alternatives (star height one), which rules out exponential backtracking. Plain labels need no regex.
 */

export const MAX_PATTERN_LENGTH = 200;
const MAX_BOUNDED_REPEAT = 1000;

import type { ErrorKey } from '../i18n/error-text';

/** `reason` in English; `key` and `params` word it in lib/i18n/messages/problems.ts (no strings imported here). */
export type RegexVerdict = { ok: true } | { ok: false; reason: string; key: ErrorKey; params?: Record<string, string | number> };

const ADVICE = 'only linear-time patterns or plain labels are allowed';

interface Group {
  /** The group (or something inside it) repeats or has alternatives. */
  risky: boolean;
  /** The last atom in this group can be quantified; `risky` says whether that atom is risky itself. */
  lastAtomRisky: boolean | null;
}

/** Reads a `{n}`, `{n,}` or `{n,m}` quantifier at `i`; null when it is a literal brace. */
function readBraces(p: string, i: number): { end: number; max: number } | null {
  const m = /^\{(\d{1,6})(,(\d{0,6}))?\}/.exec(p.slice(i));
  if (!m) return null;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === '' || m[3] === undefined ? Infinity : Number(m[3]);
  return { end: i + m[0].length, max };
}

/** Checks a pattern (JavaScript syntax, without slashes or flags). */
export function checkPattern(pattern: string): RegexVerdict {
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, reason: `pattern is too long (at most ${MAX_PATTERN_LENGTH} characters); ${ADVICE}`, key: 'pvRxTooLong', params: { max: MAX_PATTERN_LENGTH } };
  try {
    new RegExp(pattern, 'u');
  } catch {
    return { ok: false, reason: `is not a valid regular expression; ${ADVICE}`, key: 'pvRxInvalid' };
  }
  const stack: Group[] = [{ risky: false, lastAtomRisky: null }];
  const top = (): Group => stack[stack.length - 1] as Group;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return { ok: false, reason: `backreferences (\\${next}) can backtrack catastrophically; ${ADVICE}`, key: 'pvRxBackref', params: { ref: `\\${next}` } };
      top().lastAtomRisky = false;
      // \u{…}, \p{…} and \x.. are single atoms: skip their bodies.
      const body = /^\\(?:u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[pP]\{[^}]*\}|c[A-Za-z]|.)/su.exec(pattern.slice(i));
      i += body ? body[0].length : 2;
      continue;
    }
    if (c === '[') {
      // A character class is one atom; skip to its unescaped closing bracket.
      let j = i + 1;
      if (pattern[j] === '^') j += 1;
      if (pattern[j] === ']') j += 1;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      top().lastAtomRisky = false;
      i = j + 1;
      continue;
    }
    if (c === '(') {
      if (/^\(\?<?[=!]/.test(pattern.slice(i))) return { ok: false, reason: `lookahead and lookbehind are not allowed; ${ADVICE}`, key: 'pvRxLookaround' };
      const named = /^\(\?(?::|<[A-Za-z_$][\w$]*>)/.exec(pattern.slice(i));
      stack.push({ risky: false, lastAtomRisky: null });
      i += named ? named[0].length : 1;
      continue;
    }
    if (c === ')') {
      const closed = stack.pop();
      if (!closed || stack.length === 0) return { ok: false, reason: `is not a valid regular expression; ${ADVICE}`, key: 'pvRxInvalid' };
      top().lastAtomRisky = closed.risky;
      if (closed.risky) top().risky = true;
      i += 1;
      continue;
    }
    if (c === '|') {
      top().risky = true;
      top().lastAtomRisky = null;
      i += 1;
      continue;
    }
    let max = -1;
    let end = i + 1;
    if (c === '*' || c === '+') max = Infinity;
    else if (c === '?') max = 1;
    else if (c === '{') {
      const braces = readBraces(pattern, i);
      if (braces) {
        max = braces.max;
        end = braces.end;
      }
    }
    if (max >= 0) {
      if (Number.isFinite(max) && max > MAX_BOUNDED_REPEAT) return { ok: false, reason: `a repetition of more than ${MAX_BOUNDED_REPEAT} is not allowed; ${ADVICE}`, key: 'pvRxRepeat', params: { max: MAX_BOUNDED_REPEAT } };
      if (max > 1 && top().lastAtomRisky === true) {
        return {
          ok: false,
          reason: `could backtrack catastrophically: a repeated group repeats or has alternatives inside (e.g. (a+)+ or (a|b)*); ${ADVICE}, e.g. [a-z0-9-]+`,
          key: 'pvRxNested',
        };
      }
      if (max > 1) top().risky = true;
      // A lazy or possessive-looking suffix belongs to this quantifier.
      if (pattern[end] === '?') end += 1;
      top().lastAtomRisky = null;
      i = end;
      continue;
    }
    top().lastAtomRisky = false;
    i += 1;
  }
  return stack.length === 1 ? { ok: true } : { ok: false, reason: `is not a valid regular expression; ${ADVICE}`, key: 'pvRxInvalid' };
}
