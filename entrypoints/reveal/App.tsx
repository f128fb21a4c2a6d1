import { useEffect, useRef, useState } from 'react';
import { RevealReasonForm } from '@/components/RevealReasonForm';
import { errorText, t, type Lang } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { RevealReason } from '@/lib/messaging/protocol';
import type { Policy } from '@/lib/policy/schema';

/**
 * The reason dialog's content: an extension page framed by the content script (lib/features/mask-ui.ts).
 * It talks to the background only; the background logs the reveal, then tells the tab to show the value.
 */
export interface RevealParams {
  tabId: number | null;
  fieldKey: string;
  label: string;
}

export function readRevealParams(search: string): RevealParams {
  const params = new URLSearchParams(search);
  const tab = params.get('tab') ?? '';
  return {
    tabId: /^\d{1,10}$/.test(tab) ? Number(tab) : null,
    fieldKey: (params.get('field') ?? '').slice(0, 200),
    label: (params.get('label') ?? '').slice(0, 200),
  };
}

export interface RevealApi {
  reasons(): Promise<{ reasons: Policy['revealReasons']; seconds: number }>;
  reveal(input: { tabId: number; fieldKey: string; reason: RevealReason; eventId: string }): Promise<void>;
  close(tabId: number): Promise<void>;
}

export const browserRevealApi: RevealApi = {
  async reasons() {
    const { policy } = await send('policy.active', {});
    return { reasons: policy.revealReasons, seconds: policy.masking.revealSeconds };
  },
  async reveal(input) {
    // One retry with the same eventId: the background stores a retried reveal once.
    try {
      await send('field.reveal', input);
    } catch (error) {
      if (error instanceof Error && error.name === 'MessageError') throw error;
      await send('field.reveal', input);
    }
  },
  async close(tabId) {
    await send('field.revealClose', { tabId });
  },
};

export function RevealApp({ lang, params, api = browserRevealApi }: { lang: Lang; params: RevealParams; api?: RevealApi }) {
  const [info, setInfo] = useState<{ reasons: Policy['revealReasons']; seconds: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const eventId = useRef<string>(crypto.randomUUID());

  useEffect(() => {
    api.reasons().then(setInfo, (e: unknown) => setError(errorText(lang, e)));
  }, [api, lang]);

  const { tabId, fieldKey, label } = params;
  if (tabId === null || !fieldKey) return <p role="alert" className="p-4">{t(lang, 'errorNoTab')}</p>;

  const submit = (reason: RevealReason) => {
    setBusy(true);
    setError(null);
    api.reveal({ tabId, fieldKey, reason, eventId: eventId.current }).then(
      () => setBusy(false),
      (e: unknown) => {
        setBusy(false);
        // A refused reveal is a new attempt next time: a new event id.
        eventId.current = crypto.randomUUID();
        setError(t(lang, 'maskDialogFailed', { message: errorText(lang, e) }));
      },
    );
  };

  return (
    <main className="p-4 text-sm text-slate-900 bg-white">
      <h1 className="sr-only">{t(lang, 'maskDialogTitle', { label: label || fieldKey })}</h1>
      {info ? (
        <RevealReasonForm
          lang={lang}
          reasons={info.reasons}
          submitLabel={t(lang, 'maskDialogShow', { seconds: info.seconds })}
          busy={busy}
          error={error}
          autoFocus
          onSubmit={submit}
          onCancel={() => void api.close(tabId).catch(() => undefined)}
        />
      ) : error ? (
        <p role="alert">{t(lang, 'maskDialogFailed', { message: error })}</p>
      ) : (
        <p aria-live="polite">{t(lang, 'popupLoading')}</p>
      )}
    </main>
  );
}
