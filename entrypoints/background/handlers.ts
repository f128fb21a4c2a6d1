import { classifyUrl } from '@/lib/crm/registry';
import { recordKey } from '@/lib/crm/types';
import type { AccessLog } from '@/lib/audit/log';
import type { NewEvent } from '@/lib/audit/chain';
import type { GuardDB } from '@/lib/db/db';
import { newRecordRow, summarise, touchRecord } from '@/lib/db/records';
import type { BasisEntry } from '@/lib/db/schema';
import {
  allowedSenders,
  envelopeSchema,
  isMessageType,
  requestSchemas,
  type Answer,
  type Answers,
  type BadgeSummary,
  type ErrorCode,
  type MessageType,
  type Request,
  type TabView,
} from '@/lib/messaging/protocol';
import { classifySender, isKind, type ClassifiedSender, type SenderLike } from '@/lib/messaging/sender';
import type { PolicyStore } from './policy';
import type { TabPage, TabRegistry } from './tabs';
import { getProfileName, setProfileName } from '@/lib/db/profile';

/** Everything the handlers touch, injected so that tests run them against fake-indexeddb. */
export interface Deps {
  db: GuardDB;
  log: AccessLog;
  tabs: TabRegistry;
  policies: PolicyStore;
  extensionId: string;
  extensionOrigin: string;
  now: () => number;
  /** URL of a tab as the browser knows it (undefined when the tab is gone). */
  tabUrl: (tabId: number) => Promise<string | undefined>;
  /** Push a summary to the content script of a tab (errors ignored: the tab may be gone). */
  pushBadge: (tabId: number, summary: BadgeSummary) => Promise<void>;
  /** Reflect a tab's state on the toolbar icon. */
  setIcon: (tabId: number, summary: BadgeSummary | undefined) => Promise<void>;
}

export class HandlerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type Handler<T extends MessageType> = (
  payload: Request<T>,
  sender: ClassifiedSender,
  deps: Deps,
) => Promise<Answers[T]>;

function pathOf(url: string): string {
  try {
    return new URL(url).pathname; // no query string or fragment: they can hold personal data
  } catch {
    return '';
  }
}

function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: string; inner?: { name?: string } } | null)?.name;
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name;
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}

async function policyInfo(deps: Deps): Promise<TabView['policy']> {
  const policy = await deps.policies.active();
  return {
    version: policy.policyVersion,
    name: policy.name,
    purposes: policy.purposes.map((p) => ({
      id: p.id,
      label: { en: p.label.en, fr: p.label.fr },
      ...(p.defaultBasis ? { defaultBasis: p.defaultBasis } : {}),
    })),
  };
}

const pageState: Handler<'page.state'> = async (payload, sender, deps) => {
  if (sender.kind !== 'content') throw new HandlerError('forbidden', 'Only a content script may report a page.');
  const { tabId, frameUrl } = sender;
  // The background classifies the URL the browser reports for the frame; the content script
  // only says whether the page rendered and, when the URL lacks it, the object name.
  const classified = classifyUrl(frameUrl);
  const previous = await deps.tabs.get(tabId);
  if (!classified || classified.page.kind === 'other' || payload.kind === 'other') {
    await deps.tabs.set(tabId, { kind: 'other', visitId: payload.visitId });
    await deps.setIcon(tabId, undefined);
    return { tabId };
  }
  if (classified.page.kind === 'list') {
    await deps.tabs.set(tabId, { kind: 'list', ref: classified.page.ref, visitId: payload.visitId });
    await deps.setIcon(tabId, undefined);
    return { tabId };
  }
  const ref = { ...classified.page.ref };
  if (!ref.object && payload.objectHint) ref.object = payload.objectHint;
  const key = recordKey(ref);
  const now = deps.now();
  const page: TabPage = {
    kind: 'record',
    ref,
    key,
    title: payload.title ?? '',
    path: pathOf(frameUrl),
    visitId: payload.visitId,
  };
  const firstReport = !(previous?.visitId === payload.visitId && previous.kind === 'record' && previous.key === key);
  await deps.tabs.set(tabId, page);
  const row = await touchRecord(deps.db, ref, now);
  if (firstReport) {
    const policy = await deps.policies.active();
    await deps.log.append([
      {
        at: now,
        action: 'view',
        actor: (await getProfileName(deps.db)).name,
        crm: ref.crm,
        org: ref.org,
        object: ref.object,
        recordId: ref.id,
        recordKey: key,
        fields: [],
        reason: '',
        policyVersion: policy.policyVersion,
        path: page.path,
        detail: '',
      },
    ]);
  }
  const summary = summarise(key, row);
  await deps.setIcon(tabId, summary);
  return { tabId, summary, key };
};

async function tabPage(tabId: number, deps: Deps): Promise<TabView['page']> {
  const known = await deps.tabs.get(tabId);
  if (known?.kind === 'record') return { kind: 'record', ref: known.ref, key: known.key, title: known.title };
  if (known?.kind === 'list') return { kind: 'list', ref: known.ref };
  if (known?.kind === 'other') return { kind: 'other' };
  // The content script has not reported (yet): fall back to the tab's URL.
  const url = await deps.tabUrl(tabId);
  const classified = url ? classifyUrl(url) : null;
  if (classified?.page.kind === 'record') {
    const ref = classified.page.ref;
    return { kind: 'record', ref, key: recordKey(ref), title: '' };
  }
  if (classified?.page.kind === 'list') return { kind: 'list', ref: classified.page.ref };
  return { kind: 'other' };
}

