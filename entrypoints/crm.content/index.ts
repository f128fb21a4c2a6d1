import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CONTENT_SCRIPT_MATCHES } from '@/lib/crm/hosts';
import { classifyUrl } from '@/lib/crm/registry';
import { watchNavigation } from '@/lib/features/navigation';
import { runRecordBadge, type RecordPageHandle } from '@/lib/features/record-badge';
import { pickLang } from '@/lib/i18n';
import type { Answer, Answers, BadgeSummary, MessageType, Request } from '@/lib/messaging/protocol';

// Type-only imports from the protocol keep zod out of the content script (size budget): the
// background validates everything; pushes to this script are checked by hand below.

async function send<T extends MessageType>(type: T, payload: Request<T>): Promise<Answers[T]> {
  const answer = (await browser.runtime.sendMessage({ type, payload })) as Answer<T> | undefined;
  if (!answer?.ok) throw new Error(answer ? answer.error.message : 'no answer from the extension');
  return answer.data;
}

const STATES = new Set(['missing', 'basis-logged', 'consent-given', 'consent-withdrawn', 'restricted']);

function asSummary(value: unknown): BadgeSummary | null {
  if (!value || typeof value !== 'object') return null;
  const s = value as Record<string, unknown>;
  if (typeof s.key !== 'string' || typeof s.state !== 'string' || !STATES.has(s.state)) return null;
  if (s.basis !== undefined && !(typeof s.basis === 'string' && /^[a-f]$/.test(s.basis))) return null;
  return s as unknown as BadgeSummary;
}

export default defineContentScript({
  matches: [...CONTENT_SCRIPT_MATCHES],
  // document_start: later issues hide masked values before paint; the badge waits for its title.
  runAt: 'document_start',
  allFrames: false,
  main(ctx) {
    const lang = pickLang(navigator.language);
    let current: { controller: AbortController; handle: RecordPageHandle | null } | null = null;

    const startPage = (url: string): void => {
      current?.controller.abort();
      const controller = new AbortController();
      const entry: { controller: AbortController; handle: RecordPageHandle | null } = { controller, handle: null };
      current = entry;
      const visitId = crypto.randomUUID();
      const classified = classifyUrl(url);
      if (!classified || classified.page.kind !== 'record') {
        const kind = classified?.page.kind ?? 'other';
        send('page.state', { visitId, kind }).catch(() => undefined);
        return;
      }
      const { adapter, page } = classified;
      runRecordBadge({
        doc: document,
        lang,
        adapter,
        ref: page.ref,
        signal: controller.signal,
        visitId,
        report: (payload) => send('page.state', { kind: 'record', ...payload }),
        panelUrl: (tabId) => `${browser.runtime.getURL('/popup.html')}?tab=${tabId}&embed=1`,
      })
        .then((handle) => {
          entry.handle = handle;
        })
        // An unexpected page must never throw into the CRM: no badge, nothing else.
        .catch(() => undefined);
    };

    browser.runtime.onMessage.addListener((message: unknown, sender) => {
      if (sender.id !== browser.runtime.id || !message || typeof message !== 'object') return;
      const msg = message as { type?: unknown; summary?: unknown };
      if (msg.type === 'badge.update') {
        const summary = asSummary(msg.summary);
        if (summary) current?.handle?.update(summary);
      } else if (msg.type === 'panel.close') {
        current?.handle?.closePanel();
      }
    });

    watchNavigation(window, startPage, ctx.signal);
    ctx.onInvalidated(() => current?.controller.abort());
    startPage(location.href);
  },
});
