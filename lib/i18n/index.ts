import * as core from './messages/core';
import * as dashboard from './messages/dashboard';
import * as mask from './messages/mask';
import * as pages from './messages/pages';
import * as consent from './messages/consent';
import * as policy from './messages/policy';
import * as log from './messages/log';

/**
 * English and French strings for every surface. Plain data so that the content script pays for
 * no i18n library; the language follows the browser's (fr* → French, anything else → English).
 */
export type Lang = 'en' | 'fr';

export function pickLang(locale: string | undefined | null): Lang {
  return typeof locale === 'string' && locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

// One file of strings per surface (lib/i18n/messages/*.ts), each with en and a typed fr: a
// missing French string is a compile error. Adding a file: import it and spread it below.
const en = { ...core.en, ...dashboard.en, ...mask.en, ...pages.en, ...consent.en, ...policy.en, ...log.en } as const;

export type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = { ...core.fr, ...dashboard.fr, ...mask.fr, ...pages.fr, ...consent.fr, ...policy.fr, ...log.fr };

const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, fr };

/** Translate; `{name}` placeholders are replaced by `vars` (as text: callers set textContent). */
export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = dictionaries[lang][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
  );
}

export function formatDateTime(lang: Lang, at: number): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(at));
}
