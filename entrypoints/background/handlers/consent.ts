import type { Table } from 'dexie';
import { newEvent, type NewEvent } from '@/lib/audit/chain';
import { classifyUrl } from '@/lib/crm/registry';
import type { RecordRef } from '@/lib/crm/types';
import { getProfileName } from '@/lib/db/profile';
import { newRecordRow, summarise } from '@/lib/db/records';
import type { AccessAction } from '@/lib/db/schema';
import {
  emptyPrivacy,
  type BasisEntryWithRef,
  type ConsentEntry,
  type PrivacyRecordRow,
  type RecordPrivacy,
  type RequestRow,
} from '@/lib/consent/model';
import { currentConsents, latestBases, withPurposeLabels } from '@/lib/consent/summary';
import type { PrivacyView, RequestView } from '@/lib/consent/views';
import { daysLeft, isoToday, parseIsoDate } from '@/lib/law/deadlines';
import type { BadgeSummary } from '@/lib/messaging/protocol';
import { originOf } from '@/lib/messaging/sender';
import { bothLangs, type ErrorKey } from '@/lib/i18n/error-text';
import { HandlerError, refuse, tabPage, type Deps, type Handler } from '../deps';
import { rowSummaryFor } from './sites-pages';

// --- shared by the consent, request and report handlers ---

export function requestsTable(deps: Pick<Deps, 'db'>): Table<RequestRow, string> {
  // Typed here rather than on GuardDB: the table arrives with schema version 3 (issue 5).
  return deps.db.table<RequestRow, string>('requests');
}

/** The record tab N shows, and that it is still the one the caller meant; `path` is its page's path (no query or fragment). */
export async function recordOfTab(tabId: number, key: string, deps: Deps): Promise<{ ref: RecordRef; key: string; path: string }> {
  const [page, known] = await Promise.all([tabPage(tabId, deps), deps.tabs.get(tabId)]);
  if (page.kind !== 'record') {
    throw refuse('not-found', 'errTabNoRecord');
  }
  if (page.key !== key) {
    throw refuse('conflict', 'errTabOtherRecord');
  }
  return { ref: page.ref, key: page.key, path: known?.kind === 'record' && known.key === page.key ? known.path : '' };
}

/**
 * A calendar date the user typed: present, real, not in the future. `what` names it in the
 * message (errWhatConsentGiven: "The date consent was given").
 */
export function checkDate(value: string | undefined, what: Extract<ErrorKey, `errWhat${string}`>, today: string): string {
  if (!value) throw refuse('bad-request', 'errDateMissing', { what: bothLangs(what) });
  if (!parseIsoDate(value)) throw refuse('bad-request', 'errDateInvalid', { what: bothLangs(what), value });
  if (value > today) {
    throw refuse('bad-request', 'errDateFuture', { what: bothLangs(what), value, today });
  }
  return value;
}

/** An event on `target`'s record; `target.path` when the action came from a tab showing it (none for a request acted on by id). */
export function eventFor(
  target: { ref: RecordRef; key: string; path?: string },
  action: AccessAction,
  actor: string,
  policyVersion: string,
  at: number,
  detail: string,
  fields: string[] = [],
): NewEvent {
  return newEvent({ at, action, actor, policyVersion, detail, fields, path: target.path ?? '' }, { ref: target.ref, key: target.key });
}

export function requestView(row: RequestRow, today: string): RequestView {
  const open = row.status !== 'closed';
  const left = row.dueDate ? daysLeft(row.dueDate, today) : undefined;
  return {
    ...row,
    ...(left !== undefined && open ? { daysLeft: left } : {}),
    overdue: open && left !== undefined && left < 0,
    canExtend: open && row.status === 'open' && row.extendBy !== undefined && today <= row.extendBy,
  };
}

/** Overdue first, then by due date (none last), closed ones at the end, newest closed first. */
export function sortRequests(list: RequestView[]): RequestView[] {
  const rank = (r: RequestView) => (r.overdue ? 0 : r.status !== 'closed' ? 1 : 2);
  return [...list].sort((a, b) => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0) return byRank;
    if (rank(a) === 2) return (b.closedOn ?? '').localeCompare(a.closedOn ?? '') || b.openedAt - a.openedAt;
    return (a.dueDate ?? '9999-99-99').localeCompare(b.dueDate ?? '9999-99-99') || a.openedAt - b.openedAt;
  });
}

