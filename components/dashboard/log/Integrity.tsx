import { useRef, useState } from 'react';
import { errorText, formatDateTime, t, type Lang } from '@/lib/i18n';
import { runVerify } from '@/lib/audit/verify-run';
import type { LastVerified, LogChainInfo } from '@/lib/messaging/protocol';
import type { LogApi } from './api';

const button = 'rounded border border-slate-400 px-3 py-1 hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-700';

export function problemText(lang: Lang, v: Pick<LastVerified, 'kind' | 'firstBadSeq'>): string {
  const seq = v.firstBadSeq ?? '?';
  switch (v.kind) {
    case 'changed':
      return t(lang, 'logProblemChanged', { seq });
    case 'removed':
      return t(lang, 'logProblemRemoved', { seq });
    case 'inserted':
      return t(lang, 'logProblemInserted', { seq });
    case 'reordered':
      return t(lang, 'logProblemReordered', { seq });
    case 'checkpoint':
      return t(lang, 'logProblemCheckpoint');
    default:
      return t(lang, 'logProblemTruncated');
  }
}

/** Integrity at a glance (last verified, result) and "verify now" with progress and cancel. */
export function Integrity({ lang, api, chain, onVerified }: { lang: Lang; api: LogApi; chain: LogChainInfo; onVerified: () => void }) {
  const [last, setLast] = useState<LastVerified | null>(chain.lastVerified);
  const [progress, setProgress] = useState<number | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  const verify = async () => {
    const abort = new AbortController();
    controller.current = abort;
    setNote(null);
    setProgress(0);
    try {
      const fresh = await api.chain({ count: false });
      const result = await runVerify(fresh, async (after, limit, upto) => (await api.page(after, limit, upto)).events, {
        signal: abort.signal,
        onProgress: setProgress,
        ...(api.checked ? { checked: (after: number, upto: number) => api.checked!(after, upto) } : {}),
      });
      if (result.ok === 'cancelled') {
        setNote(t(lang, 'logCancelled'));
        return;
      }
      // The head walked to is kept with the result: an export later says how many events came after it.
      const headSeq = fresh.head.seq;
      const saved = await api.verified(
        result.ok
          ? { ok: true, count: result.count, headSeq }
          : { ok: false, count: result.count, kind: result.kind, headSeq, ...(result.firstBadSeq !== undefined ? { firstBadSeq: result.firstBadSeq } : {}) },
      );
      setLast(saved.lastVerified);
      onVerified();
    } catch (error) {
      setNote(t(lang, 'logErrorLoad', { message: errorText(lang, error) }));
    } finally {
      setProgress(null);
      controller.current = null;
    }
  };

  const total = chain.total;
  return (
    <section aria-labelledby="log-integrity" className="rounded border border-slate-300 bg-white p-4 text-sm" data-testid="log-integrity">
      <h2 id="log-integrity" className="font-semibold">{t(lang, 'logIntegrity')}</h2>
      {chain.checkpoint && (
        <p className="mt-2">
          {t(lang, 'logCheckpoint', { count: chain.checkpoint.count, from: formatDateTime(lang, chain.checkpoint.fromAt), to: formatDateTime(lang, chain.checkpoint.toAt) })}
        </p>
      )}
      <div aria-live="polite" className="mt-2" data-testid="integrity-status">
        {last === null ? (
          <p>{t(lang, 'logNeverVerified')}</p>
        ) : last.ok ? (
          <p className="text-green-800">✓ {t(lang, 'logVerifiedOk', { when: formatDateTime(lang, last.at), count: last.count })}</p>
        ) : (
          <p role="alert" className="font-semibold text-red-800">
            ✗ {t(lang, 'logVerifiedBad', { when: formatDateTime(lang, last.at), problem: problemText(lang, last) })}
          </p>
        )}
        {note && <p>{note}</p>}
      </div>
      {progress === null ? (
        <button type="button" className={`${button} mt-2`} onClick={() => void verify()}>
          {t(lang, 'logVerifyNow')}
        </button>
      ) : (
        <div className="mt-2 flex items-center gap-3">
          <progress max={Math.max(total, 1)} value={progress} aria-label={t(lang, 'logVerifying', { done: progress, total })} />
          <span>{t(lang, 'logVerifying', { done: progress, total })}</span>
          <button type="button" className={button} onClick={() => controller.current?.abort()}>
            {t(lang, 'logCancel')}
          </button>
        </div>
      )}
    </section>
  );
}
