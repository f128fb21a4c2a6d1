import { parseISO, startOfDay, subDays, subMonths } from 'date-fns';
import { classifyUrl, configureSites } from '@/lib/crm/registry';
import { listKeyPrefix, listOf, recordKey, type ListRef, type RecordRef } from '@/lib/crm/types';
import { summarise } from '@/lib/db/records';
import type { PrivacyRecordRow } from '@/lib/consent/model';
import type { BadgeSummary, PageWarning, RowSummary } from '@/lib/messaging/protocol';
import { originOf, type ClassifiedSender } from '@/lib/messaging/sender';
import { pickRetentionRule, retentionEnd, retentionState } from '@/lib/policy/decide';
import { policyCrmOf } from '@/lib/crm/generic';
import type { Policy } from '@/lib/policy/schema';
import { HandlerError, pathOf, type Deps, type Handler } from '../deps';
import { syncSiteScripts } from '../site-scripts';

/**
 * Pages (issue 3): retention context and verdicts, list-row summaries in one batch, page warnings,
 * and the policy's sites for content scripts on hosts the build does not list.
 */

const WARNINGS_KEY = 'page-warnings';
const MAX_WARNINGS = 50;
const retentionKey = (key: string): string => `retention:${key}`;

interface StoredVerdict {
  ruleId: string;
  state: 'ok' | 'due-soon' | 'overdue' | 'unknown';
  expiresOn?: string;
  /**
   * The rule's period when the verdict was reported (the policy then in force): a period changed
   * since moves the expiry day by the difference (verdictToday). Not a date read on the page.
   */
  maxAgeMonths?: number;
  maxAgeDays?: number;
  at: number;
}

/** Applies the active policy's sites to the registry, so that custom domains classify here too. */
export async function syncSites(deps: Deps): Promise<Policy> {
  const policy = await deps.policies.active();
  configureSites(policy.sites);
  return policy;
}

/** The URL a content script states, accepted only within the origin the browser reports for its frame. */
function contentUrl(sender: ClassifiedSender, url: string): { tabId: number; url: string } {
  if (sender.kind !== 'content') throw new HandlerError('forbidden', 'Only a content script may send this.');
  const frameOrigin = originOf(sender.frameUrl);
  if (!frameOrigin || originOf(url) !== frameOrigin) throw new HandlerError('forbidden', 'The page URL does not match the tab it came from.');
  return { tabId: sender.tabId, url };
}

async function recordAt(url: string, deps: Deps, objectHint?: string): Promise<{ ref: RecordRef; key: string; policy: Policy; crm: string }> {
  const policy = await syncSites(deps);
  const classified = classifyUrl(url);
  if (classified?.page.kind !== 'record') throw new HandlerError('bad-request', 'This page is not a record page: open a record, then try again.');
  const ref = { ...classified.page.ref };
  if (!ref.object && objectHint) ref.object = objectHint;
  return { ref, key: recordKey(ref), policy, crm: policyCrmOf(classified.adapter) };
}

export const retentionContext: Handler<'retention.context'> = async (payload, sender, deps) => {
  const { url } = contentUrl(sender, payload.url);
  const { ref, key, policy, crm } = await recordAt(url, deps, payload.objectHint);
  const row: PrivacyRecordRow | undefined = await deps.db.records.get(key);
  // The record's jurisdiction is the latest one logged for it (consent panel); unknown → only
  // rules without a jurisdiction filter apply.
  const jurisdiction = row?.privacy?.subject.at(-1)?.jurisdiction;
  // Rules name CRMs as policyCrmOf does: salesforce, hubspot, the presets, or a generic adapter's id.
  const rule = pickRetentionRule(policy, { crm, object: ref.object, lifecycle: payload.lifecycle, ...(jurisdiction ? { jurisdiction } : {}) });
  return {
    key,
    policyVersion: policy.policyVersion,
    ...(rule ? { rule } : {}),
    ...(row ? { firstSeen: row.firstSeen } : {}),
  };
};

