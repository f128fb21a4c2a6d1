import type { CrmAdapter, PageKind } from '@/lib/crm/types';
import type { Lang } from '@/lib/i18n/translate';
import type { Answers, MessageType, Request } from '@/lib/messaging/protocol';

/** What every page feature gets: the page, a way to talk to the background, and a signal that ends it. */
export interface PageContext {
  doc: Document;
  win: Window;
  lang: Lang;
  url: string;
  /** null when the host has no adapter (the page kind is then 'other'). */
  adapter: CrmAdapter | null;
  page: PageKind;
  /** Aborts on SPA navigation and when the extension unloads: every listener takes it. */
  signal: AbortSignal;
  /** New for every page visit: the background logs one `view` per visit id. */
  visitId: string;
  send<T extends MessageType>(type: T, payload: Request<T>): Promise<Answers[T]>;
  /** Registers a handler for a background push of `type` until the signal aborts. */
  onPush(type: string, handler: (message: Record<string, unknown>) => void): void;
  /** URL of the in-page record panel (the popup page) for a tab. */
  panelUrl(tabId: number): string;
}

/**
 * One page feature per file, its run conditions declared (after refined-github's features.add):
 * the runner calls `init` on every page whose kind is in `include`, and aborts its signal when the
 * page goes. A feature must never throw into the page: the runner catches and drops errors.
 */
export interface Feature {
  id: string;
  include: ReadonlyArray<PageKind['kind']>;
  /**
   * `checked`: the always-loaded stand-in already asked its `when` and it said yes (lib/features/lazy.ts),
   * so a feature whose own first step is that same question need not ask the background again.
   */
  init(ctx: PageContext, checked?: boolean): void | Promise<void>;
  /** Set on the always-loaded stand-in of a feature that lives in crm-lazy.js (lib/features/lazy.ts). */
  onDemand?: true;
}
