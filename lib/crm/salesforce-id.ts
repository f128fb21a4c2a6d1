/**
 * Salesforce record IDs. A 15-character ID is case-sensitive; the 18-character form appends a
 * 3-character checksum of the letter case, so keys built from it survive case-folding tools.
 * Every ID the extension stores is the 18-character form.
 */

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID15 = /^[A-Za-z0-9]{15}$/;
const ID18 = /^[A-Za-z0-9]{15}[A-Z0-5]{3}$/;

/** The 3-character case checksum of a 15-character ID (caller checks the shape). */
function checksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i; // bit i set when character i of the chunk is A–Z
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/** `a0BA0000000L2ZC` → `a0BA0000000L2ZCMA0`. Throws a TypeError unless given 15 ASCII letters/digits. */
export function to18(id15: string): string {
  if (!ID15.test(id15)) throw new TypeError('a 15-character Salesforce ID has 15 ASCII letters or digits');
  return id15 + checksum(id15);
}

/** 15 → 18 characters; an 18-character ID is kept only when its checksum is right; else null. */
export function normaliseSalesforceId(id: string): string | null {
  if (ID15.test(id)) return id + checksum(id);
  if (ID18.test(id) && checksum(id.slice(0, 15)) === id.slice(15)) return id;
  return null;
}

/**
 * Key prefixes of standard objects (the first three characters of an ID; case-sensitive: `00E`
 * is UserRole, `00e` Profile). Custom objects get org-specific prefixes (`a0T…`) and are absent.
 */
export const KEY_PREFIXES: Readonly<Record<string, string>> = Object.freeze({
  '001': 'Account',
  '002': 'Note',
  '003': 'Contact',
  '005': 'User',
  '006': 'Opportunity',
  '00D': 'Organization',
  '00E': 'UserRole',
  '00G': 'Group',
  '00O': 'Report',
  '00P': 'Attachment',
  '00Q': 'Lead',
  '00T': 'Task',
  '00U': 'Event',
  '00X': 'EmailTemplate',
  '00a': 'CaseComment',
  '00e': 'Profile',
  '00k': 'OpportunityLineItem',
  '00v': 'CampaignMember',
  '015': 'Document',
  '01Z': 'Dashboard',
  '01s': 'Pricebook2',
  '01t': 'Product2',
  '01u': 'PricebookEntry',
  '02i': 'Asset',
  '02s': 'EmailMessage',
  '068': 'ContentVersion',
  '069': 'ContentDocument',
  '0D5': 'FeedItem',
  '0Q0': 'Quote',
  '0WO': 'WorkOrder',
  '500': 'Case',
  '550': 'Entitlement',
  '701': 'Campaign',
  '800': 'Contract',
  '801': 'Order',
  '802': 'OrderItem',
  '810': 'ServiceContract',
});

/** The standard object an ID belongs to, from its key prefix; null for custom or unknown prefixes. */
export function objectFromIdPrefix(id: string): string | null {
  if (id.length < 3) return null;
  return Object.hasOwn(KEY_PREFIXES, id.slice(0, 3)) ? (KEY_PREFIXES[id.slice(0, 3)] ?? null) : null;
}
