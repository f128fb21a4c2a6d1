import { z } from 'zod';
import type { BasisLetter } from '@/lib/law/bases';
import type { ListRef, RecordRef } from '@/lib/crm/types';
import type { AccessEvent, BasisEntry, PolicySource } from '@/lib/db/schema';
import type { Policy } from '@/lib/policy/schema';

/**
 * The one map of every message the background answers: who may send it, the payload schema,
 * and (in the Answers type) what comes back. Anything not in this map is refused.
 */

export const BADGE_STATES = ['missing', 'basis-logged', 'consent-given', 'consent-withdrawn', 'restricted'] as const;
export type BadgeState = (typeof BADGE_STATES)[number];

/** What a content script gets to know about a record: a summary, never the record. */
export interface BadgeSummary {
  key: string;
  state: BadgeState;
  basis?: BasisLetter;
  purposeId?: string;
  updatedAt?: number;
}

export type SenderKind = 'content' | 'extension-page';

const basisLetter = z.enum(['a', 'b', 'c', 'd', 'e', 'f']);
const tabId = z.number().int().nonnegative().max(2 ** 31);
// Record keys are built by the background; the pattern only bounds what a caller may echo back.
const recordKey = z.string().min(3).max(300).regex(/^(sf|hs):[^\s]+$/);
const visitId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);

export const requestSchemas = {
  /** Content script: the page in this tab now shows a record (or nothing we know). */
  'page.state': z.strictObject({
    visitId,
    kind: z.enum(['record', 'list', 'other']),
    // location.href now: Chrome's sender.url stays the URL the document loaded with, even after
    // pushState. The background accepts it only within the sending frame's origin.
    url: z.string().min(8).max(4096),
    // Page text is untrusted: bounded, and only ever displayed as text.
    title: z.string().max(500).optional(),
    objectHint: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/).optional(),
  }),
  /** Extension page: what does tab N show, and what do we know of it? */
  'tab.get': z.strictObject({ tabId }),
  /** Extension page: log the lawful basis for the record shown in tab N. */
  'record.setBasis': z.strictObject({
    tabId,
    key: recordKey,
    purposeId: z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/),
    basis: basisLetter,
    note: z.string().max(1000),
  }),
  /** Extension page: the latest access events (dashboard). */
  'events.recent': z.strictObject({ limit: z.number().int().min(1).max(500) }),
  /** Extension page: the policy in force and where it came from. */
  'policy.active': z.strictObject({}),
  /** Extension page: the name this browser profile writes in the access log. */
  'profile.get': z.strictObject({}),
  'profile.set': z.strictObject({
    // A person's name or an employee id: one line, no control characters.
    name: z.string().trim().min(1).max(120).regex(/^[^\u0000-\u001f\u007f]+$/),
  }),
} as const;

export type MessageType = keyof typeof requestSchemas;
export type Request<T extends MessageType> = z.infer<(typeof requestSchemas)[T]>;

export const allowedSenders: Record<MessageType, readonly SenderKind[]> = {
  'page.state': ['content'],
  'tab.get': ['extension-page'],
  'record.setBasis': ['extension-page'],
  'events.recent': ['extension-page'],
  'policy.active': ['extension-page'],
  'profile.get': ['extension-page'],
  'profile.set': ['extension-page'],
};

export interface PurposeOption {
  id: string;
  label: { en: string; fr: string };
  defaultBasis?: BasisLetter;
}

export interface TabView {
  tabId: number;
  page:
    | { kind: 'record'; ref: RecordRef; key: string; title: string }
    | { kind: 'list'; ref: ListRef }
    | { kind: 'other' };
  summary?: BadgeSummary;
  history: BasisEntry[];
  policy: { version: string; name: string; purposes: PurposeOption[] };
}

export interface Answers {
  'page.state': { tabId: number; summary?: BadgeSummary; key?: string };
  'tab.get': TabView;
  'record.setBasis': { summary: BadgeSummary; history: BasisEntry[] };
  'events.recent': { events: AccessEvent[]; total: number };
  'policy.active': { policy: Policy; source: PolicySource; activatedAt: number };
  'profile.get': { name: string; isDefault: boolean };
  'profile.set': { name: string; isDefault: boolean };
}

export type ErrorCode = 'bad-request' | 'forbidden' | 'not-found' | 'conflict' | 'storage' | 'internal';
export type Answer<T extends MessageType> =
  | { ok: true; data: Answers[T] }
  | { ok: false; error: { code: ErrorCode; message: string } };

export const envelopeSchema = z.strictObject({
  type: z.string().max(64),
  payload: z.unknown(),
});

/** Background → content script pushes. */
export const pushSchemas = {
  'badge.update': z.strictObject({
    type: z.literal('badge.update'),
    summary: z.strictObject({
      key: recordKey,
      state: z.enum(BADGE_STATES),
      basis: basisLetter.optional(),
      purposeId: z.string().max(64).optional(),
      updatedAt: z.number().optional(),
    }),
  }),
} as const;
export type BadgeUpdatePush = z.infer<(typeof pushSchemas)['badge.update']>;

export function isMessageType(type: string): type is MessageType {
  return Object.prototype.hasOwnProperty.call(requestSchemas, type);
}
