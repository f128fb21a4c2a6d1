import { useCallback, useId, useState } from 'react';
import { errorText, formatDateTime, t, type Lang, type MessageKey } from '@/lib/i18n';
import type { PageWarning } from '@/lib/messaging/protocol';
import type { PagesApi } from '@/entrypoints/dashboard/pages-api';
import { useLoad } from './useLoad';

const PROBLEM: Record<PageWarning['code'], MessageKey> = {
  'selector-none': 'pagesWarnSelectorNone',
  'selector-too-many': 'pagesWarnSelectorTooMany',
  'hosts-removed': 'pagesWarnHostsRemoved',
};

/**
 * Pages where a feature stood down (a policy selector matched nothing or too much, or the page
 * removed our marks), and the policy's custom domains with a button to grant each one.
 */
export function PageWarningsSection({ lang, api }: { lang: Lang; api: PagesApi }) {
  const ids = useId();
  const [warnings] = useLoad(useCallback(() => api.warnings(), [api]));
  const [domains, reloadDomains] = useLoad(useCallback(() => api.customDomains(), [api]));
  const [error, setError] = useState('');

  const grant = (host: string): void => {
    setError('');
    // Called straight from the click: the permission prompt needs the user's gesture.
    api.grant(host).then(reloadDomains, (e: unknown) => setError(errorText(lang, e)));
  };

  return (
    <div className="space-y-6 text-sm">
      <section aria-labelledby={`${ids}-w`} className="rounded border border-slate-300 bg-white p-4">
        <h2 id={`${ids}-w`} className="font-semibold">{t(lang, 'pagesWarningsTitle')}</h2>
        <p className="mt-1 text-slate-700">{t(lang, 'pagesWarningsIntro')}</p>
        {warnings.state === 'loading' && <p aria-live="polite">{t(lang, 'popupLoading')}</p>}
        {warnings.state === 'error' && <p role="alert">{t(lang, 'errorGeneric', { message: errorText(lang, warnings) })}</p>}
        {warnings.state === 'ready' && warnings.value.length === 0 && <p className="mt-2">{t(lang, 'pagesWarningsEmpty')}</p>}
        {warnings.state === 'ready' && warnings.value.length > 0 && (
          <table className="mt-2 w-full text-left" data-testid="page-warnings">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-1 pr-3">{t(lang, 'pagesWarningsHost')}</th>
                <th scope="col" className="py-1 pr-3">{t(lang, 'pagesWarningsFeature')}</th>
                <th scope="col" className="py-1 pr-3">{t(lang, 'pagesWarningsProblem')}</th>
                <th scope="col" className="py-1 pr-3">{t(lang, 'pagesWarningsWhen')}</th>
              </tr>
            </thead>
            <tbody>
              {warnings.value.map((w) => (
                <tr key={`${w.host}|${w.feature}|${w.code}`} className="border-b border-slate-200 align-top">
                  <td className="py-1 pr-3">{w.host}{w.path}</td>
                  <td className="py-1 pr-3">{w.feature}</td>
                  <td className="py-1 pr-3">
                    {t(lang, PROBLEM[w.code])}
                    <br />
                    <span className="text-slate-700">{w.detail}</span>
                  </td>
                  <td className="py-1 pr-3">{formatDateTime(lang, w.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby={`${ids}-d`} className="rounded border border-slate-300 bg-white p-4">
        <h2 id={`${ids}-d`} className="font-semibold">{t(lang, 'pagesCustomDomains')}</h2>
        <p className="mt-1 text-slate-700">{t(lang, 'pagesCustomDomainsIntro')}</p>
        {domains.state === 'error' && <p role="alert">{t(lang, 'errorGeneric', { message: errorText(lang, domains) })}</p>}
        {domains.state === 'ready' && (
          <ul className="mt-2 space-y-2">
            {domains.value.map((d) => (
              <li key={d.host} className="flex items-center gap-3">
                <span className="font-mono">{d.host}</span>
                {d.granted ? (
                  <span>{t(lang, 'pagesGranted')}</span>
                ) : (
                  <button
                    type="button"
                    onClick={() => grant(d.host)}
                    className="rounded bg-blue-800 px-3 py-1 text-white hover:bg-blue-900 focus:outline-none focus:ring-2 focus:ring-blue-700 focus:ring-offset-2"
                  >
                    {t(lang, 'pagesGrant', { host: d.host })}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {error && <p role="alert">{t(lang, 'errorGeneric', { message: error })}</p>}
      </section>
    </div>
  );
}
