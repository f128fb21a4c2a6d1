import type { CrmId, PageKind } from '@/lib/crm/types';
import { PRESET_MATCHES, PRESET_OTHER } from '../pages/preset-urls';

/**
 * Real URL shapes per CRM with the exact page kind they must classify to. Shared by the adapter
 * tests and the cross-rejection tests (every adapter must reject every other adapter's URLs).
 */
export type UrlCase = [url: string, expected: PageKind];

const C = '0035g00000AbCdEAAV';
const A = '0015g00000XyZaBAAV';
const L = '00Q5g00000LeAdXEAV';
const CASE = '5005g00000CaSeQAAV';
const CUSTOM = 'a0T5g00000CuStOEAV';

const sfRecord = (org: string, object: string, id: string): PageKind => ({
  kind: 'record',
  ref: { crm: 'salesforce', org, object, id },
});
const sfRelated = (org: string, object: string, id: string): PageKind => ({
  kind: 'record',
  ref: { crm: 'salesforce', org, object, id },
  related: { crm: 'salesforce', org, object: '' },
});
const sfList = (org: string, object: string): PageKind => ({ kind: 'list', ref: { crm: 'salesforce', org, object } });
const hsRecord = (org: string, object: string, id: string): PageKind => ({
  kind: 'record',
  ref: { crm: 'hubspot', org, object, id },
});
const hsList = (org: string, object: string): PageKind => ({ kind: 'list', ref: { crm: 'hubspot', org, object } });

