/**
 * Keeps an injected host in place: when the page removes it, or restyles it (style, class, hidden
 * on the host), it is put back once; the second time the feature stands down for this page and
 * says so (the caller logs a page warning). Frameworks re-render once; a page that keeps doing it
 * is fighting the extension, and a tug of war would freeze the tab.
 */
export function guardHost(
  host: HTMLElement,
  reinsert: () => boolean,
  onGiveUp: () => void,
  signal: AbortSignal,
): void {
  let restored = 0;
  let givenUp = false;
  const giveUp = (): void => {
    if (givenUp) return;
    givenUp = true;
    observer.disconnect();
    host.remove();
    onGiveUp();
  };
  const check = (): void => {
    if (givenUp || signal.aborted) return;
    const tampered = host.hasAttribute('style') || host.hasAttribute('class') || host.hasAttribute('hidden');
    if (host.isConnected && !tampered) return;
    if (restored >= 1) return giveUp();
    restored += 1;
    host.removeAttribute('style');
    host.removeAttribute('class');
    host.removeAttribute('hidden');
    if (!host.isConnected && !reinsert()) giveUp();
  };
  const observer = new MutationObserver(check);
  const doc = host.ownerDocument;
  observer.observe(doc, { childList: true, subtree: true });
  observer.observe(host, { attributes: true, attributeFilter: ['style', 'class', 'hidden'] });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
