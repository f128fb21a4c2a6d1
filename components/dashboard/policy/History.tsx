import { useEffect, useId, useRef, useState } from 'react';
import { errorText, formatDateTime, t, type Lang } from '@/lib/i18n';
import { diffPolicies, type DiffItem } from '@/lib/policy/diff';
import type { HistoryEntry } from '@/lib/policy/history';
import type { Policy } from '@/lib/policy/schema';
import type { PolicyApi } from './api';
import { DiffList } from './DiffList';
import { sourceLabel } from './labels';

/** Every activation, newest first; any earlier version can be rolled back to, after seeing its diff. */
export function History({
  lang,
  entries,
  active,
  locked,
  api,
  onApplied,
}: {
  lang: Lang;
  entries: HistoryEntry[];
  active: Policy;
  locked: boolean;
  api: Pick<PolicyApi, 'get' | 'rollback'>;
  onApplied: (version: string) => void;
}) {
  const ids = useId();
  const [pending, setPending] = useState<{ entry: HistoryEntry; diff: DiffItem[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The row's button that opened the confirmation: the focus goes back to it when it closes.
  const opener = useRef<HTMLElement | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);

  // The confirmation takes the focus when it opens (a screen reader reads its heading).
  const pendingId = pending?.entry.id;
  useEffect(() => {
    if (pendingId !== undefined) confirmHeading.current?.focus();
  }, [pendingId]);

  /** Closes the confirmation: the focus goes back to the button that opened it, or to the section's heading when that row is gone. */
  const close = () => {
    setPending(null);
    setTimeout(() => {
      const back = opener.current;
      (back?.isConnected && !(back as HTMLButtonElement).disabled ? back : heading.current)?.focus();
    }, 0);
  };

  const prepare = async (entry: HistoryEntry, from: HTMLElement) => {
    setError(null);
    opener.current = from;
    try {
      const doc = await api.get(entry.id);
      setPending({ entry, diff: diffPolicies(active, doc.policy) });
    } catch (e) {
      setError(errorText(lang, e));
    }
  };
  const confirm = async () => {
    if (!pending) return;
    try {
      const answer = await api.rollback(pending.entry.id);
      close();
      if (answer.applied) onApplied(pending.entry.policyVersion);
      else setError(answer.errors.map((e) => `${e.path}: ${errorText(lang, e)}`).join('; '));
    } catch (e) {
      close();
      setError(errorText(lang, e));
    }
  };

  return (
    <section aria-labelledby={`${ids}-h`} className="rounded border border-slate-300 bg-white p-4 text-sm">
      <h2 id={`${ids}-h`} ref={heading} tabIndex={-1} className="font-semibold focus:outline-none focus:ring-2 focus:ring-blue-700">{t(lang, 'polHistory')}</h2>
      <table className="mt-2 w-full text-left" data-testid="policy-history">
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-1 pr-3">{t(lang, 'polHistoryWhen')}</th>
            <th scope="col" className="py-1 pr-3">{t(lang, 'polHistoryVersion')}</th>
            <th scope="col" className="py-1 pr-3">{t(lang, 'polHistorySource')}</th>
            <th scope="col" className="py-1 pr-3">{t(lang, 'polSigner')}</th>
            <th scope="col" className="py-1"><span className="sr-only">{t(lang, 'polApply')}</span></th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} className="border-b border-slate-200">
              <td className="py-1 pr-3">{formatDateTime(lang, e.activatedAt)}</td>
              <td className="py-1 pr-3">{e.policyVersion}</td>
              <td className="py-1 pr-3">{sourceLabel(lang, e.source, e.via)}</td>
              <td className="py-1 pr-3">{e.signer ?? '—'}</td>
              <td className="py-1">
                {e.active ? (
                  <strong>{t(lang, 'polHistoryActive')}</strong>
                ) : (
                  <button type="button" className="underline disabled:opacity-50" disabled={locked} onClick={(event) => void prepare(e, event.currentTarget)}>
                    {t(lang, 'polRollback', { version: e.policyVersion })}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pending && (
        <div role="region" aria-labelledby={`${ids}-c`} className="mt-3 rounded border border-amber-400 bg-amber-50 p-3">
          <h3 id={`${ids}-c`} ref={confirmHeading} tabIndex={-1} className="font-semibold focus:outline-none focus:ring-2 focus:ring-blue-700">
            {t(lang, 'polRollbackTitle', { version: pending.entry.policyVersion })}
          </h3>
          <DiffList lang={lang} items={pending.diff} />
          <div className="mt-3 flex gap-3">
            <button type="button" className="rounded bg-blue-800 px-3 py-1.5 font-semibold text-white focus:outline-none focus:ring-2 focus:ring-blue-700" onClick={() => void confirm()}>
              {t(lang, 'polRollback', { version: pending.entry.policyVersion })}
            </button>
            <button type="button" className="rounded border border-slate-500 px-3 py-1.5" onClick={close}>{t(lang, 'polCancel')}</button>
          </div>
        </div>
      )}
      {error && <p role="alert" className="mt-2 text-red-800">{error}</p>}
    </section>
  );
}
