import { useId, useState } from 'react';
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

  const prepare = async (entry: HistoryEntry) => {
    setError(null);
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
      setPending(null);
      if (answer.applied) onApplied(pending.entry.policyVersion);
      else setError(answer.errors.map((e) => `${e.path}: ${errorText(lang, e)}`).join('; '));
    } catch (e) {
      setPending(null);
      setError(errorText(lang, e));
    }
  };

  return (
    <section aria-labelledby={`${ids}-h`} className="rounded border border-slate-300 bg-white p-4 text-sm">
      <h2 id={`${ids}-h`} className="font-semibold">{t(lang, 'polHistory')}</h2>
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
                  <button type="button" className="underline disabled:opacity-50" disabled={locked} onClick={() => void prepare(e)}>
                    {t(lang, 'polRollback', { version: e.policyVersion })}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pending && (
        <div role="region" aria-label={t(lang, 'polDiffTitle')} className="mt-3 rounded border border-amber-400 bg-amber-50 p-3">
          <DiffList lang={lang} items={pending.diff} />
          <div className="mt-3 flex gap-3">
            <button type="button" className="rounded bg-blue-800 px-3 py-1.5 font-semibold text-white focus:outline-none focus:ring-2 focus:ring-blue-700" onClick={() => void confirm()}>
              {t(lang, 'polRollback', { version: pending.entry.policyVersion })}
            </button>
            <button type="button" className="rounded border border-slate-500 px-3 py-1.5" onClick={() => setPending(null)}>{t(lang, 'polCancel')}</button>
          </div>
        </div>
      )}
      {error && <p role="alert" className="mt-2 text-red-800">{error}</p>}
    </section>
  );
}
