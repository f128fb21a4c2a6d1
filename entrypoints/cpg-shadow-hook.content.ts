import { defineContentScript } from 'wxt/utils/define-content-script';
import { CONTENT_SCRIPT_MATCHES } from '@/lib/crm/hosts';
import { installAttachShadowHook } from '@/lib/dom/shadow-attach';

/**
 * content-scripts/cpg-shadow-hook.js: the page's own world (MAIN), at document_start, before the page's
 * scripts, on the same pages as crm.content. It only wraps `attachShadow` so that the isolated world
 * hears of each new shadow root before the page fills it (lib/dom/shadow-attach.ts): no DOM text, no
 * messaging, no extension API (none exists in this world). Chrome 111+ and Firefox 128+ (our
 * strict_min_version) support `world: "MAIN"` in content_scripts. Custom domains register it too
 * (entrypoints/background/site-scripts.ts).
 */
export default defineContentScript({
  matches: [...CONTENT_SCRIPT_MATCHES],
  runAt: 'document_start',
  allFrames: false,
  world: 'MAIN',
  // An anonymous IIFE: no `var cpgShadowHook` left on the page's window for its scripts to see.
  globalName: false,
  main() {
    installAttachShadowHook(window);
  },
});
