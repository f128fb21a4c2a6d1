/**
 * What the extension keeps about a person's consents, notices, jurisdiction and requests. All of
 * it lives beside the record (RecordRow.privacy, append-only lists) or in the `requests` table
 * (schema version 3); none of it is a CRM field value.
 */
import type { BasisLetter } from '@/lib/law/bases';
import type { RequestKind } from '@/lib/law/deadlines';
import type { JurisdictionId } from '@/lib/law/rights';
import type { BasisEntry, RecordRow } from '@/lib/db/schema';
import type { CrmId } from '@/lib/crm/types';

export const CONSENT_CHANNELS = ['email', 'phone', 'post', 'sms'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** How consent was collected (Art. 7(1) proof). */
export const CONSENT_METHODS = ['form', 'call', 'event', 'import'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** How a withdrawal reached us. */
export const WITHDRAWAL_METHODS = ['form', 'call', 'email', 'unsubscribe-link', 'in-person'] as const;
export type WithdrawalMethod = (typeof WITHDRAWAL_METHODS)[number];

export const IDENTITY_CHECKS = ['known-contact', 'account-login', 'email-confirmation', 'id-document', 'other'] as const;
export type IdentityCheck = (typeof IDENTITY_CHECKS)[number];

export const DATA_SOURCES = ['direct', 'indirect'] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

/** One consent event; the current state of a purpose+channel is its latest event. Never edited. */
export interface ConsentEntry {
  purposeId: string;
  channel: ConsentChannel;
  action: 'given' | 'withdrawn';
  /** The calendar date it happened (YYYY-MM-DD), as the user states it. */
  on: string;
  method: ConsentMethod | WithdrawalMethod;
  /** Given only: the wording shown, or the privacy-notice version it referred to. */
  wording?: string;
  /** Given only: the date the double opt-in was confirmed. */
  doubleOptInOn?: string;
  /** When it was logged, and by whom. */
  at: number;
  actor: string;
  policyVersion: string;
}

export interface NoticeEntry {
  version: string;
  /** Calendar date the notice was given. */
  on: string;
  /** Art. 13 (collected from the person) or Art. 14 (from elsewhere). */
  article: '13' | '14';
  at: number;
  actor: string;
}

export interface SubjectEntry {
  jurisdiction: JurisdictionId;
  source: DataSource;
  /** When the data was obtained (starts the Art. 14(3)(a) month for an indirect source). */
  obtainedOn: string;
  at: number;
  actor: string;
}

export const CRM_FLAGS = ['dont-process', 'dont-market', 'forget'] as const;
export type CrmFlag = (typeof CRM_FLAGS)[number];

/** What the CRM page itself says (read by the content script): letters and flags, never values. */
export interface CrmSignals {
  crm: CrmId;
  letters: BasisLetter[];
  notApplicable: boolean;
  flags: CrmFlag[];
  /** The field keys the signals were read from. */
  fieldKeys: string[];
  at: number;
}

/** An open request as the badge needs it (denormalised from the requests table, same transaction). */
export interface OpenRequestRef {
  id: string;
  kind: RequestKind;
  dueDate?: string;
}

export interface RecordPrivacy {
  consents: ConsentEntry[];
  notices: NoticeEntry[];
  subject: SubjectEntry[];
  crm?: CrmSignals;
  openRequests: OpenRequestRef[];
}

/** A basis entry with the reference the law asks for: LIA for (f), contract for (b), the law for (c). */
export type BasisEntryWithRef = BasisEntry & { reference?: string };

/** A record row as this feature stores it: the foundation's row plus `privacy`. */
export type PrivacyRecordRow = RecordRow & { privacy?: RecordPrivacy; bases: BasisEntryWithRef[] };

export function emptyPrivacy(): RecordPrivacy {
  return { consents: [], notices: [], subject: [], openRequests: [] };
}

export const REQUEST_STATUSES = ['open', 'extended', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export interface RequestHistoryEntry {
  at: number;
  actor: string;
  action: 'opened' | 'extended' | 'closed';
  /** The extension reason or the closing note (kept with the request, never in the log). */
  text?: string;
}

/** One data-subject request (table `requests`, schema version 3). */
export interface RequestRow {
  id: string;
  recordKey: string;
  crm: CrmId;
  org: string;
  object: string;
  recordId: string;
  jurisdiction: JurisdictionId;
  kind: RequestKind;
  receivedOn: string;
  identity: IdentityCheck;
  identityNote: string;
  status: RequestStatus;
  acknowledgeBy?: string;
  dueDate?: string;
  /** Due date as a number for the index (end of that day, local time); Infinity-free: absent without a deadline. */
  dueAt?: number;
  extendBy?: string;
  extensionReason?: string;
  /** Erasure: what to delete in the CRM, each confirmed before the request may close. */
  checklist?: string[];
  closedOn?: string;
  outcome?: 'completed' | 'refused';
  /** Closed on or before the due date in force. */
  onTime?: boolean;
  openedAt: number;
  history: RequestHistoryEntry[];
}

/** The erasure checklist: what to delete in the CRM itself (the extension cannot delete there). */
export const ERASURE_CHECKLIST = ['crm-record', 'activities', 'attachments', 'marketing-lists', 'integrations', 'backups-note'] as const;
export type ErasureItem = (typeof ERASURE_CHECKLIST)[number];
