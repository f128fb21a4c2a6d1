import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { registerLazyFeatures } from '@/lib/features/lazy';
import { LAZY_FEATURES } from '@/lib/features/lazy-features';

/**
 * crm-lazy.js: the page features loaded on demand (record badge, panel, export, retention warnings,
 * list-row markers, instance banner). Not in the manifest: the background runs it in the isolated
 * world of a CRM page whose content script asked (`features.load`, handlers/features.ts), and it
 * hands its features to that content script's runner. Without the content script it does nothing.
 */
export default defineUnlistedScript(() => {
  registerLazyFeatures(LAZY_FEATURES);
});
