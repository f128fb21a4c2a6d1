/**
 * One scoped, frame-batched view of DOM changes for a page feature: a MutationObserver on the
 * document and on every open shadow root (document observers do not see inside them), the
 * mutation records of one animation frame delivered together, and new shadow roots picked up from
 * the added nodes (work proportional to the change) plus a slow poll for roots attached to
 * elements already in the page (attachShadow itself is no mutation).
 */
import { shadowRootsDeep } from '@/lib/dom/deep';

export interface DomWatchOptions {
  attributeFilter?: string[];
  /** Slow poll for new shadow roots; also calls onFrame with no records, for pages that change without mutations. */
  pollMs?: number;
}

const SHOW_ELEMENT = 0x1;

/** True for mutations that only add or remove this extension's own hosts (so our writes do not wake us up). */
export function isOwnMutation(record: MutationRecord): boolean {
  if (record.type === 'attributes') return (record.target as Element).hasAttribute?.('data-cpg') === true;
  if (record.type === 'characterData') return record.target.parentElement?.hasAttribute('data-cpg') === true;
  const nodes = [...Array.from(record.addedNodes), ...Array.from(record.removedNodes)];
  return nodes.length > 0 && nodes.every((n) => n.nodeType === 1 && (n as Element).hasAttribute('data-cpg'));
}

export function watchDom(
  doc: Document,
  onFrame: (records: MutationRecord[]) => void,
  signal: AbortSignal,
  options: DomWatchOptions = {},
): void {
  if (signal.aborted) return;
  const win = doc.defaultView;
  const observed = new WeakSet<Node>();
  let queue: MutationRecord[] = [];
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    if (signal.aborted) return;
    const records = queue.filter((r) => !isOwnMutation(r));
    queue = [];
    for (const r of records) for (const n of Array.from(r.addedNodes)) if (n.nodeType === 1) observeShadowsIn(n as Element);
    if (records.length > 0) onFrame(records);
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    // rAF pauses in background tabs; the timeout keeps the queue bounded there.
    if (win && typeof win.requestAnimationFrame === 'function' && doc.visibilityState !== 'hidden') win.requestAnimationFrame(flush);
    else setTimeout(flush, 50);
  };
  const observer = new MutationObserver((records) => {
    queue.push(...records);
    schedule();
  });
  const init: MutationObserverInit = {
    childList: true,
    subtree: true,
    characterData: true,
    ...(options.attributeFilter ? { attributes: true, attributeFilter: options.attributeFilter } : {}),
  };
  const observe = (node: Document | ShadowRoot): void => {
    if (observed.has(node)) return;
    observed.add(node);
    observer.observe(node, init);
  };
  // Only the added subtree is walked: proportional to what changed.
  function observeShadowsIn(el: Element): void {
    if (el.shadowRoot) {
      observe(el.shadowRoot);
      for (const root of shadowRootsDeep(el.shadowRoot)) observe(root);
    }
    const walker = doc.createTreeWalker(el, SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const shadow = (node as Element).shadowRoot;
      if (shadow && !observed.has(shadow)) {
        observe(shadow);
        for (const root of shadowRootsDeep(shadow)) observe(root);
      }
    }
  }

  observe(doc);
  for (const root of shadowRootsDeep(doc)) observe(root);
  // The poll walks the whole tree, so it slows down: every pollMs for the first 15 s (pages render late), then every 5 s.
  const started = Date.now();
  let poll: ReturnType<typeof setTimeout> | undefined;
  const tick = (): void => {
    if (signal.aborted) return;
    let found = false;
    for (const root of shadowRootsDeep(doc)) {
      if (observed.has(root)) continue;
      observe(root);
      found = true;
    }
    // A root attached since the last look may already hold content: treat it as a change.
    if (found) onFrame([]);
    poll = setTimeout(tick, Date.now() - started < 15_000 ? (options.pollMs ?? 1000) : 5000);
  };
  poll = setTimeout(tick, options.pollMs ?? 1000);
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearTimeout(poll);
      queue = [];
    },
    { once: true },
  );
}
