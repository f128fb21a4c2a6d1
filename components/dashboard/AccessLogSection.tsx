import { useCallback, useId } from 'react';
import { formatDateTime, t, type Lang } from '@/lib/i18n';
import type { DashboardApi } from '@/entrypoints/dashboard/api';
import { useLoad } from './useLoad';

const LIMIT = 100;

/** The latest access events. The full manager's view (filters, verify, export) is its own issue. */
export function AccessLogSection({ lang, api }: { lang: Lang; api: Pick<DashboardApi, 'recentEvents'> }) {
  const ids = useId();
  const [loaded, reload] = useLoad(useCallback(() => api.recentEvents(LIMIT), [api]));
  if (loaded.state === 'loading') return <p aria-live="polite">{t(lang, 'popupLoading')}</p>;
  if (loaded.state === 'error') return <p role="alert">{t(lang, 'errorGeneric', { message: loaded.message })}</p>;
  const { events, total } = loaded.value;

  return (
    <section aria-labelledby={`${ids}-t`} className="rounded border border-slate-300 bg-white p-4 text-sm">
      <div className="flex items-center justify-between">
        <h2 id={`${ids}-t`} className="font-semibold">{t(lang, 'dashLogLatest', { shown: events.length, total })}</h2>
        <button type="button" onClick={reload} className="rounded border border-slate-400 px-3 py-1 hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-700">
          {t(lang, 'dashRefresh')}
        </button>
      </div>
      {events.length === 0 ? (
        <p className="mt-3">{t(lang, 'dashLogEmpty')}</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left" data-testid="events-table">
            <caption className="sr-only">{t(lang, 'dashLog')}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-1 pr-3">{t(lang, 'dashWhen')}</th>
                <th scope="col" className="py-1 pr-3">{t(lang, 'dashWhat')}</th>
                <th scope="col" className="py-1 pr-3">{t(lang, 'dashWho')}</th>
                <th scope="col" className="py-1 pr-3">CRM</th>
                <th scope="col" className="py-1 pr-3">{t(lang, 'popupObject')}</th>
                <th scope="col" className="py-1 pr-3">{t(lang, 'popupId')}</th>
                <th scope="col" className="py-1">{t(lang, 'dashDetail')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.seq} className="border-b border-slate-200">
                  <td className="py-1 pr-3 whitespace-nowrap">{formatDateTime(lang, e.at)}</td>
                  <td className="py-1 pr-3">{e.action}</td>
                  <td className="py-1 pr-3">{e.actor}</td>
                  <td className="py-1 pr-3">{e.crm}</td>
                  <td className="py-1 pr-3">{e.object}</td>
                  <td className="py-1 pr-3 font-mono text-xs">{e.recordId}</td>
                  <td className="py-1">{[e.fields.join(', '), e.reason, e.detail].filter(Boolean).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
