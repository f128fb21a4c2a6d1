import { getProfileName } from '@/lib/db/profile';
import { ERASURE_CHECKLIST, type ErasureItem, type PrivacyRecordRow, type RequestRow } from '@/lib/consent/model';
import { t } from '@/lib/i18n';
import { ERASURE_KINDS, isoToday, parseIsoDate, requestDeadlines, requestKindsFor } from '@/lib/law/deadlines';
import { JURISDICTIONS } from '@/lib/law/rights';
import { ERASURE_ITEM_KEY } from '@/lib/consent/labels';
import { refuse, type Deps, type Handler } from '../deps';
import { changeRecord, checkDate, eventFor, recordOfTab, requestsTable, requestView, sortRequests } from './consent';

/** End of the due day, local time: what the `dueAt` index sorts by. */
function dueAtOf(date: string | undefined): number | undefined {
  const d = date ? parseIsoDate(date) : null;
  return d ? d.getTime() + 86_400_000 - 1 : undefined;
}

async function context(deps: Deps) {
  const now = deps.now();
  const policy = await deps.policies.active();
  return { now, today: isoToday(now), actor: (await getProfileName(deps.db)).name, policyVersion: policy.policyVersion };
}

async function loadRequest(deps: Deps, id: string): Promise<RequestRow> {
  const row = await requestsTable(deps).get(id);
  if (!row) throw refuse('not-found', 'errRequestGone');
  return row;
}

function targetOf(row: RequestRow) {
  return { key: row.recordKey, ref: { crm: row.crm, org: row.org, object: row.object, id: row.recordId } };
}

export const requestOpen: Handler<'request.open'> = async (payload, _sender, deps) => {
  const target = await recordOfTab(payload.tabId, payload.key, deps);
  const { now, today, actor, policyVersion } = await context(deps);
  const receivedOn = checkDate(payload.receivedOn, 'errWhatRequestReceived', today);
  const record = (await deps.db.records.get(target.key)) as PrivacyRecordRow | undefined;
  const subject = record?.privacy?.subject.at(-1);
  if (!subject) {
    throw refuse('bad-request', 'errJurisdictionFirst');
  }
  if (!requestKindsFor(subject.jurisdiction).includes(payload.kind)) {
    throw refuse('bad-request', 'errRequestKindNotInLaw', { kind: payload.kind, law: JURISDICTIONS[subject.jurisdiction].law });
  }
  const deadlines = requestDeadlines(subject.jurisdiction, payload.kind, receivedOn);
  const id = crypto.randomUUID();
  const row: RequestRow = {
    id,
    recordKey: target.key,
    crm: target.ref.crm,
    org: target.ref.org,
    object: target.ref.object,
    recordId: target.ref.id,
    jurisdiction: subject.jurisdiction,
    kind: payload.kind,
    receivedOn,
    identity: payload.identity,
    identityNote: payload.identityNote.trim(),
    status: 'open',
    ...(deadlines?.acknowledgeBy ? { acknowledgeBy: deadlines.acknowledgeBy } : {}),
    ...(deadlines ? { dueDate: deadlines.dueDate, dueAt: dueAtOf(deadlines.dueDate) } : {}),
    ...(deadlines?.extendBy ? { extendBy: deadlines.extendBy } : {}),
    ...(ERASURE_KINDS.has(payload.kind) ? { checklist: [...ERASURE_CHECKLIST] } : {}),
    openedAt: now,
    history: [{ at: now, actor, action: 'opened' }],
  };
  const event = eventFor(
    target,
    'request-opened',
    actor,
    policyVersion,
    now,
    `request=${id};kind=${payload.kind};jurisdiction=${subject.jurisdiction};received=${receivedOn};due=${deadlines?.dueDate ?? 'none'};identity=${payload.identity}`,
  );
  const table = requestsTable(deps);
  return changeRecord(
    deps,
    target,
    [event],
    async (_row, privacy) => {
      await table.add(row);
      privacy.openRequests.push({ id, kind: row.kind, ...(row.dueDate ? { dueDate: row.dueDate } : {}) });
    },
    [table],
  );
};

