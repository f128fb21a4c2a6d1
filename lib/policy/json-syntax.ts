/**
 * Locates the first JSON syntax error in a text, with a plain-words reason. Engines word and
 * position their JSON.parse errors differently (Chrome gives an offset, Firefox a line and column,
 * some nothing), so the extension finds the place itself. Iterative: deep nesting cannot overflow.
 */

export interface JsonSyntaxError {
  /** Offset in UTF-16 code units. */
  offset: number;
  line: number;
  column: number;
  message: string;
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

function describeChar(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the file';
  if (ch === '\n' || ch === '\r') return 'a line break';
  return `'${ch}'`;
}

/** The first syntax error of `text` as JSON, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const n = text.length;
  const stack: ('{' | '[')[] = [];
  let i = 0;
  let state: 'value' | 'afterValue' | 'key' | 'colon' = 'value';

  const fail = (offset: number, message: string): JsonSyntaxError => ({ offset, ...lineAndColumn(text, offset), message });
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
        return fail(i, 'invalid escape sequence in a string (use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u followed by 4 hex digits)');
      }
      if (text.charCodeAt(i) < 0x20) return fail(i, 'a line break or control character inside a string (write it as \\n or \\t)');
      i += 1;
    }
    return fail(start, 'a string is not closed: its closing double quote is missing');
  };

  for (;;) {
    skipWs();
    const ch = text[i];
    switch (state) {
      case 'value': {
        if (ch === undefined) return fail(i, 'unexpected end of the file: a value is missing');
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
        if (ch === "'") return fail(i, 'text must be in double quotes ("), not single quotes');
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
        return fail(i, `unexpected ${describeChar(ch)}: expected a value (text in double quotes, a number, true, false, null, an object or a list)`);
      }
      case 'key': {
        if (ch === '"') {
          const err = readString();
          if (err) return err;
          state = 'colon';
          break;
        }
        if (ch === '}') return fail(i, 'a comma before "}" is not allowed in JSON (trailing comma)');
        return fail(i, `unexpected ${describeChar(ch)}: expected a field name in double quotes`);
      }
      case 'colon': {
        if (ch !== ':') return fail(i, `unexpected ${describeChar(ch)}: expected ":" after the field name`);
        i += 1;
        state = 'value';
        break;
      }
      case 'afterValue': {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          return ch === undefined ? null : fail(i, `unexpected ${describeChar(ch)} after the end of the JSON document`);
        }
        const close = top === '{' ? '}' : ']';
        if (ch === ',') {
          i += 1;
          if (top === '[') {
            skipWs();
            if (text[i] === ']') return fail(i, 'a comma before "]" is not allowed in JSON (trailing comma)');
          }
          state = top === '{' ? 'key' : 'value';
          break;
        }
        if (ch === close) {
          i += 1;
          stack.pop();
          break;
        }
        if (ch === undefined) return fail(i, `unexpected end of the file: a closing "${close}" is missing`);
        return fail(i, `unexpected ${describeChar(ch)}: expected "," or "${close}"`);
      }
    }
  }
}
