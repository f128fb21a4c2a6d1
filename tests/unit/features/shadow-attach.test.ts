import { installAttachShadowHook, onShadowAttached, SHADOW_ATTACHED_EVENT } from '@/lib/dom/shadow-attach';
import { watchDom } from '@/lib/features/dom-watch';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { loadFixture } from '../crm/shadow';
import { silentMasker } from './silent-masker';

const IBAN = 'FR76 3000 6000 0112 3456 7890 189';
const KEY = 'sfdc:RecordField.Contact.OtherPhone';
const FIELD =
  `<records-record-layout-item field-label="Other Phone"><div data-target-selection-name="${KEY}"><div class="slds-form-element">` +
  '<div class="test-id__field-label-container"><span class="test-id__field-label">Other Phone</span></div>' +
  '<div class="slds-form-element__control"><span class="test-id__field-value">' +
  `<lightning-formatted-text data-output-element-id="output-field" slot="outputField">${IBAN}</lightning-formatted-text>` +
  '</span></div></div></div></records-record-layout-item>';

const microtask = () => new Promise<void>((resolve) => queueMicrotask(resolve));
const NATIVE = Object.getOwnPropertyDescriptor(Element.prototype, 'attachShadow') as PropertyDescriptor;

/** Stands in for the MAIN-world script (jsdom has one world); the native method comes back after each test. */
function hook(): void {
  installAttachShadowHook(window);
}

afterEach(() => {
  Object.defineProperty(Element.prototype, 'attachShadow', NATIVE);
  document.body.innerHTML = '';
});

describe('the MAIN-world attachShadow hook', () => {
  test('attachShadow behaves as before: this, arguments, return value, exceptions, property shape', () => {
    hook();
    const descriptor = Object.getOwnPropertyDescriptor(Element.prototype, 'attachShadow') as PropertyDescriptor;
    expect(descriptor.value).not.toBe(NATIVE.value);
    expect({ ...descriptor, value: null }).toEqual({ ...NATIVE, value: null });
    expect(Element.prototype.attachShadow.length).toBe(NATIVE.value.length);
    expect(Element.prototype.attachShadow.name).toBe('attachShadow');
    const el = document.createElement('div');
    const root = el.attachShadow({ mode: 'open' });
    expect(root).toBe(el.shadowRoot);
    expect(root.host).toBe(el);
    expect(root.mode).toBe('open');
    const closed = document.createElement('section').attachShadow({ mode: 'closed' });
    expect(closed.mode).toBe('closed');
    // The same exceptions, and nothing announced when it throws.
    const heard: Event[] = [];
    window.addEventListener(SHADOW_ATTACHED_EVENT, (e) => heard.push(e), { capture: true, once: true });
    expect(() => el.attachShadow({ mode: 'open' })).toThrow(expect.objectContaining({ name: 'NotSupportedError' }));
    expect(() => document.createElement('a').attachShadow({ mode: 'open' })).toThrow(expect.objectContaining({ name: 'NotSupportedError' }));
    expect(heard).toEqual([]);
    // Not a constructor, like the native method.
    expect(() => new (Element.prototype.attachShadow as unknown as new () => unknown)()).toThrow(TypeError);
  });

  test('a page listener that throws, or a page that replaces dispatchEvent later, changes nothing', () => {
    hook();
    const original = EventTarget.prototype.dispatchEvent;
    const heard: Element[] = [];
    const controller = new AbortController();
    onShadowAttached(window, (_root, host) => heard.push(host), controller.signal);
    EventTarget.prototype.dispatchEvent = () => {
      throw new Error('page');
    };
    try {
      const el = document.body.appendChild(document.createElement('div'));
      expect(el.attachShadow({ mode: 'open' })).toBe(el.shadowRoot);
      expect(heard).toEqual([el]);
    } finally {
      EventTarget.prototype.dispatchEvent = original;
      controller.abort();
    }
  });
});

