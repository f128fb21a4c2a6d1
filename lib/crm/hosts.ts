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

export const CONTENT_SCRIPT_MATCHES: readonly string[] = [...SALESFORCE_MATCHES, ...HUBSPOT_MATCHES];
