/**
 * Queries that see through open shadow roots (and the closed ones the page attached that we were told
 * of: `rememberClosedRoot`). Salesforce's LWC components use open roots (native
 * shadow) or a flattened synthetic tree; these helpers work on both. Each tree (the document or a
 * shadow root) costs one native `querySelectorAll` plus one TreeWalker pass to find its shadow
 * hosts, and results come back in composed order (a host's shadow content right after the host).
 */

/** NodeFilter.SHOW_ELEMENT; a literal so that nodes from any window (iframe, second JSDOM) work. */
const SHOW_ELEMENT = 0x1;
const DOCUMENT_NODE = 9;
const DOCUMENT_FRAGMENT_NODE = 11;
/** Node.DOCUMENT_POSITION_FOLLOWING. */
const FOLLOWING = 0x4;

/** Shadow roots nested deeper than this are not searched (CumulusCI measured 6 levels on list views). */
export const DEFAULT_SHADOW_DEPTH = 12;

export interface DeepOptions {
  /** How many shadow roots deep to search; the starting tree is depth 0. */
  maxDepth?: number;
  /** Opens a host; defaults to `shadowRootOf` (open roots, and the closed ones we were told of). `chrome.dom.openOrClosedShadowRoot` fits. */
  shadowRootOf?: (el: Element) => ShadowRoot | null;
}

interface Resolved {
  maxDepth: number;
  open: (el: Element) => ShadowRoot | null;
}

/**
 * Closed shadow roots the page attached and we were told of (lib/dom/shadow-attach.ts opens them with
 * `chrome.dom.openOrClosedShadowRoot`): `el.shadowRoot` is null for them, so every deep query and walk
 * here asks this registry too, and sees into them as into open roots (masking must judge and release
 * the values it pre-hid there). Kept on the isolated world's global under a registry symbol, like
 * KNOWN_HOSTS, so that crm.js and crm-lazy.js share it; the page's world cannot see it. `count` says
 * whether it holds anything: a page without closed roots pays one number test per host looked at.
 */
const CLOSED_ROOTS = Symbol.for('cpg.closedShadowRoots');
type ClosedRoots = { map: WeakMap<Element, ShadowRoot>; count: number };
const closedRoots: ClosedRoots = ((globalThis as { [CLOSED_ROOTS]?: ClosedRoots })[CLOSED_ROOTS] ??= { map: new WeakMap(), count: 0 });

/** Lets the deep queries and walks of this module see into a closed root (one the page attached to `host`). */
export function rememberClosedRoot(host: Element, root: ShadowRoot): void {
  if (host.shadowRoot === root || closedRoots.map.get(host) === root) return;
  closedRoots.map.set(host, root);
  closedRoots.count += 1;
}

/** `el`'s shadow root: the open one, or a closed one we were told of (rememberClosedRoot); else null. */
export function shadowRootOf(el: Element): ShadowRoot | null {
  return el.shadowRoot ?? (closedRoots.count > 0 ? (closedRoots.map.get(el) ?? null) : null);
}

const openRoot = shadowRootOf;

function resolve(options: DeepOptions | undefined): Resolved {
  return { maxDepth: options?.maxDepth ?? DEFAULT_SHADOW_DEPTH, open: options?.shadowRootOf ?? openRoot };
}

export function isShadowRoot(node: Node | null): node is ShadowRoot {
  return node !== null && node.nodeType === DOCUMENT_FRAGMENT_NODE && 'host' in node;
}

function isElement(node: Node): node is Element {
  return node.nodeType === 1;
}

function ownerDocumentOf(root: ParentNode): Document {
  // A Document has no ownerDocument; every other node has one.
  return root.nodeType === DOCUMENT_NODE ? (root as Document) : (root.ownerDocument as Document);
}

/**
 * The open shadow hosts below a tree, found by a walk just made: masking's relevance check and
 * dom-watch walk the rows a mutation batch added (through their parent, `addedScopes`), and the
 * list-row markers then deep-query the same table body; each later user takes the first walk's
 * answer instead of walking again. It lasts until the microtasks queued now have run, i.e. the
 * mutation callbacks of this batch (crm.js's, the page's, crm-lazy.js's), and hosts removed
 * meanwhile are dropped when read. A root attached in between to an element already there is no
 * mutation either way (the attachShadow hook or the poll finds it). Kept on the isolated world's
 * global under a registry symbol so that crm.js and crm-lazy.js, two bundles with a copy of this
 * module each, share it; the page's world cannot see it.
 */
const KNOWN_HOSTS = Symbol.for('cpg.knownShadowHosts');
type KnownGlobal = { [KNOWN_HOSTS]?: Map<Node, readonly Element[]> };

