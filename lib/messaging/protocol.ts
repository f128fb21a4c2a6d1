import { z } from 'zod';
import type { BasisLetter } from '@/lib/law/bases';
import {
  CONSENT_CHANNELS,
  CONSENT_METHODS,
  CRM_FLAGS,
  DATA_SOURCES,
  ERASURE_CHECKLIST,
  IDENTITY_CHECKS,
  WITHDRAWAL_METHODS,
  type ConsentChannel,
  type CrmFlag,
} from '@/lib/consent/model';
import type { AccountabilityReport, PrivacyView, RequestView } from '@/lib/consent/views';
import { REQUEST_KINDS, type RequestKind } from '@/lib/law/deadlines';
import { JURISDICTION_IDS } from '@/lib/law/rights';
import type { ListRef, RecordRef } from '@/lib/crm/types';
import type { AccessEvent, BasisEntry, PolicySource } from '@/lib/db/schema';
import { ACCESS_ACTIONS, type CheckpointRow } from '@/lib/db/schema';
import type { LogStats } from '@/lib/audit/query';
import type { HistoryEntry } from '@/lib/policy/history';
import type { ApplyAnswer, InstanceAnswer, PolicyDocAnswer, PolicyStatus } from '@/lib/policy/status';
import type { Policy, RetentionRule, SitesPolicy } from '@/lib/policy/schema';

/**
 * The one map of every message the background answers: who may send it, the payload schema,
 * and (in the Answers type) what comes back. Anything not in this map is refused.
 */

export const BADGE_STATES = ['missing', 'basis-logged', 'consent-given', 'consent-withdrawn', 'restricted'] as const;
/** A retention verdict as a list row shows it ('unknown': the record page never said). */
export const RETENTION_STATES = ['ok', 'due-soon', 'overdue', 'unknown'] as const;
export type BadgeState = (typeof BADGE_STATES)[number];

/** What a content script gets to know about a record: a summary, never the record. */
export interface BadgeSummary {
  key: string;
  state: BadgeState;
  basis?: BasisLetter;
  purposeId?: string;
  updatedAt?: number;
  // --- consent and requests (issue 5): optional, so that older summaries stay valid ---
  /** Where the state comes from: this extension's log, or what the CRM page itself says. */
  source?: 'log' | 'hubspot' | 'salesforce';
  /** Consents withdrawn (purpose id, channel, and the purpose's label in the policy when known): what may no longer be done. */
  withdrawn?: { purposeId: string; channel: ConsentChannel; label?: { en: string; fr: string } }[];
  /** Privacy flags set on the CRM page (Salesforce Don't Process / Don't Market / Forget this Individual). */
  crmFlags?: CrmFlag[];
  /** The open request due first, and how many are open. */
  request?: { kind: RequestKind; dueDate?: string; open: number };
  /** Art. 14(3)(a): indirect source and no privacy notice logged one month after the data was obtained. */
  noticeMissing?: boolean;
}

/**
 * Who may send a message (lib/messaging/sender.ts): our content script, one of our pages as the
 * toolbar popup or the top frame of its own tab (dashboard), or one of our pages framed inside a tab
 * (in-page panel, reveal dialog), which acts on its own tab and record only
 * (entrypoints/background/handlers/frame.ts).
 */
export type SenderKind = 'content' | 'extension-page' | 'extension-frame';

const basisLetter = z.enum(['a', 'b', 'c', 'd', 'e', 'f']);
const tabId = z.number().int().nonnegative().max(2 ** 31);
// Record keys are built by the background; the pattern only bounds what a caller may echo back.
const recordKey = z.string().min(3).max(300).regex(/^(sf|hs|d365|zoho|pd|cx):[^\s]+$/);
const visitId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);
// issue 5: purpose ids as the policy writes them; dates checked by the handler; request ids are UUIDs.
const purposeSlug = z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/);
const dateText = z.string().max(10);
const requestId = z.string().regex(/^[0-9a-f-]{36}$/);

