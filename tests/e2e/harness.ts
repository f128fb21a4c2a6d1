import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Frame, Page, Worker } from 'playwright-core';
import { ensureChromium, launchWithExtension, routeFixtures, type FixtureRoute } from '../../scripts/lib/chromium.mjs';

// The parts of the extension API these tests call inside the service worker.
declare const chrome: {
  tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
};

const root = fileURLToPath(new URL('../..', import.meta.url));
export const EXTENSION_DIR = `${process.env.CPG_OUT_DIR || `${root}.output`}/chrome-mv3`;

export function fixture(name: string): string {
  return readFileSync(`${root}tests/fixtures/${name}`, 'utf8');
}

/** Real CRM URLs each fixture is served under (tests/fixtures/README.md). */
export const URLS = {
  sfContact: 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view',
  sfContactNative: 'https://acme--uat.sandbox.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view',
  sfLead: 'https://acme.lightning.force.com/lightning/r/00Q5g00000LeAdXEAV/view',
  sfList: 'https://acme.lightning.force.com/lightning/o/Contact/list?filterName=AllContacts',
  sfUnknown: 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000QqQqQEAA/view',
  hsContact: 'https://app.hubspot.com/contacts/123456/record/0-1/501',
  hsIndex: 'https://app.hubspot.com/contacts/123456/objects/0-1/views/all/list',
} as const;

export interface Harness {
  context: BrowserContext;
  extensionId: string;
  sw: () => Promise<Worker>;
  close(): Promise<void>;
}

export async function startBrowser(routes: FixtureRoute[]): Promise<Harness> {
  ensureChromium();
  const { context, extensionId } = await launchWithExtension({ extensionDir: EXTENSION_DIR, headless: true });
  await routeFixtures(context, routes);
  // The service worker may be stopped and restarted: always ask for the live one.
  const sw = async (): Promise<Worker> => {
    const live = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
    return live ?? (await context.waitForEvent('serviceworker'));
  };
  return { context, extensionId, sw, close: () => context.close() };
}

export async function tabIdOf(h: Harness, url: string): Promise<number> {
  const worker = await h.sw();
  const id = await worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? null;
  }, url);
  if (id === null) throw new Error(`no tab with ${url}`);
  return id;
}

/**
 * Opens a CRM page in a new tab and collects what must never happen there: page errors, and any
 * dialog (a hostile value that ran would typically alert). `init` runs in the page before its scripts.
 */
export async function openCrm(h: Harness, url: string, init?: (() => void) | string): Promise<{ page: Page; errors: string[] }> {
  const page = await h.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  if (init) await page.addInitScript(init);
  await page.goto(url);
  return { page, errors };
}

/** A Salesforce page-layout field (records-record-layout-item, crm-dom.md §2) holding `value`, as markup. */
export function sfLayoutItem(key: string, label: string, value: string): string {
  return (
    `<records-record-layout-item field-label="${label}"><div data-target-selection-name="${key}"><div class="slds-form-element">` +
    `<div class="test-id__field-label-container"><span class="test-id__field-label">${label}</span></div>` +
    `<div class="slds-form-element__control"><span class="test-id__field-value">` +
    `<lightning-formatted-text data-output-element-id="output-field" slot="outputField">${value}</lightning-formatted-text>` +
    `</span></div></div></div></records-record-layout-item>`
  );
}

/**
 * An init script (for `openCrm`): on every animation frame, which of `needles` is rendered visible,
 * looking into open shadow roots at any depth; `window.__painted[needle]` is true once it was.
 */
export function deepPaintSampler(needles: readonly string[]): string {
  return `(${sampleDeepPaint.toString()})(${JSON.stringify(needles)});`;
}

