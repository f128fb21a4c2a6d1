import * as maskPage from './messages/mask-page';
import { translator } from './translate';

/**
 * The strings of the always-loaded content script (content-scripts/crm.js, on every CRM page): field
 * masking only. Everything else it would need is loaded on demand (lib/i18n/page.ts); the budget
 * test (tests/unit/features/bundle-graph.test.ts) fails if this script reaches another message file.
 */
export { pickLang, type Lang } from './translate';

export type MessageKey = keyof typeof maskPage.en;

export const t = translator<MessageKey>({ en: maskPage.en, fr: maskPage.fr });
