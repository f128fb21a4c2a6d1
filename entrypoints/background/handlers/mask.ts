import { newEvent, type NewEvent } from '@/lib/audit/chain';
import { classifyUrl } from '@/lib/crm/registry';
import { recordKey, type CrmId, type RecordRef } from '@/lib/crm/types';
import { getProfileName } from '@/lib/db/profile';
import { summarise } from '@/lib/db/records';
import type { MaskTabView, RevealReason } from '@/lib/messaging/protocol';
import { originOf, type ClassifiedSender } from '@/lib/messaging/sender';
import { bothLangs, type ErrorKey } from '@/lib/i18n/error-text';
import { detectSensitiveValue, looksLikeEmail } from '@/lib/policy/detectors';
import { holdsBirthLikeDate } from '@/lib/crm/dates';
import type { DetectorId, Policy } from '@/lib/policy/schema';
import { HandlerError, refuse, tabPage, type Deps, type Handler } from '../deps';
import { maskServices, recordIdentity, type MaskTab } from '../mask-state';
import type { TabPage } from '../tabs';

/** Field keys as each adapter builds them; other CRMs get the protocol's bound only. */
const FIELD_KEY_BY_CRM: Partial<Record<CrmId, RegExp>> = {
  // Lightning: object and field API names. Classic: a field cell's id (`con7`, `00N…`), else a name from its label.
  salesforce: /^sfdc:(?:RecordField\.[A-Za-z][A-Za-z0-9_]{0,79}\.[A-Za-z]|ClassicField\.\w)\w{0,79}$/,
  hubspot: /^[A-Za-z0-9_.-]{1,100}$/,
};

/** How many records' per-tab unmasks a tab keeps (older ones are dropped: they mask again). */
const MAX_RECORDS_PER_TAB = 20;

function checkFieldKey(crm: CrmId, key: string): void {
  const re = FIELD_KEY_BY_CRM[crm];
  if (re && !re.test(key)) throw new HandlerError('bad-request', `"${key}" is not a field of this CRM.`);
}

/** The reason as the log keeps it: a preset's id, or the user's own words (policy's minimum length). */
const ALL_DETECTORS: Readonly<Record<DetectorId, boolean>> = { iban: true, paymentCard: true, nir: true, email: true, phone: true };
/**
 * An email address inside a sentence: the detectors take a whole value as one, and inside text they
 * find checksummed numbers only. Each word, its surrounding punctuation trimmed, is asked as a value.
 */
