import { fieldMask } from './mask';
import { pageReport } from './page-report';
import { PAGES_FEATURES } from './pages';
import { recordBadge } from './record-badge';
import { recordExport } from './record-export';
import { instanceBanner } from './instance-banner';
import type { Feature } from './types';

/** Every page feature, in the order they start. Adding one: a file in lib/features and a line here. */
export const FEATURES: readonly Feature[] = [fieldMask, recordBadge, pageReport, ...PAGES_FEATURES, recordExport, instanceBanner];
