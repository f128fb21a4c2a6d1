import { useCallback, useEffect, useState } from 'react';
import { MaskControls } from '@/components/MaskControls';
import { errorText, type Lang } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { MaskTabView, Request } from '@/lib/messaging/protocol';
import { usePopupStore } from './store';

export interface MaskApi {
  get(tabId: number): Promise<MaskTabView>;
  set(tabId: number, change: Request<'mask.tab.set'>['change']): Promise<MaskTabView>;
}

export const browserMaskApi: MaskApi = {
  get: (tabId) => send('mask.tab.get', { tabId }),
  set: (tabId, change) => send('mask.tab.set', { tabId, change }),
};

/** The popup's masking controls for the tab the popup acts on (the background keeps the state per tab). */
export function MaskSection({ lang, api = browserMaskApi }: { lang: Lang; api?: MaskApi }) {
  const tabId = usePopupStore((s) => s.tabId);
  // The record's privacy view, replaced when a request is logged or closed here (a restriction or an
  // objection masks every field): the masking state is asked for again, so that "Unmask for this tab"
  // is not offered on a record it would be refused on.
  const privacy = usePopupStore((s) => s.privacy);
  const [view, setView] = useState<MaskTabView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (tabId === null) return;
    let current = true;
    api.get(tabId).then(
      (fresh) => {
        if (current) setView(fresh);
      },
      (e: unknown) => {
        if (current) setError(errorText(lang, e));
      },
    );
    return () => {
      current = false;
    };
  }, [api, lang, tabId, privacy]);

  const change = useCallback(
    (next: Request<'mask.tab.set'>['change']) => {
      if (tabId === null) return;
      setBusy(true);
      setError(null);
      api.set(tabId, next).then(
        (fresh) => {
          setView(fresh);
          setBusy(false);
        },
        (e: unknown) => {
          setBusy(false);
          setError(errorText(lang, e));
        },
      );
    },
    [api, lang, tabId],
  );

  if (!view) return null;
  return (
    <MaskControls
      lang={lang}
      view={view}
      busy={busy}
      error={error}
      onMaskAll={(on) => change({ kind: 'mask-all', on })}
      onUnmask={(fieldKey, reason) => change({ kind: 'unmask', fieldKey, reason, eventId: crypto.randomUUID() })}
      onRemask={(fieldKey) => change({ kind: 'remask', fieldKey })}
    />
  );
}
