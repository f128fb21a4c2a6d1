import { CONTROLS, isShownControl, visibleLine, visibleText } from '@/lib/dom/text';
import type { GenericAdapterDef } from '@/lib/policy/sites-schema';
import type { CrmAdapter, CrmId, FieldInfo, ListRef, PageKind, RowInfo, TitleInfo } from './types';

/**
 * A CRM adapter described entirely by data (policy `sites.adapters`, or a preset in
 * lib/crm/presets/): URL matchers with `{org}`/`{object}`/`{id}` captures, and CSS selectors for the
 * title, fields and rows. Selectors are the policy author's: one that matches nothing or far too
 * much makes the adapter report a problem (`health`) and find nothing, never freeze the tab.
 */

/** More matches than this is a selector that hits the whole page, not the thing it names. */
export const SELECTOR_LIMITS = { title: 20, field: 2000, row: 10_000 } as const;

export type AdapterProblem = { code: 'selector-none' | 'selector-too-many'; detail: string };

export interface GenericAdapter extends CrmAdapter {
  /** The id of the definition (`dynamics365` for the preset, the policy's `sites.adapters[].id`): what policy rules name. */
  siteId: string;
  /** Why this page cannot be decorated (a selector is invalid or matches too much), or null. */
  health(root: ParentNode): AdapterProblem | null;
}

/**
 * The CRM name policy rules use for an adapter (`crm` filters of masking and retention rules): the
 * built-in id, or a generic adapter's definition id (presets share theirs with their CrmId; a CRM
 * described in policy is `custom` in record keys but its own id here).
 */
export function policyCrmOf(adapter: CrmAdapter): string {
  return 'siteId' in adapter && typeof adapter.siteId === 'string' ? adapter.siteId : adapter.id;
}

type Groups = Partial<Record<'org' | 'object' | 'id', string>>;
interface CompiledMatcher {
  path: RegExp;
  query: readonly [string, string][];
  object?: string;
}

const ID_RE = /^[A-Za-z0-9_-]{1,100}$/;
const OBJECT_RE = /^[A-Za-z0-9_.-]{0,100}$/;

/** `/records/{object}/{id}` → an anchored regex; `/…/` is taken as a regex (validated linear by the policy schema). */
export function compilePath(pattern: string): RegExp {
  if (pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/') && pattern.includes('(')) {
    return new RegExp(pattern.slice(1, -1));
  }
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{(org|object|id)\\\}/g, '(?<$1>[^/?#]+)');
  return new RegExp(`^${escaped}/?$`);
}

function compileMatcher(m: GenericAdapterDef['record'][number]): CompiledMatcher {
  return { path: compilePath(m.path), query: Object.entries(m.query ?? {}), ...(m.object ? { object: m.object } : {}) };
}

function matchUrl(url: URL, matchers: readonly CompiledMatcher[]): Groups | null {
  for (const m of matchers) {
    const found = m.path.exec(url.pathname);
    if (!found) continue;
    const groups: Groups = { ...(found.groups ?? {}) };
    let ok = true;
    for (const [name, want] of m.query) {
      const have = url.searchParams.get(name);
      if (have === null) {
        ok = false;
        break;
      }
      const placeholder = /^\{(org|object|id)\}$/.exec(want)?.[1] as keyof Groups | undefined;
      if (placeholder) groups[placeholder] = have;
      else if (have !== want) ok = false;
    }
    if (!ok) continue;
    if (m.object && !groups.object) groups.object = m.object;
    return groups;
  }
  return null;
}

export function hostMatches(patterns: readonly string[], host: string): boolean {
  const h = host.toLowerCase();
  return patterns.some((p) => (p.startsWith('*.') ? h.endsWith(p.slice(1)) && h.length > p.length - 1 : h === p));
}

function cleanId(raw: string, idCase: 'keep' | 'lower'): string | null {
  // Dynamics wraps GUIDs in braces, sometimes URL-encoded.
  let id = raw.replace(/^(?:\{|%7B)/i, '').replace(/(?:\}|%7D)$/i, '');
  if (idCase === 'lower') id = id.toLowerCase();
  return ID_RE.test(id) ? id : null;
}

/** Counts matches of a selector, or says why it cannot be used. */
function count(root: ParentNode, selector: string): { n: number } | { invalid: string } {
  try {
    return { n: root.querySelectorAll(selector).length };
  } catch {
    return { invalid: selector };
  }
}

function keyOf(el: Element, from: GenericAdapterDef['selectors']['fieldKey']): string | null {
  if (!from) return null;
  let key = el.getAttribute(from.attr) ?? '';
  if (from.removePrefix) key = key.startsWith(from.removePrefix) ? key.slice(from.removePrefix.length) : '';
  if (from.removeSuffix) key = key.endsWith(from.removeSuffix) ? key.slice(0, -from.removeSuffix.length) : '';
  return key && key.length <= 200 ? key : null;
}

function isFormControl(el: Element): el is HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
  return (el.localName === 'input' || el.localName === 'textarea' || el.localName === 'select') && 'value' in el;
}

/**
 * A title's text. An editable title is a text field or textarea (Pipedrive's deal title: a
 * `textarea.cui5-editable-text__input` in `[data-testid="header-title"]`, whose value the page sets):
 * its current value. Only titles read controls so: a label or a value read as visible text never
 * takes in a field's value (a label wrapping its input stays the label, so rules by label match and
 * no value reaches what the background stores).
 */
