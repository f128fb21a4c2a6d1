import { formatDateTime, t, type Lang } from '@/lib/i18n';
import type { Anomaly } from '@/lib/audit/anomalies';

const button = 'rounded border border-slate-400 px-2 py-0.5 hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-700';

/** Flags from the policy's thresholds; "show the events" filters the table down to them. */
export function Anomalies({ lang, anomalies, onShow }: { lang: Lang; anomalies: Anomaly[]; onShow: (a: Anomaly) => void }) {
  return (
    <section aria-labelledby="log-anomalies" className="rounded border border-slate-300 bg-white p-4 text-sm" data-testid="log-anomalies">
      <h2 id="log-anomalies" className="font-semibold">{t(lang, 'logAnomalies')}</h2>
      {anomalies.length === 0 ? (
        <p className="mt-2">{t(lang, 'logNoAnomalies')}</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {anomalies.map((a, i) => {
            const vars = { actor: a.actor, count: a.count, from: formatDateTime(lang, a.from), to: formatDateTime(lang, a.to) };
            const text =
              a.kind === 'reveal-burst'
                ? t(lang, 'logAnomalyRevealBurst', vars)
                : a.kind === 'view-burst'
                  ? t(lang, 'logAnomalyViewBurst', vars)
                  : t(lang, 'logAnomalyOffHours', vars);
            return (
              <li key={`${a.kind}-${a.actor}-${a.from}-${i}`} className="flex flex-wrap items-center gap-3">
                <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">⚠ {text}</span>
                <button type="button" className={button} onClick={() => onShow(a)}>
                  {t(lang, 'logShowEvents', { n: a.seqs.length })}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