export const retentionReport: Handler<'retention.report'> = async (payload, sender, deps) => {
  const { url } = contentUrl(sender, payload.url);
  const { key, policy } = await recordAt(url, deps);
  const rule = policy.retention.find((r) => r.id === payload.ruleId);
  const value: StoredVerdict = {
    ruleId: payload.ruleId,
    state: payload.state,
    at: deps.now(),
    ...(payload.expiresOn ? { expiresOn: payload.expiresOn } : {}),
    ...(payload.expiresOn && rule?.maxAgeMonths !== undefined ? { maxAgeMonths: rule.maxAgeMonths } : {}),
    ...(payload.expiresOn && rule?.maxAgeDays !== undefined ? { maxAgeDays: rule.maxAgeDays } : {}),
  };
  await deps.db.meta.put({ key: retentionKey(key), value });
  // Open lists of this kind show the verdict on the record's row.
  const lists = await deps.tabs.tabsListing(key);
  if (lists.length > 0) {
    const row = await rowSummaryFor(deps, summarise(key, await deps.db.records.get(key), deps.now()));
    await Promise.all(lists.map((id) => deps.pushRows(id, [row])));
  }
  return { stored: true };
};

function isVerdict(v: unknown): v is StoredVerdict {
  return typeof v === 'object' && v !== null && typeof (v as StoredVerdict).ruleId === 'string' && typeof (v as StoredVerdict).state === 'string';
}

/**
 * A verdict stored days ago, brought to today and to the policy in force: the state moves with the
 * days, and when the rule's period changed since the record page judged it (a period shortened in
 * the dashboard: list views ask again on `policy.changed`, list-rows.ts), the expiry day moves by the
 * difference: back by the period it was reckoned with, forward by the rule's period now (calendar
 * months: a start on the 29th–31st may come out up to 3 days off; the record page, when opened,
 * judges it exactly and reports again).
 */
function verdictToday(v: StoredVerdict | undefined, policy: Policy, now: number): RowSummary['retention'] {
  if (!v || v.state === 'unknown' || !v.expiresOn) return 'unknown';
  const rule = policy.retention.find((r) => r.id === v.ruleId);
  if (!rule) return 'unknown';
  const today = startOfDay(now);
  const stored = parseISO(v.expiresOn);
  const samePeriod = v.maxAgeMonths === rule.maxAgeMonths && v.maxAgeDays === rule.maxAgeDays;
  // Verdicts stored before the period was kept with them have neither: their day stays.
  const start = samePeriod
    ? undefined
    : typeof v.maxAgeMonths === 'number'
      ? subMonths(stored, v.maxAgeMonths)
      : typeof v.maxAgeDays === 'number'
        ? subDays(stored, v.maxAgeDays)
        : undefined;
  // The record page's own reckoning (lib/policy/decide.ts), from that start with the period now.
  const expires = (start && retentionEnd(rule, start)) ?? stored;
  return retentionState(expires, today, rule.warnDays);
}

/** Test hook (documented in the README): sizes of the row batches this worker answered, newest last. */
const rowBatches: number[] = [];
(globalThis as { cpgRowBatches?: number[] }).cpgRowBatches = rowBatches;

/** The list a content script's page shows (refused unless it is a list view or a related list), and the policy. */
async function listAt(sender: ClassifiedSender, statedUrl: string, deps: Deps): Promise<{ list: ListRef; policy: Policy }> {
  const { url } = contentUrl(sender, statedUrl);
  const policy = await syncSites(deps);
  const page = classifyUrl(url)?.page;
  const list = page ? listOf(page) : undefined;
  if (!list) throw new HandlerError('bad-request', 'This page is not a list view.');
  return { list, policy };
}

/** A row's state: the record's summary and its last stored retention verdict, brought to today. */
function rowState(summary: BadgeSummary, stored: unknown, policy: Policy, now: number): RowSummary {
  return { ...summary, retention: verdictToday(isVerdict(stored) ? stored : undefined, policy, now) };
}

export const rowsSummaries: Handler<'rows.summaries'> = async (payload, sender, deps) => {
  const { list, policy } = await listAt(sender, payload.url, deps);
  rowBatches.push(payload.rows.length);
  if (rowBatches.length > 1000) rowBatches.splice(0, rowBatches.length - 1000);
  // Keys are built here from the list's CRM and org: a row only names an object and an id.
  const keys = [...new Set(payload.rows.map((r) => recordKey({ crm: list.crm, org: list.org, object: r.object || list.object, id: r.id })))];
  const [records, verdicts] = await Promise.all([
    deps.db.records.bulkGet(keys),
    deps.db.meta.bulkGet(keys.map(retentionKey)),
  ]);
  const now = deps.now();
  return {
    rows: keys.map((key, i) => rowState(summarise(key, records[i], now), verdicts[i]?.value, policy, now)),
  };
};

