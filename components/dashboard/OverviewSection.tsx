import { useCallback, useId, useState, type FormEvent } from 'react';
import { errorText, t, type Lang } from '@/lib/i18n';
import type { DashboardApi } from '@/entrypoints/dashboard/api';
import { useLoad } from './useLoad';

/** Who this browser profile is in the access log, and what the extension cannot do. */
export function OverviewSection({ lang, api }: { lang: Lang; api: Pick<DashboardApi, 'getProfile' | 'setProfile'> }) {
  const ids = useId();
  const [profile, reload] = useLoad(useCallback(() => api.getProfile(), [api]));
  const [draft, setDraft] = useState<string | null>(null);
  const [status, setStatus] = useState<{ kind: 'idle' | 'saved' } | { kind: 'error'; message: string }>({ kind: 'idle' });

  const current = profile.state === 'ready' ? profile.value : null;
  const value = draft ?? (current && !current.isDefault ? current.name : '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const name = value.trim();
    if (!name) {
      setStatus({ kind: 'error', message: t(lang, 'dashProfileEmpty') });
      return;
    }
    try {
      await api.setProfile(name);
      setDraft(null);
      setStatus({ kind: 'saved' });
      reload();
    } catch (error) {
      setStatus({ kind: 'error', message: errorText(lang, error) });
    }
  };

  return (
    <div className="space-y-6">
      <section aria-labelledby={`${ids}-p`} className="rounded border border-slate-300 bg-white p-4">
        <h2 id={`${ids}-p`} className="font-semibold">{t(lang, 'dashProfile')}</h2>
        <p className="mt-1 text-sm text-slate-700">{t(lang, 'dashProfileHelp')}</p>
        {profile.state === 'error' && <p role="alert" className="mt-2 text-red-800">{errorText(lang, profile)}</p>}
        <form onSubmit={(e) => void submit(e)} className="mt-3 flex items-end gap-3" noValidate>
          <div>
            <label htmlFor={`${ids}-name`} className="block text-sm font-medium">{t(lang, 'dashProfileName')}</label>
            <input
              id={`${ids}-name`}
              className="mt-1 w-72 rounded border border-slate-400 px-2 py-1 focus:outline-none focus:ring-2 focus:ring-blue-700"
              value={value}
              maxLength={120}
              onChange={(e) => setDraft(e.target.value)}
              aria-invalid={status.kind === 'error' ? true : undefined}
              aria-describedby={status.kind === 'error' ? `${ids}-err` : undefined}
              placeholder={current?.isDefault ? current.name : undefined}
            />
          </div>
          <button type="submit" className="rounded bg-blue-800 px-4 py-1.5 font-semibold text-white hover:bg-blue-900 focus:outline-none focus:ring-2 focus:ring-blue-700 focus:ring-offset-2">
            {t(lang, 'popupSave')}
          </button>
        </form>
        <div role="status" aria-live="polite" className="mt-2 min-h-5 text-sm">
          {status.kind === 'saved' && <span className="text-green-800">{t(lang, 'dashProfileSaved')}</span>}
        </div>
        {status.kind === 'error' && <p id={`${ids}-err`} role="alert" className="text-sm text-red-800">{status.message}</p>}
      </section>
      <section aria-labelledby={`${ids}-l`} className="rounded border border-amber-400 bg-amber-50 p-4">
        <h2 id={`${ids}-l`} className="font-semibold">{t(lang, 'dashLimitsTitle')}</h2>
        <p className="mt-1 text-sm">{t(lang, 'dashLimits')}</p>
      </section>
    </div>
  );
}
