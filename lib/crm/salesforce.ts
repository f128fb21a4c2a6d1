import { closestAcrossShadow, querySelectorAllDeep, querySelectorDeep } from '@/lib/dom/deep';
import { CONTROLS, isShownControl, visibleLine, visibleText } from '@/lib/dom/text';
import { normaliseSalesforceId, objectFromIdPrefix } from './salesforce-id';
import type { CrmAdapter, FieldInfo, ListRef, PageKind, RecordRef, RowInfo, TitleInfo } from './types';

/**
 * Salesforce Lightning Experience, and Salesforce Classic record pages (`/{id}`, same record keys).
 * URL and markup sources (SFIR, UTAM page objects, CumulusCI locators, saved Classic pages) are
 * listed in tests/fixtures/README.md. Everything read from the page is untrusted.
 */

// {mydomain}[--{sandbox}][.{partition}].(lightning.force.com | my.salesforce.com | my.salesforce-setup.com).
// "--" separates the sandbox name, so the My Domain part may hold single hyphens only.
const HOST_RE =
  /^([a-z0-9]+(?:-[a-z0-9]+)*)(?:--([a-z0-9]+))?(?:\.(?:sandbox|develop|scratch|demo|free|patch|trailblaze))?\.(?:lightning\.force\.com|my\.salesforce\.com|my\.salesforce-setup\.com)$/;

const API_NAME = '[A-Za-z][A-Za-z0-9_]{0,79}';
const ID = '[A-Za-z0-9]{18}|[A-Za-z0-9]{15}';
const RECORD_PATH_RE = new RegExp(`^/lightning/r/(?:(${API_NAME})/)?(${ID})/(?:view|edit|related/(${API_NAME})/view)/?$`);
const LIST_PATH_RE = new RegExp(`^/lightning/o/(${API_NAME})/(?:list|home)/?$`);
// Aura-era deep links keep the route in the fragment: #/sObject/{id}[/view] or #/sObject/{Obj}/home|list.
const LEGACY_RECORD_RE = new RegExp(`^#/sObject/(${ID})(?:/view)?/?(?:\\?.*)?$`);
const LEGACY_LIST_RE = new RegExp(`^#/sObject/(${API_NAME})/(?:list|home)/?(?:\\?.*)?$`);
const API_NAME_RE = new RegExp(`^${API_NAME}$`);
const FIELD_KEY_RE = /^sfdc:RecordField\.([A-Za-z][A-Za-z0-9_]{0,79})\.([A-Za-z][A-Za-z0-9_]{0,79})$/;
const LINK_RECORD_RE = new RegExp(`^/lightning/r/(?:(${API_NAME})/)?(${ID})/view(?:[/?#]|$)`);
// Classic (crm-dom.md §1): the record ID is the whole path. A digit is required: a 15-letter word is no ID.
const CLASSIC_PATH_RE = new RegExp(`^/(?=[A-Za-z]*\\d)(${ID})$`);

const ASSISTIVE = '.slds-assistive-text';
const ACTIVE_PAGE = '.windowViewMode-normal.active, .windowViewMode-maximized.active';
const ANY_PAGE = '.windowViewMode-normal, .windowViewMode-maximized, .lafPageHost';
const RECORD_PAGE = 'one-record-home-flexipage2';
const HIGHLIGHTS = 'records-highlights2, force-highlights2';
const FIELD_CONTAINER = 'records-record-layout-item, record_flexipage-record-field, flexipage-field';
const FIELD_KEY = '[data-target-selection-name^="sfdc:RecordField."]';
const FIELD_VALUE = '[slot="outputField"], [slot="output"]';
const LABELLED_CONTAINER = 'records-record-layout-item[field-label], record_flexipage-record-field[field-label], flexipage-field[field-label]';

/** The org key of a Salesforce host: `acme`, `acme--uat`; null when the host is not an org host. */
export function salesforceOrgFromHost(host: string): string | null {
  if (host.length > 253) return null;
  const m = HOST_RE.exec(host.toLowerCase());
  if (!m?.[1]) return null;
  return m[2] ? `${m[1]}--${m[2]}` : m[1];
}

/** The object a record key uses: the standard object its ID prefix names, else what the URL/DOM said. */
function objectFor(id18: string, hinted: string | undefined): string {
  return objectFromIdPrefix(id18) ?? hinted ?? '';
}