const tabGet: Handler<'tab.get'> = async (payload, _sender, deps) => {
  const page = await tabPage(payload.tabId, deps);
  const policy = await policyInfo(deps);
  if (page.kind !== 'record') return { tabId: payload.tabId, page, history: [], policy };
  const row = await deps.db.records.get(page.key);
  return {
    tabId: payload.tabId,
    page,
    summary: summarise(page.key, row),
    history: row ? [...row.bases].sort((a, b) => b.at - a.at) : [],
    policy,
  };
};

const setBasis: Handler<'record.setBasis'> = async (payload, _sender, deps) => {
  const page = await tabPage(payload.tabId, deps);
  if (page.kind !== 'record') {
    throw new HandlerError('not-found', 'That tab no longer shows a CRM record. Open the record and try again.');
  }
  if (page.key !== payload.key) {
    throw new HandlerError('conflict', 'That tab now shows another record. Close this panel and open it again.');
  }
  const policy = await deps.policies.active();
  const purpose = policy.purposes.find((p) => p.id === payload.purposeId);
  if (!purpose) {
    throw new HandlerError('bad-request', `The purpose "${payload.purposeId}" is not in the active policy.`);
  }
  const now = deps.now();
  const actor = (await getProfileName(deps.db)).name;
  const entry: BasisEntry = {
    purposeId: purpose.id,
    basis: payload.basis,
    note: payload.note.trim(),
    at: now,
    actor,
    policyVersion: policy.policyVersion,
  };
  const event: NewEvent = {
    at: now,
    action: 'basis-set',
    actor,
    crm: page.ref.crm,
    org: page.ref.org,
    object: page.ref.object,
    recordId: page.ref.id,
    recordKey: page.key,
    fields: [],
    reason: '',
    policyVersion: policy.policyVersion,
    path: '',
    // The note stays with the record: it may name people. The log keeps what was decided.
    detail: `basis=${payload.basis};purpose=${purpose.id}`,
  };
  const row = await deps.log.appendWith([event], [deps.db.records], async () => {
    const existing = (await deps.db.records.get(page.key)) ?? newRecordRow(page.ref, now);
    const updated = { ...existing, bases: [...existing.bases, entry], updatedAt: now };
    await deps.db.records.put(updated);
    return updated;
  });
  const summary = summarise(page.key, row);
  const tabs = await deps.tabs.tabsShowing(page.key);
  await Promise.all(tabs.flatMap((id) => [deps.pushBadge(id, summary), deps.setIcon(id, summary)]));
  return { summary, history: [...row.bases].sort((a, b) => b.at - a.at) };
};

const eventsRecent: Handler<'events.recent'> = async (payload, _sender, deps) => {
  const events = await deps.db.events.orderBy('seq').reverse().limit(payload.limit).toArray();
  return { events, total: await deps.db.events.count() };
};

const policyActive: Handler<'policy.active'> = async (_payload, _sender, deps) => {
  const row = await deps.policies.activeRow();
  return { policy: row.doc, source: row.source, activatedAt: row.activatedAt };
};

const profileGet: Handler<'profile.get'> = async (_payload, _sender, deps) => getProfileName(deps.db);

const profileSet: Handler<'profile.set'> = async (payload, _sender, deps) => {
  await setProfileName(deps.db, payload.name);
  return getProfileName(deps.db);
};

const handlers: { [T in MessageType]: Handler<T> } = {
  'page.state': pageState,
  'tab.get': tabGet,
  'record.setBasis': setBasis,
  'events.recent': eventsRecent,
  'policy.active': policyActive,
  'profile.get': profileGet,
  'profile.set': profileSet,
};

/**
 * Every message goes the same way: sender → envelope → payload schema → handler (policy, db),
 * and fails closed with an error answer. Nothing is written for a refused message.
 */
export async function handleMessage(raw: unknown, rawSender: SenderLike, deps: Deps): Promise<Answer<MessageType>> {
  const sender = classifySender(rawSender, deps.extensionId, deps.extensionOrigin);
  if (sender.kind === 'unknown') {
    return { ok: false, error: { code: 'forbidden', message: `Message refused: ${sender.why}.` } };
  }
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success || !isMessageType(envelope.data.type)) {
    return { ok: false, error: { code: 'bad-request', message: 'Unknown or malformed message.' } };
  }
  const type = envelope.data.type;
  if (!isKind(sender, allowedSenders[type])) {
    return { ok: false, error: { code: 'forbidden', message: `"${type}" may not be sent from here.` } };
  }
  const payload = requestSchemas[type].safeParse(envelope.data.payload);
  if (!payload.success) {
    const issue = payload.error.issues[0];
    const where = issue?.path.join('.') || 'payload';
    return { ok: false, error: { code: 'bad-request', message: `Invalid "${type}" message at ${where}.` } };
  }
  try {
    const handler = handlers[type] as Handler<MessageType>;
    const data = await handler(payload.data as Request<MessageType>, sender, deps);
    return { ok: true, data };
  } catch (error) {
    if (error instanceof HandlerError) return { ok: false, error: { code: error.code, message: error.message } };
    if (isQuotaError(error)) {
      return {
        ok: false,
        error: {
          code: 'storage',
          message:
            'The browser refused to store more data (disk full or storage quota reached). Nothing was saved. Free some disk space, then try again.',
        },
      };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message } };
  }
}

