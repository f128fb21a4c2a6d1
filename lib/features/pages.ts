import { listRows } from './list-rows';
import { retention } from './retention';
import type { Feature } from './types';

/** The pages features of issue 3 (retention warnings, list row markers), listed once in lib/features/index.ts. */
export const PAGES_FEATURES: readonly Feature[] = [retention, listRows];
