import {
  closestAcrossShadow,
  composedParent,
  knownShadowHosts,
  querySelectorAllDeep,
  querySelectorDeep,
  shadowRootsDeep,
  withHostsOf,
} from '@/lib/dom/deep';
import { visibleLine, visibleText } from '@/lib/dom/text';
import { attachDeclarativeShadowRoots, parseHtml } from './shadow';

const ids = (els: Element[]): string[] => els.map((el) => el.id);

/** Hosts nested `depth` shadow roots deep, with a `.target` in the innermost one. */
function nested(depth: number): Document {
  let markup = '<i class="target" id="deepest"></i>';
  for (let i = 0; i < depth; i += 1) markup = `<x-host><template data-shadow>${markup}</template></x-host>`;
  return parseHtml(markup);
}

describe('attachDeclarativeShadowRoots (test helper)', () => {
  test('turns both template forms into open roots, nested ones too', () => {
    const doc = parseHtml(
      '<x-a><template shadowrootmode="open"><x-b><template data-shadow><p id="in">x</p></template></x-b></template></x-a>',
    );
    const a = doc.querySelector('x-a');
    const b = a?.shadowRoot?.querySelector('x-b');
    expect(a?.shadowRoot?.mode).toBe('open');
    expect(b?.shadowRoot?.querySelector('#in')?.textContent).toBe('x');
    expect(doc.querySelector('template')).toBeNull();
    expect(attachDeclarativeShadowRoots(doc)).toBe(0);
  });
});

describe('querySelectorDeep / querySelectorAllDeep', () => {
  const doc = parseHtml(`
    <p class="m" id="a"></p>
    <x-host id="h" class="m">
      <template data-shadow><p class="m" id="b"></p><x-inner><template data-shadow><p class="m" id="c"></p></template></x-inner><slot></slot></template>
      <p class="m" id="d"></p>
    </x-host>
    <p class="m" id="e"></p>`);

  test('finds light and shadow matches in composed order (a host, then its shadow, then its light children)', () => {
    expect(ids(querySelectorAllDeep(doc, '.m'))).toEqual(['a', 'h', 'b', 'c', 'd', 'e']);
  });

  test('a plain querySelectorAll misses what is in shadow roots', () => {
    expect(ids(Array.from(doc.querySelectorAll('.m')))).toEqual(['a', 'h', 'd', 'e']);
  });

  test('first match, in composed order', () => {
    expect(querySelectorDeep(doc, 'p#c')?.id).toBe('c');
    expect(querySelectorDeep(doc, 'x-host p')?.id).toBe('d'); // combinators stay within one tree
    expect(querySelectorDeep(doc, '.m:not(#a):not(#h)')?.id).toBe('b');
    expect(querySelectorDeep(doc, '.none')).toBeNull();
  });

  test('an element root searches its own shadow root first, and never matches itself', () => {
    const host = doc.getElementById('h');
    if (!host) throw new Error('fixture');
    expect(ids(querySelectorAllDeep(host, '.m'))).toEqual(['b', 'c', 'd']);
  });

  test('a shadow root can be the starting point', () => {
    const root = doc.getElementById('h')?.shadowRoot;
    if (!root) throw new Error('fixture');
    expect(ids(querySelectorAllDeep(root, 'p'))).toEqual(['b', 'c']);
  });

  test('depth is bounded (12 by default)', () => {
    expect(querySelectorDeep(nested(12), '.target')?.id).toBe('deepest');
    expect(querySelectorDeep(nested(13), '.target')).toBeNull();
    expect(querySelectorDeep(nested(13), '.target', { maxDepth: 20 })?.id).toBe('deepest');
    expect(querySelectorDeep(nested(2), '.target', { maxDepth: 1 })).toBeNull();
  });

  test('a custom opener can reach roots el.shadowRoot does not give (e.g. chrome.dom for closed roots)', () => {
    const d = parseHtml('<x-closed></x-closed>');
    const host = d.querySelector('x-closed');
    if (!host) throw new Error('fixture');
    const closed = host.attachShadow({ mode: 'closed' });
    const p = d.createElement('p');
    closed.append(p);
    expect(querySelectorDeep(d, 'p')).toBeNull();
    expect(querySelectorDeep(d, 'p', { shadowRootOf: (el) => (el === host ? closed : el.shadowRoot) })).toBe(p);
  });

  test('cost: one pass per tree; every element is looked at once, whatever the number of matches', () => {
    const block = (n: number): string => Array.from({ length: n }, (_, i) => `<div><span class="s${i % 7}"></span></div>`).join('');
    const hosts = Array.from({ length: 20 }, () => `<x-h><template data-shadow>${block(50)}<b class="t"></b></template></x-h>`).join('');
    const d = parseHtml(`${block(400)}${hosts}`);
    const opened: Element[] = [];
    const shadowRootOf = (el: Element): ShadowRoot | null => {
      opened.push(el);
      return el.shadowRoot;
    };
    const lightElements = d.getElementsByTagName('*').length;
    const shadowElements = 20 * (50 * 2 + 1);
    expect(querySelectorAllDeep(d, '.t', { shadowRootOf })).toHaveLength(20);
    expect(opened).toHaveLength(lightElements + shadowElements);
    expect(new Set(opened).size).toBe(opened.length);
    opened.length = 0;
    expect(querySelectorAllDeep(d, 'span', { shadowRootOf })).toHaveLength(400 + 20 * 50);
    expect(opened).toHaveLength(lightElements + shadowElements);
  });

  test('shadowRootsDeep lists every open root, nested ones included', () => {
    expect(shadowRootsDeep(doc)).toHaveLength(2);
    expect(shadowRootsDeep(nested(5))).toHaveLength(5);
    expect(shadowRootsDeep(nested(20))).toHaveLength(12);
  });
});

