import { browser } from 'wxt/browser';
import type { CrmAdapter, FieldInfo } from '@/lib/crm/types';
import { policyCrmOf } from '@/lib/crm/generic';
import { addedScopes, composedParent, coverAdded, forEachShadowBelow, insideAdded, querySelectorAllDeep, querySelectorDeep, rememberClosedRoot, shadowRootOf, withHostsOf } from '@/lib/dom/deep';
import { t, type Lang } from '@/lib/i18n/content';
import type { MaskConfig } from '@/lib/messaging/protocol';
import { decideMask, type MaskField } from '@/lib/policy/decide';
import { onShadowAttached } from '@/lib/dom/shadow-attach';
import { guardCopy, type GuardedValue } from './copy-guard';
import { sheetFor } from './shadow-host';
import { createMaskHost, createStatusLine, openRevealDialog, type MaskHost, type RevealDialog } from './mask-ui';
// The manifest injects this stylesheet before the DOM exists; the inline copy goes into shadow roots.
import './mask-prehide.css';
import PREHIDE_CSS from './mask-prehide.css?inline';
import type { Feature, PageContext } from './types';

/**
 * Field masking. The manifest stylesheet hides every element that can show a field value until this
 * feature has checked it (`data-cpg-checked`); a MutationObserver (its callbacks run as microtasks,
 * before the next paint) checks new and changed values as they arrive, and masks what the policy says
 * to mask: `data-cpg-masked="true"` and an inline `visibility: hidden` on the value element (its
 * layout stays), with a mask in a shadow root over it. Nothing is shown before the policy arrives.
 */

/** Salesforce field items, and the slots of their value (inline edit swaps the output for an input in the same item: crm-dom.md `[slot*=input]`). */
const VALUE_ITEMS = ['records-record-layout-item', 'record_flexipage-record-field', 'flexipage-field'];
const VALUE_SLOTS = ['[slot="outputField"]', '[slot="output"]', '[slot*="input"]'];
/**
 * The other candidates: the highlights panel's secondary fields (compact layout), HubSpot's inputs, header values and All-properties values.
 * With native shadow the value paragraph sits in the item's own shadow root, where the item is the host: a
 * descendant combinator does not reach it there (a host is featureless inside its tree), `:host()` does (in
 * the sheet adopted into that root, and in the queries of that root). In the document it matches nothing.
 */
const OTHER_CANDIDATES = [
  'records-highlights-details-item .fieldComponent',
  ':host(records-highlights-details-item) .fieldComponent',
  'input[data-test-id^="property-input-"]',
  'textarea[data-test-id^="property-input-"]',
  '[data-selenium-test^="property-input-"]',
  '[data-test-id^="highlight-property-display-"]',
  '[data-profile-property]',
  // Salesforce Classic detail views: the value cells (lib/crm/salesforce.ts classicFields).
  '.bDetailBlock td.dataCol',
  '.bDetailBlock td.data2Col',
];
/**
 * The presets' values (lib/crm/presets): Dynamics 365's field controls, Zoho's values and related-list
 * cells. Hidden and released like the others, but not among FIELD_HINTS: on their pages the preset's
 * own `fieldHint` tells the observer (every key of HINT_KEYS is one more walk of each batch of rows on
 * a Salesforce or HubSpot list, benchmark #1).
 */
const PRESET_CANDIDATES = ['[data-id*=".fieldControl"]', '[data-zcqa^="value_"]'];

const BUILT_IN_CANDIDATE_SELECTORS = [...VALUE_ITEMS.flatMap((item) => VALUE_SLOTS.map((slot) => `${item} ${slot}`)), ...OTHER_CANDIDATES];

/**
 * Elements the manifest stylesheet hides until checked, one complex selector each, in the form and
 * order of mask-prehide.css (a unit test holds the two together): every rightmost compound is keyed
 * on an attribute or a class, so that Chromium tests each rule only against elements carrying it.
 */
