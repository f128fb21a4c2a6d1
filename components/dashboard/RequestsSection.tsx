import { useCallback, useId } from 'react';
import { errorText, t, type Lang } from '@/lib/i18n';
import type { Answers } from '@/lib/messaging/protocol';
import { send } from '@/lib/messaging/client';
import { formatDay } from '@/lib/features/badge-ui';
import { daysText, statusText } from '@/components/consent/RequestsPanel';
import { jurisdictionName, kindLabel } from '@/components/consent/labels';
import { useLoad } from './useLoad';

export interface RequestsApi {
  listRequests(): Promise<Answers['request.list']>;
}

export const browserRequestsApi: RequestsApi = { listRequests: () => send('request.list', {}) };

/** Every data-subject request, overdue first, with status, due date and days left. */
export function RequestsSection({ lang, api = browserRequestsApi }: { lang: Lang; api?: RequestsApi }) {
  const ids = useId();
  const [loaded, reload] = useLoad(useCallback(() => api.listRequests(), [api]));
  if (loaded.state === 'loading') return <p aria-live="polite">{t(lang, 'popupLoading')}</p>;
  if (loaded.state === 'error') return <p role="alert">{t(lang, 'errorGeneric', { message: errorText(lang, loaded) })}</p>;
  const { requests } = loaded.value;
  const overdue = requests.filter((r) => r.overdue).length;
  return (
    <section aria-labelledby={`${ids}-h`} className="space-y-3 rounded border border-slate-300 bg-white p-4">
      <h2 id={`${ids}-h`} className="font-semibold">{t(lang, 'dashRequests')}</h2>
      <p className="text-sm text-slate-700">{t(lang, 'dashRequestsIntro')}</p>
      {overdue > 0 && (
        <p className="font-semibold text-red-800" data-testid="requests-overdue">
          {t(lang, 'dashOverdueCount', { n: overdue })}
        </p>
      )}
      <button type="button" onClick={reload} className="rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-700">
        <span aria-hidden="true">↻</span> {t(lang, 'dashRequestsReload')}
      </button>
      {requests.length === 0 ? (
        <p>{t(lang, 'dashRequestsNone')}</p>
      ) : (
        <table className="w-full border-collapse text-sm" data-testid="requests-table">
          <caption className="sr-only">{t(lang, 'dashRequests')}</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="py-1 pr-3">{t(lang, 'dashColRecord')}</th>
              <th scope="col" className="py-1 pr-3">{t(lang, 'dashColKind')}</th>
              <th scope="col" className="py-1 pr-3">{t(lang, 'dashColJurisdiction')}</th>
              <th scope="col" className="py-1 pr-3">{t(lang, 'dashColReceived')}</th>
              <th scope="col" className="py-1 pr-3">{t(lang, 'dashColDue')}</th>
              <th scope="col" className="py-1 pr-3">{t(lang, 'dashColLeft')}</th>
              <th scope="col" className="py-1 pr-3">{t(lang, 'dashColStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id} className={`border-b border-slate-200 ${r.overdue ? 'bg-red-50' : ''}`} data-overdue={r.overdue ? 'true' : 'false'}>
                <td className="py-1 pr-3 font-mono text-xs">{`${r.crm === 'salesforce' ? 'Salesforce' : r.crm === 'hubspot' ? 'HubSpot' : r.crm} ${r.object} ${r.recordId}`}</td>
                <td className="py-1 pr-3">{kindLabel(lang, r.kind)}</td>
                <td className="py-1 pr-3">{jurisdictionName(lang, r.jurisdiction)}</td>
                <td className="py-1 pr-3">{formatDay(lang, r.receivedOn)}</td>
                <td className="py-1 pr-3">{r.dueDate ? formatDay(lang, r.dueDate) : '—'}</td>
                <td className={`py-1 pr-3 ${r.overdue ? 'font-semibold text-red-800' : ''}`}>{r.status === 'closed' ? '—' : daysText(lang, r) || '—'}</td>
                <td className="py-1 pr-3">{statusText(lang, r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