function holdsEmail(text: string): boolean {
  return text.split(/\s+/).some((word) => looksLikeEmail(word.replace(/^[("'<[]+|[)"'>\].,;:!?]+$/g, '')));
}
const VALUE_NAMES: Readonly<Record<DetectorId, ErrorKey>> = {
  iban: 'errValueIban',
  paymentCard: 'errValuePaymentCard',
  nir: 'errValueNir',
  email: 'errValueEmail',
  phone: 'errValuePhone',
};

export function checkReason(policy: Policy, reason: RevealReason, today: Date): { text: string; kind: 'preset' | 'text' } {
  const rules = policy.revealReasons;
  if ('presetId' in reason) {
    const preset = rules.presets.find((p) => p.id === reason.presetId);
    if (!preset) throw refuse('bad-request', 'errReasonUnknown', { reason: reason.presetId });
    return { text: preset.id, kind: 'preset' };
  }
  if (!rules.allowFreeText) throw refuse('bad-request', 'errReasonFreeTextOff');
  const text = reason.text.trim();
  if (text.length < rules.minLength) {
    throw refuse('bad-request', 'errReasonTooShort', { min: rules.minLength });
  }
  // The reason is stored in the access log, which keeps field names, never values: a reason that
  // quotes the value it is about ("correcting DOB, IBAN FR76…") is refused, whatever the policy masks.
  const found = detectSensitiveValue(text, ALL_DETECTORS) ?? (holdsEmail(text) ? 'email' : null);
  if (found) throw refuse('bad-request', 'errReasonHoldsValue', { what: bothLangs(VALUE_NAMES[found]) });
  // A full date far enough back to be a birth date ("to correct DOB 05/17/1984"); the day of a call is not one.
  if (holdsBirthLikeDate(text, today)) throw refuse('bad-request', 'errReasonHoldsValue', { what: bothLangs('errValueBirthDate') });
  return { text, kind: 'text' };
}

/**
 * A frame inside a tab (the reason dialog, the in-page panel) acts on its own tab only (the router
 * checks it first: handlers/frame.ts). The toolbar popup (no tab) and the dashboard (the top frame
 * of its own tab) act on any tab.
 */
function checkTab(sender: ClassifiedSender, tabId: number): void {
  if (sender.kind === 'extension-frame' && sender.tabId !== tabId) throw new HandlerError('forbidden', 'A dialog may only act on the tab it is shown in.');
}

type RecordPage = Extract<TabPage, { kind: 'record' }>;

/** The record the tab shows, as its content script registered it (never a key a page sent). */
async function registeredRecord(tabId: number, deps: Deps): Promise<RecordPage> {
  const page = await deps.tabs.get(tabId);
  if (page?.kind !== 'record') {
    throw refuse('not-found', 'errTabNoRecordNow');
  }
  return page;
}

/** The URL a content script states, accepted only within its frame's origin (as page.state does). */
function contentPage(sender: ClassifiedSender, url: string): { tabId: number; ref: RecordRef | null } {
  if (sender.kind !== 'content') throw new HandlerError('forbidden', 'Only a content script may send this.');
  const frameOrigin = originOf(sender.frameUrl);
  if (!frameOrigin || originOf(url) !== frameOrigin) {
    throw new HandlerError('forbidden', 'The page URL does not match the tab it came from.');
  }
  const classified = classifyUrl(url);
  return { tabId: sender.tabId, ref: classified?.page.kind === 'record' ? classified.page.ref : null };
}

async function isRestricted(deps: Deps, key: string | undefined): Promise<boolean> {
  if (!key) return false;
  return summarise(key, await deps.db.records.get(key)).state === 'restricted';
}

/** The stored key of a record the URL names: the registered one when it is the same record. */
async function keyFor(deps: Deps, tabId: number, ref: RecordRef): Promise<string | undefined> {
  const page = await deps.tabs.get(tabId);
  if (page?.kind === 'record' && recordIdentity(page.ref) === recordIdentity(ref)) return page.key;
  return ref.object ? recordKey(ref) : undefined;
}

function unmaskedFor(tab: MaskTab, identity: string | undefined): string[] {
  return identity ? [...(tab.unmasked[identity] ?? [])] : [];
}

async function actor(deps: Deps): Promise<string> {
  return (await getProfileName(deps.db)).name;
}

function fieldEvent(page: RecordPage, policy: Policy, who: string, at: number, rest: Pick<NewEvent, 'action' | 'fields' | 'reason' | 'detail' | 'eventId'>): NewEvent {
  return newEvent({ at, actor: who, policyVersion: policy.policyVersion, path: page.path, ...rest }, page);
}

/** Appends one event; true when the log already held its eventId (a retry). */
async function appendOnce(deps: Deps, event: NewEvent): Promise<boolean> {
  const [stored] = await deps.log.append([event]);
  return stored !== undefined && stored.at !== event.at;
}

async function pushState(deps: Deps, tabId: number): Promise<void> {
  const services = maskServices(deps);
  const page = await tabPage(tabId, deps);
  const tab = await services.tabs.get(tabId);
  const identity = page.kind === 'record' ? recordIdentity(page.ref) : undefined;
  await services.push(tabId, { type: 'mask.state', maskAll: tab.maskAll, unmasked: unmaskedFor(tab, identity) });
}

async function tabView(deps: Deps, tabId: number): Promise<MaskTabView> {
  const policy = await deps.policies.active();
  const page = await tabPage(tabId, deps);
  const tab = await maskServices(deps).tabs.get(tabId);
  const base = { tabId, maskAll: tab.maskAll, reasons: policy.revealReasons, revealSeconds: policy.masking.revealSeconds };
  if (page.kind !== 'record') return { ...base, record: false, restricted: false, unmasked: [], fields: [] };
  const identity = recordIdentity(page.ref);
  const unmasked = unmaskedFor(tab, identity);
  const reported = tab.reported?.identity === identity ? tab.reported.fields : [];
  const fields = [...reported];
  // A field unmasked for the tab is no longer reported as masked: keep it listed so it can be masked again.
  for (const key of unmasked) if (!fields.some((f) => f.key === key)) fields.push({ key, label: key });
  return { ...base, record: true, restricted: await isRestricted(deps, page.key), unmasked, fields };
}

export const maskConfig: Handler<'mask.config'> = async (payload, sender, deps) => {
  const { tabId, ref } = contentPage(sender, payload.url);
  const policy = await deps.policies.active();
  const tab = await maskServices(deps).tabs.get(tabId);
  const identity = ref ? recordIdentity(ref) : undefined;
  const restricted = ref ? await isRestricted(deps, await keyFor(deps, tabId, ref)) : false;
  return { tabId, policy, maskAll: tab.maskAll, unmasked: unmaskedFor(tab, identity), restricted };
};

export const maskReport: Handler<'mask.report'> = async (payload, sender, deps) => {
  const { tabId, ref } = contentPage(sender, payload.url);
  if (!ref) return { stored: false };
  const fields: { key: string; label: string }[] = [];
  for (const f of payload.fields) {
    if (FIELD_KEY_BY_CRM[ref.crm]?.test(f.key) === false || fields.some((x) => x.key === f.key)) continue;
    // Page text: one line, bounded, shown only as text by the popup.
    fields.push({ key: f.key, label: f.label.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 200) || f.key });
  }
  await maskServices(deps).tabs.update(tabId, (tab) => ({ ...tab, reported: { identity: recordIdentity(ref), fields } }));
  return { stored: true };
};

export const fieldReveal: Handler<'field.reveal'> = async (payload, sender, deps) => {
  checkTab(sender, payload.tabId);
  const page = await registeredRecord(payload.tabId, deps);
  checkFieldKey(page.ref.crm, payload.fieldKey);
  const policy = await deps.policies.active();
  const reason = checkReason(policy, payload.reason, new Date(deps.now()));
  const seconds = policy.masking.revealSeconds;
  const event = fieldEvent(page, policy, await actor(deps), deps.now(), {
    action: 'reveal',
    fields: [payload.fieldKey],
    reason: reason.text,
    detail: `scope=timed;seconds=${seconds};reason=${reason.kind}`,
    eventId: payload.eventId,
  });
  const duplicate = await appendOnce(deps, event);
  // Logged first, shown second: a reveal that could not be logged never happens.
  await maskServices(deps).push(payload.tabId, { type: 'mask.reveal', fieldKey: payload.fieldKey, seconds });
  return { revealSeconds: seconds, duplicate };
};

export const fieldRevealClose: Handler<'field.revealClose'> = async (payload, sender, deps) => {
  checkTab(sender, payload.tabId);
  await maskServices(deps).push(payload.tabId, { type: 'mask.dialogClose' });
  return { closed: true };
};

export const fieldCopy: Handler<'field.copy'> = async (payload, sender, deps) => {
  const { tabId, ref } = contentPage(sender, payload.url);
  const page = await registeredRecord(tabId, deps);
  if (!ref || recordIdentity(ref) !== recordIdentity(page.ref)) {
    throw new HandlerError('conflict', 'The tab now shows another record; the copy was not logged.');
  }
  for (const key of payload.fieldKeys) checkFieldKey(page.ref.crm, key);
  const policy = await deps.policies.active();
  const event = fieldEvent(page, policy, await actor(deps), deps.now(), {
    action: 'copy',
    fields: [...new Set(payload.fieldKeys)],
    reason: '',
    detail: 'scope=revealed',
    eventId: payload.eventId,
  });
  await appendOnce(deps, event);
  return { logged: true };
};

export const maskTabGet: Handler<'mask.tab.get'> = async (payload, sender, deps) => {
  checkTab(sender, payload.tabId);
  return tabView(deps, payload.tabId);
};

export const maskTabSet: Handler<'mask.tab.set'> = async (payload, sender, deps) => {
  checkTab(sender, payload.tabId);
  const { tabId, change } = payload;
  const tabs = maskServices(deps).tabs;
  if (change.kind === 'mask-all') {
    await tabs.update(tabId, (tab) => ({ ...tab, maskAll: change.on }));
  } else {
    const page = await registeredRecord(tabId, deps);
    checkFieldKey(page.ref.crm, change.fieldKey);
    const identity = recordIdentity(page.ref);
    if (change.kind === 'unmask') {
      // Mask-all and a restriction win over a tab unmask: it would show nothing, so no reveal is logged.
      if ((await tabs.get(tabId)).maskAll) throw refuse('conflict', 'errUnmaskMaskAll');
      if (await isRestricted(deps, page.key)) throw refuse('conflict', 'errUnmaskRestricted');
      const policy = await deps.policies.active();
      const reason = checkReason(policy, change.reason, new Date(deps.now()));
      const event = fieldEvent(page, policy, await actor(deps), deps.now(), {
        action: 'reveal',
        fields: [change.fieldKey],
        reason: reason.text,
        detail: `scope=tab;reason=${reason.kind}`,
        eventId: change.eventId,
      });
      await appendOnce(deps, event);
    }
    await tabs.update(tabId, (tab) => {
      const current = (tab.unmasked[identity] ?? []).filter((k) => k !== change.fieldKey);
      const next = change.kind === 'unmask' ? [...current, change.fieldKey] : current;
      const others = Object.entries(tab.unmasked).filter(([id]) => id !== identity).slice(-(MAX_RECORDS_PER_TAB - 1));
      return { ...tab, unmasked: Object.fromEntries([...others, ...(next.length > 0 ? [[identity, next] as const] : [])]) };
    });
  }
  await pushState(deps, tabId);
  return tabView(deps, tabId);
};