export const CANDIDATE_SELECTORS: readonly string[] = [...BUILT_IN_CANDIDATE_SELECTORS, ...PRESET_CANDIDATES];

/**
 * The same elements as one selector list for native queries, with `:is()`: a query runs the matcher
 * per element and per selector of its list, so the short list is the cheaper one there.
 */
const BUILT_IN_CANDIDATES = [`:is(${VALUE_ITEMS.join(', ')}) :is(${VALUE_SLOTS.join(', ')})`, ...OTHER_CANDIDATES].join(', ');
export const CANDIDATES = `${BUILT_IN_CANDIDATES}, ${PRESET_CANDIDATES.join(', ')}`;

/** Field keys the adapters read, which are not candidates themselves. */
const KEY_HINTS = ['[data-target-selection-name^="sfdc:RecordField."]'];

/** What tells that a subtree may hold a field of a built-in adapter (a candidate, or a field key it reads). */
export const FIELD_HINTS = `${BUILT_IN_CANDIDATES}, ${KEY_HINTS.join(', ')}`;
/** FIELD_HINTS one complex selector each (for the test of HINT_KEYS). */
export const FIELD_HINT_SELECTORS: readonly string[] = [...BUILT_IN_CANDIDATE_SELECTORS, ...KEY_HINTS];

/**
 * One simple selector (an attribute or a class) that each FIELD_HINTS selector carries in its
 * rightmost compound (a unit test checks it). Chromium answers a query of one such simple selector
 * without its full matcher, about 3-7 times cheaper over a list view's rows than a query of the
 * FIELD_HINTS list; the few elements a key finds are then checked against FIELD_HINTS.
 */
export const HINT_KEYS: readonly string[] = [
  ...VALUE_SLOTS,
  '.fieldComponent',
  '[data-test-id^="property-input-"]',
  '[data-selenium-test^="property-input-"]',
  '[data-test-id^="highlight-property-display-"]',
  '[data-profile-property]',
  '.dataCol',
  '.data2Col',
  ...KEY_HINTS,
];

/** A FIELD_HINTS match below `root` (not `root` itself, nor in shadow roots): the same answer as `root.querySelector(FIELD_HINTS) !== null`. */
export function hintBelow(root: ParentNode): boolean {
  for (const key of HINT_KEYS) {
    const first = root.querySelector(key);
    if (first === null) continue;
    if (first.matches(FIELD_HINTS)) return true;
    const all = root.querySelectorAll(key);
    for (let i = 1; i < all.length; i++) if ((all[i] as Element).matches(FIELD_HINTS)) return true;
  }
  return false;
}

const CHECKED = 'data-cpg-checked';
/** NodeFilter.SHOW_ELEMENT, as a literal (nodes of any window). */
const SHOW_ELEMENT = 0x1;
const MASKED = 'data-cpg-masked';
/** Values longer than this are not read for the detectors (free text is scanned up to this length). */
const MAX_VALUE = 4000;
/**
 * Fallback scan for what observers cannot see (shadow roots attached later, input values set without a
 * mutation): often on record pages, rarely elsewhere (a list view's full scan is not free).
 */
const POLL_MS = { record: 1500, other: 5000 };
/** Masks the page removed that are put back at once, per second; past it, the poll does. */
const RESTORE_BUDGET = 20;

export interface MaskSettings {
  policy: MaskConfig['policy'];
  maskAll: boolean;
  restricted: boolean;
  unmasked: ReadonlySet<string>;
}

export interface FieldVerdict {
  /** Masked by the policy (or mask-all / restriction) before the tab's own unmasks. */
  byPolicy: boolean;
  masked: boolean;
}

/** Pure: should this field be masked now. Mask-all and a restricted record win over a tab's unmask. */
export function verdict(settings: MaskSettings, field: MaskField, decided?: boolean): FieldVerdict {
  if (settings.maskAll || settings.restricted) return { byPolicy: true, masked: true };
  const byPolicy = decided ?? decideMask(settings.policy, field).masked;
  return { byPolicy, masked: byPolicy && !settings.unmasked.has(field.key) };
}

