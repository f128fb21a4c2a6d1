import type { SenderKind } from './protocol';

/** The parts of runtime.MessageSender we look at (Chrome sets `origin`; Firefox does not). */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
  /** Chrome: the sending document (Firefox does not set it). */
  documentId?: string;
}

export type ClassifiedSender =
  | { kind: 'content'; tabId: number; frameUrl: string; documentId?: string }
  /** The toolbar popup (no tab), or an extension page that is the top frame of its own tab (the dashboard). */
  | { kind: 'extension-page'; tabId?: number }
  /**
   * An extension page framed inside a tab (the in-page record panel, the reveal dialog): whatever
   * page embeds it can try to make the user click in it, so it acts on its own tab only. `page` is
   * its path (`/popup.html`, `/reveal.html`), which says which messages it may send at all.
   */
  | { kind: 'extension-frame'; tabId: number; page: string }
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

/** The path of a URL (`/popup.html`), '' when there is none. */
function pathOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

/**
 * The one function that decides who sent a message (after Bitwarden's classifySender).
 * - Not this extension's id → unknown (another extension or a web page).
 * - The browser-set origin of the sending frame is the extension's origin → one of our pages:
 *   - no tab → `extension-page` (the toolbar popup: Chrome and Firefox set neither `tab` nor `frameId`);
 *   - a tab and frameId 0 → `extension-page` with that tab (the dashboard, or the popup page opened as a tab);
 *   - a tab and any other frameId (Chrome and Firefox: > 0 for a child frame; missing counts as framed)
 *     → `extension-frame` bound to that tab (the in-page panel or the reveal dialog in a CRM page, or in
 *     any page that embeds them: they are web-accessible). A tab id the browser does not give → unknown.
 * - Else, with a tab, top frame only → our content script in that tab. `frameUrl` is where that
 *   frame is, as the browser reports it; it says which page, never whether to trust the sender.
 */
export function classifySender(sender: SenderLike, extensionId: string, extensionOrigin: string): ClassifiedSender {
  if (!sender || sender.id !== extensionId) return { kind: 'unknown', why: 'not this extension' };
  const origin = sender.origin ?? originOf(sender.url);
  if (origin === extensionOrigin) {
    if (!sender.tab) return { kind: 'extension-page' };
    const tabId = sender.tab.id;
    if (typeof tabId !== 'number' || !Number.isInteger(tabId) || tabId < 0) return { kind: 'unknown', why: 'an extension page in a tab without an id' };
    if (sender.frameId === 0) return { kind: 'extension-page', tabId };
    return { kind: 'extension-frame', tabId, page: pathOf(sender.url) };
  }
  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0) return { kind: 'unknown', why: 'no tab' };
  if (sender.frameId !== 0) return { kind: 'unknown', why: 'not the top frame' };
  const frameUrl = sender.url ?? sender.tab?.url;
  if (!frameUrl) return { kind: 'unknown', why: 'no url' };
  return { kind: 'content', tabId, frameUrl, ...(typeof sender.documentId === 'string' ? { documentId: sender.documentId } : {}) };
}

export function isKind(sender: ClassifiedSender, allowed: readonly SenderKind[]): boolean {
  return sender.kind !== 'unknown' && allowed.includes(sender.kind);
}