export async function privacyView(deps: Deps, key: string): Promise<PrivacyView> {
  const now = deps.now();
  const today = isoToday(now);
  const row = (await deps.db.records.get(key)) as PrivacyRecordRow | undefined;
  const privacy = row?.privacy ?? emptyPrivacy();
  const requests = await requestsTable(deps).where('recordKey').equals(key).toArray();
  const subject = privacy.subject.at(-1);
  return {
    key,
    today,
    summary: summarise(key, row, now),
    ...(subject ? { subject } : {}),
    bases: latestBases(row?.bases ?? []) as BasisEntryWithRef[],
    current: currentConsents(privacy),
    consentHistory: [...privacy.consents].sort((a, b) => b.at - a.at),
    notices: [...privacy.notices].sort((a, b) => b.at - a.at),
    ...(privacy.crm ? { crm: privacy.crm } : {}),
    requests: sortRequests(requests.map((r) => requestView(r, today))),
  };
}

/** A record's new state to the tabs that show it: its badge and icon in its record tabs, its row in open lists of its kind. */
export async function pushSummary(deps: Deps, key: string, summary: BadgeSummary): Promise<void> {
  const [tabs, lists] = await Promise.all([deps.tabs.tabsShowing(key), deps.tabs.tabsListing(key)]);
  const row = lists.length > 0 ? await rowSummaryFor(deps, summary) : undefined;
  // The badge names withdrawn purposes by the policy's labels (it has no policy of its own).
  const badge = tabs.length > 0 ? withPurposeLabels(summary, (await deps.policies.active()).purposes) : summary;
  await Promise.all([
    ...tabs.flatMap((id) => [deps.pushBadge(id, badge), deps.setIcon(id, summary)]),
    ...(row ? lists.map((id) => deps.pushRows(id, [row])) : []),
  ]);
}

/**
 * Appends `events` and applies `change` to the record's row in one transaction (all or nothing),
 * then pushes the new badge to every tab of the record.
 */
export async function changeRecord(
  deps: Deps,
  target: { ref: RecordRef; key: string },
  events: NewEvent[],
  change: (row: PrivacyRecordRow, privacy: RecordPrivacy) => void | Promise<void>,
  extraTables: Table[] = [],
): Promise<PrivacyView> {
  const now = deps.now();
  await deps.log.appendWith(events, [deps.db.records, ...extraTables], async () => {
    const existing = ((await deps.db.records.get(target.key)) ?? newRecordRow(target.ref, now)) as PrivacyRecordRow;
    const privacy: RecordPrivacy = { ...emptyPrivacy(), ...existing.privacy };
    // Copies: a failed transaction must leave no half-changed object behind in memory either.
    const row: PrivacyRecordRow = {
      ...existing,
      bases: [...existing.bases],
      privacy: {
        consents: [...privacy.consents],
        notices: [...privacy.notices],
        subject: [...privacy.subject],
        openRequests: [...privacy.openRequests],
        ...(privacy.crm ? { crm: privacy.crm } : {}),
      },
      updatedAt: now,
    };
    await change(row, row.privacy as RecordPrivacy);
    await deps.db.records.put(row);
  });
  const view = await privacyView(deps, target.key);
  await pushSummary(deps, target.key, view.summary);
  return view;
}

async function who(deps: Deps): Promise<{ actor: string; policyVersion: string; now: number; today: string }> {
  const now = deps.now();
  const policy = await deps.policies.active();
  return { actor: (await getProfileName(deps.db)).name, policyVersion: policy.policyVersion, now, today: isoToday(now) };
}

async function purposeOf(deps: Deps, purposeId: string): Promise<string> {
  const policy = await deps.policies.active();
  const purpose = policy.purposes.find((p) => p.id === purposeId);
  if (!purpose) throw refuse('bad-request', 'errPurposeUnknown', { purpose: purposeId });
  return purpose.id;
}

// --- handlers ---

/** Which reference each basis needs (Art. 6(1)(b), (c), (f)). */
const REFERENCE_NEEDED: Partial<Record<string, ErrorKey>> = {
  b: 'errNeededContract',
  c: 'errNeededLaw',
  f: 'errNeededLia',
};

