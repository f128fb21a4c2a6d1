// Hand-written types for data.mjs (keep the two in step).

export declare const SF_ORG: string;
export declare const SF_ORIGIN: string;
export interface HsPortal {
  readonly origin: string;
  readonly portalId: string;
  readonly label: string;
}
export declare const HS_PORTALS: readonly HsPortal[];

/** 15- or 18-character id → 18 characters (throws on a malformed id or a wrong suffix). */
export declare function sfId18(id: string): string;

export interface Address {
  street: string;
  city: string;
  state?: string;
  postalCode: string;
  country: string;
}
export interface SfAccount {
  id: string;
  name: string;
  phone: string;
  website: string;
  industry: string;
  billing: Address;
}
export interface SfContact {
  id: string;
  salutation: string;
  firstName: string;
  lastName: string;
  title: string;
  accountId: string;
  email: string;
  phone: string;
  mobile: string;
  /** yyyy-mm-dd */
  birthdate: string;
  leadSource: string;
  mailing: Address;
  description: string;
  /** Custom field Health_Notes__c ('' when empty). */
  healthNotes: string;
  createdDate: string;
}
export interface SfLead {
  id: string;
  salutation: string;
  firstName: string;
  lastName: string;
  title: string;
  company: string;
  status: string;
  email: string;
  phone: string;
  leadSource: string;
  address: Address;
  description: string;
  createdDate: string;
}
export interface HsContact {
  portalId: string;
  id: string;
  firstname: string;
  lastname: string;
  email: string;
  phone: string;
  jobtitle: string;
  company: string;
  /** yyyy-mm-dd */
  date_of_birth: string;
  address: string;
  city: string;
  zip: string;
  country: string;
  lifecyclestage: string;
  /** Option label, e.g. 'Performance of a contract'; absent on some contacts. */
  hs_legal_basis?: string;
  message?: string;
  health_notes?: string;
  note: string;
}

export declare const sfAccounts: readonly SfAccount[];
export declare const sfContacts: readonly SfContact[];
export declare const sfLeads: readonly SfLead[];
export declare const HS_LEGAL_BASIS: Readonly<Record<'prospect' | 'client' | 'contract' | 'consent', string>>;
export declare const hsContacts: readonly HsContact[];

export declare function sfAccountById(id: string): SfAccount | undefined;
export declare function sfFullName(p: { salutation?: string; firstName: string; lastName: string }): string;
export declare function sfFormalName(p: { salutation?: string; firstName: string; lastName: string }): string;
export declare function hsFullName(c: HsContact): string;
