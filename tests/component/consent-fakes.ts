import type { PopupApi } from '@/entrypoints/popup/store';
import type { ConsentEntry } from '@/lib/consent/model';
import type { PrivacyView, RequestView } from '@/lib/consent/views';
import { requestDeadlines } from '@/lib/law/deadlines';

export const TODAY = '2026-11-29';

export function emptyPrivacyView(key: string): PrivacyView {
  return { key, today: TODAY, summary: { key, state: 'missing' }, bases: [], current: [], consentHistory: [], notices: [], requests: [] };
}

type PrivacyApi = Omit<PopupApi, 'resolveTab' | 'getTab' | 'setBasis'>;

/**
 * A stand-in for the background's consent and request handlers: it records every call and keeps a
 * plausible view (the real rules are tested against fake-indexeddb in tests/unit/background).
 */
export function fakePrivacyApi(key: string, initial: PrivacyView = emptyPrivacyView(key)) {
  let view = initial;
  const calls: { type: string; input: unknown }[] = [];
  const files: { name: string; mime: string; content: string }[] = [];
  const recompute = () => {
    const withdrawn = view.current.filter((c) => c.action === 'withdrawn');
    const given = view.current.filter((c) => c.action === 'given');
    view = {
      ...view,
      summary: {
        key,
        state: withdrawn.length ? 'consent-withdrawn' : given.length ? 'consent-given' : 'missing',
        ...(withdrawn.length ? { withdrawn: withdrawn.map((c) => ({ purposeId: c.purposeId, channel: c.channel })) } : {}),
      },
    };
    return view;
  };
  const api: PrivacyApi = {
    getPrivacy: async () => view,
    async giveConsent(input) {
      calls.push({ type: 'consent.give', input });
      const entries: ConsentEntry[] = input.channels.map((channel) => ({ purposeId: input.purposeId, channel, action: 'given', on: input.givenOn, method: input.method, wording: input.wording, at: 1, actor: 'me', policyVersion: '1' }));
      view = { ...view, current: [...view.current.filter((c) => !(c.purposeId === input.purposeId && input.channels.includes(c.channel))), ...entries] };
      return recompute();
    },
    async withdrawConsent(input) {
      calls.push({ type: 'consent.withdraw', input });
      view = {
        ...view,
        current: view.current.map((c) =>
          c.action === 'given' && (!input.purposeId || c.purposeId === input.purposeId) && (!input.channel || c.channel === input.channel)
            ? { ...c, action: 'withdrawn' as const, on: input.withdrawnOn, method: input.method }
            : c,
        ),
      };
      return recompute();
    },
    async setSubject(input) {
      calls.push({ type: 'subject.set', input });
      view = { ...view, subject: { jurisdiction: input.jurisdiction, source: input.source, obtainedOn: input.obtainedOn, at: 1, actor: 'me' } };
      return view;
    },
    async logNotice(input) {
      calls.push({ type: 'notice.log', input });
      view = { ...view, notices: [{ version: input.version, on: input.givenOn, article: input.article, at: 1, actor: 'me' }, ...view.notices] };
      return view;
    },
    async openRequest(input) {
      calls.push({ type: 'request.open', input });
      const d = requestDeadlines(view.subject?.jurisdiction ?? 'other', input.kind, input.receivedOn);
      const request: RequestView = {
        id: `00000000-0000-4000-8000-00000000000${view.requests.length}`,
        recordKey: key,
        crm: 'hubspot',
        org: '123456',
        object: '0-1',
        recordId: '501',
        jurisdiction: view.subject?.jurisdiction ?? 'other',
        kind: input.kind,
        receivedOn: input.receivedOn,
        identity: input.identity,
        identityNote: input.identityNote,
        status: 'open',
        ...(d ? { dueDate: d.dueDate } : {}),
        ...(d?.extendBy ? { extendBy: d.extendBy } : {}),
        ...(input.kind === 'erasure' ? { checklist: ['crm-record', 'activities', 'attachments', 'marketing-lists', 'integrations', 'backups-note'] } : {}),
        openedAt: 1,
        history: [],
        overdue: false,
        canExtend: d?.extendBy !== undefined && view.today <= d.extendBy,
      };
      view = { ...view, requests: [request, ...view.requests] };
      return view;
    },
    async extendRequest(input) {
      calls.push({ type: 'request.extend', input });
      const r = view.requests.find((x) => x.id === input.id)!;
      const dueDate = requestDeadlines(r.jurisdiction, r.kind, r.receivedOn)?.extendedDueDate;
      const extended: RequestView = { ...r, status: 'extended', canExtend: false, ...(dueDate ? { dueDate } : {}) };
      view = { ...view, requests: view.requests.map((x) => (x.id === input.id ? extended : x)) };
      return { request: extended };
    },
    async closeRequest(input) {
      calls.push({ type: 'request.close', input });
      view = { ...view, requests: view.requests.map((r) => (r.id === input.id ? { ...r, status: 'closed' as const } : r)) };
      return { request: view.requests.find((r) => r.id === input.id)! };
    },
    async readFields() {
      return {
        ok: true,
        recordId: '501',
        fields: [
          { key: 'email', label: 'Email', value: 'jane@example.com' },
          { key: 'notes', label: 'Notes', value: '=HYPERLINK("x")' },
        ],
      };
    },
    async logExport(input) {
      calls.push({ type: 'export.log', input });
    },
    saveFile(name, mime, content) {
      files.push({ name, mime, content });
    },
  };
  return { api, calls, files, view: () => view };
}