export const basisSet: Handler<'basis.set'> = async (payload, _sender, deps) => {
  const target = await recordOfTab(payload.tabId, payload.key, deps);
  const purposeId = await purposeOf(deps, payload.purposeId);
  const reference = payload.reference.trim();
  const needed = REFERENCE_NEEDED[payload.basis];
  if (needed && !reference) throw refuse('bad-request', 'errBasisNeedsReference', { basis: payload.basis, needed: bothLangs(needed) });
  const { actor, policyVersion, now } = await who(deps);
  const entry: BasisEntryWithRef = { purposeId, basis: payload.basis, note: payload.note.trim(), at: now, actor, policyVersion, ...(reference ? { reference } : {}) };
  // The reference and note stay with the record (they may name people); the log keeps the decision.
  const event = eventFor(target, 'basis-set', actor, policyVersion, now, `basis=${payload.basis};purpose=${purposeId};reference=${reference ? 'yes' : 'no'}`);
  return changeRecord(deps, target, [event], (row) => {
    row.bases.push(entry);
  });
};

export const consentGive: Handler<'consent.give'> = async (payload, _sender, deps) => {
  const target = await recordOfTab(payload.tabId, payload.key, deps);
  const purposeId = await purposeOf(deps, payload.purposeId);
  const { actor, policyVersion, now, today } = await who(deps);
  const givenOn = checkDate(payload.givenOn, 'errWhatConsentGiven', today);
  const wording = payload.wording.trim();
  if (!wording) throw refuse('bad-request', 'errConsentWording');
  let doubleOptInOn: string | undefined;
  if (payload.doubleOptInOn) {
    doubleOptInOn = checkDate(payload.doubleOptInOn, 'errWhatDoubleOptIn', today);
    if (doubleOptInOn < givenOn) throw refuse('bad-request', 'errDoubleOptInBeforeConsent', { doubleOptInOn, givenOn });
  }
  const channels = [...new Set(payload.channels)];
  const entries: ConsentEntry[] = channels.map((channel) => ({
    purposeId,
    channel,
    action: 'given',
    on: givenOn,
    method: payload.method,
    wording,
    ...(doubleOptInOn ? { doubleOptInOn } : {}),
    at: now,
    actor,
    policyVersion,
  }));
  const event = eventFor(
    target,
    'consent-given',
    actor,
    policyVersion,
    now,
    `purpose=${purposeId};channels=${channels.join(',')};method=${payload.method};on=${givenOn};doubleOptIn=${doubleOptInOn ? 'yes' : 'no'}`,
  );
  return changeRecord(deps, target, [event], (_row, privacy) => {
    privacy.consents.push(...entries);
  });
};

export const consentWithdraw: Handler<'consent.withdraw'> = async (payload, _sender, deps) => {
  const target = await recordOfTab(payload.tabId, payload.key, deps);
  const { actor, policyVersion, now, today } = await who(deps);
  const withdrawnOn = checkDate(payload.withdrawnOn, 'errWhatConsentWithdrawn', today);
  const row = (await deps.db.records.get(target.key)) as PrivacyRecordRow | undefined;
  const given = currentConsents(row?.privacy).filter(
    (c) => c.action === 'given' && (!payload.purposeId || c.purposeId === payload.purposeId) && (!payload.channel || c.channel === payload.channel),
  );
  if (given.length === 0) throw refuse('bad-request', 'errNoConsentToWithdraw');
  const early = given.find((c) => withdrawnOn < c.on);
  if (early) {
    throw refuse('bad-request', 'errWithdrawalBeforeConsent', { withdrawnOn, givenOn: early.on });
  }
  const entries: ConsentEntry[] = given.map((c) => ({ purposeId: c.purposeId, channel: c.channel, action: 'withdrawn', on: withdrawnOn, method: payload.method, at: now, actor, policyVersion }));
  const purposes = [...new Set(given.map((c) => c.purposeId))].join(',');
  const channels = [...new Set(given.map((c) => c.channel))].join(',');
  const event = eventFor(target, 'consent-withdrawn', actor, policyVersion, now, `purpose=${purposes};channels=${channels};method=${payload.method};on=${withdrawnOn}`);
  return changeRecord(deps, target, [event], (_row, privacy) => {
    // The history is kept: withdrawal is a new entry, the consent it ends stays on record.
    privacy.consents.push(...entries);
  });
};

