import type { CrmAdapter, RecordRef } from '@/lib/crm/types';
import type { Lang } from '@/lib/i18n';
import type { BadgeSummary } from '@/lib/messaging/protocol';
import { createBadge, insertAfterInLightDom, type BadgeHandle } from './badge-ui';
import { createPanel, type PanelHandle } from './panel';
import { waitFor } from './navigation';

export interface RecordPageDeps {
  doc: Document;
  lang: Lang;
  adapter: CrmAdapter;
  ref: RecordRef;
  signal: AbortSignal;
  visitId: string;
  /** Reports the page to the background; answers the tab id and the record's summary. */
  report(payload: { visitId: string; title: string; objectHint?: string }): Promise<{ tabId: number; summary?: BadgeSummary; key?: string }>;
  panelUrl(tabId: number): string;
}

export interface RecordPageHandle {
  key(): string | undefined;
  update(summary: BadgeSummary): void;
  closePanel(): void;
}

/** How many times a badge the page removed is put back before the feature stands down. */
const MAX_REINSERTS = 3;

/**
 * The record-page feature: waits for the title in the active page, reports the visit, and keeps
 * one badge next to the title until the signal aborts (SPA navigation or extension unload).
 */
export async function runRecordBadge(deps: RecordPageDeps): Promise<RecordPageHandle | null> {
  const { doc, adapter, signal } = deps;
  const title = await waitFor(
    doc,
    () => {
      const root = adapter.activeRoot(doc);
      return root ? adapter.findTitle(root) : null;
    },
    signal,
  );
  if (!title || signal.aborted) return null;

  const root = adapter.activeRoot(doc);
  const objectHint = deps.ref.object ? undefined : (root && adapter.objectFromDom?.(root)) || undefined;
  const answer = await deps.report({
    visitId: deps.visitId,
    title: title.text.slice(0, 500),
    ...(objectHint ? { objectHint } : {}),
  });
  if (signal.aborted) return null;

  let key = answer.key;
  let panel: PanelHandle | null = null;
  const badge: BadgeHandle = createBadge(doc, deps.lang, () => {
    if (panel?.isOpen()) {
      panel.close();
      return;
    }
    panel = createPanel(doc, deps.lang, () => badgeButtonFocus(badge));
    panel.open(deps.panelUrl(answer.tabId));
  });
  if (answer.summary) badge.update(answer.summary);
  let anchor = title.anchor;
  insertAfterInLightDom(anchor, badge.host);

  // Frameworks re-render headers: put the badge back (a few times at most) when it goes away.
  let reinserts = 0;
  const keepAlive = new MutationObserver(() => {
    if (badge.host.isConnected) return;
    const activeRoot = adapter.activeRoot(doc);
    const again = activeRoot ? adapter.findTitle(activeRoot) : null;
    if (!again || reinserts >= MAX_REINSERTS) {
      if (reinserts >= MAX_REINSERTS) keepAlive.disconnect();
      return;
    }
    reinserts += 1;
    anchor = again.anchor;
    insertAfterInLightDom(anchor, badge.host);
  });
  keepAlive.observe(doc, { childList: true, subtree: true });

  signal.addEventListener(
    'abort',
    () => {
      keepAlive.disconnect();
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

function badgeButtonFocus(badge: BadgeHandle): void {
  badge.host.shadowRoot?.querySelector('button')?.focus(); // shadowRoot is open: never null here
}
