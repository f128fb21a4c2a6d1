import type { AccessLog } from '@/lib/audit/log';
import { classifyUrl } from '@/lib/crm/registry';
import { recordKey } from '@/lib/crm/types';
import type { GuardDB } from '@/lib/db/db';
import { errorMessage, type ErrorKey, type ErrorParams } from '@/lib/i18n/error-text';
import type { Answers, BadgeSummary, ErrorCode, MessageType, Request, RowSummary, TabView } from '@/lib/messaging/protocol';
import type { ClassifiedSender } from '@/lib/messaging/sender';
import type { PolicyStore } from './policy';
import type { TabRegistry } from './tabs';

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
  /** Push new row states to the content script of a list tab (errors ignored: the tab may be gone). */
  pushRows: (tabId: number, rows: RowSummary[]) => Promise<void>;
  /** Reflect a tab's state on the toolbar icon. */
  setIcon: (tabId: number, summary: BadgeSummary | undefined) => Promise<void>;
  /** Runs crm-lazy.js (the page features loaded on demand) in that frame's isolated world; rejects when the browser refuses. */
  injectFeatures: (target: { tabId: number; frameId: number; documentId?: string }) => Promise<void>;
}

/** A refusal: English `message`; `key` and `params` name it in lib/i18n/messages/errors.ts (build it with `refuse`). */
export class HandlerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly key?: ErrorKey,
    readonly params?: ErrorParams,
  ) {
    super(message);
  }
}

/** A refusal worded from the catalogue: the English message for logs, the key and params for the user's language. */
export function refuse(code: ErrorCode, key: ErrorKey, params?: ErrorParams): HandlerError {
  return new HandlerError(code, errorMessage('en', key, params), key, params);
}

/** One handler per message type: it runs after the sender and the payload were checked. */
export type Handler<T extends MessageType> = (
  payload: Request<T>,
  sender: ClassifiedSender,
  deps: Deps,
) => Promise<Answers[T]>;

export function pathOf(url: string): string {
  try {
    return new URL(url).pathname; // no query string or fragment: they can hold personal data
  } catch {
    return '';
  }
}

export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: string; inner?: { name?: string } } | null)?.name;
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name;
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}

export async function policyInfo(deps: Deps): Promise<TabView['policy']> {
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

/** What a tab shows: as its content script reported, else from the tab's URL. */
export async function tabPage(tabId: number, deps: Deps): Promise<TabView['page']> {
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