// Field masking (issue 3). Field keys are adapter keys (`sfdc:RecordField.Contact.Birthdate`, HubSpot
// property names): bounded here, checked per CRM by the handler.
const pageUrl = z.string().min(8).max(4096);
const fieldKey = z.string().min(1).max(200).regex(/^[A-Za-z0-9_.:-]+$/);
const eventId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const revealReason = z.union([
  z.strictObject({ presetId: z.string().min(1).max(64).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/) }),
  // One line of the user's own words; the policy's minimum length is checked by the handler.
  z.strictObject({ text: z.string().trim().min(1).max(500).regex(/^[^\u0000-\u001f\u007f]+$/) }),
]);

// Access log (issue 4).
const logSeq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const logTime = z.number().int().min(0).max(8.64e15);
const logEventId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const logFilter = z.strictObject({
  from: logTime.optional(),
  to: logTime.optional(),
  actor: z.string().min(1).max(200).optional(),
  action: z.enum(ACCESS_ACTIONS).optional(),
  crm: z.string().min(1).max(40).optional(),
  org: z.string().min(1).max(200).optional(),
  object: z.string().min(1).max(200).optional(),
  recordKey: z.string().min(1).max(400).optional(),
  recordIdPrefix: z.string().min(1).max(100).optional(),
});

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
  // --- field masking (issue 3) ---
  /** Content script: what to mask on the page at `url` (the policy's masking part, this tab's switches). */
  'mask.config': z.strictObject({ url: pageUrl }),
  /** Content script: the labels of the fields masked on its page now (the popup lists them). */
  'mask.report': z.strictObject({
    url: pageUrl,
    fields: z.array(z.strictObject({ key: fieldKey, label: z.string().max(200) })).max(500),
  }),
  /** Extension page (reason dialog frame): show one masked field of tab N for the policy's time, with a reason. */
  'field.reveal': z.strictObject({ tabId, fieldKey, reason: revealReason, eventId }),
  /** Extension page (reason dialog frame): the user closed the dialog without revealing. */
  'field.revealClose': z.strictObject({ tabId }),
  /** Extension page (the in-page record panel's frame): the user pressed Escape in it; close the panel of tab N. */
  'panel.close': z.strictObject({ tabId }),
  /** Content script: the user copied revealed values (field keys only, never the text). */
  'field.copy': z.strictObject({ url: pageUrl, fieldKeys: z.array(fieldKey).min(1).max(50), eventId }),
  /** Extension page (popup): masking state of tab N. */
  'mask.tab.get': z.strictObject({ tabId }),
  /** Extension page (popup): mask everything in tab N, or unmask / mask again one field for that tab. */
  'mask.tab.set': z.strictObject({
    tabId,
    change: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('mask-all'), on: z.boolean() }),
      z.strictObject({ kind: z.literal('unmask'), fieldKey, reason: revealReason, eventId }),
      z.strictObject({ kind: z.literal('remask'), fieldKey }),
    ]),
  }),
  // --- pages (issue 3: retention, list rows, page warnings, sites) ---
  /** Content script: the retention rule for the record at `url` (lifecycle read from the page) and when we first saw it. */
  'retention.context': z.strictObject({
    url: z.string().min(8).max(4096),
    lifecycle: z.enum(['prospect', 'customer', 'unknown']),
    objectHint: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/).optional(),
  }),
  /** Content script: the verdict it computed on the record page (state and expiry day only, never the dates read). */
  'retention.report': z.strictObject({
    url: z.string().min(8).max(4096),
    ruleId: z.string().min(1).max(64),
    state: z.enum(RETENTION_STATES),
    expiresOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  }),
  /** Content script: badge summaries for the rows of the list at `url`, one batch per render. */
  'rows.summaries': z.strictObject({
    url: z.string().min(8).max(4096),
    rows: z
      .array(z.strictObject({ object: z.string().max(100).regex(/^[A-Za-z0-9_.-]*$/), id: z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/) }))
      .min(1)
      .max(5000),
  }),
  /**
   * Content script, once per list page: the summaries of every record of this list's CRM, org and
   * object that has anything stored (usually few), so that rows can be marked as they render.
   */
  'rows.known': z.strictObject({ url: z.string().min(8).max(4096) }),
  /** Content script: a feature stood down on this page (selector matched nothing or too much, hosts removed). */
  'pages.warn': z.strictObject({
    url: z.string().min(8).max(4096),
    feature: z.string().min(1).max(40).regex(/^[a-z-]+$/),
    code: z.enum(['selector-none', 'selector-too-many', 'hosts-removed']),
    detail: z.string().max(300),
  }),
  /** Extension page: the page warnings stored for the dashboard. */
  'pages.warnings': z.strictObject({}),
  /** Content script: the policy's site settings (presets on/off, custom adapters) for a host the build does not know. */
  'sites.config': z.strictObject({}),
  /** Extension page: re-register the content script on the granted custom domains (after a grant or a policy change). */
  'sites.sync': z.strictObject({}),
  // --- consent, lawful basis, data-subject requests, report (issue 5) ---
  // Dates are strings checked by the handlers, so that a missing or impossible date gets a message
  // that says what to enter rather than "invalid payload".
  /** Extension page: log a lawful basis with its reference (LIA for (f), contract for (b), the law for (c)). */
  'basis.set': z.strictObject({ tabId, key: recordKey, purposeId: purposeSlug, basis: basisLetter, reference: z.string().max(200), note: z.string().max(1000) }),
  /** Extension page: consent given for a purpose on one or more channels, with its proof (Art. 7(1)). */
  'consent.give': z.strictObject({
    tabId,
    key: recordKey,
    purposeId: purposeSlug,
    channels: z.array(z.enum(CONSENT_CHANNELS)).min(1).max(4),
    method: z.enum(CONSENT_METHODS),
    wording: z.string().max(500),
    givenOn: dateText,
    doubleOptInOn: dateText.optional(),
  }),
  /** Extension page: one action withdraws consent (one purpose/channel, one purpose, or all). Art. 7(3). */
  'consent.withdraw': z.strictObject({
    tabId,
    key: recordKey,
    purposeId: purposeSlug.optional(),
    channel: z.enum(CONSENT_CHANNELS).optional(),
    method: z.enum(WITHDRAWAL_METHODS),
    withdrawnOn: dateText,
  }),
  /** Extension page: the person's jurisdiction and where the data came from. */
  'subject.set': z.strictObject({ tabId, key: recordKey, jurisdiction: z.enum(JURISDICTION_IDS), source: z.enum(DATA_SOURCES), obtainedOn: dateText }),
  /** Extension page: a privacy notice given (Art. 13 or 14): version and date. */
  'notice.log': z.strictObject({ tabId, key: recordKey, version: z.string().max(80), givenOn: dateText, article: z.enum(['13', '14']) }),
  /** Extension page: consents, notices, jurisdiction and requests of the record in tab N. */
  'privacy.get': z.strictObject({ tabId, key: recordKey }),
  /** Extension page: log a data-subject request. */
  'request.open': z.strictObject({
    tabId,
    key: recordKey,
    kind: z.enum(REQUEST_KINDS),
    receivedOn: dateText,
    identity: z.enum(IDENTITY_CHECKS),
    identityNote: z.string().max(300),
  }),
  /** Extension page: extend a request's deadline, with the reason, inside the first period. */
  'request.extend': z.strictObject({ id: requestId, reason: z.string().max(1000) }),
  /** Extension page: close a request (erasure: every checklist item confirmed). */
  'request.close': z.strictObject({
    id: requestId,
    outcome: z.enum(['completed', 'refused']),
    closedOn: dateText,
    confirmed: z.array(z.enum(ERASURE_CHECKLIST)).max(ERASURE_CHECKLIST.length),
    note: z.string().max(1000),
  }),
  /** Extension page (dashboard): every request, overdue first. */
  'request.list': z.strictObject({}),
  /** Extension page (dashboard): the accountability report (Art. 5(2), Art. 30). */
  'report.get': z.strictObject({}),
  /** Extension page: the person's data was exported (field keys only; the values never reach the background). */
  'export.log': z.strictObject({
    tabId,
    key: recordKey,
    format: z.enum(['json', 'csv']),
    fields: z.array(z.string().min(1).max(200)).max(500),
    requestId: requestId.optional(),
  }),
  /** Content script: what the CRM page says (mapped letters and flags, never the values read). */
  'page.signals': z.strictObject({
    visitId,
    url: z.string().min(8).max(4096),
    letters: z.array(basisLetter).max(6),
    notApplicable: z.boolean(),
    flags: z.array(z.enum(CRM_FLAGS)).max(3),
    fieldKeys: z.array(z.string().min(1).max(200)).max(10),
  }),
  // --- access log (issue 4) ---
  /**
   * Extension page (dashboard): one page of events matching the filters, newest first, without the
   * total (counting walks the whole matching range: `log.count` asks for it separately).
   */
  'log.query': z.strictObject({ filter: logFilter, offset: z.number().int().min(0).max(10_000_000), limit: z.number().int().min(1).max(500) }),
  /** Extension page: how many events match the filters (the table's length, shown once known). */
  'log.count': z.strictObject({ filter: logFilter }),
  /** Extension page: events in chain order after `afterSeq` (verify and export walk these). */
  'log.page': z.strictObject({ afterSeq: logSeq, uptoSeq: logSeq.optional(), limit: z.number().int().min(1).max(2000) }),
  /** Extension page: checkpoint, head (in the table and outside it), counts and the last verification. */
  'log.chain': z.strictObject({
    /** false: `total` is what the chain should hold (head seq less the pruned), not a count of the rows (Verify now need not wait for one). */
    count: z.boolean().optional(),
  }),
  /** Extension page: the result of a verification the dashboard ran to the end. */
  'log.verified': z.strictObject({
    ok: z.boolean(),
    count: z.number().int().min(0),
    firstBadSeq: logSeq.optional(),
    kind: z.enum(['changed', 'removed', 'inserted', 'reordered', 'truncated', 'checkpoint']).optional(),
    /** The head the verification walked to: events after it were appended since (the export says so). */
    headSeq: logSeq.optional(),
  }),
  /** Extension page: charts and anomaly flags over a time range. */
  'log.stats': z.strictObject({ from: logTime, to: logTime }),
  /** Extension page: an export finished; logs `log-exported`. */
  'log.exported': z.strictObject({ format: z.enum(['csv', 'json']), count: z.number().int().min(0), headHash: z.string().regex(/^[0-9a-f]{64}$/) }),
  /** Extension page (popup, dashboard): did the browser refuse to store? */
  'log.status': z.strictObject({}),
  /**
   * Content script: log a copy or export on the record of this tab. The background sets the record
   * (from the tab) and the time (its clock): `key` is only checked, and no `at` is accepted.
   */
  'log.event': z.strictObject({
    eventId: logEventId,
    action: z.enum(['copy', 'export']),
    url: z.string().min(8).max(4096),
    key: recordKey,
    fields: z.array(z.string().min(1).max(200).regex(/^[A-Za-z0-9_.:-]+$/)).max(50),
  }),
  // --- policy deployment (issue 6) ---
  /** Extension page: active policy, its source and signer, the managed lock, the URL source's health. */
  'policy.status': z.strictObject({}),
  'policy.history': z.strictObject({ source: z.enum(['default', 'import', 'url', 'managed']).optional() }),
  'policy.get': z.strictObject({ id: z.number().int().min(1).max(2 ** 31) }),
  /** A policy document or a signed bundle, as text: the background validates it again. */
  'policy.apply': z.strictObject({ text: z.string().min(1).max(2 * 512 * 1024 + 4096), via: z.enum(['editor', 'file']) }),
  'policy.rollback': z.strictObject({ id: z.number().int().min(1).max(2 ** 31) }),
  'policy.setUrl': z.union([
    z.strictObject({ url: z.string().min(9).max(2048).startsWith('https://'), publicKey: z.string().min(40).max(1000) }),
    z.strictObject({ clear: z.literal(true) }),
  ]),
  'policy.refresh': z.strictObject({}),
  /** Content script: is the CRM instance of this page approved? (logged once per instance and day when not). */
  'instance.check': z.strictObject({ url: z.string().min(8).max(4096) }),
  /** Content script: inject the page features loaded on demand (crm-lazy.js) into this frame's isolated world. */
  'features.load': z.strictObject({}),
} as const;

