import type { GenericAdapter } from '@/lib/crm/generic';
import { listOf, recordKey, type CrmAdapter, type RecordRef, type RowInfo } from '@/lib/crm/types';
import { t, type Lang } from '@/lib/i18n/page';
import type { RowSummary, RowsKnown } from '@/lib/messaging/protocol';
import { nextFrame, watchDom } from './dom-watch';
import type { Feature, PageContext } from './types';
import { sheetFor, styleRoot } from './shadow-host';
import { asSummary } from './record-badge';

/**
 * List-view row markers: each record row gets `[data-cpg="row"]` next to its name, with
 * `data-cpg-state` as the badge and `data-cpg-retention` (ok | due-soon | overdue | unknown, the
 * last verdict seen on the record page).
 *
 * - Rows are marked in the mutation callback that sees them (before the frame that first shows
 *   them), and only the table bodies that changed are re-read. While the page is being parsed
 *   nothing is watched: one pass in the first frame after DOMContentLoaded (dom-watch `startInFrame`),
 *   so that neither the page's own DOMContentLoaded handlers nor its load event wait for the markers.
 * - States are known at once: at the start of the list page the background sends what it has
 *   stored for this list's CRM, org and object (`rows.known`, usually few records); any other row
 *   has nothing stored. Rows are also confirmed by ONE `rows.summaries` message per render (sent
 *   once per animation frame; rows already confirmed are never asked again), which is all there
 *   is when the stored set is too large to send.
 * - A recycled row (virtual scrolling: same element, new record) gets the marker of its new record.
 * - Each marker is a closed shadow root sharing one constructable stylesheet: deep queries (the
 *   adapters', masking's) do not walk 5,000 marker roots.
 */

/** One message carries at most this many rows; a bigger render is split (protocol limit). */
export const MAX_BATCH = 5000;

// The pill is the shadow root's one element, the slot that shows the host's text (inline boxes: no
// formatting context of their own to lay out in each of 5,000 rows); its colours follow the host's
// data-cpg-state (the DOM contract), so a repaint writes the host only.
const STYLE = `
:host { all: initial; margin-left: 6px; }
slot { display: inline; font: 600 11px/14px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; padding: 1px 6px;
  border-radius: 999px; border: 1px solid #94a3b8; color: #334155; background: #f8fafc; }
:host([data-cpg-state="missing"]) slot { background: #fef3c7; color: #78350f; border-color: #b45309; }
:host([data-cpg-state="basis-logged"]) slot, :host([data-cpg-state="consent-given"]) slot { background: #dcfce7; color: #14532d; border-color: #15803d; }
:host([data-cpg-state="consent-withdrawn"]) slot, :host([data-cpg-state="restricted"]) slot { background: #fee2e2; color: #7f1d1d; border-color: #b91c1c; }
`;

const RETENTION = new Set(['ok', 'due-soon', 'overdue', 'unknown']);

/** A row state pushed by the background (`rows.update`), checked by hand like the badge's pushes. */
export function asRowSummary(value: unknown): RowSummary | null {
  const summary = asSummary(value);
  const retention = (value as { retention?: unknown } | null)?.retention;
  return summary && typeof retention === 'string' && RETENTION.has(retention) ? (summary as RowSummary) : null;
}

/** What a marker shows (a summary without its key). */
type RowState = Omit<RowSummary, 'key'>;

interface Marker {
  key: string;
  host: HTMLElement;
  label: Text;
  /** The state painted last (same object: nothing to write). */
  shown: RowState | undefined | null;
}

