import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transform } from 'lightningcss';
import { CANDIDATES, CANDIDATE_SELECTORS, FIELD_HINTS, FIELD_HINT_SELECTORS, HINT_KEYS, hintBelow } from '@/lib/features/mask';
import { fixturePath, loadFixture } from '../crm/shadow';

// The manifest stylesheet (content-scripts/crm.css is this file, minified) and the selectors the
// masking code queries must name the same elements, and the stylesheet must stay cheap for Chromium:
// every rule keyed on an attribute, class or id in its rightmost compound.

const CSS_FILE = join(import.meta.dirname, '..', '..', '..', 'lib', 'features', 'mask-prehide.css');
const NOT_CHECKED = ':not([data-cpg-checked])';
const MASKED = '[data-cpg-masked="true"]';

/** Splits at `sep` outside brackets, parentheses and quotes. */
function splitTop(text: string, isSep: (c: string) => boolean): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth += 1;
    else if (c === ')' || c === ']') depth -= 1;
    else if (depth === 0 && isSep(c)) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

/** Every complex selector of every rule of a stylesheet's text (comments dropped). */
function ruleSelectors(css: string): string[][] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  return [...text.matchAll(/([^{}]+)\{[^{}]*\}/g)].map((m) => splitTop(m[1] as string, (c) => c === ','));
}

/** The rightmost compound of a complex selector (after its last combinator). */
function rightmostCompound(selector: string): string {
  return splitTop(selector, (c) => c === ' ' || c === '>' || c === '+' || c === '~').at(-1) as string;
}

/** The parts of a compound outside any parentheses (what Chromium can file a rule under). */
function topLevel(compound: string): string {
  let depth = 0;
  let out = '';
  for (const c of compound) {
    if (c === '(') depth += 1;
    if (depth === 0) out += c;
    if (c === ')') depth -= 1;
  }
  return out;
}

/** The compound without what its brackets hold (`[a*="b"]` → `[]`): its own simple selectors' marks. */
function marks(compound: string): string {
  return topLevel(compound).replace(/\[[^\]]*\]/g, '[]');
}

/**
 * Why a selector is costly for Blink's rule buckets, or null: its rightmost compound must name an
 * attribute, a class or an id outside any `:is()`/`:where()`/`:not()`, and hold no `*` or
 * `:is()`/`:where()`/`:has()` list (those put the rule in the universal bucket, tested against every
 * element); `:has()` anywhere makes every DOM change a candidate for invalidation.
 */
