import { pageReport } from './page-report';
import { recordBadge } from './record-badge';
import type { Feature } from './types';

/** Every page feature, in the order they start. Adding one: a file in lib/features and a line here. */
export const FEATURES: readonly Feature[] = [recordBadge, pageReport];
