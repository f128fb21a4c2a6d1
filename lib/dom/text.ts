/**
 * Reads the text a user sees in an element, following the flat tree: a host's open shadow root
 * instead of its light children, and a slot's assigned nodes (or its fallback content). Native
 * shadow components (e.g. `lightning-formatted-phone`) keep their text in their shadow root, where
 * `textContent` does not look. Never parses HTML.
 */

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** Elements whose content is never shown as text. */
const NEVER_TEXT = new Set(['script', 'style', 'template', 'noscript', 'datalist']);
/**
 * Form controls whose markup holds a value, not a label: a textarea's default text, a select's
 * options. Inside the element read they are left out (a label wrapping one reads as the label
 * alone, as for an input, which has no content); read directly, their text is returned as before.
 */
const VALUE_CONTROLS = new Set(['textarea', 'select']);

/** Form controls, for `isShownControl`. */
export const CONTROLS = 'input, textarea, select';
/** Input types whose value is not typed text the user sees (a box, a button, a file, a secret). */
const NOT_SHOWN_INPUTS = new Set(['hidden', 'checkbox', 'radio', 'button', 'submit', 'reset', 'image', 'file', 'password']);

/** A textarea, a select, or an input that shows what is typed in it: its `.value` is what the page shows. */
export function isShownControl(el: Element): el is HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
  const name = el.localName;
  if (name !== 'input' && name !== 'textarea' && name !== 'select') return false;
  if (!('value' in el) || typeof el.value !== 'string') return false;
  return name !== 'input' || !NOT_SHOWN_INPUTS.has((el.getAttribute('type') ?? '').toLowerCase());
}
/** Elements that start a new line when rendered. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'table', 'tr', 'ul',
]);

export interface TextOptions {
  /** Subtrees to leave out, e.g. screen-reader-only text such as `.slds-assistive-text`. */
  skip?: string;
  /** Stop reading after this many characters (a page can hold huge rich-text fields). */
  maxChars?: number;
}

function isSlot(el: Element): el is HTMLSlotElement {
  return el.localName === 'slot' && 'assignedNodes' in el;
}

function childrenInFlatTree(el: Element): ArrayLike<Node> {
  if (el.shadowRoot) return el.shadowRoot.childNodes;
  if (isSlot(el)) {
    // A slot renders its assigned nodes, else its own fallback content (always the case for the
    // literal <slot> elements of Salesforce's flattened synthetic tree).
    const assigned = el.assignedNodes({ flatten: true });
    if (assigned.length > 0) return assigned;
  }
  return el.childNodes;
}

/** Visible text with whitespace collapsed; block elements and `<br>` become line breaks. */
export function visibleText(el: Element, options: TextOptions = {}): string {
  const { skip, maxChars = 20_000 } = options;
  let out = '';
  // Explicit stack instead of recursion: page DOMs can be deep.
  const stack: (Node | '\n')[] = [el];
  while (stack.length > 0 && out.length < maxChars) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node === '\n') {
      out += '\n';
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      // Source newlines render as spaces (default white-space); only elements make lines.
      out += (node.nodeValue ?? '').replace(/\s+/g, ' ');
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const child = node as Element;
    const name = child.localName;
    if (NEVER_TEXT.has(name) || child.hasAttribute('hidden')) continue;
    if (child !== el && VALUE_CONTROLS.has(name)) continue;
    if (skip && child !== el && child.matches(skip)) continue;
    if (name === 'br') {
      out += '\n';
      continue;
    }
    const block = BLOCK.has(name);
    if (block) stack.push('\n');
    const kids = childrenInFlatTree(child);
    for (let i = kids.length - 1; i >= 0; i -= 1) {
      const kid = kids[i];
      if (kid) stack.push(kid);
    }
    if (block) stack.push('\n');
  }
  return out
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n')
    .slice(0, maxChars);
}

/** `visibleText` on one line (titles, labels). */
export function visibleLine(el: Element, options: TextOptions = {}): string {
  return visibleText(el, options).replace(/\n/g, ' ');
}