/** Records that the open shadow hosts below `tree` (not `tree` itself) are `hosts`, in document order. */
export function rememberShadowHosts(tree: Node, hosts: readonly Element[]): void {
  const g = globalThis as KnownGlobal;
  let map = g[KNOWN_HOSTS];
  if (!map) {
    const fresh = new Map<Node, readonly Element[]>();
    map = fresh;
    g[KNOWN_HOSTS] = fresh;
    queueMicrotask(() => {
      if (g[KNOWN_HOSTS] === fresh) delete g[KNOWN_HOSTS];
    });
  }
  map.set(tree, hosts);
}

/**
 * Runs `fn` with one walk of `tree` for its open shadow hosts, shared by the deep queries of `tree`
 * itself that `fn` makes (masking's scan makes two: the adapter's fields, then the pre-hidden
 * candidates), and forgotten when `fn` returns. A host added while `fn` runs is not seen by those
 * queries: `fn` should not let the page's code run.
 */
export function withHostsOf<T>(tree: ParentNode, fn: () => T): T {
  const node = tree as unknown as Node;
  if (knownShadowHosts(node)) return fn();
  forEachShadowBelow(tree, () => undefined);
  try {
    return fn();
  } finally {
    (globalThis as KnownGlobal)[KNOWN_HOSTS]?.delete(node);
  }
}

/** What `rememberShadowHosts` said about `tree`, still below it and still hosting; undefined when unknown. */
export function knownShadowHosts(tree: Node): Element[] | undefined {
  const hosts = (globalThis as KnownGlobal)[KNOWN_HOSTS]?.get(tree);
  return hosts?.filter((host) => shadowRootOf(host) !== null && tree.contains(host));
}

/**
 * Pushes the matches of `selector` in `root` and the shadow roots below it onto `out`, in composed
 * order (light matches interleaved with each host's shadow matches), until `out` holds `limit`.
 * Plain loops, not generators: masking's scan runs this for every field of the page, mostly once,
 * where a generator's machinery cost more than the queries (benchmark #2).
 */
function collect(root: ParentNode, selector: string, depth: number, opts: Resolved, out: Element[], limit: number): void {
  if (out.length >= limit) return;
  const matches = root.querySelectorAll(selector);
  let i = 0;
  if (depth < opts.maxDepth) {
    // An element root's own shadow content comes before its light children.
    const own = isElement(root) ? opts.open(root) : null;
    if (own) collect(own, selector, depth + 1, opts, out, limit);
    // The elements below `root` that may host a shadow root, in document order: the walk a caller
    // just made (rememberShadowHosts), else a TreeWalker.
    const given = opts.open === openRoot ? knownShadowHosts(root as unknown as Node) : undefined;
    const walker = given ? null : ownerDocumentOf(root).createTreeWalker(root as unknown as Node, SHOW_ELEMENT);
    let g = 0;
    for (let node = (given ? given[g++] : walker?.nextNode()) as Element | null | undefined; node && out.length < limit; node = (given ? given[g++] : walker?.nextNode()) as Element | null | undefined) {
      const shadow = opts.open(node);
      if (!shadow) continue;
      // The light matches up to and including this host before its shadow.
      for (let m = matches.item(i); m && out.length < limit; m = matches.item(i)) {
        if (m !== node && !(m.compareDocumentPosition(node) & FOLLOWING)) break;
        out.push(m);
        i += 1;
      }
      collect(shadow, selector, depth + 1, opts, out, limit);
    }
  }
  for (let m = matches.item(i); m && out.length < limit; m = matches.item(++i)) out.push(m);
}

/** The first element matching `selector` in `root` or any open shadow root below it. */
export function querySelectorDeep<E extends Element = Element>(
  root: ParentNode,
  selector: string,
  options?: DeepOptions,
): E | null {
  const out: Element[] = [];
  collect(root, selector, 0, resolve(options), out, 1);
  return (out[0] as E | undefined) ?? null;
}

/** Every element matching `selector` in `root` and the open shadow roots below it, in composed order. */
export function querySelectorAllDeep<E extends Element = Element>(
  root: ParentNode,
  selector: string,
  options?: DeepOptions,
): E[] {
  const out: Element[] = [];
  collect(root, selector, 0, resolve(options), out, Infinity);
  return out as E[];
}

