import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { forEachShadowBelow, querySelectorAllDeep, rememberClosedRoot, shadowRootOf, shadowRootsDeep } from '@/lib/dom/deep';
import { installAttachShadowHook, onShadowAttached } from '@/lib/dom/shadow-attach';
import { CANDIDATE_SELECTORS, FIELD_HINT_SELECTORS } from '@/lib/features/mask';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { loadFixture } from '../crm/shadow';
import { silentMasker } from './silent-masker';

// Salesforce's highlights panel with native shadow (LWC without synthetic shadow): each secondary
// field is a records-highlights-details-item whose value paragraph `p.fieldComponent` sits in the
// item's own shadow root, the value component slotted into it from the item's light DOM. A page
// script may attach those roots closed: a window listener then hears an inner host retargeted to the
// outermost one, and `el.shadowRoot` is null, so neither the attachShadow hook's word nor the deep
// queries reached the items, and their values were never judged (nor, once pre-hidden, released).

const NATIVE = Object.getOwnPropertyDescriptor(Element.prototype, 'attachShadow') as PropertyDescriptor;
const BIRTH_KEY = 'sfdc:RecordField.Contact.Birthdate';
const HL_BIRTH = '2/29/1976';
const HL_PLAIN = 'VP Highlights 7';

/** The page's closed roots, as `chrome.dom.openOrClosedShadowRoot` opens them for a content script. */
let pageRoots: WeakMap<Element, ShadowRoot>;

beforeEach(() => {
  pageRoots = new WeakMap();
  const native = NATIVE.value as (this: Element, init: ShadowRootInit) => ShadowRoot;
  Object.defineProperty(Element.prototype, 'attachShadow', {
    ...NATIVE,
    value(this: Element, init: ShadowRootInit): ShadowRoot {
      const root = native.call(this, init);
      pageRoots.set(this, root);
      return root;
    },
  });
  // Stands in for the MAIN-world script (jsdom has one world).
  installAttachShadowHook(window);
  (globalThis as { chrome?: unknown }).chrome = { dom: { openOrClosedShadowRoot: (el: Element) => pageRoots.get(el) ?? null } };
});

/** Aborted after each test, passed or not: no listener of one test hears the next one's roots. */
let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
});

afterEach(() => {
  controller.abort();
  Object.defineProperty(Element.prototype, 'attachShadow', NATIVE);
  delete (globalThis as { chrome?: unknown }).chrome;
  document.body.innerHTML = '';
});

/** The panel as the page's script builds it: each component inserted, given its closed root, then filled. */
function renderHighlights(doc: Document, into: Element): void {
  const el = (parent: Node, tag: string, attrs: Record<string, string> = {}, text = ''): Element => {
    const node = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text) node.textContent = text;
    parent.appendChild(node);
    return node;
  };
  const shadow = (host: Element): ShadowRoot => host.attachShadow({ mode: 'closed' });
  const panel = el(into, 'records-lwc-highlights-panel');
  const h2 = el(shadow(panel), 'records-highlights2');
  el(el(shadow(h2), 'div', { class: 'secondaryFields' }), 'slot', { name: 'secondaryFields' });
  const fields = el(h2, 'div', { slot: 'secondaryFields' });
  for (const [label, value] of [
    ['Title', HL_PLAIN],
    ['Birthdate', HL_BIRTH],
  ] as const) {
    const item = el(fields, 'records-highlights-details-item');
    const root = shadow(item);
    el(root, 'p', { class: 'slds-text-title', title: label }, label);
    el(el(root, 'p', { class: 'fieldComponent' }), 'slot');
    el(item, 'lightning-formatted-text', {}, value);
  }
}

describe('closed shadow roots the page attaches', () => {
  test('a host attached inside a closed tree is heard as itself, with its own root, not as the outer host again', () => {
    const heard: [ShadowRoot, Element][] = [];
    onShadowAttached(window, (root, host) => heard.push([root, host]), controller.signal);
    const outer = document.body.appendChild(document.createElement('x-panel'));
    const outerRoot = outer.attachShadow({ mode: 'closed' });
    const inner = outerRoot.appendChild(document.createElement('x-item'));
    const innerRoot = inner.attachShadow({ mode: 'closed' });
    // Two closed levels down, too (heard on the inner root).
    const deepest = innerRoot.appendChild(document.createElement('x-value'));
    const deepestRoot = deepest.attachShadow({ mode: 'closed' });
    // Each once: the window's listener, which sees the inner hosts retargeted to `outer`, stays quiet.
    expect(heard).toEqual([
      [outerRoot, outer],
      [innerRoot, inner],
      [deepestRoot, deepest],
    ]);
    controller.abort();
    innerRoot.appendChild(document.createElement('x-late')).attachShadow({ mode: 'closed' });
    expect(heard).toHaveLength(3);
  });

  test("the hook's module imports nothing: it is bundled into the page's world, where the registry of closed roots must not be", () => {
    const source = readFileSync(join(import.meta.dirname, '..', '..', '..', 'lib', 'dom', 'shadow-attach.ts'), 'utf8');
    expect(source.match(/^\s*import\s/gm)).toBeNull();
  });

  test('the deep queries and walks see into a closed root once it is remembered, and only then', () => {
    const host = document.body.appendChild(document.createElement('x-host'));
    const root = host.attachShadow({ mode: 'closed' });
    root.innerHTML = '<p class="fieldComponent">v</p><x-nested></x-nested>';
    expect(querySelectorAllDeep(document, '.fieldComponent')).toEqual([]);
    expect(shadowRootOf(host)).toBeNull();
    rememberClosedRoot(host, root);
    expect(shadowRootOf(host)).toBe(root);
    expect(querySelectorAllDeep(document, '.fieldComponent')).toEqual([root.firstElementChild]);
    expect(shadowRootsDeep(document)).toContain(root);
    const found: ShadowRoot[] = [];
    forEachShadowBelow(document.body, (r) => void found.push(r));
    expect(found).toEqual([root]);
  });

  test('masking judges a highlights panel rendered in closed roots: the Birthdate value is masked, the Title value is not', async () => {
    const doc = loadFixture('sf-lex-contact.html');
    const masker = silentMasker(doc, controller.signal);
    // Rendered by the page before the policy arrives (the roots are announced as they are attached).
    renderHighlights(doc, doc.body);
    masker.configure({ policy: DEFAULT_POLICY, maskAll: false, restricted: false, unmasked: new Set() });
    const values = new Map(masker.values().map((v) => [v.el.textContent, v]));
    expect(values.get(HL_BIRTH)).toMatchObject({ fieldKey: BIRTH_KEY, masked: true });
    expect(values.has(HL_PLAIN)).toBe(false);
    const valueEl = values.get(HL_BIRTH)?.el as Element;
    expect((valueEl as HTMLElement).style.getPropertyValue('visibility')).toBe('hidden');
    // The mask sits beside the value, in the slot it takes (the item's default slot).
    expect(valueEl.previousElementSibling?.getAttribute('data-cpg')).toBe('mask');
  });

  test("the pre-hiding stylesheet and the relevance check name a value inside its item's own root (the :host() form)", () => {
    // Inside that root the item is the featureless host: `records-highlights-details-item .fieldComponent`
    // cannot match there (Chromium; jsdom knows no :host, the browser test shows it).
    expect(CANDIDATE_SELECTORS).toContain(':host(records-highlights-details-item) .fieldComponent');
    expect(FIELD_HINT_SELECTORS).toContain(':host(records-highlights-details-item) .fieldComponent');
  });
});
