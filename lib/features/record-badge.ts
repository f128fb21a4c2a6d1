import type { BadgeSummary } from '@/lib/messaging/protocol';
import { readPageSignals } from '@/lib/consent/crm-signals';
import { createBadge, placeBadgeHost, type BadgeHandle } from './badge-ui';
import { createPanel, type PanelHandle } from './panel';
import { waitFor } from './navigation';
import { sendDurably } from './durable-send';
import { rememberTabId } from './tab-id';
import type { Feature, PageContext } from './types';
import { guardHost } from './host-guard';

interface RecordPageHandle {
  key(): string | undefined;
  update(summary: BadgeSummary): void;
  closePanel(): void;
}

/**
 * How many times the badge follows a re-rendered title (the framework replaced the header, badge
 * and all) before it stops following: a bound against a page that keeps doing it in a loop.
 */
const MAX_RERENDERS = 50;

/**
 * The title the last record page's badge went next to in this tab, and that record's id. Lightning
 * can change the URL to the next record before it renders that record's page, and keeps the page it
 * leaves in the DOM (crm-dom.md §4): until the new page is there, the old title is still the active
 * one. Taking it would put the new record's badge on the old page and send the old page's title and
 * privacy flags (Don't Process…) as the new record's.
 */
let lastTitle: { el: Element; text: string; id: string } | null = null;
/**
 * How long a new record's page waits for a title other than the previous record's (the same element
 * with the same text). A page that reuses its header for a record of the same name gets its badge
 * then; Lightning's own screen loads take a few seconds.
 */
const STALE_TITLE_MS = 10_000;

/**
 * The record badge: waits for the title in the active page, reports the visit (one `view` event),
 * and keeps one badge next to the title until the signal aborts (SPA navigation or unload).
 */
export const recordBadge: Feature = {
  id: 'record-badge',
  include: ['record'],
  async init(ctx) {
    const handle = await runRecordBadge(ctx);
    if (!handle) return;
    ctx.onPush('badge.update', (message) => {
      const summary = asSummary(message.summary);
      if (summary) handle.update(summary);
    });
    ctx.onPush('panel.close', () => handle.closePanel());
  },
};

const STATES = new Set(['missing', 'basis-logged', 'consent-given', 'consent-withdrawn', 'restricted']);

/** Pushes come from our background, but are checked by hand here (zod stays out of the content script). */
export function asSummary(value: unknown): BadgeSummary | null {
  if (!value || typeof value !== 'object') return null;
  const s = value as Record<string, unknown>;
  if (typeof s.key !== 'string' || typeof s.state !== 'string' || !STATES.has(s.state)) return null;
  if (s.basis !== undefined && !(typeof s.basis === 'string' && /^[a-f]$/.test(s.basis))) return null;
  // Consent and request details are shown as text only; their shape is still checked.
  const isLabel = (l: unknown): boolean => l === undefined || (typeof l === 'object' && l !== null && typeof (l as { en?: unknown }).en === 'string' && typeof (l as { fr?: unknown }).fr === 'string');
  if (s.withdrawn !== undefined && !(Array.isArray(s.withdrawn) && s.withdrawn.every((w) => typeof w?.purposeId === 'string' && typeof w?.channel === 'string' && isLabel(w?.label)))) return null;
  if (s.crmFlags !== undefined && !(Array.isArray(s.crmFlags) && s.crmFlags.every((f) => typeof f === 'string'))) return null;
  if (s.request !== undefined) {
    const r = s.request as Record<string, unknown> | null;
    if (!r || typeof r.kind !== 'string' || typeof r.open !== 'number' || (r.dueDate !== undefined && typeof r.dueDate !== 'string')) return null;
  }
  if (s.source !== undefined && !['log', 'hubspot', 'salesforce'].includes(String(s.source))) return null;
  return s as unknown as BadgeSummary;
}

