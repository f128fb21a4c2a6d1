import type { BasisLetter } from '@/lib/law/bases';
import type { CrmId } from '@/lib/crm/types';
import type { Policy } from '@/lib/policy/schema';

/** Name of the one IndexedDB database. Opened by the background service worker only. */
export const DB_NAME = 'crm-privacy-guard';

/**
 * Every version of the Dexie schema, oldest first. Never edit a published entry: add a new one
 * (and its upgrade in db.ts), a frozen fixture of the previous version in tests/fixtures/db/, and
 * a step in the migration test. Index only what a where() uses.
 */
export const SCHEMA_VERSIONS = [
  {
    version: 1,
    stores: {
      policies: '++id, activatedAt',
      records: 'key, [crm+org], updatedAt',
      events: '++seq, at, action, recordKey, actor, [crm+org]',
      meta: 'key',
    },
  },
  {
    // Access log (issue 4): compound indexes for the dashboard's paged filters, a unique eventId
    // so that a retried append stores nothing twice, and the checkpoints left by pruning.
    version: 2,
    stores: {
      events:
        '++seq, at, action, recordKey, actor, [crm+org], [recordKey+at], [actor+at], [action+at], [crm+org+object], recordId, &eventId',
      checkpoints: '++id, lastSeq',
    },
  },
  {
    // Consent and data-subject requests (issue 5): requests by record, status and due date.
    // Consents, notices and jurisdiction live on the record row (append-only lists).
    version: 3,
    stores: {
      requests: 'id, recordKey, status, dueAt',
    },
  },
  {
    // Policy deployment (issue 6): the version history filtered by source (managed, url, import).
    version: 4,
    stores: {
      policies: '++id, activatedAt, [source+activatedAt]',
    },
  },
] as const;

export type PolicySource = 'default' | 'import' | 'url' | 'managed';

export interface PolicyRow {
  id?: number;
  policyVersion: string;
  source: PolicySource;
  activatedAt: number;
  doc: Policy;
}

/** One lawful-basis decision, kept forever (history is never overwritten). */
export interface BasisEntry {
  purposeId: string;
  basis: BasisLetter;
  note: string;
  at: number;
  actor: string;
  policyVersion: string;
}

/** What the extension knows of one CRM record. Never field values. */
export interface RecordRow {
  key: string;
  crm: CrmId;
  org: string;
  object: string;
  recordId: string;
  bases: BasisEntry[];
  firstSeen: number;
  updatedAt: number;
}

export const ACCESS_ACTIONS = [
  'view',
  'reveal',
  'copy',
  'export',
  'basis-set',
  'consent-given',
  'consent-withdrawn',
  'request-opened',
  'request-updated',
  'request-closed',
  'policy-changed',
  // Issue 6: a CRM instance not in the policy's approvedInstances was used (once per instance and day).
  'instance-unapproved',
  'log-exported',
  'log-pruned',
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** An access-log event: record keys and field names, never field values. */
export interface AccessEvent {
  seq?: number;
  at: number;
  action: AccessAction;
  actor: string;
  crm: CrmId | '';
  org: string;
  object: string;
  recordId: string;
  recordKey: string;
  /** Field keys (adapter keys such as `sfdc:RecordField.Contact.Email`), never values. */
  fields: string[];
  reason: string;
  policyVersion: string;
  /** Page path without query string or fragment (they can hold personal data). */
  path: string;
  /** Free-form detail that is not personal data (e.g. the basis letter set). */
  detail: string;
  /** Set by the sender so that a retried append is stored once (absent in events written before v2). */
  eventId?: string;
  /** SHA-256 (hex) of the previous event's hash and this event's canonical form. */
  prevHash: string;
  hash: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/** What pruning leaves in place of the events it removed, so that the rest still verifies. */
export interface CheckpointRow {
  id?: number;
  /** Events pruned since the log began (all checkpoints so far included). */
  count: number;
  /** Time range of the pruned events. */
  fromAt: number;
  toAt: number;
  /** Hash and seq of the last pruned event: the next event's prevHash. */
  lastHash: string;
  lastSeq: number;
  prunedAt: number;
}
