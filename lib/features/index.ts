import { listOf } from '@/lib/crm/types';
import { lazyFeature } from './lazy';
import { fieldMask } from './mask';
import { pageReport } from './page-report';
import type { Feature } from './types';

/**
 * Every page feature, in the order they start (the runner of content-scripts/crm.js). Masking and the
 * page report ship in the content script on every CRM page: masking must act before paint. The
 * others are stand-ins for the features of crm-lazy.js (lib/features/lazy-features.ts), loaded on
 * the pages that need them. Adding a feature: a file in lib/features, then a line here (and, when
 * loaded on demand, in lazy-features.ts: a unit test keeps both lists in step).
 */
export const FEATURES: readonly Feature[] = [
  fieldMask,
  lazyFeature('record-badge', ['record']),
  pageReport,
  lazyFeature('retention', ['record']),
  // On record pages only when they show a related list in full (listOf in lib/crm/types.ts).
  lazyFeature('list-rows', ['list', 'record'], async ({ page }) => listOf(page) !== undefined),
  lazyFeature('record-export', ['record']),
  // The banner only where the background says this instance is not approved (most pages never load it),
  // asked once the page has loaded.
  lazyFeature('instance-banner', ['record', 'list', 'other'], async (ctx) => (await ctx.send('instance.check', { url: ctx.url })).verdict === 'not-approved', { decideAfterLoad: true }),
];