export function rowText(lang: Lang, summary: RowState | undefined): string {
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

/** The host's attributes for a state (the DOM contract); null removes the attribute. */
function stateAttributes(summary: RowState | undefined): [string, string | null][] {
  return [
    ['data-cpg-state', summary?.state ?? 'pending'],
    ['data-cpg-retention', summary ? summary.retention : null],
    ['data-cpg-basis', summary?.basis ?? null],
  ];
}

/**
 * A row marker, the same host as `shadowHost()` builds (closed root, shared sheet), cloned from a
 * host already painted in its state (5,000 markers: one clone each instead of a dozen DOM calls).
 */
function createMarker(doc: Document, key: string, painted: HTMLElement, slot: HTMLSlotElement): HTMLElement {
  const host = painted.cloneNode(true) as HTMLElement;
  host.setAttribute('data-cpg-key', key);
  // Closed: the state is on the host and the text is light DOM (slotted), so nothing inside is for anyone to read.
  const root = host.attachShadow({ mode: 'closed' });
  styleRoot(doc, root, STYLE);
  root.append(slot.cloneNode());
  return host;
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
  // insertBefore: `after()` first converts its arguments, a measurable cost over 5,000 rows.
  if (host.previousSibling !== anchor) anchor.parentNode?.insertBefore(host, anchor.nextSibling);
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
const ROW_ATTRIBUTES = ['data-test-id', 'data-row-key-value', 'data-recordid', 'href', 'data-table-external-id'];

/** More changed scopes than this at once: re-read the active page instead of sorting them out. */
const MAX_SCOPES = 64;

export const listRows: Feature = {
  id: 'list-rows',
  // Record pages only when they show a related list in full (`related`): their rows are records.
  include: ['list', 'record'],
  init(ctx) {
    runListRows(ctx);
  },
};

function runListRows(ctx: PageContext): void {
  const { doc, adapter, page, signal, lang } = ctx;
  const list = listOf(page);
  if (!adapter?.findRows || !list) return;
  const findRows = adapter.findRows.bind(adapter);
  const marks = new WeakMap<Element, Marker>();
  const hosts = new Set<HTMLElement>();
  /** Confirmed by a `rows.summaries` answer: these win over the list-wide answer. */
  const summaries = new Map<string, RowSummary>();
  /** The markers showing each record (more than one when a list shows a record twice). */
  const markersByKey = new Map<string, Marker[]>();
  /** The records asked about by `rows.summaries` (answered or still out), by key. */
  const asked = new Map<string, RecordRef>();
  /** Pushes counted, and the count when each record's state was last pushed: an answer asked for before it is older. */
  let pushes = 0;
  const pushedAt = new Map<string, number>();
  let known: (Omit<RowsKnown, 'rows'> & { rows: Map<string, RowSummary> }) | null = null;
  const texts = new Map<string, string>();

  if (isGeneric(adapter)) {
    const problem = adapter.health(doc);
    if (problem) {
      void ctx.send('pages.warn', { url: ctx.url, feature: 'list-rows', code: problem.code, detail: problem.detail.slice(0, 300) }).catch(() => undefined);
      return;
    }
  }

  const stateOf = (key: string): RowState | undefined => {
    const confirmed = summaries.get(key);
    if (confirmed) return confirmed;
    if (!known || !key.startsWith(known.prefix)) return undefined;
    return known.rows.get(key) ?? (known.complete ? known.absent : undefined);
  };

  /** What a marker shows, as one string: same id, same attributes and text (kept per answer object: thousands of rows share one). */
  const ids = new WeakMap<RowState, string>();
  const idOf = (summary: RowState | undefined): string => {
    if (!summary) return '';
    let id = ids.get(summary);
    if (id === undefined) {
      id = `${summary.state}|${summary.basis ?? ''}|${summary.retention}`;
      ids.set(summary, id);
    }
    return id;
  };
  const textOf = (summary: RowState | undefined): string => {
    const id = idOf(summary);
    let text = texts.get(id);
    if (text === undefined) {
      text = rowText(lang, summary);
      texts.set(id, text);
    }
    return text;
  };

  const paint = (marker: Marker, summary: RowState | undefined): void => {
    if (marker.shown === summary) return;
    marker.shown = summary;
    const { host } = marker;
    for (const [name, value] of stateAttributes(summary)) {
      if (value === null) {
        if (host.hasAttribute(name)) host.removeAttribute(name);
      } else if (host.getAttribute(name) !== value) host.setAttribute(name, value);
    }
    const text = textOf(summary);
    if (marker.label.data !== text) marker.label.data = text;
  };

  // A painted host per state shown on this page, which new markers are cloned from.
  const slot = doc.createElement('slot');
  const painted = new Map<string, HTMLElement>();
  // The shared sheet is parsed now, while the page loads, rather than when the first rows render.
  sheetFor(doc, STYLE);
  const paintedHost = (summary: RowState | undefined): HTMLElement => {
    let host = painted.get(idOf(summary));
    if (!host) {
      host = doc.createElement('span');
      host.setAttribute('data-cpg', 'row');
      for (const [name, value] of stateAttributes(summary)) if (value !== null) host.setAttribute(name, value);
      host.append(doc.createTextNode(textOf(summary)));
      painted.set(idOf(summary), host);
    }
    return host;
  };

  const track = (marker: Marker): void => {
    const list = markersByKey.get(marker.key);
    if (!list) markersByKey.set(marker.key, [marker]);
    else if (!list.includes(marker)) list.push(marker);
  };
  const untrack = (marker: Marker): void => {
    const list = markersByKey.get(marker.key);
    const i = list ? list.indexOf(marker) : -1;
    if (list && i >= 0) list.splice(i, 1);
  };

  /**
   * Asks the background for these records' states (batches of MAX_BATCH) and paints what it answers,
   * unless a state was pushed (or the policy changed) after `askedAt`: that one is newer.
   */
  const askSummaries = (refs: RecordRef[], askedAt: number, failed: (batch: RecordRef[]) => void): void => {
    for (let i = 0; i < refs.length; i += MAX_BATCH) {
      const batch = refs.slice(i, i + MAX_BATCH);
      void ctx
        .send('rows.summaries', { url: ctx.url, rows: batch.map((r) => ({ object: r.object, id: r.id })) })
        .then((answer) => {
          if (signal.aborted) return;
          for (const summary of answer.rows) {
            if ((pushedAt.get(summary.key) ?? -1) >= askedAt) continue;
            summaries.set(summary.key, summary);
            for (const marker of markersByKey.get(summary.key) ?? []) paint(marker, summary);
          }
        })
        .catch(() => failed(batch));
    }
  };

  // ONE `rows.summaries` per render: the rows of every change in a frame go out together.
  let toAsk: RowInfo[] = [];
  let askScheduled = false;
  const ask = (): void => {
    askScheduled = false;
    const rows = toAsk;
    toAsk = [];
    if (signal.aborted) return;
    askSummaries(
      rows.map((r) => r.ref),
      pushes,
      // Leave them as they are; a later render may ask again.
      (batch) => {
        for (const ref of batch) asked.delete(recordKey(ref));
      },
    );
  };

  /** Marks the rows found now, from what is known; queues the rows never confirmed for the frame's batch. */
  const mark = (rows: RowInfo[]): void => {
    for (const info of rows) {
      const key = recordKey(info.ref);
      let marker = marks.get(info.row);
      if (marker && marker.key !== key) {
        // A recycled row: the marker follows the record, not the element.
        untrack(marker);
        marker.key = key;
        marker.host.setAttribute('data-cpg-key', key);
        marker.shown = null;
        track(marker);
      }
      const state = stateOf(key);
      if (!marker) {
        const host = createMarker(doc, key, paintedHost(state), slot);
        marker = { key, host, label: host.firstChild as Text, shown: state };
        marks.set(info.row, marker);
        hosts.add(host);
        track(marker);
      }
      paint(marker, state);
      place(marker.host, info.anchor);
      if (!summaries.has(key) && !asked.has(key)) {
        asked.set(key, info.ref);
        toAsk.push(info);
      }
    }
    if (toAsk.length > 0 && !askScheduled) {
      askScheduled = true;
      nextFrame(doc, ask);
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
    mark(found);
  };

  // The active page (Salesforce keeps stale pages in the DOM). Asking the adapter reads styles,
  // so its last answer is kept: changes inside that page are handled in the mutation callback;
  // changes elsewhere (a new page rendering, the header) wait for the frame, which asks again.
  let active: ParentNode | null = null;
  let later = new Set<ParentNode>();
  let laterScheduled = false;

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

  /** The scopes to read within `root`, outermost only (no row read twice). */
  const within = (scopes: Iterable<ParentNode>, root: ParentNode): ParentNode[] => {
    const chosen = new Set<ParentNode>();
    for (const scope of scopes) {
      if (containsComposed(root as Node, scope as Node)) chosen.add(scope);
      else if (containsComposed(scope as Node, root as Node)) chosen.add(root);
    }
    if (chosen.size > MAX_SCOPES) return [root];
    const list = [...chosen];
    return list.filter((s) => !list.some((o) => o !== s && o.contains(s as Node)));
  };

  const inFrame = (): void => {
    laterScheduled = false;
    const scopes = [...later].filter((s) => (s as unknown as Node).isConnected);
    later = new Set();
    if (signal.aborted || scopes.length === 0) return;
    active = adapter.activeRoot(doc);
    if (active) scan(within(scopes, active));
  };

  const onChange = (records: MutationRecord[]): void => {
    if (records.length === 0) {
      // The page as parsed, or a shadow root that appeared without a mutation we saw: re-read the active page once.
      active = adapter.activeRoot(doc);
      scan([active ?? doc]);
      return;
    }
    const targets = new Set<Node>();
    for (const r of records) targets.add(r.target);
    const now: ParentNode[] = [];
    for (const target of targets) {
      const scope = scopeOf(target);
      if (!scope) continue;
      if (active && containsComposed(active as Node, scope as Node)) now.push(scope);
      else later.add(scope);
    }
    if (active && now.length > 0) scan(within(now, active));
    if (later.size > 0 && !laterScheduled) {
      laterScheduled = true;
      nextFrame(doc, inFrame);
    }
  };

  // What the background has stored for this list: rows are marked from it as they render. Asked
  // again when the policy changes (below): an answer to an older question that comes in last is dropped.
  let knownAsked = 0;
  const askKnown = (): Promise<void> => {
    const question = ++knownAsked;
    return ctx.send('rows.known', { url: ctx.url }).then((answer) => {
      if (signal.aborted || question !== knownAsked) return;
      known = { ...answer, rows: new Map(answer.rows.map((r) => [r.key, r])) };
      for (const [key, list] of markersByKey) {
        if (summaries.has(key)) continue;
        const state = stateOf(key);
        for (const marker of list) paint(marker, state);
      }
    });
  };
  void askKnown().catch(() => undefined); // then the batches say it all

  // A record's state changed elsewhere (its basis logged in another tab, a consent withdrawn, its
  // retention verdict seen): its rows here repaint at once, and keep that state.
  ctx.onPush('rows.update', (message) => {
    if (signal.aborted || !Array.isArray(message.rows)) return;
    for (const value of message.rows as unknown[]) {
      const summary = asRowSummary(value);
      if (!summary) continue;
      pushedAt.set(summary.key, pushes++);
      summaries.set(summary.key, summary);
      for (const marker of markersByKey.get(summary.key) ?? []) paint(marker, summary);
    }
  });

  // The policy in force changed (`policy.changed`, entrypoints/background/policy-push.ts): each row's
  // retention part may have changed with it (a period shortened, warning days, a rule added or
  // removed). Both answers are asked for again and the markers repainted in place: a marker keeps
  // what it shows until its new state comes (no "pending" in between), nothing restarts, and the
  // background logs nothing (no `view`). A rare event: the row path above is not touched by it.
  ctx.onPush('policy.changed', () => {
    if (signal.aborted) return;
    void askKnown().catch(() => undefined);
    // Every record asked about so far, answered or still out: an answer asked for before now was
    // maybe judged by the old policy, so it is dropped like one asked before a push.
    const changedAt = pushes++;
    const refs: RecordRef[] = [];
    for (const [key, ref] of asked) {
      pushedAt.set(key, changedAt);
      if (!markersByKey.get(key)?.length) {
        // Not on the page any more: asked again if it renders again.
        asked.delete(key);
        summaries.delete(key);
        continue;
      }
      refs.push(ref);
    }
    // They keep what they show if this fails; the next change or a reload asks again.
    askSummaries(refs, pushes, () => undefined);
  });

  // Markers hide nothing: on a page still parsing, the first read waits for the frame after DOMContentLoaded (startInFrame).
  watchDom(doc, onChange, signal, { attributeFilter: ROW_ATTRIBUTES, pollMs: 2000, sync: true, startInFrame: true });
  // When the page is already parsed (a lazy start, SPA navigation), read it now; otherwise watchDom does after DOMContentLoaded.
  if (doc.readyState !== 'loading') onChange([]);

  signal.addEventListener(
    'abort',
    () => {
      for (const host of hosts) host.remove();
      hosts.clear();
    },
    { once: true },
  );
}