function recordRef(org: string, rawId: string, hintedObject: string | undefined): RecordRef | null {
  const id = normaliseSalesforceId(rawId);
  return id ? { crm: 'salesforce', org, object: objectFor(id, hintedObject), id } : null;
}

/** Pure: classifies a Salesforce URL. The `ws` parameter (console parent tab) is ignored: the path is the record shown. */
export function classifySalesforceUrl(url: URL): PageKind {
  const other: PageKind = { kind: 'other' };
  if (url.protocol !== 'https:' || url.port !== '' || url.username !== '' || url.password !== '') return other;
  const org = salesforceOrgFromHost(url.hostname);
  if (!org) return other;

  const record = RECORD_PATH_RE.exec(url.pathname);
  if (record?.[2]) {
    const ref = recordRef(org, record[2], record[1]);
    if (!ref) return other;
    // A related list in full: the rows' objects come from their links and ids (the path names a relationship).
    return record[3] ? { kind: 'record', ref, related: { crm: 'salesforce', org, object: '' } } : { kind: 'record', ref };
  }
  const list = LIST_PATH_RE.exec(url.pathname);
  if (list?.[1]) return { kind: 'list', ref: { crm: 'salesforce', org, object: list[1] } };

  const classic = CLASSIC_PATH_RE.exec(url.pathname);
  if (classic?.[1]) {
    const ref = recordRef(org, classic[1], undefined);
    return ref ? { kind: 'record', ref } : other;
  }
  if (url.pathname === '/one/one.app') {
    const legacy = LEGACY_RECORD_RE.exec(url.hash);
    if (legacy?.[1]) {
      const ref = recordRef(org, legacy[1], undefined);
      return ref ? { kind: 'record', ref } : other;
    }
    const legacyList = LEGACY_LIST_RE.exec(url.hash);
    if (legacyList?.[1]) return { kind: 'list', ref: { crm: 'salesforce', org, object: legacyList[1] } };
  }
  return other;
}

function attributeHidden(el: Element): boolean {
  return el.hasAttribute('hidden') || /display\s*:\s*none/i.test(el.getAttribute('style') ?? '');
}

/** Whether the element is rendered: the browser's answer when it has one, else inline hints (jsdom). */
function isRendered(el: Element): boolean {
  if (typeof el.checkVisibility === 'function') return el.checkVisibility();
  for (let cur: Element | null = el; cur; cur = cur.parentElement) if (attributeHidden(cur)) return false;
  return true;
}

/** Console workspace tabs keep their pages' `.active` class while another tab is shown. */
function inShownConsoleTab(el: Element): boolean {
  // parentElement is null only at the top of the tree: the loop then ends.
  for (let tab = el.closest('.oneConsoleTab'); tab; tab = tab.parentElement?.closest('.oneConsoleTab') ?? null) {
    if (!tab.classList.contains('active')) return false;
  }
  return true;
}

function activeRoot(doc: Document): ParentNode | null {
  // The Aura page shell stays in the light DOM on every page type (CumulusCI), so no deep walk here.
  const candidates = Array.from(doc.querySelectorAll(ACTIVE_PAGE)).filter(
    (el) => inShownConsoleTab(el) && isRendered(el),
  );
  // A console tab's page can hold an inner active page (subtab): the innermost one is what is shown.
  const innermost = candidates.find((el) => !candidates.some((other) => other !== el && el.contains(other)));
  if (innermost) return shownRecordPage(innermost);
  // Containers but none shown: a page switch in progress. No container at all: an unknown layout.
  return doc.querySelector(ANY_PAGE) ? null : shownRecordPage(doc);
}

/**
 * Several record pages can coexist after SPA navigation (SF Record Linker, idx:52436904068): the
 * last one shown, else the root as it is. The page shell's record pages are Aura, in the light DOM.
 */
function shownRecordPage(root: Document | Element): ParentNode {
  const pages = root.querySelectorAll(RECORD_PAGE);
  if (pages.length < 2) return root;
  for (let i = pages.length - 1; i >= 0; i -= 1) {
    const page = pages[i];
    if (page && isRendered(page)) return page;
  }
  return root;
}

