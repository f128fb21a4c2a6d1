/** Attributes a page would use to hide an injected host; our hosts never set them themselves. */
const TAMPER_ATTRIBUTES = ['style', 'class', 'hidden'];

export interface GuardOptions {
  /**
   * Whether the host went away with what it was anchored to (a framework re-rendered that part of
   * the page): that is no fight. `reinsert` then places it anew (false: not yet, the next mutation
   * tries again), up to `maxRerenders` times, after which the host is no longer followed.
   */
  anchorGone?: () => boolean;
  maxRerenders?: number;
  /**
   * Whether the feature wants its host on the page now. A host the feature took away itself (e.g. a
   * retention verdict that became ok after a policy change) is not put back, and is no fight.
   */
  wanted?: () => boolean;
}

/**
 * Keeps an injected host in place: when the page removes it, or restyles it (style, class, hidden
 * on the host), it is put back once; the second time the feature stands down for this page and
 * says so (the caller logs a page warning). Frameworks re-render once; a page that keeps doing it
 * is fighting the extension, and a tug of war would freeze the tab. With `anchorGone`, a host that
 * went with its anchor follows the re-rendered page instead (the record badge and its title).
 */
export function guardHost(
  host: HTMLElement,
  reinsert: () => boolean,
  onGiveUp: () => void,
  signal: AbortSignal,
  options: GuardOptions = {},
): void {
  let restored = 0;
  let rerenders = 0;
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
    if (!host.isConnected && options.wanted?.() === false) return;
    const tampered = TAMPER_ATTRIBUTES.some((name) => host.hasAttribute(name));
    if (host.isConnected && !tampered) return;
    if (!tampered && options.anchorGone?.()) {
      if (rerenders >= (options.maxRerenders ?? Infinity)) {
        observer.disconnect();
        return;
      }
      if (reinsert()) rerenders += 1;
      return;
    }
    if (restored >= 1) return giveUp();
    restored += 1;
    for (const name of TAMPER_ATTRIBUTES) host.removeAttribute(name);
    if (!host.isConnected && !reinsert()) giveUp();
  };
  const observer = new MutationObserver(check);
  const doc = host.ownerDocument;
  observer.observe(doc, { childList: true, subtree: true });
  observer.observe(host, { attributes: true, attributeFilter: TAMPER_ATTRIBUTES });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