interface Tracked {
  field: FieldInfo;
  host: MaskHost | null;
  /** Inline visibility before we hid the element, to give it back. */
  saved: { value: string; priority: string } | null;
  byPolicy: boolean;
  masked: boolean;
  /**
   * The policy's answer and what it was asked: a scan with the same policy, key, label and value
   * (the poll, a mutation elsewhere on the page) does not ask again. The value stays in this
   * script's memory, as it is on the page; it is never sent.
   */
  decided?: { policy: MaskSettings['policy']; key: string; label: string; value: string; byPolicy: boolean };
}

export interface MaskerOptions {
  doc: Document;
  win: Window;
  lang: Lang;
  adapter: CrmAdapter | null;
  /** Object of the record page ('' when unknown), for rules limited to some objects. */
  object: string;
  /** Whether a reveal can be asked here (record pages only: the log needs a record). */
  canReveal: boolean;
  signal: AbortSignal;
  /** Opens the reason dialog for a field (record pages). */
  onRevealRequest(field: FieldInfo, focusBack: () => void): void;
  /** The masked fields changed (key and label), for the popup. */
  onReport(fields: { key: string; label: string }[]): void;
  onCopied(fieldKeys: string[]): void;
}

export interface Masker {
  /** Applies new settings (first config, pushes) and rescans. */
  configure(settings: MaskSettings): void;
  /** Shows every value of `fieldKey` for `seconds`, then masks it again. */
  reveal(fieldKey: string, seconds: number): void;
  /** Checks the page now (tests; the observer and the poll call it too). */
  scan(): void;
  /** The value elements masked or revealed now. */
  values(): GuardedValue[];
}

function styleOf(el: Element): CSSStyleDeclaration | null {
  return 'style' in el ? (el as Element & ElementCSSInlineStyle).style : null;
}

function isOurs(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).hasAttribute('data-cpg');
}

/**
 * What tells masking's observer that a subtree may hold a field: FIELD_HINTS, and the adapter's own
 * selector (`fieldHint`) when it has one that is valid here (the presets, a CRM described in policy).
 */
interface Hints {
  /** The adapter's selector, or null. */
  extra: string | null;
  /** FIELD_HINTS and `extra`, as one list. */
  all: string;
}

function hintsFor(doc: Document, adapter: CrmAdapter | null): Hints {
  const extra = adapter?.fieldHint;
  if (!extra) return { extra: null, all: FIELD_HINTS };
  try {
    doc.createDocumentFragment().querySelector(extra);
  } catch {
    return { extra: null, all: FIELD_HINTS }; // not a selector here: the adapter's health check says so
  }
  return { extra, all: `${FIELD_HINTS}, ${extra}` };
}

/** A field hint at or below `el`, or in a shadow root below it (open, or closed and known): native queries, one pass for the roots. */
function hasHint(el: Element, hints: Hints): boolean {
  if (el.matches(hints.all)) return true;
  const own = shadowRootOf(el);
  if (own && querySelectorDeep(own, hints.all)) return true;
  if (el.firstElementChild === null) return false;
  if (hintBelow(el) || (hints.extra !== null && el.querySelector(hints.extra) !== null)) return true;
  const walker = el.ownerDocument.createTreeWalker(el, SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const shadow = shadowRootOf(node as Element);
    if (shadow && querySelectorDeep(shadow, hints.all)) return true;
  }
  return false;
}

/** A field hint below `scope` (a parent of many added rows), or in an open shadow root below it. */
function hasHintBelow(scope: ParentNode, hints: Hints): boolean {
  if (hintBelow(scope) || (hints.extra !== null && scope.querySelector(hints.extra) !== null)) return true;
  return forEachShadowBelow(scope, (shadow) => querySelectorDeep(shadow, hints.all) !== null);
}

