import * as badge from './messages/badge';
import * as pages from './messages/pages';
import { translator } from './translate';

/**
 * The strings of the page features loaded on demand (crm-features.js: record badge, in-page panel,
 * retention warnings, list row markers, instance banner). Extension pages use lib/i18n (every surface).
 */
export { pickLang, type Lang } from './translate';

const en = { ...badge.en, ...pages.en } as const;

export type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = { ...badge.fr, ...pages.fr };

export const t = translator<MessageKey>({ en, fr });
