/**
 * Calls `onChange(url)` when the page's URL changes without a reload. Patching history.pushState
 * from an isolated content script does not work (the page's history object is another function),
 * so: the Navigation API's `navigatesuccess` (after commit), `popstate`, and a cheap 1 s poll for
 * browsers or pages the first two miss. Never a page-dispatched event as a signal.
 */
export function watchNavigation(win: Window, onChange: (url: string) => void, signal: AbortSignal, pollMs = 1000): void {
  let last = win.location.href;
  const check = (): void => {
    const now = win.location.href;
    if (now === last) return;
    last = now;
    onChange(now);
  };
  const nav = (win as Window & { navigation?: EventTarget }).navigation;
  nav?.addEventListener('navigatesuccess', check, { signal });
  win.addEventListener('popstate', check, { signal });
  const timer = win.setInterval(check, pollMs);
  signal.addEventListener('abort', () => win.clearInterval(timer), { once: true });
}

/** Resolves when `find()` returns a value, checking on DOM mutations (batched per frame) and on a slow poll. */
export function waitFor<T>(
  doc: Document,
  find: () => T | null,
  signal: AbortSignal,
  timeoutMs = 30_000,
): Promise<T | null> {
  return new Promise((resolve) => {
    const first = find();
    if (first) return resolve(first);
    let scheduled = false;
    const finish = (value: T | null): void => {
      observer.disconnect();
      clearInterval(poll);
      clearTimeout(timeout);
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const tryFind = (): void => {
      scheduled = false;
      const found = find();
      if (found) finish(found);
    };
    // Mutations in native shadow roots do not reach a document observer: the poll covers them.
    const observer = new MutationObserver(() => {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(tryFind);
    });
    observer.observe(doc, { childList: true, subtree: true });
    const poll = setInterval(tryFind, 500);
    const timeout = setTimeout(() => finish(null), timeoutMs);
    const onAbort = (): void => finish(null);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
