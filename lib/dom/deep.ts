/**
 * Queries that see through open shadow roots. Salesforce's LWC components use open roots (native
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
  /** Opens a host; defaults to `el.shadowRoot` (open roots only). `chrome.dom.openOrClosedShadowRoot` fits. */
  shadowRootOf?: (el: Element) => ShadowRoot | null;
}

interface Resolved {
  maxDepth: number;
  open: (el: Element) => ShadowRoot | null;
}

const openRoot = (el: Element): ShadowRoot | null => el.shadowRoot;

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

/** Yields matches in composed order: light matches interleaved with each host's shadow matches. */
function* walk(root: ParentNode, selector: string, depth: number, opts: Resolved): Generator<Element> {
  const matches = root.querySelectorAll(selector);
  if (depth >= opts.maxDepth) {
    yield* Array.from(matches);
    return;
  }
  // An element root's own shadow content comes before its light children.
  if (isElement(root)) {
    const own = opts.open(root);
    if (own) yield* walk(own, selector, depth + 1, opts);
  }
  let i = 0;
  const walker = ownerDocumentOf(root).createTreeWalker(root, SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const shadow = opts.open(node as Element);
    if (!shadow) continue;
    // Emit the light matches up to and including this host before descending into its shadow.
    for (let m = matches.item(i); m; m = matches.item(i)) {
      if (m !== node && !(m.compareDocumentPosition(node) & FOLLOWING)) break;
      yield m;
      i += 1;
    }
    yield* walk(shadow, selector, depth + 1, opts);
  }
  for (let m = matches.item(i); m; m = matches.item(++i)) yield m;
}

/** The first element matching `selector` in `root` or any open shadow root below it. */
export function querySelectorDeep<E extends Element = Element>(
  root: ParentNode,
  selector: string,
  options?: DeepOptions,
): E | null {
  for (const el of walk(root, selector, 0, resolve(options))) return el as E;
  return null;
}

/** Every element matching `selector` in `root` and the open shadow roots below it, in composed order. */
export function querySelectorAllDeep<E extends Element = Element>(
  root: ParentNode,
  selector: string,
  options?: DeepOptions,
): E[] {
  return Array.from(walk(root, selector, 0, resolve(options))) as E[];
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