export type MessageType = keyof typeof requestSchemas;
export type Request<T extends MessageType> = z.infer<(typeof requestSchemas)[T]>;

// `extension-frame` (the in-page panel, the reveal dialog) only where the frame needs it; each such
// message also has a rule in entrypoints/background/handlers/frame.ts (own tab, own record).
export const allowedSenders: Record<MessageType, readonly SenderKind[]> = {
  'page.state': ['content'],
  'tab.get': ['extension-page', 'extension-frame'],
  'record.setBasis': ['extension-page'],
  'events.recent': ['extension-page'],
  'policy.active': ['extension-page', 'extension-frame'],
  'profile.get': ['extension-page'],
  'profile.set': ['extension-page'],
  // --- field masking (issue 3) ---
  'mask.config': ['content'],
  'mask.report': ['content'],
  'field.reveal': ['extension-page', 'extension-frame'],
  'field.revealClose': ['extension-page', 'extension-frame'],
  'panel.close': ['extension-frame'],
  'field.copy': ['content'],
  'mask.tab.get': ['extension-page', 'extension-frame'],
  'mask.tab.set': ['extension-page', 'extension-frame'],
  // --- pages (issue 3) ---
  'retention.context': ['content'],
  'retention.report': ['content'],
  'rows.summaries': ['content'],
  'rows.known': ['content'],
  'pages.warn': ['content'],
  'pages.warnings': ['extension-page'],
  'sites.config': ['content'],
  'sites.sync': ['extension-page'],
  // --- consent and requests (issue 5) ---
  'basis.set': ['extension-page', 'extension-frame'],
  'consent.give': ['extension-page', 'extension-frame'],
  'consent.withdraw': ['extension-page', 'extension-frame'],
  'subject.set': ['extension-page', 'extension-frame'],
  'notice.log': ['extension-page', 'extension-frame'],
  'privacy.get': ['extension-page', 'extension-frame'],
  'request.open': ['extension-page', 'extension-frame'],
  'request.extend': ['extension-page', 'extension-frame'],
  'request.close': ['extension-page', 'extension-frame'],
  'request.list': ['extension-page'],
  'report.get': ['extension-page'],
  'export.log': ['extension-page', 'extension-frame'],
  'page.signals': ['content'],
  'log.query': ['extension-page'],
  'log.count': ['extension-page'],
  'log.page': ['extension-page'],
  'log.chain': ['extension-page'],
  'log.verified': ['extension-page'],
  'log.stats': ['extension-page'],
  'log.exported': ['extension-page'],
  'log.status': ['extension-page', 'extension-frame'],
  'log.event': ['content'],
  // --- policy deployment (issue 6) ---
  'policy.status': ['extension-page'],
  'policy.history': ['extension-page'],
  'policy.get': ['extension-page'],
  'policy.apply': ['extension-page'],
  'policy.rollback': ['extension-page'],
  'policy.setUrl': ['extension-page'],
  'policy.refresh': ['extension-page'],
  'instance.check': ['content'],
  'features.load': ['content'],
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
  // --- field masking (issue 3) ---
  'mask.config': MaskConfig;
  'mask.report': { stored: boolean };
  'field.reveal': { revealSeconds: number; duplicate: boolean };
  'field.revealClose': { closed: boolean };
  'panel.close': { closed: boolean };
  'field.copy': { logged: boolean };
  'mask.tab.get': MaskTabView;
  'mask.tab.set': MaskTabView;
  // --- pages (issue 3) ---
  'retention.context': { key: string; rule?: RetentionRule; firstSeen?: number; policyVersion: string };
  'retention.report': { stored: boolean };
  'rows.summaries': { rows: RowSummary[] };
  'rows.known': RowsKnown;
  'pages.warn': { stored: boolean };
  'pages.warnings': { warnings: PageWarning[] };
  'sites.config': { sites: SitesPolicy };
  'sites.sync': { registered: string[] };
  // --- consent and requests (issue 5) ---
  'basis.set': PrivacyView;
  'consent.give': PrivacyView;
  'consent.withdraw': PrivacyView;
  'subject.set': PrivacyView;
  'notice.log': PrivacyView;
  'privacy.get': PrivacyView;
  'request.open': PrivacyView;
  'request.extend': { request: RequestView };
  'request.close': { request: RequestView };
  'request.list': { requests: RequestView[]; today: string };
  'report.get': AccountabilityReport;
  'export.log': { logged: boolean };
  'page.signals': { summary: BadgeSummary };
  'log.query': { events: AccessEvent[] };
  'log.count': { total: number };
  'log.page': { events: AccessEvent[] };
  'log.chain': LogChainInfo;
  'log.verified': { lastVerified: LastVerified };
  'log.stats': LogStats;
  'log.exported': { event: AccessEvent };
  'log.status': { storageProblem: number | null };
  'log.event': { event: AccessEvent };
  // --- policy deployment (issue 6) ---
  'policy.status': PolicyStatus;
  'policy.history': { entries: HistoryEntry[] };
  'policy.get': PolicyDocAnswer;
  'policy.apply': ApplyAnswer;
  'policy.rollback': ApplyAnswer;
  'policy.setUrl': PolicyStatus;
  'policy.refresh': PolicyStatus;
  'instance.check': InstanceAnswer;
  'features.load': { loaded: true };
}

