import { classifyUrl } from '@/lib/crm/registry';
import type { Lang } from '@/lib/i18n/translate';
import type { Answers, MessageType, Request } from '@/lib/messaging/protocol';
import { watchNavigation } from './navigation';
import type { Feature, PageContext } from './types';

export interface RunnerOptions {
  doc: Document;
  win: Window;
  lang: Lang;
  features: readonly Feature[];
  send<T extends MessageType>(type: T, payload: Request<T>): Promise<Answers[T]>;
  panelUrl(tabId: number): string;
  newVisitId(): string;
  /** Aborts when the extension unloads. */
  signal: AbortSignal;
}

export interface Runner {
  /** Delivers a background push to the features of the current page. */
  push(message: unknown): void;
}

/**
 * Runs the features of each page: on start and on every SPA URL change, the previous page's signal
 * aborts (its features tear down) and the features that include the new page kind start.
 */
export function startRunner(options: RunnerOptions): Runner {
  let pushHandlers = new Map<string, Set<(message: Record<string, unknown>) => void>>();
  let current: AbortController | null = null;

  const startPage = (url: string): void => {
    current?.abort();
    const controller = new AbortController();
    current = controller;
    const handlers = new Map<string, Set<(message: Record<string, unknown>) => void>>();
    pushHandlers = handlers;
    const classified = classifyUrl(url);
    const ctx: PageContext = {
      doc: options.doc,
      win: options.win,
      lang: options.lang,
      url,
      adapter: classified?.adapter ?? null,
      page: classified?.page ?? { kind: 'other' },
      signal: controller.signal,
      visitId: options.newVisitId(),
      send: options.send,
      onPush(type, handler) {
        if (controller.signal.aborted) return;
        const set = handlers.get(type) ?? new Set();
        set.add(handler);
        handlers.set(type, set);
        controller.signal.addEventListener('abort', () => set.delete(handler), { once: true });
      },
      panelUrl: options.panelUrl,
    };
    for (const feature of options.features) {
      if (!feature.include.includes(ctx.page.kind)) continue;
      try {
        // An unexpected page must never throw into the CRM: a failing feature just does nothing.
        void Promise.resolve(feature.init(ctx)).catch(() => undefined);
      } catch {
        // Same for a synchronous throw.
      }
    }
  };

  watchNavigation(options.win, startPage, options.signal);
  options.signal.addEventListener('abort', () => current?.abort(), { once: true });
  startPage(options.win.location.href);

  return {
    push(message) {
      if (!message || typeof message !== 'object') return;
      const msg = message as Record<string, unknown>;
      if (typeof msg.type !== 'string') return;
      for (const handler of pushHandlers.get(msg.type) ?? []) handler(msg);
    },
  };
}
