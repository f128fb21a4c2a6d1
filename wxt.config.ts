import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import tailwindcss from '@tailwindcss/vite';
import { CONTENT_SCRIPT_MATCHES } from './lib/crm/hosts';

/** wxt/browser as WXT ships it: `globalThis.browser` (Firefox) or `chrome` (Chrome MV3, promise-based). */
const NATIVE_BROWSER = createRequire(import.meta.url).resolve('wxt/browser');
/** Our content-script context in place of WXT's (see the file): nothing announced to the page. */
const SCRIPT_CONTEXT = fileURLToPath(new URL('./lib/features/script-context.ts', import.meta.url));

// Host permissions list the CRM hosts only (never <all_urls>): see lib/crm/hosts.ts.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  // CPG_OUT_DIR lets parallel builds (several developers on one machine) keep apart.
  outDir: process.env.CPG_OUT_DIR || '.output',
  vite: () => ({
    plugins: [tailwindcss()],
  }),
  hooks: {
    // Size budget (benchmark #8): the content scripts (crm.js on every CRM page, crm-lazy.js) take the
    // browser's own promise-based `browser`/`chrome` (wxt/browser without the module's alias) instead
    // of webextension-polyfill, 10 KB minified; the background and extension pages keep the polyfill.
    // They also take lib/features/script-context.ts for WXT's content-script context.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.type === 'content-script' || e.type === 'unlisted-script')) return;
      const alias = config.resolve?.alias;
      const entries = Array.isArray(alias) ? alias : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement }));
      config.resolve = {
        ...config.resolve,
        alias: [
          { find: /^wxt\/browser$/, replacement: NATIVE_BROWSER },
          { find: /^wxt\/utils\/content-script-context$/, replacement: SCRIPT_CONTEXT },
          ...entries,
        ],
      };
    },
  },
  manifest: ({ browser }) => ({
    name: 'CRM Privacy Guard',
    description:
      'Lawful-basis badges, field masking, retention warnings and a tamper-evident access log on top of hosted CRMs. Nothing leaves your machine.',
    permissions: ['storage', 'tabs', 'alarms', 'unlimitedStorage', 'scripting'],
    host_permissions: [...CONTENT_SCRIPT_MATCHES],
    // Custom domains from the policy (issue 3): asked for at runtime, one host at a time, never granted at install.
    optional_host_permissions: ['https://*/*'],
    // Policy deployment (issue 6): what browser management may set (storage.managed); see docs/deploy.md.
    // The signed-bundle URL's host is also asked for from the dashboard through optional_host_permissions.
    // Firefox takes managed values from policies.json (3rdparty.Extensions) and has no manifest key for a schema.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    icons: { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' },
    options_ui: { page: 'dashboard.html', open_in_tab: true },
    action: { default_title: 'CRM Privacy Guard', default_icon: { 16: 'icons/16.png', 32: 'icons/32.png' } },
    // The in-page record panel is the popup page in an extension-origin frame: the CRM page can
    // embed it but never read or drive it. reveal.html is the reason dialog of field masking, framed
    // the same way. Custom domains are granted at runtime and a manifest cannot list them, so the
    // two pages are exposed to https://*/*; in Chrome only through the dynamic URL (a per-session id
    // that runtime.getURL returns), so that no site can frame or probe them through the fixed
    // extension id. Firefox does not support use_dynamic_url, so its build leaves it out (there the
    // moz-extension UUID is random per install).
    // See README § Record pages (custom domains).
    web_accessible_resources: [
      browser === 'firefox'
        ? { resources: ['popup.html', 'reveal.html'], matches: ['https://*/*'] }
        : { resources: ['popup.html', 'reveal.html'], matches: ['https://*/*'], use_dynamic_url: true },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'crm-privacy-guard@example.org',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
          // MV2 has no optional_host_permissions: custom domains are optional permissions there.
          optional_permissions: ['https://*/*'],
        }
      : {}),
  }),
});