/** Access log (issue 4): what the dashboard needs to verify and export the chain. */
export interface LogChainInfo {
  checkpoint: CheckpointRow | null;
  /** Head as stored with the events (meta row), and the seq of the last event. */
  head: { hash: string; seq: number };
  /** The copy kept outside the database (storage.local), when there is one. */
  mirror: { hash: string; seq: number } | null;
  /** The rows stored; with `count: false`, the events the chain should hold (head seq less the pruned). */
  total: number;
  lastVerified: LastVerified | null;
  storageProblem: number | null;
  actor: string;
  extensionVersion: string;
}

export interface LastVerified {
  at: number;
  ok: boolean;
  count: number;
  firstBadSeq?: number;
  kind?: 'changed' | 'removed' | 'inserted' | 'reordered' | 'truncated' | 'checkpoint';
  /** The head seq the verification walked to; absent in results stored before it was recorded. */
  headSeq?: number;
}

/** A list row's badge state and the last retention verdict seen on its record page ('unknown' when never opened). */
export interface RowSummary extends BadgeSummary {
  retention: (typeof RETENTION_STATES)[number];
}

/**
 * What the background has stored for one list's records (`rows.known`): every record whose key
 * starts with `prefix` and has a row or a retention verdict is in `rows`; when `complete`, any
 * other record under `prefix` has nothing stored, so its row shows `absent` (with its own key).
 */