describe('onShadowAttached (isolated world)', () => {
  test('hears every root the page attaches, synchronously: in the page, detached, inside an open shadow tree', () => {
    hook();
    const heard: [ShadowRoot, Element][] = [];
    const controller = new AbortController();
    onShadowAttached(window, (root, host) => heard.push([root, host]), controller.signal);
    const inPage = document.body.appendChild(document.createElement('div'));
    const r1 = inPage.attachShadow({ mode: 'open' });
    expect(heard).toEqual([[r1, inPage]]);
    const detached = document.createElement('x-row');
    const r2 = detached.attachShadow({ mode: 'open' });
    expect(heard.at(-1)).toEqual([r2, detached]);
    const nested = r1.appendChild(document.createElement('x-cell'));
    const r3 = nested.attachShadow({ mode: 'open' });
    expect(heard.at(-1)).toEqual([r3, nested]);
    expect(heard).toHaveLength(3);
    // Closed roots need chrome.dom.openOrClosedShadowRoot (absent here): skipped.
    document.body.appendChild(document.createElement('div')).attachShadow({ mode: 'closed' });
    expect(heard).toHaveLength(3);
    controller.abort();
    document.body.appendChild(document.createElement('div')).attachShadow({ mode: 'open' });
    expect(heard).toHaveLength(3);
  });

  test('fake events from the page: no root, our own hosts, detail and non-elements are ignored', () => {
    const heard: Element[] = [];
    const controller = new AbortController();
    onShadowAttached(window, (_root, host) => heard.push(host), controller.signal);
    const plain = document.body.appendChild(document.createElement('div'));
    plain.dispatchEvent(new Event(SHADOW_ATTACHED_EVENT, { composed: true }));
    window.dispatchEvent(new MouseEvent(SHADOW_ATTACHED_EVENT, { relatedTarget: plain }));
    window.dispatchEvent(new CustomEvent(SHADOW_ATTACHED_EVENT, { detail: { host: plain } }));
    const ours = document.body.appendChild(document.createElement('span'));
    ours.setAttribute('data-cpg', 'mask');
    ours.attachShadow({ mode: 'open' });
    window.dispatchEvent(new MouseEvent(SHADOW_ATTACHED_EVENT, { relatedTarget: ours }));
    document.dispatchEvent(new Event(SHADOW_ATTACHED_EVENT));
    expect(heard).toEqual([]);
    // A real host named by a fake event: we only observe one more root (harmless).
    const real = document.body.appendChild(document.createElement('div'));
    real.attachShadow({ mode: 'open' });
    window.dispatchEvent(new MouseEvent(SHADOW_ATTACHED_EVENT, { relatedTarget: real }));
    expect(heard).toEqual([real]);
    controller.abort();
  });
});

describe('consumers see what a root attached and filled in one task holds, in the next microtask', () => {
  test('masking: an IBAN put into a new open root is masked before the next paint; without the hook it is not', async () => {
    const run = async (withHook: boolean): Promise<string | null> => {
      if (withHook) hook();
      const doc = loadFixture('sf-lex-contact.html');
      const controller = new AbortController();
      const masker = silentMasker(doc, controller.signal);
      masker.configure({ policy: DEFAULT_POLICY, maskAll: false, restricted: false, unmasked: new Set() });
      const host = doc.body.appendChild(doc.createElement('div'));
      await microtask();
      // One task: attach, fill.
      host.attachShadow({ mode: 'open' }).innerHTML = FIELD;
      await microtask();
      const value = host.shadowRoot?.querySelector('[slot="outputField"]') ?? null;
      const state = value?.getAttribute('data-cpg-masked') ?? null;
      controller.abort();
      Object.defineProperty(Element.prototype, 'attachShadow', NATIVE);
      return state;
    };
    expect(await run(false)).toBeNull(); // what the hook is for: only the 1.5 s poll would find it
    expect(await run(true)).toBe('true');
  });

  test('dom-watch: changes in a root attached to an element already in the page are delivered without a walk or the poll', async () => {
    hook();
    document.body.innerHTML = '<main></main>';
    const host = document.querySelector('main') as HTMLElement;
    const delivered: MutationRecord[][] = [];
    const controller = new AbortController();
    watchDom(document, (records) => delivered.push(records), controller.signal, { sync: true, pollMs: 60_000 });
    host.attachShadow({ mode: 'open' }).innerHTML = '<table><tr data-row-key-value="1"><td>row</td></tr></table>';
    await microtask();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.[0]?.target).toBe(host.shadowRoot);
    controller.abort();
  });
});
