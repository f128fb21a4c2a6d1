/**
 * Word of new shadow roots as they are attached, before the page can fill them.
 *
 * `attachShadow` is no mutation: a document MutationObserver does not see a root appear, nor what the
 * page then puts in it, until something walks the tree and finds the root. A page script that attaches
 * a root to an element already in the page and fills it in one task could therefore paint a value
 * before masking looked. The MAIN-world content script (entrypoints/cpg-shadow-hook.content.ts, run at
 * document_start before the page's scripts) wraps `Element.prototype.attachShadow` with
 * `installAttachShadowHook`: right after the original returns, it dispatches SHADOW_ATTACHED_EVENT,
 * which the isolated world hears synchronously (`onShadowAttached`), so it can observe the new root
 * before the page's next statement; the observer's callback then runs at the microtask checkpoint
 * after the filling task, before the next paint.
 *
 * How the host crosses from the page's world to ours: a DOM node is the only thing both worlds
 * share. A host in the document tree, or detached (custom elements attach in their constructor,
 * before insertion), is the `relatedTarget` of a MouseEvent dispatched on the window (a window listener
 * sees it unchanged). A host inside a shadow tree would be retargeted there, so for it the event is
 * dispatched on the host itself (composed) and read from `composedPath()[0]`; when that tree is
 * detached the event never reaches the window, and the walk for new roots on insertion (dom-watch,
 * masking's relevance check) still finds it, as it finds declarative shadow roots (parser-created
 * roots never call attachShadow) and roots attached before our scripts ran. Inside a closed tree, a
 * window listener sees the event retargeted to that tree's outer host: so each closed root we open
 * gets the same listener, where the event still names the inner host. The callers remember closed
 * roots for the deep queries (lib/dom/deep.ts `rememberClosedRoot`): this module imports nothing, as
 * it is bundled into the page's world too.
 *
 * The page can dispatch the event too: all it can make us do is observe one more root. The listener
 * never reads `detail`, accepts only an Element that has a shadow root, and skips our own hosts.
 */

export const SHADOW_ATTACHED_EVENT = 'cpg-shadow-attached';

type HookWindow = Window & typeof globalThis;

/**
 * MAIN world only. Wraps `attachShadow` so that it behaves exactly as before (same `this`, arguments,
 * return value and exceptions; nothing is dispatched when it throws) and then announces the host.
 * The page's later changes to `dispatchEvent`, `Reflect` or the event constructors do not reach it.
 */
export function installAttachShadowHook(win: HookWindow): void {
  const proto = win.Element.prototype;
  const descriptor = Object.getOwnPropertyDescriptor(proto, 'attachShadow');
  const original = descriptor?.value as ((this: Element, init: ShadowRootInit) => ShadowRoot) | undefined;
  if (!descriptor || typeof original !== 'function') return;
  const apply = Reflect.apply;
  const dispatch = win.EventTarget.prototype.dispatchEvent;
  const dispatchOnWindow = win.dispatchEvent.bind(win);
  const getRootNode = win.Node.prototype.getRootNode;
  const PlainEvent = win.Event;
  const PointerLike = win.MouseEvent;
  const ShadowRootType = win.ShadowRoot;
  const hooked = {
    // A method (not a function expression): like the native one, it cannot be called with `new`.
    // One declared parameter, as the native method's `length`; the arguments go on exactly as given.
    attachShadow(this: Element, _init: ShadowRootInit): ShadowRoot {
      const root = apply(original, this, arguments as unknown as [ShadowRootInit]) as ShadowRoot;
      try {
        if (apply(getRootNode, this, []) instanceof ShadowRootType) {
          apply(dispatch, this, [new PlainEvent(SHADOW_ATTACHED_EVENT, { composed: true })]);
        } else {
          dispatchOnWindow(new PointerLike(SHADOW_ATTACHED_EVENT, { relatedTarget: this }));
        }
      } catch {
        // Never change attachShadow's outcome.
      }
      return root;
    },
  }.attachShadow;
  Object.defineProperty(proto, 'attachShadow', { ...descriptor, value: hooked });
}

interface ChromeDom {
  dom?: { openOrClosedShadowRoot?: (el: Element) => ShadowRoot | null };
}

/** Chrome's content-script API that also opens closed roots; absent elsewhere (Firefox, tests). */
function closedRootOpener(): ((el: Element) => ShadowRoot | null) | null {
  const dom = (globalThis as { chrome?: ChromeDom }).chrome?.dom;
  const open = dom?.openOrClosedShadowRoot;
  return dom && typeof open === 'function' ? (el) => open.call(dom, el) : null;
}

function isElement(value: unknown): value is Element {
  return typeof value === 'object' && value !== null && (value as Node).nodeType === 1 && typeof (value as Element).hasAttribute === 'function';
}

/** The host an event names, or null: the relatedTarget (window-dispatched form) or the innermost target we can see. */
function hostOf(event: Event): Element | null {
  const related = (event as MouseEvent).relatedTarget;
  if (isElement(related)) return related;
  const first = event.composedPath()[0];
  return isElement(first) ? first : null;
}

/**
 * Isolated world: calls `onRoot` synchronously for each shadow root the page attaches from now on
 * (open roots; closed ones too where the browser lets a content script open them). Our own hosts
 * (`data-cpg`) are skipped.
 */
export function onShadowAttached(win: Window, onRoot: (root: ShadowRoot, host: Element) => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  // Looked up at the first closed root: reading `chrome.dom` builds that API's bindings (~2 ms at start-up).
  let openClosed: ((el: Element) => ShadowRoot | null) | null | undefined;
  const options = { capture: true, signal };
  // Hosts of the closed roots opened here: a listener that sees one of them again is hearing a host
  // inside that closed tree, retargeted (its own root's listener hears it as itself).
  const opened = new WeakSet<Element>();
  const listener = (event: Event): void => {
    const host = hostOf(event);
    if (!host || host.hasAttribute('data-cpg')) return;
    let root: ShadowRoot | null = host.shadowRoot;
    if (!root && opened.has(host)) return;
    if (!root) openClosed ??= closedRootOpener();
    if (!root && openClosed) {
      try {
        root = openClosed(host);
      } catch {
        root = null;
      }
      if (root) {
        // A closed root: a host attached inside it is heard here, on the root, where the event still
        // names that host (a window listener sees it retargeted to this root's host). One listener
        // per closed root.
        opened.add(host);
        root.addEventListener(SHADOW_ATTACHED_EVENT, listener, options);
      }
    }
    if (root) onRoot(root, host);
  };
  win.addEventListener(SHADOW_ATTACHED_EVENT, listener, options);
}
