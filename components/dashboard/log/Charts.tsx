import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { t, type Lang } from '@/lib/i18n';
import type { LogStats } from '@/lib/audit/query';
import { ACCESS_ACTIONS } from '@/lib/db/schema';
import { actionLabel } from './labels';

// Colour-blind-safe palette (Okabe–Ito), one colour per action.
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000', '#999999', '#882255', '#44AA99', '#117733', '#332288'];

function DataTable({ lang, caption, head, rows }: { lang: Lang; caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <details className="mt-2">
      <summary className="cursor-pointer underline focus:outline-none focus:ring-2 focus:ring-blue-700">{t(lang, 'logChartAsTable')}</summary>
      <table className="mt-2 text-left text-xs">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="pr-3">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (j === 0 ? <th key={j} scope="row" className="pr-3 font-normal">{c}</th> : <td key={j} className="pr-3">{c}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Pictures for those who would rather look than read; each with a summary and its data as a table. */
export function Charts({ lang, stats }: { lang: Lang; stats: LogStats }) {
  const actions = ACCESS_ACTIONS.filter((a) => stats.perDay.some((d) => (d.counts[a] ?? 0) > 0));
  const perDay = stats.perDay.map((d) => ({ day: d.day, ...d.counts }));
  const dayTotals = stats.perDay.map((d) => ({ day: d.day, total: Object.values(d.counts).reduce((n, c) => n + (c ?? 0), 0) }));
  const busiest = dayTotals.reduce<{ day: string; total: number } | undefined>((m, d) => (!m || d.total > m.total ? d : m), undefined);
  const perDaySummary = busiest
    ? t(lang, 'logPerDaySummary', { total: stats.total, days: stats.perDay.length, day: busiest.day, max: busiest.total })
    : t(lang, 'logNoData');
  const topActor = stats.topActors[0];
  const topRecord = stats.topRevealed[0];

  return (
    <section aria-labelledby="log-charts" className="rounded border border-slate-300 bg-white p-4 text-sm" data-testid="log-charts">
      <h2 id="log-charts" className="font-semibold">{t(lang, 'logCharts')}</h2>
      <div className="mt-3 grid gap-6">
        <figure>
          <figcaption className="font-medium">{t(lang, 'logPerDay')}</figcaption>
          <p className="text-slate-700">{perDaySummary}</p>
          {perDay.length > 0 && (
            <div aria-hidden="true">
              <BarChart accessibilityLayer={false} width={640} height={220} data={perDay}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                {actions.map((a) => (
                  <Bar key={a} dataKey={a} name={actionLabel(lang, a)} stackId="a" fill={COLOURS[ACCESS_ACTIONS.indexOf(a) % COLOURS.length]} isAnimationActive={false} />
                ))}
              </BarChart>
            </div>
          )}
          <DataTable lang={lang} caption={t(lang, 'logPerDay')} head={[t(lang, 'logDay'), ...actions.map((a) => actionLabel(lang, a))]} rows={stats.perDay.map((d) => [d.day, ...actions.map((a) => d.counts[a] ?? 0)])} />
        </figure>
        <figure>
          <figcaption className="font-medium">{t(lang, 'logTopActors')}</figcaption>
          <p className="text-slate-700">{topActor ? t(lang, 'logTopSummary', { name: topActor.actor, count: topActor.count }) : t(lang, 'logNoData')}</p>
          {stats.topActors.length > 0 && (
            <div aria-hidden="true">
              <BarChart accessibilityLayer={false} width={640} height={200} data={stats.topActors} layout="vertical">
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="actor" width={140} />
                <Tooltip />
                <Bar dataKey="count" fill="#0072B2" isAnimationActive={false} />
              </BarChart>
            </div>
          )}
          <DataTable lang={lang} caption={t(lang, 'logTopActors')} head={[t(lang, 'logActor'), t(lang, 'logEvents')]} rows={stats.topActors.map((a) => [a.actor, a.count])} />
        </figure>
        <figure>
          <figcaption className="font-medium">{t(lang, 'logTopRevealed')}</figcaption>
          <p className="text-slate-700">{topRecord ? t(lang, 'logTopSummary', { name: topRecord.recordId, count: topRecord.count }) : t(lang, 'logNoData')}</p>
          {stats.topRevealed.length > 0 && (
            <div aria-hidden="true">
              <BarChart accessibilityLayer={false} width={640} height={200} data={stats.topRevealed} layout="vertical">
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="recordId" width={180} />
                <Tooltip />
                <Bar dataKey="count" fill="#D55E00" isAnimationActive={false} />
              </BarChart>
            </div>
          )}
          <DataTable lang={lang} caption={t(lang, 'logTopRevealed')} head={[t(lang, 'logRecord'), t(lang, 'logEvents')]} rows={stats.topRevealed.map((r) => [r.recordKey, r.count])} />
        </figure>
      </div>
    </section>
  );
}