function titleText(el: Element): string {
  const control = isFormControl(el) ? el : el.querySelector('textarea, input:not([type]), input[type="text"]');
  return (control && isFormControl(control) ? readShown(control).replace(/\s+/g, ' ') : '') || visibleLine(el);
}

/**
 * Inputs show `.value`; Dynamics read-only controls also carry it in `title`. A wrapper (the value
 * selector matched a container, or none matched and the value is the field's container) shows the
 * values of all its controls that show typed text, a line each (a date beside a time, a code beside
 * a number: the detectors see every part, as for Salesforce's edited items), else its text. A
 * control's markup is never read as text (lib/dom/text.ts).
 */
function readShown(el: Element): string {
  if (isFormControl(el)) return el.value.trim() || (el.getAttribute('title') ?? '').trim();
  const values: string[] = [];
  for (const control of el.querySelectorAll(CONTROLS)) {
    const value = isShownControl(control) ? readShown(control) : '';
    if (value) values.push(value);
  }
  return values.length > 0 ? values.join('\n') : visibleText(el);
}

export function createGenericAdapter(def: GenericAdapterDef, crm: CrmId): GenericAdapter {
  const record = def.record.map(compileMatcher);
  const list = (def.list ?? []).map(compileMatcher);
  const sel = def.selectors;

  const orgOf = (url: URL, groups: Groups): string => {
    if (groups.org) return groups.org.toLowerCase();
    return def.orgFrom === 'first-label' ? (url.hostname.split('.')[0] ?? url.hostname) : url.hostname.toLowerCase();
  };

  const classify = (url: URL): PageKind => {
    const other: PageKind = { kind: 'other' };
    if (url.protocol !== 'https:' || url.port !== '' || url.username !== '' || url.password !== '') return other;
    if (!hostMatches(def.hosts, url.hostname)) return other;
    const rec = matchUrl(url, record);
    if (rec?.id) {
      const id = cleanId(rec.id, def.idCase);
      const object = rec.object ?? '';
      if (!id || !OBJECT_RE.test(object)) return other;
      return { kind: 'record', ref: { crm, org: orgOf(url, rec), object, id } };
    }
    const lst = matchUrl(url, list);
    if (lst) {
      const object = lst.object ?? '';
      return OBJECT_RE.test(object) ? { kind: 'list', ref: { crm, org: orgOf(url, lst), object } } : other;
    }
    return other;
  };

  const health = (root: ParentNode): AdapterProblem | null => {
    const checks: [string | undefined, number][] = [
      [sel.title, SELECTOR_LIMITS.title],
      [sel.field, SELECTOR_LIMITS.field],
      [sel.row, SELECTOR_LIMITS.row],
    ];
    for (const [selector, limit] of checks) {
      if (!selector) continue;
      const c = count(root, selector);
      if ('invalid' in c) return { code: 'selector-none', detail: `${def.name}: "${selector.slice(0, 120)}" is not a valid CSS selector` };
      if (c.n > limit) return { code: 'selector-too-many', detail: `${def.name}: "${selector.slice(0, 120)}" matches ${c.n} elements (at most ${limit})` };
    }
    return null;
  };

  const findTitle = (root: ParentNode): TitleInfo | null => {
    if (health(root)) return null;
    for (const el of Array.from(root.querySelectorAll(sel.title))) {
      const text = titleText(el);
      if (text) return { el, text, anchor: el };
    }
    return null;
  };

  const findFields = (root: ParentNode): FieldInfo[] => {
    if (!sel.field || health(root)) return [];
    const fields: FieldInfo[] = [];
    for (const container of Array.from(root.querySelectorAll(sel.field))) {
      // querySelector is null when the container has no label or value part: then the container itself.
      const labelEl = sel.fieldLabel ? container.querySelector(sel.fieldLabel) : null;
      const valueEl = (sel.fieldValue ? container.querySelector(sel.fieldValue) : null) ?? container;
      const label = labelEl ? visibleLine(labelEl) : '';
      const key = keyOf(container, sel.fieldKey) ?? label;
      if (!key) continue;
      fields.push({ key, label: label || key, valueEl, readValue: () => readShown(valueEl) });
    }
    return fields;
  };

  const findRows = (root: ParentNode, listRef: ListRef): RowInfo[] => {
    if (!sel.row || !sel.rowKey || health(root)) return [];
    const rows: RowInfo[] = [];
    for (const row of Array.from(root.querySelectorAll(sel.row))) {
      const raw = keyOf(row, sel.rowKey);
      const id = raw ? cleanId(raw, def.idCase) : null;
      if (id) rows.push({ ref: { crm, org: listRef.org, object: listRef.object, id }, row, anchor: row });
    }
    return rows;
  };

  return {
    id: crm,
    name: def.name,
    matchesHost: (host) => hostMatches(def.hosts, host),
    classify,
    activeRoot: (doc) => doc,
    findTitle,
    findFields,
    findRows,
    ...(sel.field ? { fieldHint: sel.fieldValue ? `${sel.field}, ${sel.fieldValue}` : sel.field } : {}),
    health,
    siteId: def.id,
  };
}
