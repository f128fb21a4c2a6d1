/**
 * Locates the first JSON syntax error in a text, with a plain-words reason. Engines word and
 * position their JSON.parse errors differently (Chrome gives an offset, Firefox a line and column,
 * some nothing), so the extension finds the place itself. Iterative: deep nesting cannot overflow.
 */

import { bothLangs, errorMessage, type ErrorKey, type ErrorParams } from '../i18n/error-text';
import type { Lang } from '../i18n/translate';

export interface JsonSyntaxError {
  /** Offset in UTF-16 code units. */
  offset: number;
  line: number;
  column: number;
  /** The reason in English (logs, tests). */
  message: string;
  /** The reason in both languages, to pass as a problem's parameter (shown in the page's language). */
  detail: Readonly<Record<Lang, string>>;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** 1-based line and column of an offset; \r\n counts as one line break. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** "unexpected …" for what was found instead, in both languages (a parameter of the reason). */
function unexpected(ch: string | undefined): Record<Lang, string> {
  if (ch === undefined) return bothLangs('jsUnexpectedEnd');
  if (ch === '\n' || ch === '\r') return bothLangs('jsUnexpectedBreak');
  return bothLangs('jsUnexpectedChar', { ch });
}

/** The first syntax error of `text` as JSON, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const n = text.length;
  const stack: ('{' | '[')[] = [];
  let i = 0;
  let state: 'value' | 'afterValue' | 'key' | 'colon' = 'value';

  const fail = (offset: number, key: ErrorKey, params?: ErrorParams): JsonSyntaxError => ({
    offset,
    ...lineAndColumn(text, offset),
    message: errorMessage('en', key, params),
    detail: bothLangs(key, params),
  });
  const skipWs = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      i += 1;
    }
  };
  /** Reads a string starting at the opening quote; returns an error or null (i after the closing quote). */
  const readString = (): JsonSyntaxError | null => {
    const start = i;
    i += 1;
    while (i < n) {
      const ch = text[i];
      if (ch === '"') {
        i += 1;
        return null;
      }
      if (ch === '\\') {
        const esc = text[i + 1];
        if (esc !== undefined && '"\\/bfnrt'.includes(esc)) {
          i += 2;
          continue;
        }
        if (esc === 'u' && HEX4.test(text.slice(i + 2, i + 6))) {
          i += 6;
          continue;
        }
        return fail(i, 'jsBadEscape');
      }
      if (text.charCodeAt(i) < 0x20) return fail(i, 'jsControlInString');
      i += 1;
    }
    return fail(start, 'jsStringNotClosed');
  };

  for (;;) {
    skipWs();
    const ch = text[i];
    switch (state) {
      case 'value': {
        if (ch === undefined) return fail(i, 'jsValueMissing');
        if (ch === '{' || ch === '[') {
          i += 1;
          skipWs();
          if (text[i] === (ch === '{' ? '}' : ']')) {
            i += 1;
            state = 'afterValue';
          } else {
            stack.push(ch);
            state = ch === '{' ? 'key' : 'value';
          }
          break;
        }
        if (ch === '"') {
          const err = readString();
          if (err) return err;
          state = 'afterValue';
          break;
        }
        if (ch === "'") return fail(i, 'jsSingleQuotes');
        const literal = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
        if (literal !== undefined) {
          i += literal.length;
          state = 'afterValue';
          break;
        }
        NUMBER.lastIndex = i;
        const num = NUMBER.exec(text);
        if (num) {
          i += num[0].length;
          state = 'afterValue';
          break;
        }
        return fail(i, 'jsExpectedValue', { unexpected: unexpected(ch) });
      }
      case 'key': {
        if (ch === '"') {
          const err = readString();
          if (err) return err;
          state = 'colon';
          break;
        }
        if (ch === '}') return fail(i, 'jsTrailingComma', { close: '}' });
        return fail(i, 'jsExpectedKey', { unexpected: unexpected(ch) });
      }
      case 'colon': {
        if (ch !== ':') return fail(i, 'jsExpectedColon', { unexpected: unexpected(ch) });
        i += 1;
        state = 'value';
        break;
      }
      case 'afterValue': {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          return ch === undefined ? null : fail(i, 'jsAfterEnd', { unexpected: unexpected(ch) });
        }
        const close = top === '{' ? '}' : ']';
        if (ch === ',') {
          i += 1;
          if (top === '[') {
            skipWs();
            if (text[i] === ']') return fail(i, 'jsTrailingComma', { close: ']' });
          }
          state = top === '{' ? 'key' : 'value';
          break;
        }
        if (ch === close) {
          i += 1;
          stack.pop();
          break;
        }
        if (ch === undefined) return fail(i, 'jsCloseMissing', { close });
        return fail(i, 'jsExpectedCommaOr', { unexpected: unexpected(ch), close });
      }
    }
  }
}