function findTitle(root: ParentNode): TitleInfo | null {
  for (const highlights of querySelectorAllDeep(root, HIGHLIGHTS)) {
    const inH1 = (el: Element): boolean => closestAcrossShadow(el, 'h1') !== null;
    const slotted = querySelectorAllDeep(highlights, '[slot="primaryField"]').filter(
      (el) => el.localName !== 'slot' && inH1(el),
    );
    // Older force-highlights2 builds put the formatted name in the h1 without a slot attribute.
    const candidates =
      slotted.length > 0
        ? slotted
        : querySelectorAllDeep(highlights, 'lightning-formatted-name, lightning-formatted-text').filter(inH1);
    for (const el of candidates) {
      const text = visibleLine(el, { skip: ASSISTIVE });
      if (!text) continue;
      // Never null here: every candidate passed the h1 check.
      const anchor = closestAcrossShadow(el, 'h1') ?? el;
      return { el, text, anchor };
    }
  }
  // Classic: the object label (h1.pageType) then the record name (h2.pageDescription), crm-dom.md §2.
  const classic = root.querySelector(CLASSIC_TITLE);
  const text = classic ? visibleLine(classic) : '';
  return classic && text ? { el: classic, text, anchor: classic } : null;
}

const CLASSIC_TITLE = '#bodyCell .content .pageType ~ .pageDescription';
// Classic detail view (not the edit page's bEditBlock): a label cell, then its value cell, whose id is
// `{field}_ilecell` (a standard field's code such as `cas3`, a custom field's `00N…` id) holding
// `{field}_ileinner` when inline editing is on (crm-dom.md §2 "Other CRMs"; tests/fixtures/README.md).
const CLASSIC_LABEL = '.bDetailBlock .labelCol';
const CLASSIC_CELL_RE = /^(\w{1,80})_ilecell$/;

function classicFields(root: ParentNode): FieldInfo[] {
  const fields: FieldInfo[] = [];
  for (const labelEl of root.querySelectorAll(CLASSIC_LABEL)) {
    const cell = labelEl.nextElementSibling;
    const label = visibleLine(labelEl);
    if (!cell?.matches('.dataCol, .data2Col') || !label) continue;
    const id = CLASSIC_CELL_RE.exec(cell.id)?.[1];
    const inner = cell.firstElementChild;
    const valueEl = id && inner?.id === `${id}_ileinner` ? inner : cell;
    fields.push({ key: `sfdc:ClassicField.${id ?? apiNameFromLabel(label)}`, label, valueEl, readValue: () => visibleText(valueEl) });
  }
  return fields;
}

// Inline edit swaps the output for an input in the same item (UTAM recordLayoutItem: `[slot*='input']`).
const FIELD_INPUT = '[slot*="input"]';
const FIELD_PARTS = `${FIELD_VALUE}, ${FIELD_INPUT}, .test-id__field-value, .test-id__field-label`;

/** What an item in edit mode shows: its controls' values (what the user types shows through), else its text (a lookup's pill). */
function editedValue(el: Element): string {
  const values: string[] = [];
  for (const control of querySelectorAllDeep(el, CONTROLS)) {
    const value = isShownControl(control) ? control.value.trim() : '';
    if (value) values.push(value);
  }
  return values.length > 0 ? values.join('\n') : visibleText(el, { skip: ASSISTIVE });
}

/** The outermost of `els`, our own hosts and literal slots left out. */
function outermost(els: Element[], selector: string): Element[] {
  const matching = els.filter((el) => el.localName !== 'slot' && !el.hasAttribute('data-cpg') && el.matches(selector));
  return matching.filter((el) => !matching.some((other) => other !== el && other.contains(el)));
}

function fieldFrom(keyEl: Element): FieldInfo | null {
  const key = keyEl.getAttribute('data-target-selection-name') ?? '';
  const parsed = FIELD_KEY_RE.exec(key);
  if (!parsed?.[2]) return null;
  const container = closestAcrossShadow(keyEl, FIELD_CONTAINER);
  // A key outside a layout item (e.g. a compact-layout badge) is not a detail field.
  if (!container) return null;

  // One pass over the item (and its shadow roots) for all its parts.
  const parts = querySelectorAllDeep(container, FIELD_PARTS);
  // Our own hosts (a field mask slotted beside a native-shadow value) are not the page's outputs.
  // Only the outermost outputs: an output can hold elements that carry a slot attribute of their own.
  const outputs = outermost(parts, FIELD_VALUE);
  // No output: the item is in edit mode, and its input shows the value (a masked field stays masked).
  const editing = outputs.length === 0;
  const values = editing ? outermost(parts, FIELD_INPUT) : outputs;
  const wrapper = parts.find((el) => el.matches('.test-id__field-value'));
  // Several slotted outputs (Created By: user + date) share one wrapper; none leaves the wrapper.
  const valueEl = values.length === 1 ? values[0] : (wrapper ?? values[0]);
  if (!valueEl) return null;

  const labelEl = parts.find((el) => el.matches('.test-id__field-label'));
  const labelled = closestAcrossShadow(container, LABELLED_CONTAINER);
  const label =
    (labelEl ? visibleLine(labelEl, { skip: ASSISTIVE }) : '') ||
    // labelled is null for Dynamic Forms fields, which carry no field-label attribute.
    (labelled?.getAttribute('field-label') ?? '').trim() ||
    parsed[2];

  const readValue = editing ? () => editedValue(valueEl) : () => visibleText(valueEl, { skip: ASSISTIVE });
  return { key, label, valueEl, readValue };
}

