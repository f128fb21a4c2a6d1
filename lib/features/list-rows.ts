import type { GenericAdapter } from '@/lib/crm/generic';
import { recordKey, type CrmAdapter, type ListRef, type RowInfo } from '@/lib/crm/types';
import { t, type Lang } from '@/lib/i18n';
import type { RowSummary } from '@/lib/messaging/protocol';
import { watchDom } from './dom-watch';
import type { Feature, PageContext } from './types';
import { shadowHost } from './shadow-host';

/**
 * List-view row markers: each record row gets `[data-cpg="row"]` next to its name, with
 * `data-cpg-state` as the badge and `data-cpg-retention` (ok | due-soon | overdue | unknown, the
 * last verdict seen on the record page). Rows come from the adapter's findRows; summaries come from
 * the background in ONE `rows.summaries` message per render (rows already known are not asked
 * again). Changes are batched per animation frame and only the tables that changed are re-read,
 * so a 5,000-row list or a virtual-scrolled table that recycles rows stays smooth. A recycled row
 * (same element, new record) gets the marker of its new record.
 */

/** One message carries at most this many rows; a bigger render is split (protocol limit). */
export const MAX_BATCH = 5000;

const STYLE = `
:host { all: initial; display: inline-block; margin-left: 6px; vertical-align: middle; }
span { font: 600 11px/14px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; padding: 1px 6px; border-radius: 999px; border: 1px solid; }
span[data-state="pending"] { color: #334155; border-color: #94a3b8; background: #f8fafc; }
span[data-state="missing"] { background: #fef3c7; color: #78350f; border-color: #b45309; }
span[data-state="basis-logged"], span[data-state="consent-given"] { background: #dcfce7; color: #14532d; border-color: #15803d; }
span[data-state="consent-withdrawn"], span[data-state="restricted"] { background: #fee2e2; color: #7f1d1d; border-color: #b91c1c; }
`;

interface Marker {
  key: string;
  host: HTMLElement;
  label: Text;
  pill: HTMLElement;
}

export function rowText(lang: Lang, summary: RowSummary | undefined): string {
  if (!summary) return t(lang, 'rowPending');
  const state =
    summary.state === 'missing'
      ? t(lang, 'rowMissing')
      : summary.state === 'basis-logged'
        ? t(lang, 'rowLogged', { basis: summary.basis ?? '?' })
        : summary.state === 'consent-given'
          ? t(lang, 'rowConsentGiven')
          : summary.state === 'consent-withdrawn'
            ? t(lang, 'rowConsentWithdrawn')
            : t(lang, 'rowRestricted');
  if (summary.retention === 'overdue') return `${state} · ${t(lang, 'rowRetentionOverdue')}`;
  if (summary.retention === 'due-soon') return `${state} · ${t(lang, 'rowRetentionDueSoon')}`;
  return state;
}

function createMarker(doc: Document, key: string): Marker {
  const { host, root } = shadowHost(doc, 'span', { 'data-cpg': 'row', 'data-cpg-state': 'pending', 'data-cpg-key': key }, STYLE);
  const pill = doc.createElement('span');
  pill.dataset.state = 'pending';
  pill.append(doc.createElement('slot'));
  const label = doc.createTextNode('');
  host.append(label);
  root.append(pill);
  return { key, host, label, pill };
}

function paint(lang: Lang, marker: Marker, summary: RowSummary | undefined): void {
  const state = summary?.state ?? 'pending';
  if (marker.host.getAttribute('data-cpg-state') !== state) marker.host.setAttribute('data-cpg-state', state);
  marker.pill.dataset.state = state;
  if (summary) marker.host.setAttribute('data-cpg-retention', summary.retention);
  else marker.host.removeAttribute('data-cpg-retention');
  if (summary?.basis) marker.host.setAttribute('data-cpg-basis', summary.basis);
  else marker.host.removeAttribute('data-cpg-basis');
  const text = rowText(lang, summary);
  if (marker.label.data !== text) marker.label.data = text;
}

/**
 * Beside the row's anchor (the name link), or inside the first cell when the anchor is the row
 * itself (a span between table rows would break the table). Moves only when misplaced: the name
 * cell may have re-rendered.
 */
function place(host: HTMLElement, anchor: Element): void {
  const isRow = anchor.localName === 'tr' || anchor.getAttribute('role') === 'row';
  if (isRow) {
    // null when the row has no cell yet: then the row itself holds the marker.
    const cell = anchor.querySelector('th, td, [role="gridcell"], [role="cell"]') ?? anchor;
    if (host.parentNode !== cell) cell.append(host);
    return;
  }
  if (host.previousSibling !== anchor) anchor.after(host);
}

