import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { t, type Lang } from '@/lib/i18n';
import type { LogStats } from '@/lib/audit/query';
import { ACCESS_ACTIONS } from '@/lib/db/schema';
import { actionLabel } from './labels';

// Colour-blind-safe palette (Okabe–Ito), one colour per action.
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000', '#999999', '#882255', '#44AA99', '#117733', '#332288'];

// Text in the charts is read in the page's text colour (slate-900): most of the palette is too light
// for text on white (WCAG 1.4.3, 4.5:1; #E69F00 is 2.3:1). The colour stays on the legend's swatch and the bars.
const TEXT_COLOUR = '#0f172a';
const legendText = (value: string) => <span style={{ color: TEXT_COLOUR }}>{value}</span>;
const tooltipItem = { color: TEXT_COLOUR };

function DataTable({ lang, caption, head, rows }: { lang: Lang; caption: string; head: string[]; rows: (string | number)[][] }) {
  // Nothing to list: the summary above says so, and a table of headers alone reads as a broken one.
  if (rows.length === 0) return null;
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
                <Tooltip itemStyle={tooltipItem} />
                <Legend formatter={legendText} />
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
                <Tooltip itemStyle={tooltipItem} />
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
                <Tooltip itemStyle={tooltipItem} />
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