/** The masking engine of one page; torn down (masks removed, pre-hiding back in force) when the signal aborts. */
export function createMasker(opts: MaskerOptions): Masker {
  const { doc, win, lang, adapter, signal } = opts;
  const hints = hintsFor(doc, adapter);
  const tracked = new Map<Element, Tracked>();
  const revealedUntil = new Map<string, number>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const observedRoots = new WeakSet<ShadowRoot>();
  /** Each mask host this masker mounted, and the value it covers (a host the page removes is put back). */
  const hostOwners = new WeakMap<Element, Tracked>();
  const status = createStatusLine(doc);
  let settings: MaskSettings | null = null;
  let lastReport = '';
  /** Something on the page carries `data-cpg-checked` (set by this masker): only then can a change land inside a checked value. */
  let anyChecked = false;

  const hide = (entry: Tracked): void => {
    const style = styleOf(entry.field.valueEl);
    if (!style) return; // an element without inline style (none in HTML): the attribute rule still hides it
    entry.saved ??= { value: style.getPropertyValue('visibility'), priority: style.getPropertyPriority('visibility') };
    // Inline as well as the attribute: a value inside a shadow root is out of the stylesheet's reach.
    style.setProperty('visibility', 'hidden', 'important');
  };
  const unhide = (entry: Tracked): void => {
    const style = styleOf(entry.field.valueEl);
    if (!style || !entry.saved) return;
    if (entry.saved.value) style.setProperty('visibility', entry.saved.value, entry.saved.priority);
    else style.removeProperty('visibility');
    entry.saved = null;
  };

  const mountHost = (entry: Tracked): MaskHost => {
    const { field } = entry;
    if (entry.host?.host.isConnected && entry.host.host.nextElementSibling === field.valueEl) return entry.host;
    entry.host?.host.remove();
    const host = createMaskHost(
      doc,
      lang,
      field.key,
      field.label,
      opts.canReveal ? () => opts.onRevealRequest(field, () => host.focusButton()) : null,
    );
    // Beside a value slotted into a native shadow root, the mask takes the same slot to render there.
    const slot = field.valueEl.getAttribute('slot');
    const parent = field.valueEl.parentElement;
    if (slot !== null && parent && shadowRootOf(parent)) host.host.setAttribute('slot', slot);
    field.valueEl.before(host.host);
    entry.host = host;
    hostOwners.set(host.host, entry);
    return host;
  };

  const apply = (entry: Tracked, masked: boolean): void => {
    const el = entry.field.valueEl;
    const revealed = masked && (revealedUntil.get(entry.field.key) ?? 0) > Date.now();
    entry.masked = masked;
    if (masked) {
      el.setAttribute(MASKED, revealed ? 'false' : 'true');
      if (revealed) unhide(entry);
      else hide(entry);
      mountHost(entry).setShown(!revealed);
    } else {
      if (el.hasAttribute(MASKED)) el.removeAttribute(MASKED);
      unhide(entry);
      entry.host?.host.remove();
      entry.host = null;
    }
    el.setAttribute(CHECKED, '');
    anyChecked = true;
  };

  const adoptInto = (root: ShadowRoot): void => {
    if (observedRoots.has(root)) return;
    observedRoots.add(root);
    observer.observe(root, OBSERVE);
    // One parsed sheet per document (shadow-host.ts), added once per root: a root that outlives an SPA
    // navigation does not collect a copy per visit.
    const sheet = sheetFor(doc, PREHIDE_CSS);
    if (!sheet || root.adoptedStyleSheets.includes(sheet)) return;
    try {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    } catch {
      // The page's world refused the sheet: the inline style still hides masked values.
    }
  };

  /**
   * Roots given the pre-hiding sheet before the policy arrived. A page may drop it meanwhile: Lit,
   * for one, assigns a new array to `adoptedStyleSheets`. Until the policy is here (nothing can be
   * checked before), it is put back after each batch of mutations and before each frame; then the
   * checks take over (inline styles, which no stylesheet change undoes) and the set is let go.
   */
  let prehidden: Set<ShadowRoot> | null = new Set();
  const keepPrehiding = (): void => {
    if (!prehidden || prehidden.size === 0) return;
    const sheet = sheetFor(doc, PREHIDE_CSS);
    if (!sheet) return;
    for (const root of prehidden) {
      if (root.adoptedStyleSheets.includes(sheet)) continue;
      try {
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      } catch {
        // The page's world refused the sheet: nothing more to do from here.
      }
    }
  };
  const prehideUntilPolicy = (root: ShadowRoot): void => {
    adoptInto(root);
    if (!prehidden) return;
    const first = prehidden.size === 0;
    prehidden.add(root);
    if (!first) return;
    const beforeFrame = (): void => {
      if (!prehidden || signal.aborted) return;
      keepPrehiding();
      win.requestAnimationFrame(beforeFrame);
    };
    win.requestAnimationFrame(beforeFrame);
  };

  const watchRootsOf = (el: Element): void => {
    for (let root = el.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) adoptInto(root);
  };

  // One walk of the document for shadow hosts per scan, shared by its two deep queries of the
  // document. Only a custom element of the page reacting to our attributes could run the page's code
  // inside a scan; a root it attached then is missed by this scan only (which releases nothing there)
  // and announced by the attachShadow hook, whose mutations bring the next scan before paint.
  const scan = (): void => {
    if (settings && !signal.aborted) withHostsOf(doc, scanNow);
  };
  const scanNow = (): void => {
    const current = settings;
    if (!current) return;
    const fields = adapter ? adapter.findFields(doc) : [];
    const seen = new Set<Element>();
    for (const field of fields) {
      if (seen.has(field.valueEl)) continue;
      seen.add(field.valueEl);
      const value = field.readValue().slice(0, MAX_VALUE);
      let entry = tracked.get(field.valueEl);
      const d = entry?.decided;
      const known = d && d.policy === current.policy && d.key === field.key && d.label === field.label && d.value === value ? d.byPolicy : undefined;
      const v = verdict(
        current,
        {
          // The name policy rules use for this CRM (a preset's id, a generic adapter's own id).
          crm: adapter ? policyCrmOf(adapter) : 'salesforce',
          object: opts.object,
          key: field.key,
          label: field.label,
          value,
        },
        known,
      );
      if (!entry) {
        entry = { field, host: null, saved: null, byPolicy: v.byPolicy, masked: false };
        tracked.set(field.valueEl, entry);
        watchRootsOf(field.valueEl);
      }
      entry.field = field;
      entry.byPolicy = v.byPolicy;
      // Under mask-all or a restriction the policy was not asked: nothing to keep.
      if (known === undefined && !current.maskAll && !current.restricted) {
        entry.decided = { policy: current.policy, key: field.key, label: field.label, value, byPolicy: v.byPolicy };
      }
      apply(entry, v.masked);
    }
    // Elements gone from the page: drop their masks.
    for (const [el, entry] of tracked) {
      if (el.isConnected && seen.has(el)) continue;
      entry.host?.host.remove();
      tracked.delete(el);
    }
    // Every other candidate (no field, unknown layout) is released: it holds nothing the policy names.
    for (const el of querySelectorAllDeep(doc, CANDIDATES)) {
      if (!el.hasAttribute(CHECKED)) el.setAttribute(CHECKED, '');
      anyChecked = true;
    }
    report();
  };

  const report = (): void => {
    const list = [...tracked.values()]
      .filter((e) => e.byPolicy)
      .map((e) => ({ key: e.field.key, label: e.field.label.slice(0, 200) }))
      .filter((f, i, all) => all.findIndex((g) => g.key === f.key) === i);
    const text = JSON.stringify(list);
    if (text === lastReport) return;
    lastReport = text;
    opts.onReport(list);
  };

  /**
   * Whether a batch of mutations can touch a field: work proportional to what was added. While a
   * long page parses, every element arrives in its own record and the parser's next chunk comes
   * in the next batch, so: only the topmost added elements are queried (their subtree covers the
   * rest of the batch), one native `matches` each plus a subtree query when they have children,
   * and the climb towards a checked value is shared between the targets of the batch.
   */
  const relevant = (records: MutationRecord[]): boolean => {
    const added = new Set<Element>();
    const covered = new Set<Node>();
    // Where content changed matters only once something on the page was checked.
    const targets = anyChecked || tracked.size > 0 ? new Set<Node>() : null;
    // The last element read from this batch's records. While nothing on the page is checked, a record
    // into it (or below it) is all the parser's next records are, and being inside an added element
    // is the only question: one native `contains` answers it, without the climb's set of elements.
    let lastAdded: Element | null = null;
    for (const record of records) {
      if (record.type === 'childList') {
        if (targets === null && lastAdded !== null && lastAdded.contains(record.target)) continue;
        // Into an element this batch added (the parser adds each node of a page in its own record):
        // that element's subtree is looked at as a whole below, and the record that added it gives
        // the climb, so this one need not be read (lib/dom/deep.ts). Unless the target is a checked
        // value that came with it: what is added into a checked value is looked at.
        if (insideAdded(record, covered)) {
          const into = record.target as Element;
          if (targets === null || !(tracked.has(into) || into.hasAttribute(CHECKED))) continue;
          // Nor is what is added below it skipped: those records give the climb to it.
          covered.delete(into);
        }
        const nodes = record.addedNodes;
        let foreign = false;
        for (let i = 0; i < nodes.length; i++) {
          const node = nodes[i] as Node;
          if (isOurs(node)) continue;
          foreign = true;
          if (node.nodeType === 1) {
            added.add(node as Element);
            coverAdded(node as Element, covered);
            lastAdded = node as Element;
          }
        }
        // Text or elements added inside a value already checked (e.g. a description filled in late).
        if (foreign) targets?.add(record.target);
        // Removed values: their masks go at the next poll (nothing to hide there). A mask the page
        // removed while its value stays (a re-render of the parent) is put back now: the value stays
        // hidden meanwhile, but the rep would lose the mask's label and its Show button.
        if (ownHostRemoved(record.removedNodes)) return true;
      } else if (targets) {
        const parent = record.target.nodeType === 1 ? record.target : record.target.parentElement;
        if (parent) targets.add(parent);
      }
    }
    for (const { scope, whole } of addedScopes(added)) {
      if (whole ? hasHintBelow(scope, hints) : hasHint(scope as Element, hints)) return true;
    }
    if (!targets) return false;
    const memo = new Map<Element, boolean>();
    for (const target of targets) if (target.nodeType === 1 && insideChecked(target as Element, memo)) return true;
    return false;
  };

  /**
   * One of the removed nodes is the mask of a value still tracked (not one this masker took down
   * itself). A page that keeps removing masks (its own observer undoing ours) would otherwise be
   * answered in a loop of microtasks: past RESTORE_BUDGET restores a second the poll puts them back.
   */
  let restores: number[] = [];
  const ownHostRemoved = (nodes: NodeList): boolean => {
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as Node;
      if (!isOurs(node)) continue;
      const entry = hostOwners.get(node as Element);
      if (entry?.host?.host !== node || node.isConnected || tracked.get(entry.field.valueEl) !== entry) continue;
      const now = Date.now();
      restores = restores.filter((at) => now - at < 1000);
      if (restores.length >= RESTORE_BUDGET) return false;
      restores.push(now);
      return true;
    }
    return false;
  };

  /** `el` is a checked value or inside one (across shadow roots); `memo` shares the climb within one batch. */
  const insideChecked = (el: Element, memo: Map<Element, boolean>): boolean => {
    const path: Element[] = [];
    let found = false;
    for (let cur: Element | null = el; cur; cur = composedParent(cur)) {
      const known = memo.get(cur);
      if (known !== undefined) {
        found = known;
        break;
      }
      path.push(cur);
      if (tracked.has(cur) || cur.hasAttribute(CHECKED)) {
        found = true;
        break;
      }
    }
    for (const node of path) memo.set(node, found);
    return found;
  };

  const OBSERVE: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['value'] };
  // Mutation callbacks run as microtasks, before the browser paints the nodes that caused them.
  const observer = new MutationObserver((records) => {
    if (!settings) keepPrehiding();
    else if (relevant(records)) scan();
  });
  observer.observe(doc, OBSERVE);
  // A root the page attaches is observed before the page can fill it, so what it puts there is checked
  // before it paints (lib/dom/shadow-attach.ts). Roots not announced (declarative, attached before we
  // ran, or in a detached shadow tree) are found through the added nodes, `hasHint`, and the poll.
  // Before the policy has arrived nothing can be checked yet, so such a root also gets the pre-hiding
  // sheet at once (the manifest stylesheet does not reach into shadow roots), kept there until the
  // policy arrives even if the page replaces the root's sheets (prehideUntilPolicy); afterwards
  // adoptInto adds it only if a field turns up there. Observing twice is harmless.
  // A closed root (opened through chrome.dom) is remembered for the deep queries, so that the scan judges
  // and releases what it holds as in an open one.
  onShadowAttached(
    win,
    (root, host) => {
      rememberClosedRoot(host, root);
      if (settings) observer.observe(root, OBSERVE);
      else prehideUntilPolicy(root);
    },
    signal,
  );
  const poll = win.setInterval(() => {
    if (!doc.hidden) scan(); // a background tab paints nothing
  }, opts.canReveal ? POLL_MS.record : POLL_MS.other);

  const guarded = (): GuardedValue[] =>
    [...tracked.values()]
      .filter((e) => e.masked)
      .map((e) => ({ el: e.field.valueEl, fieldKey: e.field.key, masked: e.field.valueEl.getAttribute(MASKED) === 'true' }));

  guardCopy(
    win,
    {
      values: guarded,
      onBlocked: () => status.say(t(lang, 'maskCopyBlocked')),
      onCopied: (keys) => {
        status.say(t(lang, 'maskCopyLogged'));
        opts.onCopied(keys);
      },
    },
    signal,
  );

  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      win.clearInterval(poll);
      for (const timer of timers.values()) clearTimeout(timer);
      // Masks go, and the pre-hiding applies again until the next page's check: no value shows in between.
      for (const entry of tracked.values()) {
        entry.host?.host.remove();
        entry.field.valueEl.removeAttribute(CHECKED);
        entry.field.valueEl.removeAttribute(MASKED);
        unhide(entry);
      }
      for (const el of querySelectorAllDeep(doc, `[${CHECKED}]`)) el.removeAttribute(CHECKED);
      tracked.clear();
      status.remove();
    },
    { once: true },
  );

  const labelOf = (fieldKey: string): string => [...tracked.values()].find((e) => e.field.key === fieldKey)?.field.label ?? fieldKey;

  return {
    configure(next) {
      settings = next;
      prehidden = null;
      scan();
    },
    reveal(fieldKey, seconds) {
      const ms = Math.min(Math.max(seconds, 1), 3600) * 1000;
      revealedUntil.set(fieldKey, Date.now() + ms);
      clearTimeout(timers.get(fieldKey));
      timers.set(
        fieldKey,
        setTimeout(() => {
          revealedUntil.delete(fieldKey);
          timers.delete(fieldKey);
          scan();
          status.say(t(lang, 'maskHidden', { label: labelOf(fieldKey) }));
        }, ms),
      );
      scan();
      const label = labelOf(fieldKey);
      status.say(t(lang, 'maskRevealedFor', { label, seconds: Math.round(ms / 1000) }));
    },
    scan,
    values: guarded,
  };
}