export const requestExtend: Handler<'request.extend'> = async (payload, _sender, deps) => {
  const row = await loadRequest(deps, payload.id);
  const { now, today, actor, policyVersion } = await context(deps);
  if (row.status === 'closed') throw refuse('conflict', 'errRequestClosedNoExtension');
  if (row.status === 'extended') throw refuse('conflict', 'errRequestAlreadyExtended');
  const deadlines = requestDeadlines(row.jurisdiction, row.kind, row.receivedOn);
  if (!deadlines?.extendedDueDate || !row.extendBy) {
    throw refuse('bad-request', 'errNoExtensionInLaw', { law: JURISDICTIONS[row.jurisdiction].law });
  }
  if (today > row.extendBy) {
    throw refuse('bad-request', 'errExtensionTooLate', { extendBy: row.extendBy });
  }
  const reason = payload.reason.trim();
  if (reason.length < 10) throw refuse('bad-request', 'errExtensionReason');
  const dueDate = deadlines.extendedDueDate;
  const updated: RequestRow = {
    ...row,
    status: 'extended',
    dueDate,
    dueAt: dueAtOf(dueDate),
    extensionReason: reason,
    history: [...row.history, { at: now, actor, action: 'extended', text: reason }],
  };
  const table = requestsTable(deps);
  const target = targetOf(row);
  const event = eventFor(target, 'request-updated', actor, policyVersion, now, `request=${row.id};kind=${row.kind};extended;due=${dueDate}`);
  await changeRecord(
    deps,
    target,
    [event],
    async (_record, privacy) => {
      await table.put(updated);
      privacy.openRequests = privacy.openRequests.map((r) => (r.id === row.id ? { ...r, dueDate } : r));
    },
    [table],
  );
  return { request: requestView(updated, today) };
};

export const requestClose: Handler<'request.close'> = async (payload, _sender, deps) => {
  const row = await loadRequest(deps, payload.id);
  const { now, today, actor, policyVersion } = await context(deps);
  if (row.status === 'closed') throw refuse('conflict', 'errRequestAlreadyClosed');
  const closedOn = checkDate(payload.closedOn, 'errWhatRequestAnswered', today);
  if (closedOn < row.receivedOn) throw refuse('bad-request', 'errAnswerBeforeReceived', { closedOn, receivedOn: row.receivedOn });
  const note = payload.note.trim();
  if (payload.outcome === 'refused' && note.length < 10) {
    throw refuse('bad-request', 'errRefusalReason');
  }
  if (payload.outcome === 'completed' && row.checklist) {
    const missing = row.checklist.filter((item) => !payload.confirmed.includes(item as (typeof ERASURE_CHECKLIST)[number]));
    if (missing.length > 0) {
      const labels = (lang: 'en' | 'fr') => missing.map((item) => (Object.prototype.hasOwnProperty.call(ERASURE_ITEM_KEY, item) ? t(lang, ERASURE_ITEM_KEY[item as ErasureItem]) : item)).join('; ');
      throw refuse('bad-request', 'errErasureOpen', { missing: { en: labels('en'), fr: labels('fr') } });
    }
  }
  const onTime = row.dueDate ? closedOn <= row.dueDate : undefined;
  const updated: RequestRow = {
    ...row,
    status: 'closed',
    closedOn,
    outcome: payload.outcome,
    ...(onTime !== undefined ? { onTime } : {}),
    history: [...row.history, { at: now, actor, action: 'closed', ...(note ? { text: note } : {}) }],
  };
  const table = requestsTable(deps);
  const target = targetOf(row);
  const event = eventFor(
    target,
    'request-closed',
    actor,
    policyVersion,
    now,
    `request=${row.id};kind=${row.kind};outcome=${payload.outcome};closed=${closedOn};onTime=${onTime === undefined ? 'n/a' : onTime ? 'yes' : 'no'}`,
  );
  await changeRecord(
    deps,
    target,
    [event],
    async (_record, privacy) => {
      await table.put(updated);
      privacy.openRequests = privacy.openRequests.filter((r) => r.id !== row.id);
    },
    [table],
  );
  return { request: requestView(updated, today) };
};

export const requestList: Handler<'request.list'> = async (_payload, _sender, deps) => {
  const today = isoToday(deps.now());
  const rows = await requestsTable(deps).toArray();
  return { requests: sortRequests(rows.map((r) => requestView(r, today))), today };
};