export const SALESFORCE_MATCHES: UrlCase[] = [
  // My Domain, Lightning
  [`https://acme.lightning.force.com/lightning/r/Contact/${C}/view`, sfRecord('acme', 'Contact', C)],
  [`https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdE/view`, sfRecord('acme', 'Contact', C)],
  [`https://acme.lightning.force.com/lightning/r/Contact/${C}/view/`, sfRecord('acme', 'Contact', C)],
  [`https://acme.lightning.force.com/lightning/r/Contact/${C}/view?0.source=alohaHeader`, sfRecord('acme', 'Contact', C)],
  [`https://ACME.Lightning.Force.com/lightning/r/Contact/${C}/view`, sfRecord('acme', 'Contact', C)],
  [`https://acme-corp.lightning.force.com/lightning/r/Account/${A}/view`, sfRecord('acme-corp', 'Account', A)],
  [`https://acme.lightning.force.com/lightning/r/Contact/${C}/edit`, sfRecord('acme', 'Contact', C)],
  // A related list in full: about the account, and its rows are records of any object of the org.
  [`https://acme.lightning.force.com/lightning/r/Account/${A}/related/Contacts/view`, sfRelated('acme', 'Account', A)],
  [`https://acme.lightning.force.com/lightning/r/Account/${A}/related/AttachedContentDocuments/view`, sfRelated('acme', 'Account', A)],
  // crm-dom.md §1: a custom object's related list after an object-less redirect, and in a console subtab
  [`https://acme.lightning.force.com/lightning/r/${CUSTOM}/related/Notes/view`, sfRelated('acme', '', CUSTOM)],
  [`https://acme.lightning.force.com/lightning/r/Account/${A}/related/Cases/view?ws=%2Flightning%2Fr%2FAccount%2F${A}%2Fview`, sfRelated('acme', 'Account', A)],
  // Sandboxes: enhanced domains (.sandbox partition) and the older form without it
  [`https://acme--uat.sandbox.lightning.force.com/lightning/r/Contact/${C}/view`, sfRecord('acme--uat', 'Contact', C)],
  [`https://acme--uat.lightning.force.com/lightning/r/Contact/${C}/view`, sfRecord('acme--uat', 'Contact', C)],
  [`https://acme--uat.sandbox.my.salesforce.com/lightning/r/Contact/${C}/view`, sfRecord('acme--uat', 'Contact', C)],
  [`https://acme--uat.sandbox.my.salesforce-setup.com/lightning/r/Contact/${C}/view`, sfRecord('acme--uat', 'Contact', C)],
  // Other partitions
  [`https://acme-dev-ed.develop.lightning.force.com/lightning/r/Lead/${L}/view`, sfRecord('acme-dev-ed', 'Lead', L)],
  [`https://acme-dev-ed.develop.my.salesforce.com/lightning/r/Lead/${L}/view`, sfRecord('acme-dev-ed', 'Lead', L)],
  [`https://power-site-1234-dev-ed.scratch.lightning.force.com/lightning/r/Lead/${L}/view`, sfRecord('power-site-1234-dev-ed', 'Lead', L)],
  [`https://acme.trailblaze.lightning.force.com/lightning/r/Lead/${L}/view`, sfRecord('acme', 'Lead', L)],
  [`https://acme.demo.my.salesforce.com/lightning/r/Lead/${L}/view`, sfRecord('acme', 'Lead', L)],
  // *.my.salesforce.com and the setup domain
  [`https://acme.my.salesforce.com/lightning/r/Opportunity/0065g00000OpPtYAAV/view`, sfRecord('acme', 'Opportunity', '0065g00000OpPtYAAV')],
  [`https://acme.my.salesforce-setup.com/lightning/r/User/0055g00000AdMiNAAV/view`, sfRecord('acme', 'User', '0055g00000AdMiNAAV')],
  // No object segment (redirect after save): object from the key prefix, else ''
  [`https://acme.lightning.force.com/lightning/r/${L}/view`, sfRecord('acme', 'Lead', L)],
  [`https://acme.lightning.force.com/lightning/r/00Q5g00000LeAdX/view`, sfRecord('acme', 'Lead', L)],
  [`https://acme.lightning.force.com/lightning/r/${CUSTOM}/view`, sfRecord('acme', '', CUSTOM)],
  // Custom and namespaced objects keep the URL's API name
  [`https://acme.lightning.force.com/lightning/r/Invoice__c/${CUSTOM}/view`, sfRecord('acme', 'Invoice__c', CUSTOM)],
  [`https://acme.lightning.force.com/lightning/r/ns__Thing__c/a0T5g00000CuStO/view`, sfRecord('acme', 'ns__Thing__c', CUSTOM)],
  // A standard key prefix wins over a contradicting object segment (one key per record)
  [`https://acme.lightning.force.com/lightning/r/Account/${C}/view`, sfRecord('acme', 'Contact', C)],
  // Console: ?ws= names the parent workspace tab; the path is the record shown
  [
    `https://acme.lightning.force.com/lightning/r/Case/${CASE}/view?ws=%2Flightning%2Fr%2FAccount%2F${A}%2Fview`,
    sfRecord('acme', 'Case', CASE),
  ],
  [
    `https://acme.lightning.force.com/lightning/r/Contact/${C}/view?ws=%2Flightning%2Fr%2FCase%2F${CASE}%2Fview`,
    sfRecord('acme', 'Contact', C),
  ],
  // Legacy one.app deep links
  [`https://acme.lightning.force.com/one/one.app#/sObject/${C}/view`, sfRecord('acme', 'Contact', C)],
  [`https://acme.lightning.force.com/one/one.app#/sObject/${C}`, sfRecord('acme', 'Contact', C)],
  [`https://acme.my.salesforce.com/one/one.app#/sObject/0035g00000AbCdE/view?a:t=1497`, sfRecord('acme', 'Contact', C)],
  // Classic: the record ID is the whole path (salesforce-classic.test.ts has the rest)
  [`https://acme.my.salesforce.com/0035g00000AbCdE`, sfRecord('acme', 'Contact', C)],
  [`https://acme.my.salesforce.com/${L}?nooverride=1`, sfRecord('acme', 'Lead', L)],
  // List views
  [`https://acme.lightning.force.com/lightning/o/Contact/list?filterName=AllContacts`, sfList('acme', 'Contact')],
  [`https://acme.lightning.force.com/lightning/o/Contact/list?filterName=00B5g00000AbCdEEAV`, sfList('acme', 'Contact')],
  [`https://acme.lightning.force.com/lightning/o/Contact/list`, sfList('acme', 'Contact')],
  [`https://acme.lightning.force.com/lightning/o/Opportunity/home`, sfList('acme', 'Opportunity')],
  [`https://acme--uat.sandbox.lightning.force.com/lightning/o/Invoice__c/list?filterName=Recent`, sfList('acme--uat', 'Invoice__c')],
  [`https://acme.lightning.force.com/one/one.app#/sObject/Contact/home`, sfList('acme', 'Contact')],
];