async function runRecordBadge(ctx: PageContext): Promise<RecordPageHandle | null> {
  const { doc, adapter, signal, page } = ctx;
  if (!adapter || page.kind !== 'record') return null;
  const since = Date.now();
  const previous = lastTitle?.id === page.ref.id ? null : lastTitle;
  const title = await waitFor(
    doc,
    () => {
      const root = adapter.activeRoot(doc);
      const found = root ? adapter.findTitle(root) : null;
      // The previous record's title, still on screen: this record's page is not rendered yet.
      if (found && previous && found.el === previous.el && found.text === previous.text && Date.now() - since < STALE_TITLE_MS) return null;
      return found;
    },
    signal,
  );
  if (!title || signal.aborted) return null;
  lastTitle = { el: title.el, text: title.text, id: page.ref.id };

  const root = adapter.activeRoot(doc);
  const objectHint = page.ref.object ? undefined : (root && adapter.objectFromDom?.(root)) || undefined;
  // Durable (issue 4): retried until acknowledged; the background logs one view per visit id.
  const answer = await sendDurably(ctx.send, 'page.state', {
    kind: 'record',
    visitId: ctx.visitId,
    url: ctx.url,
    title: title.text.slice(0, 500),
    ...(objectHint ? { objectHint } : {}),
  }, { signal });
  if (signal.aborted) return null;
  rememberTabId(answer.tabId);

  let key = answer.key;
  let panel: PanelHandle | null = null;
  const badge: BadgeHandle = createBadge(doc, ctx.lang, () => {
    if (panel?.isOpen()) {
      panel.close();
      return;
    }
    panel = createPanel(doc, ctx.lang, () => badgeButtonFocus(badge));
    panel.open(ctx.panelUrl(answer.tabId));
  });
  if (answer.summary) badge.update(answer.summary);
  let anchor = title.anchor;
  placeBadgeHost(anchor, badge.host);
  void reportSignals(ctx, (summary) => {
    if (summary.key === key) badge.update(summary);
  });

  // Frameworks re-render headers: when the title itself was replaced, the badge follows the new one
  // (at most MAX_RERENDERS times). A page that removes the badge while its title stays, or restyles
  // it, is fighting it: put back once, then the badge stands down and a page warning is logged
  // (lib/features/host-guard.ts, as the retention warning does).
  const place = (): boolean => {
    if (!anchor.isConnected) {
      const activeRoot = adapter.activeRoot(doc);
      const again = activeRoot ? adapter.findTitle(activeRoot) : null;
      if (!again) return false;
      anchor = again.anchor;
    }
    placeBadgeHost(anchor, badge.host);
    return true;
  };
  guardHost(
    badge.host,
    place,
    () => {
      panel?.destroy();
      const where = new URL(ctx.url).pathname;
      void ctx.send('pages.warn', { url: ctx.url, feature: 'record-badge', code: 'hosts-removed', detail: `the page removed or restyled the record badge twice on ${where}`.slice(0, 300) }).catch(() => undefined);
    },
    signal,
    { anchorGone: () => !anchor.isConnected, maxRerenders: MAX_RERENDERS },
  );

  signal.addEventListener(
    'abort',
    () => {
      badge.host.remove();
      panel?.destroy();
    },
    { once: true },
  );

  return {
    key: () => key,
    update: (summary) => {
      if (summary.key !== key) return;
      key = summary.key;
      badge.update(summary);
    },
    closePanel: () => panel?.close(),
  };
}

/**
 * What the CRM page itself says (HubSpot's legal basis, Salesforce's privacy flags), reduced to
 * letters and flags before it leaves the page; the background keeps it and answers the new badge.
 */
async function reportSignals(ctx: PageContext, onSummary: (summary: BadgeSummary) => void): Promise<void> {
  const { adapter, doc, signal } = ctx;
  if (!adapter) return;
  const root = adapter.activeRoot(doc);
  if (!root) return;
  const signals = readPageSignals(adapter.id, adapter.findFields(root));
  // A layout without these fields says nothing (it does not clear what another layout showed).
  if (signals.fieldKeys.length === 0) return;
  try {
    const answer = await ctx.send('page.signals', { visitId: ctx.visitId, url: ctx.url, ...signals });
    const summary = asSummary(answer.summary);
    if (summary && !signal.aborted) onSummary(summary);
  } catch {
    // The badge keeps what the log says; the next visit reports again.
  }
}

function badgeButtonFocus(badge: BadgeHandle): void {
  badge.host.shadowRoot?.querySelector('button')?.focus(); // shadowRoot is open: never null here
}
