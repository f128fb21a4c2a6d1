import { visibleLine, visibleText } from '@/lib/dom/text';
import type { CrmAdapter, FieldInfo, ListRef, PageKind, RowInfo, TitleInfo } from './types';

/**
 * HubSpot CRM. React renders everything in the light DOM (no shadow roots in any integration
 * reviewed), so plain `querySelectorAll` is enough. Class names are hashed: only `data-test-id`,
 * `data-selenium-test` and `private-*` classes are keyed on. Sources: tests/fixtures/README.md.
 */

// app.hubspot.com (na1) and the regional data centres app-eu1, app-na2, …; never www.hubspot.com.
const HOST_RE = /^app(?:-[a-z]+\d+)?\.hubspot\.com$/;

const PORTAL = '([1-9]\\d{0,14})';
const OBJECT_TYPE = '([02]-\\d{1,12})';
const RECORD_ID = '([1-9]\\d{0,19})';
const TAIL = '(?:/.*)?$'; // sub-views of the same page (`/view/1`, tabs) keep its identity
const RECORD_RE = new RegExp(`^/contacts/${PORTAL}/record/${OBJECT_TYPE}/${RECORD_ID}${TAIL}`);
const LEGACY_RECORD_RE = new RegExp(`^/contacts/${PORTAL}/(contact|company|deal|ticket)/${RECORD_ID}${TAIL}`);
const HELP_DESK_RE = new RegExp(`^/help-desk/${PORTAL}/(?:[^/]+/)*?ticket/${RECORD_ID}${TAIL}`);
const LIST_RE = new RegExp(`^/contacts/${PORTAL}/objects/${OBJECT_TYPE}/views/[A-Za-z0-9_-]{1,64}/(?:list|board)/?$`);
const LEGACY_LIST_RE = new RegExp(`^/contacts/${PORTAL}/(contacts|companies|deals|tickets)${TAIL}`);

const LEGACY_TYPES: Readonly<Record<string, string>> = {
  contact: '0-1',
  company: '0-2',
  deal: '0-3',
  ticket: '0-5',
  contacts: '0-1',
  companies: '0-2',
  deals: '0-3',
  tickets: '0-5',
};

const TITLE = '[data-selenium-test="highlightTitle"]';
const TITLE_IN_HIGHLIGHT = [
  `[data-card-type="OBJECT_HIGHLIGHT"] ${TITLE}`,
  `[data-test-id="record-highlight-main-content"] ${TITLE}`,
].join(', ');
// Ticket records name themselves in the highlight card's record label, with no highlightTitle (S19).
const RECORD_LABEL = '[data-test-id="highlight-record-label"]';
const RECORD_LABEL_IN_HIGHLIGHT = [
  `[data-card-type="OBJECT_HIGHLIGHT"] ${RECORD_LABEL}`,
  `[data-test-id^="card-wrapper-OBJECT_HIGHLIGHT"] ${RECORD_LABEL}`,
  `[data-test-id^="record-highlight-"] ${RECORD_LABEL}`,
].join(', ');
const PROPERTY_INPUT = 'input[data-test-id^="property-input-"], textarea[data-test-id^="property-input-"]';
const LEGACY_PROPERTY_INPUT = '[data-selenium-test^="property-input-"]';
const PROFILE_PROPERTY = '[data-profile-property]';
const HIGHLIGHT_DISPLAY = '[data-test-id^="highlight-property-display-"]';
const FIELD_SELECTOR = [PROPERTY_INPUT, LEGACY_PROPERTY_INPUT, PROFILE_PROPERTY, HIGHLIGHT_DISPLAY].join(', ');
const PROPERTY_NAME_RE = /^[A-Za-z0-9_.-]{1,100}$/;
const SCREEN_READER_ONLY = '.private-screen-reader-only';

