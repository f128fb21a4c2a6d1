/**
 * The CRM hosts the extension runs on. This list is the manifest's host permissions and the
 * content script's matches: never <all_urls>. Adding a CRM means adding its hosts here and an
 * adapter in lib/crm/.
 */
export const SALESFORCE_MATCHES = [
  'https://*.lightning.force.com/*',
  'https://*.my.salesforce.com/*',
  'https://*.my.salesforce-setup.com/*',
] as const;

// HubSpot data centres: app (na1), app-eu1, app-na2, app-na3, app-ap1. Not www.hubspot.com.
export const HUBSPOT_MATCHES = [
  'https://app.hubspot.com/*',
  'https://app-eu1.hubspot.com/*',
  'https://app-na2.hubspot.com/*',
  'https://app-na3.hubspot.com/*',
  'https://app-ap1.hubspot.com/*',
] as const;

// Presets (issue 3, crm-dom.md §1). Dynamics regions crm, crm2 … crm21: a match pattern cannot say `crm*`.
export const DYNAMICS_MATCHES: readonly string[] = ['crm', ...Array.from({ length: 20 }, (_, i) => `crm${i + 2}`)].map(
  (region) => `https://*.${region}.dynamics.com/*`,
);
export const ZOHO_MATCHES: readonly string[] = ['com', 'eu', 'com.au', 'in', 'jp'].map((tld) => `https://crm.zoho.${tld}/*`);
export const PIPEDRIVE_MATCHES: readonly string[] = ['https://*.pipedrive.com/*'];

export const CONTENT_SCRIPT_MATCHES: readonly string[] = [
  ...SALESFORCE_MATCHES,
  ...HUBSPOT_MATCHES,
  ...DYNAMICS_MATCHES,
  ...ZOHO_MATCHES,
  ...PIPEDRIVE_MATCHES,
];