/** Salesforce hosts, but not a record or list page (or a malformed one). */
export const SALESFORCE_OTHER: string[] = [
  'https://acme.lightning.force.com/lightning/page/home',
  'https://acme.lightning.force.com/lightning/o/Contact/new',
  'https://acme.lightning.force.com/lightning/o/Contact/new?count=1',
  'https://acme.my.salesforce-setup.com/lightning/setup/SetupOneHome/home',
  'https://acme.lightning.force.com/',
  'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAB/view', // wrong checksum
  'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEaav/view', // checksum in lower case
  'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCd/view', // 14
  'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEA/view', // 16
  'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAA/view', // 17
  'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAVX/view', // 19
  'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCd%21/view',
  'https://acme.lightning.force.com/lightning/r/Contact/003/view',
  'https://acme.lightning.force.com/lightning/r/Contact/view',
  `https://acme.lightning.force.com/lightning/r/Contact/${C}`,
  `https://acme.lightning.force.com/lightning/r/Contact/${C}/view/extra`,
  `https://acme.lightning.force.com/lightning/r/Contact/${C}/clone`,
  `https://acme.lightning.force.com/lightning/r/1Contact/${C}/view`,
  `https://acme.lightning.force.com/lightning/r/Con-tact/${C}/view`,
  `https://acme.lightning.force.com/lightning/r/Account/${A}/related/Contacts`,
  `https://acme.lightning.force.com/xlightning/r/Contact/${C}/view`,
  `https://acme.lightning.force.com/lightning/r/Contact/${C}/view`.replace('/lightning/', '/lightning//'),
  'https://acme.lightning.force.com/one/one.app#eyJjb21wb25lbnREZWYiOiJvbmU6YWxvaGFQYWdlIn0=',
  'https://acme.lightning.force.com/one/one.app#/sObject/0035g00000AbCdEAAB/view',
  `https://acme.lightning.force.com/other.app#/sObject/${C}/view`,
  'https://acme.my.salesforce.com/home/home.jsp', // Classic pages that are not a record
  'https://acme.my.salesforce.com/003/o',
  `https://acme.my.salesforce.com/0035g00000AbCdE/e`,
  'https://acme.my.salesforce.com/apex/Foo',
  `http://acme.lightning.force.com/lightning/r/Contact/${C}/view`, // not https
  `https://acme.lightning.force.com:8443/lightning/r/Contact/${C}/view`,
  `https://user:pw@acme.lightning.force.com/lightning/r/Contact/${C}/view`,
];

export const HUBSPOT_MATCHES: UrlCase[] = [
  ['https://app.hubspot.com/contacts/123456/record/0-1/501', hsRecord('123456', '0-1', '501')],
  ['https://app.hubspot.com/contacts/123456/record/0-1/501/', hsRecord('123456', '0-1', '501')],
  ['https://app.hubspot.com/contacts/123456/record/0-1/501/view/1', hsRecord('123456', '0-1', '501')],
  ['https://app.hubspot.com/contacts/123456/record/0-1/501?interaction=note', hsRecord('123456', '0-1', '501')],
  ['https://app.hubspot.com/contacts/123456/record/0-2/6602561637', hsRecord('123456', '0-2', '6602561637')],
  ['https://app.hubspot.com/contacts/123456/record/0-3/15370998420', hsRecord('123456', '0-3', '15370998420')],
  ['https://app.hubspot.com/contacts/123456/record/0-5/2345678901', hsRecord('123456', '0-5', '2345678901')],
  ['https://app.hubspot.com/contacts/123456/record/0-7/9001', hsRecord('123456', '0-7', '9001')],
  ['https://app.hubspot.com/contacts/123456/record/2-1234567/88', hsRecord('123456', '2-1234567', '88')],
  ['https://app-eu1.hubspot.com/contacts/25123456/record/0-1/501', hsRecord('25123456', '0-1', '501')],
  ['https://app-na2.hubspot.com/contacts/243123456/record/0-2/77', hsRecord('243123456', '0-2', '77')],
  ['https://APP.HubSpot.com/contacts/123456/record/0-1/501', hsRecord('123456', '0-1', '501')],
  // Legacy record paths
  ['https://app.hubspot.com/contacts/123456/contact/501', hsRecord('123456', '0-1', '501')],
  ['https://app.hubspot.com/contacts/123456/contact/501/', hsRecord('123456', '0-1', '501')],
  ['https://app.hubspot.com/contacts/123456/company/6602561637', hsRecord('123456', '0-2', '6602561637')],
  ['https://app.hubspot.com/contacts/123456/deal/15370998420/?engagement=1', hsRecord('123456', '0-3', '15370998420')],
  ['https://app-eu1.hubspot.com/contacts/25123456/ticket/2345678901', hsRecord('25123456', '0-5', '2345678901')],
  // Help desk
  ['https://app.hubspot.com/help-desk/123456/view/all/ticket/2345678901', hsRecord('123456', '0-5', '2345678901')],
  ['https://app.hubspot.com/help-desk/123456/ticket/2345678901', hsRecord('123456', '0-5', '2345678901')],
  ['https://app-na2.hubspot.com/help-desk/243123456/view/123/ticket/42/', hsRecord('243123456', '0-5', '42')],
  // Index (list) pages
  ['https://app.hubspot.com/contacts/123456/objects/0-1/views/all/list', hsList('123456', '0-1')],
  ['https://app.hubspot.com/contacts/123456/objects/0-3/views/12345/list', hsList('123456', '0-3')],
  ['https://app.hubspot.com/contacts/123456/objects/0-3/views/all/board', hsList('123456', '0-3')],
  ['https://app.hubspot.com/contacts/123456/objects/2-1234567/views/all/list?query=acme', hsList('123456', '2-1234567')],
  ['https://app-eu1.hubspot.com/contacts/25123456/objects/0-5/views/my_open_tickets/list', hsList('25123456', '0-5')],
  ['https://app-na2.hubspot.com/contacts/243123456/objects/0-2/views/all/list', hsList('243123456', '0-2')],
  ['https://app.hubspot.com/contacts/123456/contacts', hsList('123456', '0-1')],
  ['https://app.hubspot.com/contacts/123456/contacts/list/view/all/', hsList('123456', '0-1')],
  ['https://app.hubspot.com/contacts/123456/companies', hsList('123456', '0-2')],
  ['https://app.hubspot.com/contacts/123456/deals/board/view/all/', hsList('123456', '0-3')],
  ['https://app.hubspot.com/contacts/123456/tickets', hsList('123456', '0-5')],
];

