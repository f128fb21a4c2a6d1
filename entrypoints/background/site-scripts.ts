import { browser } from 'wxt/browser';
import { DEFAULT_SITES, siteMatchPatterns } from '@/lib/crm/sites';
import type { Policy } from '@/lib/policy/schema';

/** Id of the one dynamically registered content script (custom domains granted at runtime). */
export const SITE_SCRIPT_ID = 'cpg-sites';
/** The built CRM content script (WXT names it after entrypoints/crm.content). */
const CONTENT_SCRIPT_FILE = 'content-scripts/crm.js';
/** Its manifest stylesheet: hides candidate field values until masking has checked them (before paint). */
const CONTENT_STYLE_FILE = 'content-scripts/crm.css';

/**
 * Registers the CRM content script on the policy's custom hosts that the user granted (optional
 * host permissions, asked for from the dashboard on a click), and only those: a host in the policy
 * but not granted gets nothing. Called at start-up and whenever a permission is granted or removed.
 */
export async function syncSiteScripts(policy: Policy): Promise<string[]> {
  const patterns = siteMatchPatterns(policy.sites ?? DEFAULT_SITES);
  const granted: string[] = [];
  for (const origin of patterns) {
    if (await browser.permissions.contains({ origins: [origin] })) granted.push(origin);
  }
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SITE_SCRIPT_ID] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SITE_SCRIPT_ID] });
  if (granted.length > 0) {
    await browser.scripting.registerContentScripts([
      { id: SITE_SCRIPT_ID, matches: granted, js: [CONTENT_SCRIPT_FILE], css: [CONTENT_STYLE_FILE], runAt: 'document_start', allFrames: false, persistAcrossSessions: true },
    ]);
  }
  return granted;
}
