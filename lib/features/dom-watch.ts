/**
 * One scoped view of DOM changes for a page feature: a MutationObserver on the document and on
 * every open shadow root (document observers do not see inside them), new shadow roots picked up
 * from the added nodes (work proportional to the change) plus a slow poll for roots attached to
 * elements already in the page (attachShadow itself is no mutation).
 *
 * - While the document is still being parsed (`readyState` 'loading') nothing is observed: the
 *   parser would deliver every element of a long page in its own record, chunk after chunk. The
 *   watch starts at DOMContentLoaded with one `onChange([])` (read the whole page once). Only
 *   masking, which must hide values before they paint, watches the parse (it has its own observer).
 * - By default the records of one animation frame are delivered together. `sync` delivers them in
 *   the observer's callback instead (a microtask after the task that changed the DOM, before the
 *   next paint): for work that must be in place in the first frame that shows the change.
 * - `startInFrame` moves that first read from the DOMContentLoaded handler to the next frame.
 * - A record that adds into an element added earlier in the same batch is left out (the element is
 *   new as a whole), and what onChange itself changes is not delivered back: neither is read node
 *   by node (each node read makes a wrapper in the isolated world; benchmark #1 and #2).
 */
import { addedScopes, coverAdded, forEachShadowBelow, insideAdded, rememberClosedRoot, shadowRootOf, shadowRootsDeep } from '@/lib/dom/deep';
import { onShadowAttached } from '@/lib/dom/shadow-attach';

export interface DomWatchOptions {
  attributeFilter?: string[];
  /** Slow poll for new shadow roots; also calls onChange with no records, for pages that change without mutations. */
  pollMs?: number;
  /** Deliver in the observer callback (before the next paint) rather than once per animation frame. */
  sync?: boolean;
  /**
   * When the page is still being parsed, start (observe, and read the whole page once) at the first
   * animation frame after DOMContentLoaded rather than in its handler: for work that hides nothing
   * (list-row markers). Our handler, added at document_start, runs before every one of the page's
   * own, and the load event cannot fire while it runs; the frame callback still runs before that
   * frame's paint, so what it adds shows in the same frame as it would have.
   */
  startInFrame?: boolean;
}

/** Calls `fn` at the next animation frame (a timeout where frames do not run: background tabs, jsdom). */
export function nextFrame(doc: Document, fn: () => void): void {
  const win = doc.defaultView;
  if (win && typeof win.requestAnimationFrame === 'function' && doc.visibilityState !== 'hidden') win.requestAnimationFrame(fn);
  else setTimeout(fn, 50);
}

function isOurs(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).hasAttribute('data-cpg');
}

/** True for mutations that only add or remove this extension's own hosts (so our writes do not wake us up). */
export function isOwnMutation(record: MutationRecord): boolean {
  if (record.type === 'attributes') return (record.target as Element).hasAttribute?.('data-cpg') === true;
  if (record.type === 'characterData') return record.target.parentElement?.hasAttribute('data-cpg') === true;
  const { addedNodes, removedNodes } = record;
  if (addedNodes.length + removedNodes.length === 0) return false;
  for (let i = 0; i < addedNodes.length; i++) if (!isOurs(addedNodes[i] as Node)) return false;
  for (let i = 0; i < removedNodes.length; i++) if (!isOurs(removedNodes[i] as Node)) return false;
  return true;
}

/** Resolves (calls `then`) once the document has been parsed; at once when it already is. */
export function whenParsed(doc: Document, signal: AbortSignal, then: () => void): void {
  if (doc.readyState !== 'loading') {
    then();
    return;
  }
  doc.addEventListener(
    'DOMContentLoaded',
    () => {
      if (!signal.aborted) then();
    },
    { once: true, signal },
  );
}

/** How long after DOMContentLoaded on-demand features wait at most for a load event that comes later (images, slow subresources). */
export const LOAD_WAIT_CAP_MS = 50;
/** How long after they asked on-demand features wait at most, whatever the page (a script that holds its parse up). */
export const START_WAIT_CAP_MS = 250;

/**
 * Resolves once the page's load event is over, or LOAD_WAIT_CAP_MS after DOMContentLoaded if the
 * load event comes later, or START_WAIT_CAP_MS after the call if the page is still parsing then; at
 * once on a page already loaded (every SPA navigation) or when `signal` aborts. For work that hides
 * nothing (the features of crm-lazy.js): it does not compete with the CRM's own load (benchmark #2),
 * and waits at most a moment on a page whose images or scripts hold the load up.
 */