// The highlights panel's secondary fields (compact layout): `records-highlights-details-item` holds a
// label `p.slds-text-title` and the value `p.fieldComponent > slot > component` (CumulusCI S3, a saved
// Case page in the code index), and no field API name.
const HIGHLIGHT_ITEM = 'records-highlights-details-item';

function isSlotElement(el: Element): el is HTMLSlotElement {
  return el.localName === 'slot' && 'assignedElements' in el;
}

/** The element a highlights value shows: the one component slotted into the value paragraph, else the paragraph. */
function highlightValueEl(valueP: Element): Element {
  const slot = valueP.querySelector('slot');
  const assigned = slot && isSlotElement(slot) ? slot.assignedElements({ flatten: true }) : [];
  // Native shadow: the slot's assigned light-DOM component. Synthetic: the literal slot's children.
  const shown = assigned.length > 0 ? assigned : Array.from((slot ?? valueP).children);
  const own = shown.filter((el) => !el.hasAttribute('data-cpg'));
  return own.length === 1 && own[0] ? own[0] : valueP;
}

/** `Mobile Phone` → `MobilePhone`, `Date de naissance` → `DateDeNaissance`: the label as an API-name-shaped key part. */
function apiNameFromLabel(label: string): string {
  const words = label.normalize('NFD').replace(/[^A-Za-z0-9]+/g, ' ').trim().split(' ');
  const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('').slice(0, 80);
  return /^[A-Za-z]/.test(name) ? name : `Field${name}`.slice(0, 80);
}

function highlightField(item: Element, keyByLabel: ReadonlyMap<string, string>, object: () => string): FieldInfo | null {
  const labelEl = querySelectorDeep(item, '.slds-text-title');
  const valueP = querySelectorDeep(item, '.fieldComponent');
  if (!labelEl || !valueP) return null;
  const label = visibleLine(labelEl, { skip: ASSISTIVE }) || (labelEl.getAttribute('title') ?? '').trim();
  if (!label) return null;
  // The same field in the detail panel gives its key (a reveal shows both); else a key from the label.
  const key = keyByLabel.get(label.toLowerCase()) ?? `sfdc:RecordField.${object()}.${apiNameFromLabel(label)}`;
  const valueEl = highlightValueEl(valueP);
  return { key, label, valueEl, readValue: () => visibleText(valueEl, { skip: ASSISTIVE }) };
}

