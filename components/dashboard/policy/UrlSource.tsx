import { useId, useState, type FormEvent } from 'react';
import { errorText, formatDateTime, t, type Lang } from '@/lib/i18n';
import type { PolicyStatus } from '@/lib/policy/status';
import type { PolicyApi } from './api';

/** Where the signed bundle comes from, and how the last fetch went. */
export function UrlSource({ lang, status, api, onChanged }: { lang: Lang; status: PolicyStatus; api: Pick<PolicyApi, 'setUrl' | 'clearUrl' | 'refresh' | 'requestHost'>; onChanged: () => void }) {
  const ids = useId();
  const url = status.url;
  const managedUrl = url?.managed === true;
  const [draftUrl, setDraftUrl] = useState(url?.url ?? '');
  const [draftKey, setDraftKey] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const disabled = managedUrl || status.managed.locked;

  const run = async (work: () => Promise<unknown>) => {
    setMessage(null);
    try {
      await work();
      onChanged();
    } catch (e) {
      setMessage(errorText(lang, e));
    }
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      let origin = '';
      try {
        origin = new URL(draftUrl).origin;
      } catch {
        throw new Error(t(lang, 'polUrlLabel'));
      }
      // On the lead's click (a user gesture): the host of the bundle only.
      if (!(await api.requestHost(origin))) setMessage(t(lang, 'polUrlPermission', { origin }));
      await api.setUrl(draftUrl.trim(), draftKey.trim());
    });
  };
  const outcome = url?.lastOutcome === 'updated' ? 'polUrlUpdated' : url?.lastOutcome === 'unchanged' ? 'polUrlUnchanged' : 'polUrlFailed';

  return (
    <section aria-labelledby={`${ids}-h`} className="rounded border border-slate-300 bg-white p-4 text-sm">
      <h2 id={`${ids}-h`} className="font-semibold">{t(lang, 'polUrlTitle')}</h2>
      <p className="mt-1 text-slate-700">{t(lang, 'polUrlHelp', { minutes: url?.refreshMinutes ?? 60 })}</p>
      {url && (
        <div className="mt-2" data-testid="policy-url-status">
          <p>
            <code>{url.url}</code> · {t(lang, 'polSignKeyId', { id: url.keyId })}
          </p>
          <p>{url.lastFetchAt !== undefined ? t(lang, 'polUrlLast', { when: formatDateTime(lang, url.lastFetchAt), outcome: t(lang, outcome) }) : t(lang, 'polUrlNever')}</p>
          {url.lastError && (
            <p role="alert" className="text-red-800">
              {errorText(lang, { message: url.lastError, ...(url.lastErrorKey ? { key: url.lastErrorKey, params: url.lastErrorParams ?? {} } : {}) })}{' '}
              {t(lang, 'polUrlKeepsLast')}
            </p>
          )}
          <button type="button" className="mt-2 rounded border border-slate-500 px-3 py-1" onClick={() => void run(() => api.refresh())}>
            {t(lang, 'polUrlRefresh')}
          </button>
        </div>
      )}
      {managedUrl ? (
        <p className="mt-2 text-blue-900">{t(lang, 'polUrlManaged')}</p>
      ) : (
        <form className="mt-3 space-y-2" onSubmit={save} noValidate>
          <div>
            <label htmlFor={`${ids}-u`} className="block font-medium">{t(lang, 'polUrlLabel')}</label>
            <input id={`${ids}-u`} type="url" className="mt-1 w-full rounded border border-slate-400 px-2 py-1" value={draftUrl} readOnly={disabled} onChange={(e) => setDraftUrl(e.target.value)} />
          </div>
          <div>
            <label htmlFor={`${ids}-k`} className="block font-medium">{t(lang, 'polUrlKey')}</label>
            <textarea id={`${ids}-k`} rows={2} className="mt-1 w-full rounded border border-slate-400 px-2 py-1 font-mono text-xs" value={draftKey} readOnly={disabled} onChange={(e) => setDraftKey(e.target.value)} />
          </div>
          <div className="flex gap-3">
            <button type="submit" disabled={disabled} className="rounded bg-blue-800 px-3 py-1.5 font-semibold text-white disabled:opacity-50">{t(lang, 'polUrlSave')}</button>
            {url && (
              <button type="button" disabled={disabled} className="rounded border border-slate-500 px-3 py-1.5 disabled:opacity-50" onClick={() => void run(() => api.clearUrl())}>
                {t(lang, 'polUrlClear')}
              </button>
            )}
          </div>
        </form>
      )}
      {message && <p role="alert" className="mt-2 text-red-800">{message}</p>}
    </section>
  );
}