/** The portal id of a HubSpot URL is in its path; the host only says which data centre. */
export function classifyHubSpotUrl(url: URL): PageKind {
  const other: PageKind = { kind: 'other' };
  if (url.protocol !== 'https:' || url.port !== '' || url.username !== '' || url.password !== '') return other;
  if (!HOST_RE.test(url.hostname)) return other;
  const path = url.pathname;

  const record = RECORD_RE.exec(path);
  if (record?.[1] && record[2] && record[3]) {
    return { kind: 'record', ref: { crm: 'hubspot', org: record[1], object: record[2], id: record[3] } };
  }
  const legacy = LEGACY_RECORD_RE.exec(path);
  const legacyType = legacy?.[2] ? LEGACY_TYPES[legacy[2]] : undefined;
  if (legacy?.[1] && legacy[3] && legacyType) {
    return { kind: 'record', ref: { crm: 'hubspot', org: legacy[1], object: legacyType, id: legacy[3] } };
  }
  const helpDesk = HELP_DESK_RE.exec(path);
  if (helpDesk?.[1] && helpDesk[2]) {
    return { kind: 'record', ref: { crm: 'hubspot', org: helpDesk[1], object: '0-5', id: helpDesk[2] } };
  }
  const list = LIST_RE.exec(path);
  if (list?.[1] && list[2]) return { kind: 'list', ref: { crm: 'hubspot', org: list[1], object: list[2] } };
  const legacyList = LEGACY_LIST_RE.exec(path);
  const legacyListType = legacyList?.[2] ? LEGACY_TYPES[legacyList[2]] : undefined;
  if (legacyList?.[1] && legacyListType) {
    return { kind: 'list', ref: { crm: 'hubspot', org: legacyList[1], object: legacyListType } };
  }
  return other;
}

function findTitle(root: ParentNode): TitleInfo | null {
  const preferred = Array.from(root.querySelectorAll(TITLE_IN_HIGHLIGHT));
  const labels = Array.from(root.querySelectorAll(RECORD_LABEL_IN_HIGHLIGHT));
  for (const el of [...preferred, ...Array.from(root.querySelectorAll(TITLE)), ...labels]) {
    const text = visibleLine(el, { skip: SCREEN_READER_ONLY });
    if (!text) continue;
    // closest is null when the title is not wrapped in a heading (then the badge goes after it).
    const anchor = el.closest('h1, h2') ?? el;
    return { el, text, anchor };
  }
  return null;
}

type FormControl = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function isFormControl(el: Element): el is FormControl {
  return (el.localName === 'input' || el.localName === 'textarea' || el.localName === 'select') && 'value' in el;
}

function suffix(value: string | null, prefix: string): string | null {
  // value is null when the attribute is absent.
  return value?.startsWith(prefix) ? value.slice(prefix.length) : null;
}

/** The property name an element shows, by the most specific attribute it carries. */
function propertyKey(el: Element): string | null {
  const key =
    el.getAttribute('data-field') ||
    suffix(el.getAttribute('data-test-id'), 'property-input-') ||
    suffix(el.getAttribute('data-selenium-test'), 'property-input-') ||
    el.getAttribute('data-profile-property') ||
    suffix(el.getAttribute('data-test-id'), 'highlight-property-display-');
  return key && PROPERTY_NAME_RE.test(key) ? key : null;
}

function textOf(el: Element | null | undefined): string {
  return el ? visibleLine(el, { skip: SCREEN_READER_ONLY }) : '';
}

/** Label of a property form set (sidebar, legacy copy) around `el`. */
function formSetLabel(el: Element): string {
  // Null when the control is not inside a form set (e.g. a bare All-properties value).
  const set = el.closest('.private-form__set, [data-profile-property]');
  if (!set) return '';
  return textOf(set.querySelector('.private-truncated-string__inner')) || textOf(set.querySelector('label'));
}

/** Label of a highlight property: the item's child that is not the value. */
function highlightLabel(display: Element): string {
  // Null when the display sits outside its highlight item (markup change): no label then.
  const item = display.closest('[data-test-id^="highlight-property-item-"]');
  if (!item) return '';
  for (const child of Array.from(item.children)) {
    if (child !== display && !child.contains(display)) {
      const text = textOf(child);
      if (text) return text;
    }
  }
  return '';
}

