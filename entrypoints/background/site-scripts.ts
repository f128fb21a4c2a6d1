import { browser } from 'wxt/browser';
import { DEFAULT_SITES, siteMatchPatterns } from '@/lib/crm/sites';
import type { Policy } from '@/lib/policy/schema';

/** Id of the dynamically registered CRM content script (custom domains granted at runtime). */
export const SITE_SCRIPT_ID = 'cpg-sites';
/** Id of its MAIN-world companion (attachShadow hook, lib/dom/shadow-attach.ts), same hosts. */
export const SITE_HOOK_ID = 'cpg-sites-hook';
/** The built MAIN-world script (entrypoints/cpg-shadow-hook.content.ts). */
const HOOK_SCRIPT_FILE = 'content-scripts/cpg-shadow-hook.js';
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
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SITE_SCRIPT_ID, SITE_HOOK_ID] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
  if (granted.length > 0) {
    await browser.scripting.registerContentScripts([
      { id: SITE_SCRIPT_ID, matches: granted, js: [CONTENT_SCRIPT_FILE], css: [CONTENT_STYLE_FILE], runAt: 'document_start', allFrames: false, persistAcrossSessions: true },
    ]);
    // Apart, so that a browser refusing `world` still gets the content script (masking then relies on its walk and poll).
    await browser.scripting
      .registerContentScripts([
        { id: SITE_HOOK_ID, matches: granted, js: [HOOK_SCRIPT_FILE], runAt: 'document_start', allFrames: false, persistAcrossSessions: true, world: 'MAIN' },
      ])
      .catch(() => undefined);
  }
  return granted;
}
