import { defineConfig } from 'wxt';
import tailwindcss from '@tailwindcss/vite';
import { CONTENT_SCRIPT_MATCHES } from './lib/crm/hosts';

// Host permissions list the CRM hosts only (never <all_urls>): see lib/crm/hosts.ts.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  // CPG_OUT_DIR lets parallel builds (several developers on one machine) keep apart.
  outDir: process.env.CPG_OUT_DIR || '.output',
  vite: () => ({
    plugins: [tailwindcss()],
  }),
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
    // embed it but never read or drive it. Exposed to the CRM hosts only.
    // reveal.html is the reason dialog of field masking, framed the same way.
    web_accessible_resources: [{ resources: ['popup.html', 'reveal.html'], matches: [...CONTENT_SCRIPT_MATCHES] }],
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