/** `inner` is `outer` or inside it, across shadow roots. */
function containsComposed(outer: Node, inner: Node): boolean {
  for (let node: Node | null = inner; node; ) {
    if (outer === node || outer.contains(node)) return true;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return false;
}

function isGeneric(adapter: CrmAdapter): adapter is GenericAdapter {
  return typeof (adapter as Partial<GenericAdapter>).health === 'function';
}

/** Attributes that say which record a row shows; a recycled row changes one of them. */
const ROW_ATTRIBUTES = ['data-test-id', 'data-row-key-value', 'data-recordid', 'href'];

export const listRows: Feature = {
  id: 'list-rows',
  include: ['list'],
  init(ctx) {
    runListRows(ctx);
  },
};

function runListRows(ctx: PageContext): void {
  const { doc, adapter, page, signal, lang } = ctx;
  if (!adapter?.findRows || page.kind !== 'list') return;
  const findRows = adapter.findRows.bind(adapter);
  const list: ListRef = page.ref;
  const marks = new WeakMap<Element, Marker>();
  const hosts = new Set<HTMLElement>();
  const summaries = new Map<string, RowSummary>();
  const markersByKey = new Map<string, Set<Marker>>();
  const asked = new Set<string>();

  if (isGeneric(adapter)) {
    const problem = adapter.health(doc);
    if (problem) {
      void ctx.send('pages.warn', { url: ctx.url, feature: 'list-rows', code: problem.code, detail: problem.detail.slice(0, 300) }).catch(() => undefined);
      return;
    }
  }

  const track = (marker: Marker): void => {
    const set = markersByKey.get(marker.key) ?? new Set();
    set.add(marker);
    markersByKey.set(marker.key, set);
  };
  const untrack = (marker: Marker): void => {
    markersByKey.get(marker.key)?.delete(marker);
  };

  /** Marks the rows found; returns the rows whose record the background has not summarised yet. */
  const mark = (rows: RowInfo[]): RowInfo[] => {
    const toAsk: RowInfo[] = [];
    for (const info of rows) {
      const key = recordKey(info.ref);
      let marker = marks.get(info.row);
      if (marker && marker.key !== key) {
        // A recycled row: the marker follows the record, not the element.
        untrack(marker);
        marker.key = key;
        marker.host.setAttribute('data-cpg-key', key);
        track(marker);
      }
      if (!marker) {
        marker = createMarker(doc, key);
        marks.set(info.row, marker);
        hosts.add(marker.host);
        track(marker);
      }
      place(marker.host, info.anchor);
      paint(lang, marker, summaries.get(key));
      if (!summaries.has(key) && !asked.has(key)) {
        asked.add(key);
        toAsk.push(info);
      }
    }
    return toAsk;
  };

  const ask = (rows: RowInfo[]): void => {
    for (let i = 0; i < rows.length; i += MAX_BATCH) {
      const batch = rows.slice(i, i + MAX_BATCH);
      void ctx
        .send('rows.summaries', { url: ctx.url, rows: batch.map((r) => ({ object: r.ref.object, id: r.ref.id })) })
        .then((answer) => {
          if (signal.aborted) return;
          for (const summary of answer.rows) {
            summaries.set(summary.key, summary);
            for (const marker of markersByKey.get(summary.key) ?? []) paint(lang, marker, summary);
          }
        })
        .catch(() => {
          // Leave them pending; a later render may ask again.
          for (const r of batch) asked.delete(recordKey(r.ref));
        });
    }
  };

  const scan = (scopes: Iterable<ParentNode>): void => {
    const found: RowInfo[] = [];
    const seen = new Set<Element>();
    for (const scope of scopes) {
      for (const info of findRows(scope, list)) {
        if (seen.has(info.row)) continue;
        seen.add(info.row);
        found.push(info);
      }
    }
    const toAsk = mark(found);
    if (toAsk.length > 0) ask(toAsk);
  };

  /** The smallest part to re-read for a mutation: the table body (or table) around it, else its own subtree. */
  const scopeOf = (node: Node): ParentNode | null => {
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    if (!el) return null;
    const table = el.closest('tbody, table, [role="grid"], [role="rowgroup"]');
    if (table) return table;
    // A row's own parent lets findRows see the row itself (it queries descendants).
    const row = el.closest('tr, [role="row"]');
    return row?.parentElement ?? el;
  };

  const root = adapter.activeRoot(doc) ?? doc;
  scan([root]);
  watchDom(
    doc,
    (records) => {
      if (records.length === 0) {
        // A shadow root appeared without a mutation we saw: re-read the active page once.
        scan([adapter.activeRoot(doc) ?? doc]);
        return;
      }
      // Salesforce keeps stale pages in the DOM: only changes in the active page count.
      const active = adapter.activeRoot(doc);
      if (!active) return;
      const scopes = new Set<ParentNode>();
      for (const r of records) {
        const scope = scopeOf(r.target);
        if (!scope) continue;
        if (containsComposed(active as Node, scope as Node)) scopes.add(scope);
        else if (containsComposed(scope as Node, active as Node)) scopes.add(active);
      }
      // Nested scopes: keep the outermost only, so no row is read twice.
      const outer = [...scopes].filter((s) => ![...scopes].some((o) => o !== s && o.contains(s as Node)));
      scan(outer);
    },
    signal,
    { attributeFilter: ROW_ATTRIBUTES, pollMs: 2000 },
  );

  signal.addEventListener(
    'abort',
    () => {
      for (const host of hosts) host.remove();
      hosts.clear();
    },
    { once: true },
  );
}