export function afterLoad(doc: Document, signal: AbortSignal, capMs = LOAD_WAIT_CAP_MS, startCapMs = START_WAIT_CAP_MS): Promise<void> {
  const win = doc.defaultView;
  if (doc.readyState === 'complete' || !win || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const giveUp = setTimeout(() => done(), startCapMs);
    const done = (): void => {
      clearTimeout(giveUp);
      clearTimeout(timer);
      win.removeEventListener('load', onLoad);
      signal.removeEventListener('abort', done);
      resolve();
    };
    // A task after the load event, so that its other listeners (the page's) run first.
    const onLoad = (): void => {
      clearTimeout(timer);
      timer = setTimeout(done, 0);
    };
    win.addEventListener('load', onLoad, { once: true });
    signal.addEventListener('abort', done, { once: true });
    whenParsed(doc, signal, () => {
      if (doc.readyState !== 'complete') timer = setTimeout(done, capMs);
    });
  });
}

export function watchDom(
  doc: Document,
  onChange: (records: MutationRecord[]) => void,
  signal: AbortSignal,
  options: DomWatchOptions = {},
): void {
  if (signal.aborted) return;
  if (doc.readyState === 'loading') {
    const begin = (): void => {
      if (signal.aborted) return;
      start(doc, onChange, signal, options)([]);
    };
    whenParsed(doc, signal, () => (options.startInFrame ? nextFrame(doc, begin) : begin()));
    return;
  }
  start(doc, onChange, signal, options);
}

/** Starts observing; returns `onChange` as called from here (see `own`). */
function start(
  doc: Document,
  onChange: (records: MutationRecord[]) => void,
  signal: AbortSignal,
  options: DomWatchOptions,
): (records: MutationRecord[]) => void {
  const win = doc.defaultView;
  /**
   * Calls onChange, then drops the records of what it changed itself (its markers): nothing else
   * runs in between (called from our observer callback, a frame callback or a timer task, when
   * every earlier record has been delivered), so they are ours and need not be read one by one.
   */
  const own = (records: MutationRecord[]): void => {
    onChange(records);
    observer.takeRecords();
  };
  const observed = new WeakSet<Node>();
  let queue: MutationRecord[] = [];
  let scheduled = false;

  const deliver = (batch: MutationRecord[]): void => {
    if (signal.aborted) return;
    const records: MutationRecord[] = [];
    const added = new Set<Element>();
    const covered = new Set<Node>();
    for (const r of batch) {
      // Inside an element added earlier in this batch: that element is new as a whole (the record that
      // added it is delivered, its subtree walked below), so this record is left out unread.
      if (insideAdded(r, covered) || isOwnMutation(r)) continue;
      records.push(r);
      const nodes = r.addedNodes;
      for (let i = 0; i < nodes.length; i++) {
        const n = nodes[i] as Node;
        if (n.nodeType !== 1) continue;
        added.add(n as Element);
        coverAdded(n as Element, covered);
      }
    }
    if (records.length === 0) return;
    // The topmost added elements only (their walk covers the rest), many new siblings through their parent:
    // one walk per batch, shared with masking's and with the deep queries onChange makes (lib/dom/deep.ts).
    if (added.size > 0) {
      for (const { scope, whole } of addedScopes(added)) {
        if (whole) forEachShadowBelow(scope, observeDeep);
        else observeShadowsIn(scope as Element);
      }
    }
    own(records);
  };
  const flush = (): void => {
    scheduled = false;
    const batch = queue;
    queue = [];
    deliver(batch);
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    // rAF pauses in background tabs; the timeout keeps the queue bounded there.
    nextFrame(doc, flush);
  };
  const observer = new MutationObserver((records) => {
    if (options.sync) {
      deliver(records);
      return;
    }
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
  /** A new shadow root and those nested in it. */
  function observeDeep(shadow: ShadowRoot): void {
    if (observed.has(shadow)) return;
    observe(shadow);
    for (const root of shadowRootsDeep(shadow)) observe(root);
  }
  // Only the added subtree is walked: proportional to what changed.
  function observeShadowsIn(el: Element): void {
    const own = shadowRootOf(el);
    if (own) observeDeep(own);
    forEachShadowBelow(el, observeDeep);
  }

  observe(doc);
  for (const root of shadowRootsDeep(doc)) observe(root);
  // Roots the page attaches from now on, observed before it can fill them (lib/dom/shadow-attach.ts).
  if (win) {
    onShadowAttached(
      win,
      (root, host) => {
        rememberClosedRoot(host, root); // a closed one: the deep walks see into it (nothing for an open one)
        observe(root);
      },
      signal,
    );
  }
  // The poll walks the whole tree, so it slows down: every pollMs for the first 15 s (pages render late), then every 5 s.
  const started = Date.now();
  let poll: ReturnType<typeof setTimeout> | undefined;
  const tick = (): void => {
    if (signal.aborted) return;
    let found = false;
    for (const root of shadowRootsDeep(doc)) {
      if (observed.has(root)) continue;
      // Our own hosts (badge, masks, status line) hold nothing of the page's.
      if (isOurs(root.host)) {
        observed.add(root);
        continue;
      }
      observe(root);
      found = true;
    }
    // A root attached since the last look may already hold content: treat it as a change.
    if (found) own([]);
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
  return own;
}