export const subjectSet: Handler<'subject.set'> = async (payload, _sender, deps) => {
  const target = await recordOfTab(payload.tabId, payload.key, deps);
  const { actor, policyVersion, now, today } = await who(deps);
  const obtainedOn = checkDate(payload.obtainedOn, 'errWhatDataObtained', today);
  // The fixed list of log actions has no "subject" action: a jurisdiction is part of the basis decision.
  const event = eventFor(target, 'basis-set', actor, policyVersion, now, `jurisdiction=${payload.jurisdiction};source=${payload.source};obtained=${obtainedOn}`);
  return changeRecord(deps, target, [event], (_row, privacy) => {
    privacy.subject.push({ jurisdiction: payload.jurisdiction, source: payload.source, obtainedOn, at: now, actor });
  });
};

export const noticeLog: Handler<'notice.log'> = async (payload, _sender, deps) => {
  const target = await recordOfTab(payload.tabId, payload.key, deps);
  const { actor, policyVersion, now, today } = await who(deps);
  const givenOn = checkDate(payload.givenOn, 'errWhatNoticeGiven', today);
  const version = payload.version.trim();
  if (!version || /[\u0000-\u001f\u007f]/.test(version)) throw refuse('bad-request', 'errNoticeVersion');
  const event = eventFor(target, 'basis-set', actor, policyVersion, now, `notice=art${payload.article};on=${givenOn}`);
  return changeRecord(deps, target, [event], (_row, privacy) => {
    privacy.notices.push({ version, on: givenOn, article: payload.article, at: now, actor });
  });
};

export const privacyGet: Handler<'privacy.get'> = async (payload, _sender, deps) => {
  const target = await recordOfTab(payload.tabId, payload.key, deps);
  return privacyView(deps, target.key);
};

export const exportLog: Handler<'export.log'> = async (payload, _sender, deps) => {
  const target = await recordOfTab(payload.tabId, payload.key, deps);
  const { actor, policyVersion, now } = await who(deps);
  if (payload.requestId) {
    const request = await requestsTable(deps).get(payload.requestId);
    if (!request || request.recordKey !== target.key) throw refuse('not-found', 'errRequestNotOfRecord');
  }
  const fields = [...new Set(payload.fields)];
  const event = eventFor(target, 'export', actor, policyVersion, now, `format=${payload.format};subject-export${payload.requestId ? `;request=${payload.requestId}` : ''}`, fields);
  await deps.log.append([event]);
  return { logged: true };
};

/** What the CRM page says, as the content script mapped it: stored beside the record, no event (an observation, not a change). */
export const pageSignals: Handler<'page.signals'> = async (payload, sender, deps) => {
  if (sender.kind !== 'content') throw new HandlerError('forbidden', 'Only a content script may report a page.');
  const frameOrigin = originOf(sender.frameUrl);
  if (!frameOrigin || originOf(payload.url) !== frameOrigin) throw new HandlerError('forbidden', 'The page URL does not match the tab it came from.');
  const known = await deps.tabs.get(sender.tabId);
  const classified = classifyUrl(payload.url);
  if (known?.kind !== 'record' || known.visitId !== payload.visitId || classified?.page.kind !== 'record') {
    throw new HandlerError('conflict', 'This page has not reported its record yet (or moved on).');
  }
  // The URL may lack the object (Salesforce redirects): the record is the one the tab reported.
  if (classified.page.ref.id !== known.ref.id) throw new HandlerError('conflict', 'The page moved on to another record.');
  const key = known.key;
  const now = deps.now();
  let changed = false;
  const row = await deps.db.transaction('rw', deps.db.records, async () => {
    const existing = ((await deps.db.records.get(key)) ?? newRecordRow(known.ref, now)) as PrivacyRecordRow;
    const privacy = existing.privacy ?? emptyPrivacy();
    const empty = payload.letters.length === 0 && payload.flags.length === 0 && !payload.notApplicable;
    const before = JSON.stringify(privacy.crm ? [privacy.crm.letters, privacy.crm.flags, privacy.crm.notApplicable] : null);
    const after = JSON.stringify(empty ? null : [payload.letters, payload.flags, payload.notApplicable]);
    if (before === after) return existing;
    const { crm: _dropped, ...rest } = privacy;
    const next: PrivacyRecordRow = {
      ...existing,
      privacy: empty
        ? rest
        : { ...rest, crm: { crm: known.ref.crm, letters: payload.letters, notApplicable: payload.notApplicable, flags: payload.flags, fieldKeys: payload.fieldKeys, at: now } },
    };
    await deps.db.records.put(next);
    changed = true;
    return next;
  });
  const summary = summarise(key, row, now);
  // Only a change is pushed: every visit reports, and the other tabs already show the rest.
  if (changed) await pushSummary(deps, key, summary);
  return { summary };
};

