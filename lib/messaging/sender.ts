import type { SenderKind } from './protocol';

/** The parts of runtime.MessageSender we look at (Chrome sets `origin`; Firefox does not). */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

export type ClassifiedSender =
  | { kind: 'content'; tabId: number; frameUrl: string }
  | { kind: 'extension-page'; tabId?: number }
  | { kind: 'unknown'; why: string };

/** `scheme://host` of a URL; built by hand because `URL.origin` is "null" for extension schemes in some engines. */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return undefined;
  }
}

/**
 * The one function that decides who sent a message (after Bitwarden's classifySender).
 * - Not this extension's id → unknown (another extension or a web page).
 * - The browser-set origin of the sending frame is the extension's origin → an extension page
 *   (popup, dashboard, or the in-page panel frame).
 * - Else, with a tab, top frame only → our content script in that tab. `frameUrl` is where that
 *   frame is, as the browser reports it; it says which page, never whether to trust the sender.
 */
export function classifySender(sender: SenderLike, extensionId: string, extensionOrigin: string): ClassifiedSender {
  if (!sender || sender.id !== extensionId) return { kind: 'unknown', why: 'not this extension' };
  const origin = sender.origin ?? originOf(sender.url);
  if (origin === extensionOrigin) {
    const tabId = sender.tab?.id;
    return typeof tabId === 'number' ? { kind: 'extension-page', tabId } : { kind: 'extension-page' };
  }
  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0) return { kind: 'unknown', why: 'no tab' };
  if (sender.frameId !== 0) return { kind: 'unknown', why: 'not the top frame' };
  const frameUrl = sender.url ?? sender.tab?.url;
  if (!frameUrl) return { kind: 'unknown', why: 'no url' };
  return { kind: 'content', tabId, frameUrl };
}

export function isKind(sender: ClassifiedSender, allowed: readonly SenderKind[]): boolean {
  return sender.kind !== 'unknown' && allowed.includes(sender.kind);
}
