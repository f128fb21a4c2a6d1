import * as core from './messages/core';
import * as badge from './messages/badge';
import * as dashboard from './messages/dashboard';
import * as maskPage from './messages/mask-page';
import * as mask from './messages/mask';
import * as pages from './messages/pages';
import * as sites from './messages/sites';
import * as consent from './messages/consent';
import * as policy from './messages/policy';
import * as log from './messages/log';
import * as errors from './messages/errors';
import * as problems from './messages/problems';
import { translator, type Lang } from './translate';

/**
 * English and French strings for every surface (extension pages and the background). Plain data so
 * that no i18n library ships. Content scripts import lib/i18n/content.ts or page.ts instead: only
 * the strings shown in the CRM page (size budget, README § Performance).
 */
export { pickLang, type Lang } from './translate';
export { errorInfo, errorText, type ErrorInfo } from './error-text';

// One file of strings per surface (lib/i18n/messages/*.ts), each with en and a typed fr: a
// missing French string is a compile error. Adding a file: import it and spread it below (and in
// tests/unit/i18n/i18n.test.ts).
const en = {
  ...core.en,
  ...badge.en,
  ...dashboard.en,
  ...maskPage.en,
  ...mask.en,
  ...pages.en,
  ...sites.en,
  ...consent.en,
  ...policy.en,
  ...log.en,
  ...errors.en,
  ...problems.en,
} as const;

export type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = {
  ...core.fr,
  ...badge.fr,
  ...dashboard.fr,
  ...maskPage.fr,
  ...mask.fr,
  ...pages.fr,
  ...sites.fr,
  ...consent.fr,
  ...policy.fr,
  ...log.fr,
  ...errors.fr,
  ...problems.fr,
};

/** Translate; `{name}` placeholders are replaced by `vars` (as text: callers set textContent). */
export const t = translator<MessageKey>({ en, fr });

/**
 * One formatter per language, made on first use: building an `Intl.DateTimeFormat` costs far more
 * than formatting with one, and the log table formats a cell per row on every render.
 */
const dateTimeFormats = new Map<Lang, Intl.DateTimeFormat>();

export function formatDateTime(lang: Lang, at: number): string {
  let format = dateTimeFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    dateTimeFormats.set(lang, format);
  }
  return format.format(new Date(at));
}
