/**
 * The translation function and the language choice, with no strings: each bundle builds its `t`
 * over the message files it shows (lib/i18n/index.ts every surface; content.ts and page.ts the
 * CRM page's), so that a content script carries only its own strings.
 */
export type Lang = 'en' | 'fr';

/** The language follows the browser's: fr* → French, anything else → English. */
export function pickLang(locale: string | undefined | null): Lang {
  return typeof locale === 'string' && locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export type Translate<K extends string> = (lang: Lang, key: K, vars?: Record<string, string | number>) => string;

/** `t` over one set of dictionaries; `{name}` placeholders are replaced by `vars` (as text: callers set textContent). */
export function translator<K extends string>(dictionaries: Record<Lang, Record<K, string>>): Translate<K> {
  return (lang, key, vars = {}) =>
    dictionaries[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
    );
}
