import { listRows } from './list-rows';
import { retention } from './retention';
import type { Feature } from './types';

/** The pages features of issue 3 (retention warnings, list row markers), loaded on demand (lib/features/lazy-features.ts). */
export const PAGES_FEATURES: readonly Feature[] = [retention, listRows];
