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
  {
    // Sealed blocks of the access log (issue 7, benchmark #6; docs/log-blocks.md): the content of
    // runs of events, keyed by the seq of their last event. No data moves at the upgrade: every
    // existing row is an unsealed row, and the sealer works through them afterwards.
    version: 5,
    stores: {
      blocks: 'last',
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

/**
 * A sealed block of the access log (schema v5): the stored hash and canonical form of a run of
 * consecutive events, one line each, UTF-8 (lib/audit/blocks.ts). Their rows in `events` then
 * keep only the indexed fields.
 */
export interface BlockRow {
  /** Seq of the block's last event: the store's key (the block holding seq s is the first key ≥ s). */
  last: number;
  first: number;
  n: number;
  /** The seqs, when they are not first..last (a gap is legal as long as the links hold). */
  seqs?: number[];
  data: ArrayBuffer;
}

/**
 * An event as the dashboard's table shows it: `indexDiffers` when its row in `events` (the
 * search index of a sealed event) no longer says what the sealed event says — the row was edited
 * after sealing; the fields shown are the sealed ones.
 */
export type ShownEvent = AccessEvent & { indexDiffers?: true };

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