export const HUBSPOT_OTHER: string[] = [
  'https://app.hubspot.com/',
  'https://app.hubspot.com/contacts/123456',
  'https://app.hubspot.com/reports-dashboard/123456/view/1',
  'https://app.hubspot.com/contacts/123456/record/0-1/abc',
  'https://app.hubspot.com/contacts/123456/record/1-1/501',
  'https://app.hubspot.com/contacts/123456/record/0-1',
  'https://app.hubspot.com/contacts/123456/record/0-1/0501',
  'https://app.hubspot.com/contacts/0123456/record/0-1/501',
  'https://app.hubspot.com/contacts/abc/record/0-1/501',
  'https://app.hubspot.com/contacts/123456/person/501',
  'https://app.hubspot.com/contacts/123456/contactsx',
  'https://app.hubspot.com/contacts/123456/objects/0-1/views/all/grid',
  'https://app.hubspot.com/contacts/123456/objects/0-1/views/a%20b/list',
  'https://app.hubspot.com/help-desk/123456/view/all/tickets',
  'https://app.hubspot.com/help-desk/123456/ticket/abc',
  'http://app.hubspot.com/contacts/123456/record/0-1/501',
  'https://app.hubspot.com:8443/contacts/123456/record/0-1/501',
];

/** URLs that no adapter may claim. */
export const JUNK: string[] = [
  `https://evil.com/lightning/r/Contact/${C}/view`,
  `https://acme.lightning.force.com.evil.com/lightning/r/Contact/${C}/view`,
  `https://acme.lightning.force.com@evil.com/lightning/r/Contact/${C}/view`,
  `https://evil.com/?next=https://acme.lightning.force.com/lightning/r/Contact/${C}/view`,
  `https://evil.com/#https://acme.lightning.force.com/lightning/r/Contact/${C}/view`,
  `https://lightning.force.com/lightning/r/Contact/${C}/view`,
  `https://acme.force.com/lightning/r/Contact/${C}/view`,
  `https://acme.my.site.com/lightning/r/Contact/${C}/view`,
  `https://acme.visual.force.com/lightning/r/Contact/${C}/view`,
  `https://acme--uat.vf.force.com/lightning/r/Contact/${C}/view`,
  `https://login.salesforce.com/lightning/r/Contact/${C}/view`,
  `https://na42.salesforce.com/${C}`,
  `https://acme.cs42.my.salesforce.com/lightning/r/Contact/${C}/view`,
  `https://acme.lightning.force.com.mcas.ms/lightning/r/Contact/${C}/view`,
  `https://acme---uat.sandbox.lightning.force.com/lightning/r/Contact/${C}/view`,
  `https://acme--uat--x.sandbox.lightning.force.com/lightning/r/Contact/${C}/view`,
  `https://-acme.lightning.force.com/lightning/r/Contact/${C}/view`,
  `https://acme.unknown.lightning.force.com/lightning/r/Contact/${C}/view`,
  `https://acme.lightning.force.comx/lightning/r/Contact/${C}/view`,
  'https://www.hubspot.com/contacts/123456/record/0-1/501',
  'https://hubspot.com/contacts/123456/record/0-1/501',
  'https://app.hubspot.com.evil.com/contacts/123456/record/0-1/501',
  'https://app-eu1.hubspot.com.evil.com/contacts/123456/record/0-1/501',
  'https://evil.com/contacts/123456/record/0-1/501',
  'https://app-foo.hubspot.com/contacts/123456/record/0-1/501',
  'https://app.hubspotqa.com/contacts/123456/record/0-1/501',
  'https://api.hubapi.com/crm/v3/objects/contacts/501',
  'https://knowledge.hubspot.com/contacts/123456/record/0-1/501',
];

export const MATCHES: Record<CrmId, UrlCase[]> = { salesforce: SALESFORCE_MATCHES, hubspot: HUBSPOT_MATCHES, ...PRESET_MATCHES };
export const OTHER: Record<CrmId, string[]> = { salesforce: SALESFORCE_OTHER, hubspot: HUBSPOT_OTHER, ...PRESET_OTHER };
