/** Shared shapes of the CRM adapters. Everything read from a page is untrusted input. */

/** `custom`: a CRM described entirely in the policy (lib/crm/generic.ts). */
export type CrmId = 'salesforce' | 'hubspot' | 'dynamics365' | 'zoho' | 'pipedrive' | 'custom';

/** One CRM record, as the extension keys it. `id` is normalised (Salesforce: 18 characters). */
export interface RecordRef {
  crm: CrmId;
  /** Org key from the host or path: Salesforce My Domain (`acme`, `acme--uat`), HubSpot portal id. */
  org: string;
  /** Salesforce object API name (`Contact`), HubSpot object type id (`0-1`). `''` when unknown from the URL. */
  object: string;
  id: string;
}

export interface ListRef {
  crm: CrmId;
  org: string;
  object: string;
}

export type PageKind =
  /**
   * `related`: the page is one of the record's related lists in full (Salesforce
   * `/lightning/r/{Obj}/{id}/related/{Rel}/view`): it is about the record, and its rows are records too.
   */
  | { kind: 'record'; ref: RecordRef; related?: ListRef }
  | { kind: 'list'; ref: ListRef }
  | { kind: 'other' };

/** A labelled field found on a record page. */
export interface FieldInfo {
  /** Adapter field key: `sfdc:RecordField.Contact.Email`, HubSpot property name `email`. */
  key: string;
  /** Label as shown on the page (trimmed). */
  label: string;
  /** The element that shows the value (what a mask covers). */
  valueEl: Element;
  /** Reads the value as displayed (inputs: `.value`; else text without assistive text). */
  readValue(): string;
  /**
   * The value belongs to another record shown on this page (a related list's cell): masking covers
   * it, but nothing reads it as this record's own data (retention dates, lifecycle).
   */
  otherRecord?: true;
}

export interface TitleInfo {
  /** The element holding the record name. */
  el: Element;
  text: string;
  /** Where a badge goes: inserted right after this element (in the document's light DOM when possible). */
  anchor: Element;
}

/** A record row in a list view. */
export interface RowInfo {
  ref: RecordRef;
  /** The row element (a marker styles or annotates it). */
  row: Element;
  /** Where a row marker goes: the name cell's link when there is one, else the row. */
  anchor: Element;
}

export interface CrmAdapter {
  id: CrmId;
  /** Human name, for the UI. */
  name: string;
  /** True when the host belongs to this CRM (pure). */
  matchesHost(host: string): boolean;
  /** Pure URL classification. */
  classify(url: URL): PageKind;
  /** The container of the page the user sees now (Salesforce keeps stale pages in the DOM). */
  activeRoot(doc: Document): ParentNode | null;
  /** The record title in the active page, or null when the page has not rendered it (yet). */
  findTitle(root: ParentNode): TitleInfo | null;
  /** The labelled fields in the active page. */
  findFields(root: ParentNode): FieldInfo[];
  /**
   * A selector for what can hold a field (a field or its value), when the masking hints
   * (FIELD_HINTS in lib/features/mask.ts) do not name it: a CRM described in policy. Masking's
   * observer then checks a batch of mutations that adds one before the next paint.
   */
  fieldHint?: string;
  /** Object API name read from the DOM when the URL does not carry it; null when not found. */
  objectFromDom?(root: ParentNode): string | null;
  /** The record rows rendered in a list view (virtualised tables render only some). */
  findRows?(root: ParentNode, list: ListRef): RowInfo[];
}

/**
 * The list whose rows a page shows: a list view's, or the related list a record page shows in full
 * (also for the background's record of a tab, which has the same shape).
 */
export function listOf(page: { kind: 'list'; ref: ListRef } | { kind: 'record'; related?: ListRef } | { kind: 'other' }): ListRef | undefined {
  return page.kind === 'list' ? page.ref : page.kind === 'record' ? page.related : undefined;
}

/** Key prefix per CRM; the first two are stored keys already, never change them. */
export const RECORD_KEY_PREFIX: Readonly<Record<CrmId, string>> = {
  salesforce: 'sf',
  hubspot: 'hs',
  dynamics365: 'd365',
  zoho: 'zoho',
  pipedrive: 'pd',
  custom: 'cx',
};

/** `sf:{org}:{object}:{id18}`, `hs:{portal}:{objectType}:{id}`, `d365:{host}:{etn}:{guid}`, `zoho:…`, `pd:…`. */
export function recordKey(ref: RecordRef): string {
  return `${RECORD_KEY_PREFIX[ref.crm]}:${ref.org}:${ref.object}:${ref.id}`;
}

/**
 * What the key of every record a list shows starts with (same CRM, org and object). A list whose
 * object the URL does not name (a related list: `Contacts` names a relationship, not an object)
 * can show records of any object of its org.
 */
export function listKeyPrefix(list: ListRef): string {
  if (!list.object) return `${RECORD_KEY_PREFIX[list.crm]}:${list.org}:`;
  return recordKey({ crm: list.crm, org: list.org, object: list.object, id: '' });
}