describe('withHostsOf', () => {
  test('deep queries of the tree inside take its one walk for hosts, with the same answers; forgotten afterwards', () => {
    const doc = parseHtml(`
      <p class="m" id="a"></p>
      <x-host id="h"><template data-shadow><p class="m" id="b"></p></template></x-host>
      <p class="m" id="e"></p>`);
    const before = ids(querySelectorAllDeep(doc, '.m'));
    // A host that appears after the walk (what the contract rules out: page code running inside) shows
    // that the queries inside answer from the walk, and those after it walk again.
    const late = doc.createElement('x-late');
    late.attachShadow({ mode: 'open' }).innerHTML = '<p class="m" id="z"></p>';
    const inside = withHostsOf(doc, () => {
      expect(knownShadowHosts(doc)?.map((el) => el.id)).toEqual(['h']);
      const first = ids(querySelectorAllDeep(doc, '.m'));
      doc.body.append(late);
      return [first, ids(querySelectorAllDeep(doc, '.m'))];
    });
    expect(inside).toEqual([before, before]);
    expect(knownShadowHosts(doc)).toBeUndefined();
    expect(ids(querySelectorAllDeep(doc, '.m'))).toEqual([...before, 'z']);
  });

  test('forgotten even when the work throws', () => {
    const doc = parseHtml('<x-host><template data-shadow><p></p></template></x-host>');
    expect(() =>
      withHostsOf(doc, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(knownShadowHosts(doc)).toBeUndefined();
  });
});

describe('closestAcrossShadow', () => {
  const doc = parseHtml(`
    <section id="outer"><x-card id="card"><template data-shadow><h1 id="h"><slot name="title"></slot></h1><div id="inside"><span id="deep"></span></div></template>
      <b slot="title" id="slotted">Name</b><i id="unslotted"></i></x-card></section>`);
  const get = (id: string): Element => {
    const el = doc.getElementById(id) ?? doc.getElementById('card')?.shadowRoot?.getElementById(id);
    if (!el) throw new Error(id);
    return el;
  };

  test('climbs from a shadow tree to the host and beyond', () => {
    expect(closestAcrossShadow(get('deep'), 'section')?.id).toBe('outer');
    expect(closestAcrossShadow(get('deep'), 'x-card')?.id).toBe('card');
  });

  test('follows the slot a light child is rendered in', () => {
    expect(closestAcrossShadow(get('slotted'), 'h1')?.id).toBe('h');
    expect(get('slotted').closest('h1')).toBeNull();
    expect(composedParent(get('slotted'))?.localName).toBe('slot');
  });

  test('an unassigned light child climbs its light parents', () => {
    expect(closestAcrossShadow(get('unslotted'), 'h1')).toBeNull();
    expect(closestAcrossShadow(get('unslotted'), 'section')?.id).toBe('outer');
  });

  test('matches the element itself, and returns null at the top', () => {
    expect(closestAcrossShadow(get('deep'), 'span')?.id).toBe('deep');
    expect(closestAcrossShadow(get('deep'), 'table')).toBeNull();
  });
});

describe('visibleText', () => {
  test('reads nested shadow roots and slotted content in rendered order', () => {
    const doc = parseHtml(
      '<x-phone id="p"><template data-shadow><a>(415) <slot></slot> <slot name="none">fallback</slot></a></template>555-0100</x-phone>',
    );
    const el = doc.getElementById('p');
    if (!el) throw new Error('fixture');
    expect(el.textContent).toBe('555-0100');
    expect(visibleText(el)).toBe('(415) 555-0100 fallback');
  });

  test('block elements and <br> make lines; whitespace collapses; skip, hidden, script and style are left out', () => {
    const doc = parseHtml(`<div id="v"> <div>1  Main
      St</div><div>SF, CA</div>a<br>b <span class="sr">Open Preview</span><span hidden>h</span><script>x()</script><style>p{}</style></div>`);
    const el = doc.getElementById('v');
    if (!el) throw new Error('fixture');
    expect(visibleText(el, { skip: '.sr' })).toBe('1 Main St\nSF, CA\na\nb');
    expect(visibleLine(el, { skip: '.sr' })).toBe('1 Main St SF, CA a b');
    expect(visibleText(el)).toContain('Open Preview');
  });

  test('markup-looking text stays text', () => {
    const doc = parseHtml('<p id="t">&lt;img src=x onerror=alert(1)&gt;</p>');
    const el = doc.getElementById('t');
    if (!el) throw new Error('fixture');
    expect(visibleText(el)).toBe('<img src=x onerror=alert(1)>');
    expect(el.children).toHaveLength(0);
  });

  test('a form control’s value is not visible text: a label wrapping its input reads as the label alone', () => {
    const doc = parseHtml('<label id="l">Email <input value="ada@example.com"></label>');
    const el = doc.getElementById('l');
    if (!el) throw new Error('fixture');
    (el.querySelector('input') as HTMLInputElement).value = 'grace@example.com';
    expect(visibleLine(el)).toBe('Email');
  });

  test('nor is a textarea’s or a select’s: their markup is a value (the label reads alone, the control read itself keeps its text)', () => {
    const doc = parseHtml(
      '<div id="d"><label id="t">Notes <textarea>Diagnosed in 2019</textarea></label><label id="s">Religion <select><option>Catholic</option><option selected>None</option></select></label><datalist><option>Muslim</option></datalist></div>',
    );
    const [t, s, d] = ['t', 's', 'd'].map((id) => doc.getElementById(id));
    if (!t || !s || !d) throw new Error('fixture');
    expect(visibleLine(t)).toBe('Notes');
    expect(visibleLine(s)).toBe('Religion');
    expect(visibleLine(d)).toBe('Notes Religion');
    expect(visibleLine(t.querySelector('textarea') as Element)).toBe('Diagnosed in 2019');
  });

  test('stops at maxChars', () => {
    const doc = parseHtml(`<p id="t">${'x'.repeat(50_000)}</p>`);
    const el = doc.getElementById('t');
    if (!el) throw new Error('fixture');
    expect(visibleText(el, { maxChars: 100 })).toHaveLength(100);
  });
});
