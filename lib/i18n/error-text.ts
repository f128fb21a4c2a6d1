import * as errors from './messages/errors';
import * as problems from './messages/problems';
import { translator, type Lang } from './translate';

/**
 * The one way an extension page turns a refusal of the background into text. An error answer
 * carries the English `message` (logs, old callers) and, when the background worded it from
 * lib/i18n/messages/errors.ts, its `key` and `params`: the page shows that key in its language,
 * and the English message when the key is absent or unknown to this catalogue.
 */
export type ErrorKey = keyof typeof errors.en | keyof typeof problems.en;

// Refusals of the background and problems found in a policy (validation): one catalogue for errorText.
const catalogueEn = { ...errors.en, ...problems.en } as const;
const catalogueFr: Record<ErrorKey, string> = { ...errors.fr, ...problems.fr };

/** A parameter is text as is, or text in both languages (a name from the catalogue or the data, e.g. a law). */
export type ErrorParam = string | number | Readonly<Record<Lang, string>>;
export type ErrorParams = Readonly<Record<string, ErrorParam>>;

/** What a page keeps of a failure (serialisable UI state). */
export interface ErrorInfo {
  message: string;
  key?: string;
  params?: ErrorParams;
}

const translate = translator<ErrorKey>({ en: catalogueEn, fr: catalogueFr });

export function isErrorKey(key: unknown): key is ErrorKey {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(catalogueEn, key);
}

/** A catalogue text in both languages, to pass as a parameter of another (a name, a law, a list). */
export function bothLangs(key: ErrorKey, params?: ErrorParams): Record<Lang, string> {
  return { en: errorMessage('en', key, params), fr: errorMessage('fr', key, params) };
}

/** The text of a refusal in one language (the background words its English `message` with it). */
export function errorMessage(lang: Lang, key: ErrorKey, params: ErrorParams = {}): string {
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) vars[name] = typeof value === 'object' ? value[lang] : value;
  return translate(lang, key, vars);
}

function validParams(params: unknown): params is ErrorParams {
  if (params === undefined) return true;
  if (!params || typeof params !== 'object') return false;
  return Object.values(params).every(
    (v) => typeof v === 'string' || typeof v === 'number' || (!!v && typeof v === 'object' && typeof (v as Record<string, unknown>).en === 'string' && typeof (v as Record<string, unknown>).fr === 'string'),
  );
}

/** What to keep of a thrown value: the message, and the key and params when it carries them (MessageError). */
export function errorInfo(error: unknown): ErrorInfo {
  if (!(error instanceof Error)) return { message: String(error) };
  const { key, params } = error as Error & { key?: unknown; params?: unknown };
  return {
    message: error.message,
    ...(typeof key === 'string' ? { key } : {}),
    ...(typeof key === 'string' && params !== undefined && validParams(params) ? { params } : {}),
  };
}

/** The text to show for a failure (a thrown value or a kept ErrorInfo): in `lang` when its key is known, else its message. */
export function errorText(lang: Lang, error: unknown): string {
  const info = isInfo(error) ? error : errorInfo(error);
  if (!isErrorKey(info.key) || !validParams(info.params)) return info.message;
  return errorMessage(lang, info.key, info.params);
}

function isInfo(value: unknown): value is ErrorInfo {
  return !(value instanceof Error) && !!value && typeof value === 'object' && typeof (value as ErrorInfo).message === 'string';
}
