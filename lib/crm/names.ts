import type { CrmId } from './types';

/**
 * The CRMs by their product names (the same in every language): the popup's record, the badge's
 * "from HubSpot", the access log's CRM filter and column. A CRM described in policy (`custom`) has
 * no product name here: each surface says it in its own words.
 */
const CRM_NAMES: Readonly<Record<Exclude<CrmId, 'custom'>, string>> = {
  salesforce: 'Salesforce',
  hubspot: 'HubSpot',
  dynamics365: 'Dynamics 365',
  zoho: 'Zoho CRM',
  pipedrive: 'Pipedrive',
};

/** The product name of a CRM id, or undefined (`custom`, or a code this version does not know). */
export function crmName(crm: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(CRM_NAMES, crm) ? CRM_NAMES[crm as keyof typeof CRM_NAMES] : undefined;
}
