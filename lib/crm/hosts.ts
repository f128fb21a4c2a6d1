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

export const HUBSPOT_MATCHES = ['https://app.hubspot.com/*', 'https://*.hubspot.com/*'] as const;

export const CONTENT_SCRIPT_MATCHES: readonly string[] = [...SALESFORCE_MATCHES, ...HUBSPOT_MATCHES];
