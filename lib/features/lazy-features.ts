import { instanceBanner } from './instance-banner';
import { PAGES_FEATURES } from './pages';
import { recordBadge } from './record-badge';
import { recordExport } from './record-export';
import type { Feature } from './types';

/**
 * The features of crm-lazy.js, loaded on demand on the pages that need them (lib/features/lazy.ts).
 * Each has its always-loaded stand-in in lib/features/index.ts, with the same id and page kinds.
 */
export const LAZY_FEATURES: readonly Feature[] = [recordBadge, ...PAGES_FEATURES, recordExport, instanceBanner];
