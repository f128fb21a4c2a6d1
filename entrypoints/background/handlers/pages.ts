import { withPurposeLabels } from '@/lib/consent/summary';
import { newEvent } from '@/lib/audit/chain';
import { classifyUrl } from '@/lib/crm/registry';
import { recordKey } from '@/lib/crm/types';
import { getProfileName } from '@/lib/db/profile';
import { summarise, touchRecord } from '@/lib/db/records';
import { originOf } from '@/lib/messaging/sender';
import { HandlerError, pathOf, policyInfo, tabPage, type Handler } from '../deps';
import type { TabPage } from '../tabs';

export const pageState: Handler<'page.state'> = async (payload, sender, deps) => {
  if (sender.kind !== 'content') throw new HandlerError('forbidden', 'Only a content script may report a page.');
  const { tabId } = sender;
  // A page can pushState to any path of its own origin, never to another origin: the URL the
  // script states is taken within the origin the browser reports for the frame, else refused.
  const frameOrigin = originOf(sender.frameUrl);
  if (!frameOrigin || originOf(payload.url) !== frameOrigin) {
    throw new HandlerError('forbidden', 'The page URL does not match the tab it came from.');
  }
  const pageUrl = payload.url;
  // The background classifies the URL itself; the content script only says whether the page
  // rendered and, when the URL lacks it, the object name.
  const classified = classifyUrl(pageUrl);
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
    path: pathOf(pageUrl),
    visitId: payload.visitId,
    ...(classified.page.related ? { related: classified.page.related } : {}),
  };
  const firstReport = !(previous?.visitId === payload.visitId && previous.kind === 'record' && previous.key === key);
  // Access log (issue 4): one view per visit id and record, kept by the log's unique eventId, so
  // that a retry after the worker stopped between this registry write and the append still logs it once.
  const viewId = `view-${payload.visitId}-${ref.object}-${ref.id}`;
  const viewLogged = !firstReport && (await deps.db.events.where('eventId').equals(viewId).count()) > 0;
  await deps.tabs.set(tabId, page);
  const row = await touchRecord(deps.db, ref, now);
  if (!viewLogged) {
    const policy = await deps.policies.active();
    const actor = (await getProfileName(deps.db)).name;
    await deps.log.append([
      newEvent({ at: now, action: 'view', actor, policyVersion: policy.policyVersion, path: page.path, eventId: viewId }, { ref, key }),
    ]);
  }
  const summary = withPurposeLabels(summarise(key, row), (await deps.policies.active()).purposes);
  await deps.setIcon(tabId, summary);
  return { tabId, summary, key };
};

export const tabGet: Handler<'tab.get'> = async (payload, _sender, deps) => {
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

