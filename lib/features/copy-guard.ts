import { isShadowRoot } from '@/lib/dom/deep';

/** A value element as the copy guard sees it. */
export interface GuardedValue {
  el: Element;
  fieldKey: string;
  /** True while the value is hidden (data-cpg-masked="true"). */
  masked: boolean;
}

export interface CopyGuardOptions {
  /** The value elements masking tracks now. */
  values(): Iterable<GuardedValue>;
  onBlocked(): void;
  /** Revealed values were copied: their field keys (never their text). */
  onCopied(fieldKeys: string[]): void;
}

/** The element of the document tree that holds `el`: itself, or the outermost shadow host around it. */
export function documentLevel(el: Element): Element {
  let cur: Element = el;
  for (let root = cur.getRootNode(); isShadowRoot(root); root = cur.getRootNode()) cur = root.host;
  return cur;
}

function touches(value: Element, ranges: readonly Range[], path: readonly EventTarget[]): boolean {
  if (path.includes(value)) return true; // a copy from inside an input or a value element
  const outer = documentLevel(value);
  return ranges.some((range) => {
    try {
      return range.intersectsNode(outer);
    } catch {
      return false; // a node of another document
    }
  });
}

/**
 * Blocks copy and cut of a selection that touches a masked value, and reports copies of revealed
 * values. Listens on the window in the capture phase, registered at document_start, so it runs
 * before the page's own listeners. Selections inside native shadow roots are rescoped to their
 * outermost host by the browser, so a value is checked through that host: a wider block, never a leak.
 */
export function guardCopy(win: Window, options: CopyGuardOptions, signal: AbortSignal): void {
  const onCopy = (event: Event): void => {
    const ce = event as ClipboardEvent;
    const selection = win.document.getSelection();
    const ranges: Range[] = [];
    for (let i = 0; selection && i < selection.rangeCount; i += 1) ranges.push(selection.getRangeAt(i));
    const path = ce.composedPath();
    const hit = [...options.values()].filter((v) => touches(v.el, ranges, path));
    if (hit.some((v) => v.masked)) {
      ce.preventDefault();
      ce.stopImmediatePropagation();
      // Cancelled with empty data: nothing of the selection reaches the clipboard.
      ce.clipboardData?.clearData();
      options.onBlocked();
      return;
    }
    const keys = [...new Set(hit.map((v) => v.fieldKey))];
    if (keys.length > 0) options.onCopied(keys);
  };
  win.addEventListener('copy', onCopy, { capture: true, signal });
  win.addEventListener('cut', onCopy, { capture: true, signal });
}
