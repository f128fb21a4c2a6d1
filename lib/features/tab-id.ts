import type { SenderLike } from '@/lib/messaging/sender';

/**
 * The id of the tab this content script runs in, as the background last reported it (the answer to
 * `page.state`). Content scripts cannot ask the browser for it; listeners use it to refuse a framed
 * extension page that sits in another tab.
 */
let known: number | undefined;

export function rememberTabId(tabId: number): void {
  if (Number.isInteger(tabId) && tabId >= 0) known = tabId;
}

export function knownTabId(): number | undefined {
  return known;
}


/**
 * May this sender (already known to be this extension) read from this page? A context without a tab
 * (the service worker, the toolbar popup) or an extension page that is a whole tab (frameId 0) may;
 * an extension page framed inside a tab (the in-page panel) only when that tab is this one.
 */
export function senderMayRead(sender: SenderLike): boolean {
  if (!sender.tab) return true;
  if (sender.frameId === 0) return true;
  const own = knownTabId();
  return own !== undefined && sender.tab.id === own;
}