/** A record's row state: its summary and the retention verdict last stored for it, as of today. */
export async function rowSummaryFor(deps: Deps, summary: BadgeSummary): Promise<RowSummary> {
  const [policy, stored] = await Promise.all([syncSites(deps), deps.db.meta.get(retentionKey(summary.key))]);
  return rowState(summary, stored?.value, policy, deps.now());
}

/** `rows.known` sends at most this many summaries; a list with more stored records falls back to batches. */
export const MAX_KNOWN_ROWS = 2000;

/**
 * Once per list page: the summaries of this list's records (same CRM, org and object) that have a
 * row or a retention verdict stored, two range reads on primary keys. A record not among them has
 * nothing stored, so the content script marks its row at once, without a round trip per render.
 */
export const rowsKnown: Handler<'rows.known'> = async (payload, sender, deps) => {
  const { list, policy } = await listAt(sender, payload.url, deps);
  const prefix = listKeyPrefix(list);
  const [records, verdicts] = await Promise.all([
    deps.db.records.where('key').startsWith(prefix).limit(MAX_KNOWN_ROWS + 1).toArray(),
    deps.db.meta.where('key').startsWith(retentionKey(prefix)).limit(MAX_KNOWN_ROWS + 1).toArray(),
  ]);
  const now = deps.now();
  const absent: RowSummary = { ...summarise(prefix, undefined, now), retention: 'unknown' };
  const { key: _prefix, ...absentState } = absent;
  const byKey = new Map(records.map((r) => [r.key, r]));
  const stored = new Map(verdicts.map((v) => [v.key.slice(retentionKey('').length), v.value]));
  const keys = [...new Set([...byKey.keys(), ...stored.keys()])];
  const complete = records.length <= MAX_KNOWN_ROWS && verdicts.length <= MAX_KNOWN_ROWS && keys.length <= MAX_KNOWN_ROWS;
  const rows = keys.slice(0, MAX_KNOWN_ROWS).map((key) => rowState(summarise(key, byKey.get(key), now), stored.get(key), policy, now));
  return { prefix, complete, rows, absent: absentState };
};

export const pagesWarn: Handler<'pages.warn'> = async (payload, sender, deps) => {
  const { url } = contentUrl(sender, payload.url);
  const host = new URL(url).hostname;
  const warning: PageWarning = { host, path: pathOf(url), feature: payload.feature, code: payload.code, detail: payload.detail, at: deps.now() };
  await deps.db.transaction('rw', deps.db.meta, async () => {
    const row = await deps.db.meta.get(WARNINGS_KEY);
    const list = Array.isArray(row?.value) ? (row.value as PageWarning[]) : [];
    // One entry per host, feature and problem: a page reloaded a hundred times is one warning.
    const rest = list.filter((w) => !(w.host === host && w.feature === payload.feature && w.code === payload.code));
    await deps.db.meta.put({ key: WARNINGS_KEY, value: [warning, ...rest].slice(0, MAX_WARNINGS) });
  });
  return { stored: true };
};

export const pagesWarnings: Handler<'pages.warnings'> = async (_payload, _sender, deps) => {
  const row = await deps.db.meta.get(WARNINGS_KEY);
  return { warnings: Array.isArray(row?.value) ? (row.value as PageWarning[]) : [] };
};

export const sitesConfig: Handler<'sites.config'> = async (_payload, sender, deps) => {
  if (sender.kind !== 'content') throw new HandlerError('forbidden', 'Only a content script may ask for the site settings.');
  const policy = await syncSites(deps);
  return { sites: policy.sites ?? { presets: { dynamics365: true, zoho: true, pipedrive: true }, adapters: [], customDomains: [] } };
};

export const sitesSync: Handler<'sites.sync'> = async (_payload, _sender, deps) => {
  const policy = await syncSites(deps);
  return { registered: await syncSiteScripts(policy) };
};