export interface RowsKnown {
  prefix: string;
  complete: boolean;
  rows: RowSummary[];
  absent: Omit<RowSummary, 'key'>;
}

export interface PageWarning {
  host: string;
  path: string;
  feature: string;
  code: 'selector-none' | 'selector-too-many' | 'hosts-removed';
  detail: string;
  at: number;
}

/** Field masking (issue 3): what the content script masks with, and this tab's switches. */
export interface MaskTabSwitches {
  /** "Mask everything on this page" (screen sharing). */
  maskAll: boolean;
  /** Field keys unmasked for this tab on the current record (popup). */
  unmasked: string[];
}

export interface MaskConfig extends MaskTabSwitches {
  tabId: number;
  /** The policy in force (the content script runs decideMask on it; no personal data in it). */
  policy: Policy;
  /** The record's badge state is `restricted`: every field is masked. */
  restricted: boolean;
}

export type RevealReason = { presetId: string } | { text: string };

export interface MaskTabView extends MaskTabSwitches {
  tabId: number;
  record: boolean;
  restricted: boolean;
  /** The fields the tab's content script reported as masked (or unmasked for the tab). */
  fields: { key: string; label: string }[];
  reasons: Policy['revealReasons'];
  revealSeconds: number;
}

/** Background → content script pushes of field masking. */
export type MaskPush =
  | ({ type: 'mask.state' } & MaskTabSwitches)
  | { type: 'mask.reveal'; fieldKey: string; seconds: number }
  | { type: 'mask.dialogClose' }
  /** The in-page record panel asked to close (Escape pressed inside its frame): close it, focus back on the badge. */
  | { type: 'panel.close' }
  /**
   * The policy in force changed: masking asks `mask.config` again and judges every field by the new
   * rules; the retention warning asks `retention.context` again and gives its verdict anew. Neither
   * restarts the page's features (no new visit, so no new `view` event).
   */
  | { type: 'policy.changed' };

