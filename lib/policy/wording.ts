/**
 * Problems found in a policy carry a catalogue key and params (lib/i18n/messages/problems.ts) next
 * to their English `message`, so that extension pages show them in the user's language
 * (errorText(lang, problem)). zod keeps only a message string per issue: `word` words the English
 * text and remembers which key and params gave it, and `keyOf` finds them again from the text.
 * Texts worded while a validation runs are remembered for that run only (`collecting`).
 */
import { errorMessage, type ErrorKey, type ErrorParams } from '../i18n/error-text';

export interface Worded {
  key: ErrorKey;
  params?: ErrorParams;
}

/** Texts worded outside a run (the schema's fixed messages, built once); bounded all the same. */
const fixed = new Map<string, Worded>();
const MAX_FIXED = 2000;
let current: Map<string, Worded> | undefined;

function worded(key: ErrorKey, params?: ErrorParams): Worded {
  return params === undefined ? { key } : { key, params };
}

/** The English text of a problem, remembered with its key and params. */
export function word(key: ErrorKey, params?: ErrorParams): string {
  const text = errorMessage('en', key, params);
  if (current) current.set(text, worded(key, params));
  else if (fixed.size < MAX_FIXED) fixed.set(text, worded(key, params));
  return text;
}

/** A name in both languages, as a parameter of another problem (the i18n module's `bothLangs`). */
export { bothLangs as both } from '../i18n/error-text';

/** A problem at a path, worded from the catalogue. */
export function problem(path: string, key: ErrorKey, params?: ErrorParams): { path: string; message: string } & Worded {
  return { path, message: errorMessage('en', key, params), ...worded(key, params) };
}

/** The key and params that gave this English text, if it was worded here. */
export function keyOf(message: string): Worded | undefined {
  return current?.get(message) ?? fixed.get(message);
}

/** Adds the key and params to a problem that has only its English text (when known). */
export function withKey<T extends { message: string; key?: string }>(p: T): T {
  if (p.key !== undefined) return p;
  const found = keyOf(p.message);
  return found ? { ...p, ...found } : p;
}

/** Runs a (synchronous) validation, remembering the texts it words until it returns. */
export function collecting<T>(run: () => T): T {
  if (current) return run();
  current = new Map();
  try {
    return run();
  } finally {
    current = undefined;
  }
}