function costly(selector: string): string | null {
  if (selector.includes(':has(')) return ':has()';
  const compound = rightmostCompound(selector);
  const top = marks(compound);
  if (/:(is|where|has|matches|-webkit-any)(?![\w-])/.test(top)) return `a selector list in the rightmost compound "${compound}"`;
  if (top.includes('*')) return `* in the rightmost compound "${compound}"`;
  if (!/[[.#]/.test(top)) return `no attribute, class or id in the rightmost compound "${compound}"`;
  return null;
}

const normal = (s: string): string => s.replace(/\s+/g, ' ').trim();
const css = readFileSync(CSS_FILE, 'utf8');
const rules = ruleSelectors(css);

/** Every candidate form and near misses, in a document of this window. */
function syntheticDoc(): Document {
  const items = ['records-record-layout-item', 'record_flexipage-record-field', 'flexipage-field', 'records-highlights-details-item', 'div'];
  const slots = ['outputField', 'output', 'inputField', 'input', 'outputFieldX', 'primaryField'];
  let html = '';
  for (const item of items) {
    for (const slot of slots) html += `<${item}><div><span slot="${slot}">v</span></div><p class="fieldComponent">v</p></${item}>`;
  }
  html += '<span slot="outputField">outside an item</span><p class="fieldComponent">outside</p>';
  for (const tag of ['input', 'textarea', 'div']) {
    html += `<${tag} data-test-id="property-input-email"></${tag}><${tag} data-test-id="property-inputs"></${tag}>`;
    html += `<${tag} data-selenium-test="property-input-phone"></${tag}><${tag} data-test-id="highlight-property-display-name"></${tag}>`;
  }
  html += '<div data-target-selection-name="sfdc:RecordField.Contact.Email"><span>x</span></div><div data-target-selection-name="sfdc:Other">y</div>';
  html += '<div data-profile-property="email"></div><div data-profile-property=""></div>';
  // The presets' values (Dynamics 365, Zoho) and near misses.
  html += '<div data-id="description.fieldControl_container"><textarea data-id="description.fieldControl-text-box-text"></textarea></div><div data-id="header_title"></div>';
  html += '<div data-zcqa="value_Email"></div><lyte-td data-zcqa="value_listviewtable_Type"></lyte-td><div data-zcqa="label_Email"></div>';
  return new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
}

const FIXTURES = readdirSync(join(fixturePath('.'))).filter((f) => f.endsWith('.html'));
const docs = (): [string, Document][] => [['synthetic', syntheticDoc()], ...FIXTURES.map((f): [string, Document] => [f, loadFixture(f)])];

describe('mask-prehide.css (the manifest stylesheet)', () => {
  test('it hides the candidates until checked (CANDIDATE_SELECTORS, one rule each, in order) and the masked values', () => {
    const hiding = rules.find((r) => r.includes(MASKED) && r.length > 1) as string[];
    expect(hiding.map(normal)).toEqual([...CANDIDATE_SELECTORS.map((s) => `${s}${NOT_CHECKED}`), MASKED]);
  });

  test('no rule is costly for Chromium: every rightmost compound is keyed on an attribute, class or id', () => {
    const all = rules.flat();
    expect(all.length).toBeGreaterThan(CANDIDATE_SELECTORS.length);
    for (const selector of all) expect(costly(selector), selector).toBeNull();
  });

  test('the minified copy that ships (content-scripts/crm.css: Vite minifies CSS with lightningcss) keeps every rule keyed', () => {
    const { code } = transform({ filename: 'crm.css', code: Buffer.from(css), minify: true });
    const shipped = ruleSelectors(code.toString());
    expect(shipped.flat().length).toBe(rules.flat().length);
    for (const selector of shipped.flat()) expect(costly(selector), selector).toBeNull();
  });

  test('the check can fail: the forms that cost a test against every element are caught', () => {
    // The form this stylesheet had before (measured +4-7 ms of style recalc on a 2,000-row list).
    expect(costly(':is(records-record-layout-item, flexipage-field) :is([slot="outputField"], [slot="output"]):not([data-cpg-checked])')).not.toBeNull();
    expect(costly('records-record-layout-item *')).not.toBeNull();
    expect(costly('records-record-layout-item span:not([data-cpg-checked])')).not.toBeNull();
    expect(costly(':where([slot="output"])')).not.toBeNull();
    expect(costly('div:has([slot="output"])')).not.toBeNull();
    expect(costly('[slot="output"]:not(:is(.a, .b))')).toBeNull();
    expect(costly('records-record-layout-item [slot*="input"]:not([data-cpg-checked])')).toBeNull();
  });

  test('the stylesheet and the masking code name the same elements, on every fixture and on each candidate form', () => {
    const cssList = CANDIDATE_SELECTORS.join(', ');
    for (const [name, doc] of docs()) {
      const all = Array.from(doc.querySelectorAll('*'));
      const byCss = all.filter((el) => el.matches(cssList));
      const byCode = all.filter((el) => el.matches(CANDIDATES));
      expect(byCode, name).toEqual(byCss);
    }
    // The synthetic page has every form: 3 items × 4 slots (outputField, output, inputField, input),
    // 6 highlights values (one per slot variant), 2 HubSpot inputs, 3 data-selenium-test, 3 header
    // values, 2 All-properties values, 2 Dynamics 365 controls and 2 Zoho values.
    const synthetic = syntheticDoc();
    expect(synthetic.querySelectorAll(CANDIDATES).length).toBe(12 + 6 + 2 + 3 + 3 + 2 + 2 + 2);
  });
});

describe('hintBelow (masking relevance check)', () => {
  test('each field hint carries one of HINT_KEYS in its rightmost compound', () => {
    for (const selector of FIELD_HINT_SELECTORS) {
      const top = topLevel(rightmostCompound(selector));
      expect(HINT_KEYS.some((key) => top.includes(key)), selector).toBe(true);
    }
    for (const key of HINT_KEYS) expect(costly(key), key).toBeNull();
  });

  test('the same answer as one query of FIELD_HINTS, below every element of every fixture', () => {
    let found = 0;
    for (const [name, doc] of docs()) {
      for (const el of [doc, ...Array.from(doc.querySelectorAll('*'))]) {
        const expected = el.querySelector(FIELD_HINTS) !== null;
        if (expected) found += 1;
        expect(hintBelow(el), `${name} ${el.nodeName}`).toBe(expected);
      }
    }
    expect(found).toBeGreaterThan(100);
  });

  test('a key found outside a hint does not count (the full selector decides)', () => {
    const doc = new DOMParser().parseFromString('<div id="a"><span slot="outputField">no item around</span><p class="fieldComponent">no panel</p></div>', 'text/html');
    const a = doc.getElementById('a') as Element;
    expect(hintBelow(a)).toBe(false);
    const item = doc.createElement('records-record-layout-item');
    a.replaceWith(item);
    item.append(a);
    expect(hintBelow(a)).toBe(true); // the item above `a` makes its slotted value a hint
  });
});