function controlLabel(control: FormControl | null): string {
  // labels is null for hidden inputs; item(0) is null when no <label for> points at the control.
  return textOf(control?.labels?.item(0));
}

function fieldFrom(el: Element, key: string): FieldInfo {
  if (el.matches(HIGHLIGHT_DISPLAY)) {
    return { key, label: highlightLabel(el) || key, valueEl: el, readValue: () => textOf(el) };
  }
  // A property container (All-properties view, legacy form set) shows its value in a control when it has one.
  const inner = isFormControl(el) ? el : el.querySelector('input, textarea, select');
  const control = inner && isFormControl(inner) ? inner : null;
  const label = formSetLabel(el) || controlLabel(control) || (el.getAttribute('aria-label') ?? '').trim() || key;
  const readValue = (): string =>
    control
      ? control.value.trim()
      : // Dropdown-like properties (owner, legal basis) show the value as text.
        visibleText(el, { skip: `${SCREEN_READER_ONLY}, label` });
  return { key, label, valueEl: control ?? el, readValue };
}

function findFields(root: ParentNode): FieldInfo[] {
  const byKey = new Map<string, Element[]>();
  const order: { key: string; el: Element }[] = [];
  for (const el of Array.from(root.querySelectorAll(FIELD_SELECTOR))) {
    const key = propertyKey(el);
    if (!key) continue;
    const same = byKey.get(key) ?? [];
    // querySelectorAll yields each element once, so key+element pairs are already unique.
    same.push(el);
    byKey.set(key, same);
    order.push({ key, el });
  }
  // A container (legacy form set, dropdown wrapper) yields to a property element inside it.
  return order
    .filter(({ key, el }) => !(byKey.get(key) ?? []).some((other) => other !== el && el.contains(other)))
    .map(({ key, el }) => fieldFrom(el, key));
}

const ROW_ID_RE = /^[1-9]\d{0,19}$/;
// `cell-{objectType}-{property}-{id}` (idx:5698373322, idx:67599195516): the record id ends it.
const CELL_ID_RE = /^cell-[02]-\d{1,12}-.+-([1-9]\d{0,19})$/;
const KEYED_CELL = 'td[data-table-external-id^="cell-"], td[data-test-id^="cell-"]';

function rowId(row: Element): string | null {
  const id = suffix(row.getAttribute('data-test-id'), 'row-');
  if (id !== null) return ROW_ID_RE.test(id) ? id : null;
  // No row id: the cells carry it (crm-dom.md §5 F4: "or from the cell-id suffix").
  const cell = row.querySelector(KEYED_CELL);
  const cellId = cell?.getAttribute('data-table-external-id') ?? cell?.getAttribute('data-test-id') ?? '';
  return CELL_ID_RE.exec(cellId)?.[1] ?? null;
}

function findRows(root: ParentNode, list: ListRef): RowInfo[] {
  const rows: RowInfo[] = [];
  const seen = new Set<Element>();
  for (const row of Array.from(root.querySelectorAll('tr[data-test-id^="row-"], tr:not([data-test-id])'))) {
    const id = rowId(row);
    if (!id || seen.has(row)) continue;
    seen.add(row);
    // The name cell's link, as the DOM contract says ("after the row's name link"), else its label
    // (the href is unproven: crm-dom.md §5 F4); null in tables without a name column.
    const label = row.querySelector('[data-test-id="truncated-object-label"]');
    const link = label?.closest('a');
    const anchor = (link && row.contains(link) ? link : label) ?? row.querySelector('td[data-table-external-id*="-name-"]') ?? row;
    rows.push({ ref: { crm: 'hubspot', org: list.org, object: list.object, id }, row, anchor });
  }
  return rows;
}

export const hubspot: CrmAdapter = {
  id: 'hubspot',
  name: 'HubSpot',
  matchesHost: (host) => HOST_RE.test(host.toLowerCase()),
  classify: classifyHubSpotUrl,
  // One page at a time: HubSpot does not keep stale record pages in the DOM.
  activeRoot: (doc) => doc,
  findTitle,
  findFields,
  findRows,
};