/** Every open shadow root at or below `root` (e.g. to observe mutations a document observer misses). */
export function shadowRootsDeep(root: ParentNode, options?: DeepOptions): ShadowRoot[] {
  const opts = resolve(options);
  const out: ShadowRoot[] = [];
  const visit = (tree: ParentNode, depth: number): void => {
    if (depth >= opts.maxDepth) return;
    const own = isElement(tree) ? opts.open(tree) : null;
    if (own) {
      out.push(own);
      visit(own, depth + 1);
    }
    const walker = ownerDocumentOf(tree).createTreeWalker(tree, SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const shadow = opts.open(node as Element);
      if (!shadow) continue;
      out.push(shadow);
      visit(shadow, depth + 1);
    }
  };
  visit(root, 0);
  return out;
}

/**
 * The parent in the flat (rendered) tree: the slot a light child is assigned to, else the parent
 * element, else the host when `el` sits at the top of a shadow root.
 */
export function composedParent(el: Element): Element | null {
  const slot = el.assignedSlot;
  if (slot) return slot;
  if (el.parentElement) return el.parentElement;
  const parent = el.parentNode;
  return isShadowRoot(parent) ? parent.host : null;
}

/** Like `Element.closest`, but climbs out of shadow roots and through slots (the flat tree). */
export function closestAcrossShadow<E extends Element = Element>(el: Element, selector: string): E | null {
  for (let cur: Element | null = el; cur; cur = composedParent(cur)) {
    if (cur.matches(selector)) return cur as E;
  }
  return null;
}

/** Below this many added siblings, each is looked at alone. */
const GROUP_MIN = 8;

/**
 * Where to look for what a batch of added elements brought: the topmost of them (an added element
 * inside another added one is covered by it), except that siblings making up at least half of their
 * parent's children are looked at through that parent: one native query and one tree walk for a
 * list of 5,000 new rows instead of 5,000 of each. `whole` marks those parents: only their
 * descendants count, not the parent itself (nor its own shadow root).
 */
export function addedScopes(added: Iterable<Element>): { scope: Element | ParentNode; whole: boolean }[] {
  const set = added instanceof Set ? (added as Set<Element>) : new Set(added);
  const byParent = new Map<ParentNode, Element[]>();
  const out: { scope: Element | ParentNode; whole: boolean }[] = [];
  for (const el of set) {
    const parent = el.parentNode as (ParentNode & Node) | null;
    if (!parent) continue; // removed again since: nothing to look at
    if (parent.nodeType === 1 && set.has(parent as Element)) continue;
    let group = byParent.get(parent);
    if (!group) {
      group = [];
      byParent.set(parent, group);
    }
    group.push(el);
  }
  for (const [parent, group] of byParent) {
    if (group.length >= GROUP_MIN && group.length * 2 >= parent.childElementCount) out.push({ scope: parent, whole: true });
    else for (const el of group) out.push({ scope: el, whole: false });
  }
  return out;
}

/**
 * Reading a batch of mutation records in order: whether a record's target lies inside an element
 * that an earlier record of the batch added, so that the record adds nothing to a look at that
 * element's subtree and need not be read (the parser adds each node of a page in its own record,
 * and reading a record's nodes makes a wrapper per node in an isolated world). `covered` starts
 * empty for each batch; pass the elements of every record that is read to `coverAdded`. One step
 * up the tree per record at most: a target the parser filled is the child of one it filled before.
 */
export function insideAdded(record: MutationRecord, covered: Set<Node>): boolean {
  if (covered.size === 0) return false;
  const target = record.target;
  if (covered.has(target)) return true;
  const parent = target.parentNode;
  if (parent === null || !covered.has(parent)) return false;
  covered.add(target);
  return true;
}

/** Records an added element for `insideAdded`. */
export function coverAdded(el: Element, covered: Set<Node>): void {
  covered.add(el);
}

/** Calls `found` for each open shadow root of an element below `scope` (not `scope`'s own): one TreeWalker. */
export function forEachShadowBelow(scope: ParentNode, found: (root: ShadowRoot) => boolean | void): boolean {
  const node0 = scope as unknown as Node;
  if (node0.nodeType === 1 && (scope as Element).firstElementChild === null) return false;
  const given = knownShadowHosts(node0);
  if (given) {
    for (const host of given) if (found(shadowRootOf(host) as ShadowRoot) === true) return true;
    return false;
  }
  const hosts: Element[] = [];
  const walker = ownerDocumentOf(scope).createTreeWalker(node0, SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const shadow = shadowRootOf(node as Element);
    if (!shadow) continue;
    hosts.push(node as Element);
    if (found(shadow) === true) return true;
  }
  // A complete walk: the next users of this batch (dom-watch, list rows' deep query) take its answer.
  rememberShadowHosts(node0, hosts);
  return false;
}