export type ErrorCode = 'bad-request' | 'forbidden' | 'not-found' | 'conflict' | 'storage' | 'internal';
/**
 * A refusal: `message` is English (logs, old callers); `key` and `params`, when present, name it in
 * lib/i18n/messages/errors.ts so that extension pages show it in the user's language
 * (lib/i18n/error-text.ts). A param is text, a number, or text in both languages.
 */
export interface ErrorAnswer {
  code: ErrorCode;
  message: string;
  key?: string;
  params?: Record<string, string | number | { en: string; fr: string }>;
}
export type Answer<T extends MessageType> =
  | { ok: true; data: Answers[T] }
  | { ok: false; error: ErrorAnswer };

export const envelopeSchema = z.strictObject({
  type: z.string().max(64),
  payload: z.unknown(),
});

/** Background → content script pushes. */
const badgeSummarySchema = z.strictObject({
  key: recordKey,
  state: z.enum(BADGE_STATES),
  basis: basisLetter.optional(),
  purposeId: z.string().max(64).optional(),
  updatedAt: z.number().optional(),
  // issue 5: consent and requests
  source: z.enum(['log', 'hubspot', 'salesforce']).optional(),
  withdrawn: z
    .array(
      z.strictObject({
        purposeId: z.string().max(64),
        channel: z.enum(['email', 'phone', 'post', 'sms']),
        label: z.strictObject({ en: z.string().max(120), fr: z.string().max(120) }).optional(),
      }),
    )
    .max(400)
    .optional(),
  crmFlags: z.array(z.enum(['dont-process', 'dont-market', 'forget'])).max(3).optional(),
  request: z.strictObject({ kind: z.string().max(40), dueDate: z.string().max(10).optional(), open: z.number().int() }).optional(),
  noticeMissing: z.boolean().optional(),
});

export const pushSchemas = {
  'badge.update': z.strictObject({ type: z.literal('badge.update'), summary: badgeSummarySchema }),
  // A record's state changed (basis, consent, request, retention): its rows in open list tabs repaint.
  'rows.update': z.strictObject({
    type: z.literal('rows.update'),
    rows: z.array(badgeSummarySchema.extend({ retention: z.enum(RETENTION_STATES) })).max(100),
  }),
} as const;
export type BadgeUpdatePush = z.infer<(typeof pushSchemas)['badge.update']>;
export type RowsUpdatePush = z.infer<(typeof pushSchemas)['rows.update']>;

export function isMessageType(type: string): type is MessageType {
  return Object.prototype.hasOwnProperty.call(requestSchemas, type);
}