// ---------------------------------------------------------------------------------------------
// The page feature: config from the background, pushes, the reason dialog.

function asSwitches(message: Record<string, unknown>): { maskAll: boolean; unmasked: string[] } | null {
  if (typeof message.maskAll !== 'boolean' || !Array.isArray(message.unmasked)) return null;
  const unmasked = message.unmasked.filter((k): k is string => typeof k === 'string');
  return { maskAll: message.maskAll, unmasked };
}

function recordIdOf(ctx: PageContext): string | null {
  return ctx.page.kind === 'record' ? ctx.page.ref.id : null;
}

async function loadConfig(ctx: PageContext): Promise<MaskConfig | null> {
  // The service worker may be waking up: a few tries. Until an answer, values stay hidden.
  for (let attempt = 0; attempt < 5 && !ctx.signal.aborted; attempt += 1) {
    try {
      return await ctx.send('mask.config', { url: ctx.url });
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300 * (attempt + 1)));
    }
  }
  return null;
}

export const fieldMask: Feature = {
  id: 'field-mask',
  // Every page kind: the pre-hidden candidates must be checked (and released) wherever they appear.
  include: ['record', 'list', 'other'],
  async init(ctx) {
    const isRecord = ctx.page.kind === 'record';
    let tabId: number | null = null;
    let dialog: RevealDialog | null = null;
    let settings: MaskSettings | null = null;

    const masker = createMasker({
      doc: ctx.doc,
      win: ctx.win,
      lang: ctx.lang,
      adapter: ctx.adapter,
      object: ctx.page.kind === 'record' ? ctx.page.ref.object : '',
      canReveal: isRecord,
      signal: ctx.signal,
      onRevealRequest: (field, focusBack) => {
        if (tabId === null || dialog) return;
        const params = new URLSearchParams({ tab: String(tabId), field: field.key, label: field.label.slice(0, 200), lang: ctx.lang });
        dialog = openRevealDialog(ctx.doc, ctx.lang, {
          src: `${browser.runtime.getURL('/reveal.html')}?${params.toString()}`,
          fieldKey: field.key,
          label: field.label,
          onClosed: () => {
            dialog = null;
            focusBack();
          },
        });
      },
      onReport: (fields) => {
        if (!isRecord) return;
        void ctx.send('mask.report', { url: ctx.url, fields }).catch(() => undefined);
      },
      onCopied: (fieldKeys) => {
        if (!isRecord) return;
        void ctx.send('field.copy', { url: ctx.url, fieldKeys, eventId: crypto.randomUUID() }).catch(() => undefined);
      },
    });
    ctx.signal.addEventListener('abort', () => dialog?.close(), { once: true });
    const apply = (config: MaskConfig): void => {
      tabId = config.tabId;
      settings = { policy: config.policy, maskAll: config.maskAll, restricted: config.restricted, unmasked: new Set(config.unmasked) };
      masker.configure(settings);
    };

    ctx.onPush('mask.state', (message) => {
      const switches = asSwitches(message);
      if (!switches || !settings) return;
      settings = { ...settings, maskAll: switches.maskAll, unmasked: new Set(switches.unmasked) };
      masker.configure(settings);
    });
    ctx.onPush('mask.reveal', (message) => {
      if (typeof message.fieldKey !== 'string' || typeof message.seconds !== 'number') return;
      dialog?.close();
      masker.reveal(message.fieldKey, message.seconds);
    });
    ctx.onPush('mask.dialogClose', () => dialog?.close());
    // The policy in force changed (dashboard, managed settings, signed URL): the fields are judged
    // again by the new rules, in this page, without a reload.
    ctx.onPush('policy.changed', () => {
      void loadConfig(ctx).then((config) => {
        if (config && !ctx.signal.aborted) apply(config);
      });
    });
    ctx.onPush('badge.update', (message) => {
      const summary = message.summary as { key?: unknown; state?: unknown } | undefined;
      const id = recordIdOf(ctx);
      if (!settings || !id || typeof summary?.key !== 'string' || !summary.key.endsWith(`:${id}`)) return;
      const restricted = summary.state === 'restricted';
      if (restricted === settings.restricted) return;
      settings = { ...settings, restricted };
      masker.configure(settings);
    });

    const config = await loadConfig(ctx);
    if (!config || ctx.signal.aborted) return;
    apply(config);
  },
};