function sampleDeepPaint(needles: readonly string[]): void {
  const seen: Record<string, boolean> = {};
  (window as unknown as { __painted: Record<string, boolean> }).__painted = seen;
  const visit = (root: Node): void => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === Node.ELEMENT_NODE) {
        const shadow = (n as Element).shadowRoot;
        if (shadow) visit(shadow);
        continue;
      }
      const text = n.nodeValue ?? '';
      for (const needle of needles) {
        if (!text.includes(needle)) continue;
        if (n.parentElement?.checkVisibility({ visibilityProperty: true, opacityProperty: true })) seen[needle] = true;
      }
    }
  };
  const sample = (): void => {
    if (document.body) visit(document.body);
    requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
}

export async function openPopup(h: Harness, tabId: number, lang?: string): Promise<Page> {
  const page = lang ? await pageIn(h, lang) : await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/popup.html?tab=${tabId}`);
  return page;
}

/**
 * A new page whose navigator.language is `lang` (through DevTools, as Playwright's own locale
 * emulation does: headless Chromium on Linux ignores --lang and the environment).
 */
export async function pageIn(h: Harness, lang: string): Promise<Page> {
  const page = await h.context.newPage();
  const cdp = await h.context.newCDPSession(page);
  const userAgent = await page.evaluate(() => navigator.userAgent);
  await cdp.send('Emulation.setUserAgentOverride', { userAgent, acceptLanguage: lang });
  await cdp.send('Emulation.setLocaleOverride', { locale: lang });
  return page;
}

export interface StoredEvent {
  seq: number;
  action: string;
  recordKey: string;
  recordId: string;
  object: string;
  fields: string[];
  detail: string;
  path: string;
}

/** Reads the access log straight from the extension's IndexedDB, in the service worker. */
export async function readEvents(h: Harness): Promise<StoredEvent[]> {
  const worker = await h.sw();
  return worker.evaluate(
    () =>
      new Promise<StoredEvent[]>((resolve, reject) => {
        const open = indexedDB.open('crm-privacy-guard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('events')) {
            db.close();
            resolve([]);
            return;
          }
          const req = db.transaction('events').objectStore('events').getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result as StoredEvent[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

export async function toolbarBadge(h: Harness, tabId: number): Promise<string> {
  const worker = await h.sw();
  return worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
// WCAG 2.1 A and AA, and axe's best practices (unique landmark names, heading order, content in landmarks).
const RULE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const FAILING = ['moderate', 'serious', 'critical'];

/**
 * Findings that are not problems, each for one rule on one element (the last part of axe's target),
 * with the reason. Nothing else is left out.
 */
export const EXCLUDED: { rule: string; target: string; why: string }[] = [
  // The close buttons of the panel and of the reveal dialog show "✕" and are named "Close the privacy
  // panel" / "Close": a symbol, not a text label, so Label in Name (WCAG 2.5.3) does not apply. axe
  // cannot tell a symbol from a word and leaves it "to review".
  { rule: 'label-content-name-mismatch', target: 'button[aria-label="Close the privacy panel"]', why: 'the visible label is the symbol ✕' },
  { rule: 'label-content-name-mismatch', target: 'button[aria-label="Close"]', why: 'the visible label is the symbol ✕' },
  // The same for the unapproved-instance banner's button: it shows "×" and is named "Hide this message".
  { rule: 'label-content-name-mismatch', target: 'button[aria-label="Hide this message"]', why: 'the visible label is the symbol ×' },
];

/**
 * The WCAG 2.1 A/AA (and best-practice) violations of a page or frame, one line per element:
 * `rule (impact) target: help`. What axe leaves "to review" counts as well (see below).
 *
 * Text contrast that axe leaves "to review" (the text's box holds an icon, or another element
 * overlaps it) is measured here instead: the text's colour against the colours of the boxes behind
 * it, as the browser paints them (a canvas turns any CSS colour into sRGB). A background image or
 * gradient behind text cannot be measured that way: it fails, unless in EXCLUDED with a reason.
 *
 * `include`: a selector, to scan only what matches and what is inside (open shadow roots included):
 * on a CRM page, our own hosts (README "The DOM contract"), as the CRM fixture's markup around them
 * is the page's, not ours. Closed roots: scan an open copy (openCopyOfClosedRoot, openCopiesOfClosedHosts).
 */
export async function wcagViolations(where: Page | Frame, include?: string): Promise<string[]> {
  // evaluate() goes through the DevTools protocol: extension pages' CSP does not block it.
  await where.evaluate(AXE_SOURCE);
  const found = await where.evaluate(
    async ({ sel, tags, failing }) => {
      type AxeNode = { target: unknown[]; impact?: string | null; element?: Element };
      type Result = { id: string; impact: string | null; help: string; nodes: AxeNode[] };
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Result[]; incomplete: Result[] }> } }).axe;
      const scan = () =>
        axe.run(sel ? { include: [[sel]] } : document, {
          runOnly: { type: 'tag', values: tags },
          // Each of the extension's frames is scanned on its own (its page is the frame's document):
          // axe is not asked to enter frames, nor to say that it did not.
          rules: { 'frame-tested': { enabled: false } },
          resultTypes: ['violations', 'incomplete'],
          elementRef: true,
          iframes: false,
        });
      // axe's findings hold only for a DOM that did not change under it (a re-render during the run
      // moves elements, and a heading it found is no longer where it looks: "heading-order, needs
      // review"). A page still settling is scanned again once it has been quiet for 100 ms.
      const quiet = () =>
        new Promise<void>((resolve) => {
          let timer = setTimeout(done, 100);
          const calm = new MutationObserver(() => {
            clearTimeout(timer);
            timer = setTimeout(done, 100);
          });
          function done() {
            calm.disconnect();
            resolve();
          }
          calm.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
        });
      let result: Awaited<ReturnType<typeof scan>>;
      for (let attempt = 1; ; attempt++) {
        let moved = false;
        const watch = new MutationObserver(() => (moved = true));
        watch.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
        result = await scan();
        if (watch.takeRecords().length > 0) moved = true;
        watch.disconnect();
        if (!moved || attempt === 5) break;
        await quiet();
      }
      const { violations, incomplete } = result;
      type Finding = { rule: string; target: unknown[]; line: string };
      const finding = (rule: string, target: unknown[], what: string): Finding => ({ rule, target, line: `${rule} ${what.replace('@', JSON.stringify(target))}` });
      const found: Finding[] = violations.flatMap((v) =>
        v.nodes.filter((n) => failing.includes(n.impact ?? v.impact ?? '')).map((n) => finding(v.id, n.target, `(${n.impact ?? v.impact}) @: ${v.help}`)),
      );

      const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
      const rgba = (css: string): [number, number, number, number] => {
        ctx.clearRect(0, 0, 1, 1);
        ctx.fillStyle = '#000';
        ctx.fillStyle = css;
        ctx.fillRect(0, 0, 1, 1);
        const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
        return [r!, g!, b!, a! / 255];
      };
      const over = (top: [number, number, number, number], under: [number, number, number]): [number, number, number] =>
        [0, 1, 2].map((i) => top[i]! * top[3] + under[i]! * (1 - top[3])) as [number, number, number];
      const luminance = (c: [number, number, number]) =>
        c.map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4)).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
      // Up the tree as it is painted (flat tree): a slotted node's slot, then out of shadow roots to their host.
      const flatParent = (e: Element): Element | null => e.assignedSlot ?? e.parentElement ?? (e.parentNode instanceof ShadowRoot ? e.parentNode.host : null);
      /** The contrast of the text painted with `el`'s style, or why it cannot be measured. */
      const measure = (el: Element): { ratio: number; needed: number } | string => {
        const layers: [number, number, number, number][] = [];
        let opacity = 1;
        for (let box: Element | null = el; box; box = flatParent(box)) {
          const style = getComputedStyle(box);
          opacity *= Number(style.opacity);
          if (style.backgroundImage !== 'none') return `background image behind the text (${style.backgroundImage.slice(0, 40)})`;
          const bg = rgba(style.backgroundColor);
          if (bg[3] > 0) layers.push(bg);
          if (bg[3] >= 1) break;
        }
        const back = layers.reverse().reduce<[number, number, number]>((under, top) => over(top, under), [255, 255, 255]);
        const fg = rgba(getComputedStyle(el).color);
        const text = over([fg[0], fg[1], fg[2], fg[3] * opacity], back);
        const [hi, lo] = [luminance(text), luminance(back)].sort((a, b) => b - a) as [number, number];
        const style = getComputedStyle(el);
        const px = parseFloat(style.fontSize);
        const large = px >= 24 || (px >= 18.66 && Number(style.fontWeight) >= 700);
        return { ratio: (hi + 0.05) / (lo + 0.05), needed: large ? 3 : 4.5 };
      };
      // Anything else axe could not decide is a finding too: reviewed and fixed, or excluded with a reason.
      for (const v of incomplete.filter((r) => r.id !== 'color-contrast')) {
        for (const n of v.nodes.filter((x) => failing.includes(x.impact ?? v.impact ?? ''))) found.push(finding(v.id, n.target, `(needs review, ${n.impact ?? v.impact}) @: ${v.help}`));
      }
      for (const v of incomplete.filter((r) => r.id === 'color-contrast')) {
        for (const n of v.nodes) {
          const el = n.element;
          const text = el && Array.from(el.childNodes).find((c): c is Text => c.nodeType === Node.TEXT_NODE && /[\p{L}\p{N}]/u.test(c.textContent ?? ''));
          if (!el || !text) continue; // no letter or digit of its own: nothing to read
          // Text slotted into a shadow root (our injected hosts' labels) is painted with its slot's style.
          const m = measure(text.assignedSlot ?? el);
          if (typeof m === 'string') found.push(finding('color-contrast', n.target, `(not measurable) @: ${m}`));
          else if (m.ratio < m.needed) found.push(finding('color-contrast', n.target, `(serious) @: contrast ${m.ratio.toFixed(2)}:1, needs ${m.needed}:1`));
        }
      }
      return found;
    },
    { sel: include ?? null, tags: RULE_TAGS, failing: FAILING },
  );
  const last = (target: unknown[]): string => {
    const end = target.at(-1);
    return String(Array.isArray(end) ? end.at(-1) : end);
  };
  return found.filter((f) => !EXCLUDED.some((x) => x.rule === f.rule && x.target === last(f.target))).map((f) => f.line);
}

/**
 * An open-shadow copy, in the same page, of the closed shadow root that holds `frame`'s element (the
 * panel's and the reveal dialog's containers), with the same style (adopted sheets too), the frame left empty. Returns its
 * selector for wcagViolations(): axe enters open roots only.
 */
export async function openCopyOfClosedRoot(frame: Frame): Promise<string> {
  const element = await frame.frameElement();
  const name = await element.evaluate((iframe) => {
    const closed = iframe.getRootNode() as ShadowRoot;
    const host = document.createElement('div');
    const name = `copy-of-${(closed.host as HTMLElement).getAttribute('data-cpg') ?? 'root'}`;
    host.setAttribute('data-a11y-test', name);
    // Styled, the copy lies over the real one (the same fixed position, above it): clicks go through to the real one.
    host.style.pointerEvents = 'none';
    const open = host.attachShadow({ mode: 'open' });
    // The style too when it is an adopted sheet (shadowHost(), the reveal dialog): cloning takes <style> elements only.
    open.adoptedStyleSheets = [...closed.adoptedStyleSheets];
    for (const child of Array.from(closed.childNodes)) open.append(child.cloneNode(true));
    open.querySelector('iframe')?.removeAttribute('src');
    document.body.append(host);
    return name;
  });
  await element.dispose();
  return `[data-a11y-test="${name}"]`;
}

interface CdpNode {
  nodeId: number;
  backendNodeId: number;
  children?: CdpNode[];
  shadowRoots?: (CdpNode & { shadowRootType?: string })[];
}

/**
 * Open-shadow copies, at the end of the page's body, of the closed shadow roots of the hosts that
 * match `hostSelector` (list-row markers: closed, and with no frame to reach them by), at most
 * `limit`: each copy has the host's attributes (but `data-cpg`), its light children (the slotted text), the root's content and its
 * stylesheets (adopted or not). Neither page scripts nor axe can enter a closed root; the DevTools
 * protocol can (DOM.getDocument with `pierce`). Returns the copies' selector for wcagViolations(),
 * and how many hosts it copied.
 */
export async function openCopiesOfClosedHosts(page: Page, hostSelector: string, limit = 5): Promise<{ selector: string; copied: number }> {
  const cdp = await page.context().newCDPSession(page);
  const name = `copy-of-closed-${hostSelector.replace(/[^a-z0-9]+/gi, '-')}`;
  let copied = 0;
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const pairs: { host: CdpNode; closed: CdpNode }[] = [];
    const walk = (node: CdpNode): void => {
      for (const shadow of node.shadowRoots ?? []) {
        if (shadow.shadowRootType === 'closed') pairs.push({ host: node, closed: shadow });
        walk(shadow);
      }
      for (const child of node.children ?? []) walk(child);
    };
    walk(root);
    for (const { host, closed } of pairs) {
      if (copied >= limit) break;
      const hostObject = (await cdp.send('DOM.resolveNode', { backendNodeId: host.backendNodeId })).object;
      const rootObject = (await cdp.send('DOM.resolveNode', { backendNodeId: closed.backendNodeId })).object;
      const { result } = await cdp.send('Runtime.callFunctionOn', {
        objectId: rootObject.objectId!,
        functionDeclaration: `function (host, selector, name) {
          if (!host.matches(selector)) return false;
          const copy = document.createElement(host.localName);
          // The host's attributes (its stylesheet styles it by state), but not data-cpg: our content scripts' hosts only.
          for (const { name: attribute, value } of Array.from(host.attributes)) if (attribute !== 'data-cpg') copy.setAttribute(attribute, value);
          copy.setAttribute('data-a11y-test', name);
          for (const child of Array.from(host.childNodes)) copy.append(child.cloneNode(true));
          const open = copy.attachShadow({ mode: 'open' });
          open.adoptedStyleSheets = [...this.adoptedStyleSheets];
          for (const child of Array.from(this.childNodes)) open.append(child.cloneNode(true));
          document.body.append(copy);
          return true;
        }`,
        arguments: [{ objectId: hostObject.objectId! }, { value: hostSelector }, { value: name }],
        returnByValue: true,
      });
      if (result.value === true) copied += 1;
    }
  } finally {
    await cdp.detach();
  }
  return { selector: `[data-a11y-test="${name}"]`, copied };
}

/**
 * Escape pressed in the in-page panel's frame, as the keydown its document gets: the panel's own
 * handler (entrypoints/popup/App.tsx) asks for it to be closed. Not through Playwright's keyboard:
 * a CDP key event to that frame, which the keydown removes, hung in some runs until the test's
 * timeout (session 12: 2 runs of 6 under load, at `keyboard.press`, `down` or `up`).
 */
export async function escapeInPanel(frame: Frame): Promise<void> {
  // Dispatched in a task of its own once evaluate() has answered: the frame the keydown closes can
  // be gone before the answer of an evaluate() that dispatched it itself ("Frame was detached", CI).
  await frame.evaluate(() => {
    const target = document.activeElement ?? document.body;
    setTimeout(() => target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true, cancelable: true, composed: true })), 0);
  });
}