/** The most frequent object among field keys; null when there is none. */
function dominantObject(keys: Iterable<string>): string | null {
  const counts = new Map<string, number>();
  for (const key of keys) {
    const object = FIELD_KEY_RE.exec(key)?.[1];
    if (object) counts.set(object, (counts.get(object) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [object, count] of counts) {
    if (count > bestCount) [best, bestCount] = [object, count];
  }
  return best;
}

function findFields(root: ParentNode): FieldInfo[] {
  const fields = classicFields(root);
  const highlights: Element[] = [];
  // One key element per field: a Dynamic Forms flexipage-field and its inner record field share it.
  for (const el of querySelectorAllDeep(root, `${FIELD_KEY}, ${HIGHLIGHT_ITEM}`)) {
    if (el.localName === HIGHLIGHT_ITEM) {
      highlights.push(el);
      continue;
    }
    const field = fieldFrom(el);
    if (field) fields.push(field);
  }
  if (highlights.length === 0) return fields;
  const keyByLabel = new Map<string, string>();
  for (const f of fields) if (!keyByLabel.has(f.label.toLowerCase())) keyByLabel.set(f.label.toLowerCase(), f.key);
  let object: string | undefined;
  // Only asked for when a header field has no detail twin: the page's object, else a neutral name.
  const objectOf = (): string => (object ??= dominantObject(fields.map((f) => f.key)) ?? objectFromDom(root) ?? 'Record');
  for (const item of highlights) {
    const field = highlightField(item, keyByLabel, objectOf);
    if (field) fields.push(field);
  }
  return fields;
}

function objectFromDom(root: ParentNode): string | null {
  // The most frequent object among field keys: a page can embed a related record's fields.
  const best = dominantObject(querySelectorAllDeep(root, FIELD_KEY).map((el) => el.getAttribute('data-target-selection-name') ?? ''));
  if (best) return best;
  // The entity label is localised: only a label shaped like an API name is worth a guess.
  const label = querySelectorDeep(root, 'records-entity-label');
  const text = label ? visibleLine(label, { skip: ASSISTIVE }) : '';
  return API_NAME_RE.test(text) ? text : null;
}

const RECORD_LINK = 'a[href*="/lightning/r/"]';

/** The record a list row shows: the row key, an Aura `data-recordid`, else the name link's path. */
function rowRecord(row: Element, list: ListRef): { ref: RecordRef; anchor: Element } | null {
  // The name cell's link first: other cells can link to other records (lookup columns). Native
  // queries first (a row whose cells are light DOM needs no walk through its subtree), and the name
  // cell, then the link in it: Chromium answers `row.querySelector('th a')` (a descendant
  // combinator) about a hundred times slower than these two simple queries.
  const first = (scope: Element, selector: string): Element | null => scope.querySelector(selector) ?? querySelectorDeep(scope, selector);
  const nameCell = first(row, 'th[scope="row"]');
  const link = (nameCell && first(nameCell, RECORD_LINK)) ?? first(row, 'a[data-recordid]') ?? first(row, RECORD_LINK);
  // link is null in rows without a record link (e.g. custom list components).
  const fromHref = LINK_RECORD_RE.exec(pathOf(link?.getAttribute('href') ?? ''));
  // The row key and the link usually name the same id: its checksum is computed once.
  let lastRaw: string | undefined;
  let lastId: string | null = null;
  const normalise = (raw: string): string | null => {
    if (raw !== lastRaw) {
      lastRaw = raw;
      lastId = normaliseSalesforceId(raw);
    }
    return lastId;
  };
  const hrefId = fromHref?.[2] ? normalise(fromHref[2]) : null;
  const candidates = [row.getAttribute('data-row-key-value'), link?.getAttribute('data-recordid'), fromHref?.[2]];
  for (const raw of candidates) {
    const id = raw ? normalise(raw) : null;
    if (!id) continue;
    // The link's object segment describes this row's record only when the link points to it.
    const hint = id === hrefId ? (fromHref?.[1] ?? list.object) : list.object;
    return { ref: { crm: 'salesforce', org: list.org, object: objectFor(id, hint), id }, anchor: link ?? row };
  }
  return null;
}

/** A root-relative href the URL parser would leave as it is (no dot segments, escapes or backslashes). */
const PLAIN_PATH_RE = /^\/(?!\/)[A-Za-z0-9_\/-]*(?=[?#]|$)/;

/** The path of a link, relative or absolute; '' for garbage. */
function pathOf(href: string): string {
  if (!href) return '';
  // The common case (Lightning's own row links), without building a URL for each of 5,000 rows.
  const plain = PLAIN_PATH_RE.exec(href);
  if (plain) return plain[0];
  try {
    return new URL(href, 'https://invalid.example').pathname;
  } catch {
    return '';
  }
}

function findRows(root: ParentNode, list: ListRef): RowInfo[] {
  const rows: RowInfo[] = [];
  for (const row of querySelectorAllDeep(root, 'tr[data-row-key-value], table[role="grid"] tbody tr')) {
    const found = rowRecord(row, list);
    if (found) rows.push({ ref: found.ref, row, anchor: found.anchor });
  }
  return rows;
}

export const salesforce: CrmAdapter = {
  id: 'salesforce',
  name: 'Salesforce',
  matchesHost: (host) => salesforceOrgFromHost(host) !== null,
  classify: classifySalesforceUrl,
  activeRoot,
  findTitle,
  findFields,
  objectFromDom,
  findRows,
};
