import { pickLang, type Lang } from '@/lib/i18n';

/**
 * The language of a page of ours framed in a CRM page (the in-page panel, the reveal dialog): the
 * content script passes the CRM page's language as `lang=en|fr` in the frame's URL, because the
 * frame's own navigator can differ from the page's (per-page language settings or emulation).
 * Anything else in `lang` is ignored; without it, the browser's language as before.
 */
export function langFromUrl(search: string, browserLanguage: string): Lang {
  const asked = new URLSearchParams(search).get('lang');
  return asked === 'en' || asked === 'fr' ? asked : pickLang(browserLanguage);
}
