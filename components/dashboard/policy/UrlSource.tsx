import { useId, useRef, useState, type FormEvent } from 'react';
import { errorText, formatDateTime, t, type Lang } from '@/lib/i18n';
import { importPublicKey } from '@/lib/policy/signing';
import type { PolicyStatus } from '@/lib/policy/status';
import type { PolicyApi } from './api';

type FieldProblem = string | null;

/** The bundle's address as sent (normalised), or what is wrong with it and what to enter. */
export function checkBundleUrl(lang: Lang, raw: string): { ok: true; url: string } | { ok: false; message: string } {
  const value = raw.trim();
  if (!value) return { ok: false, message: t(lang, 'polUrlMissing') };
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return { ok: false, message: t(lang, 'polUrlNoScheme', { value }) };
  }
  // "example.com:443/p.json" parses with the scheme "example.com:": no "//", not a web address.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || !parsed.hostname) return { ok: false, message: t(lang, 'polUrlNoScheme', { value }) };
  if (parsed.protocol !== 'https:') return { ok: false, message: t(lang, 'polUrlNotHttps', { scheme: parsed.protocol }) };
  if (parsed.href.length > 2048) return { ok: false, message: t(lang, 'polUrlTooLong') };
  return { ok: true, url: parsed.href };
}

/**
 * The public key as sent: base64 SPKI on one line. A PEM "PUBLIC KEY" block and line breaks are
 * accepted and reduced to it; anything that is not a P-256 public key says what to paste instead.
 */
export async function checkPublicKey(lang: Lang, raw: string): Promise<{ ok: true; key: string } | { ok: false; message: string }> {
  const sign = t(lang, 'polSignTitle');
  const key = raw.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  if (!key) return { ok: false, message: t(lang, 'polKeyMissing', { sign }) };
  if (key.length < 40 || key.length > 1000 || !(await importPublicKey(key))) return { ok: false, message: t(lang, 'polKeyInvalid', { sign }) };
  return { ok: true, key };
}

/** A refusal of the background in words: a malformed request (no catalogue key) says what to check, never the protocol's text. */
function refusalText(lang: Lang, error: unknown): string {
  const e = error as { code?: unknown; key?: unknown } | null;
  if (e && typeof e === 'object' && e.code === 'bad-request' && typeof e.key !== 'string') return t(lang, 'polUrlRefusedForm');
  return errorText(lang, error);
}

/** Where the signed bundle comes from, and how the last fetch went. */
export function UrlSource({ lang, status, api, onChanged }: { lang: Lang; status: PolicyStatus; api: Pick<PolicyApi, 'setUrl' | 'clearUrl' | 'refresh' | 'requestHost'>; onChanged: () => void }) {
  const ids = useId();
  const url = status.url;
  const managedUrl = url?.managed === true;
  const [draftUrl, setDraftUrl] = useState(url?.url ?? '');
  const [draftKey, setDraftKey] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [urlProblem, setUrlProblem] = useState<FieldProblem>(null);
  const [keyProblem, setKeyProblem] = useState<FieldProblem>(null);
  const urlInput = useRef<HTMLInputElement>(null);
  const keyInput = useRef<HTMLTextAreaElement>(null);
  const disabled = managedUrl || status.managed.locked;

  const run = async (work: () => Promise<unknown>) => {
    setMessage(null);
    try {
      await work();
      onChanged();
    } catch (e) {
      setMessage(refusalText(lang, e));
    }
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    void (async () => {
      // Checked here, before anything is asked of the browser or the background: each field says what to enter.
      const url = checkBundleUrl(lang, draftUrl);
      const key = await checkPublicKey(lang, draftKey);
      setUrlProblem(url.ok ? null : url.message);
      setKeyProblem(key.ok ? null : key.message);
      if (!url.ok) return urlInput.current?.focus();
      if (!key.ok) return keyInput.current?.focus();
      await run(async () => {
        const origin = new URL(url.url).origin;
        // On the lead's click (a user gesture): the host of the bundle only.
        const granted = await api.requestHost(origin);
        await api.setUrl(url.url, key.key);
        if (!granted) setMessage(t(lang, 'polUrlPermission', { origin }));
      });
    })();
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
            <input
              id={`${ids}-u`}
              ref={urlInput}
              type="url"
              className="mt-1 w-full rounded border border-slate-400 px-2 py-1 aria-[invalid=true]:border-red-700"
              value={draftUrl}
              readOnly={disabled}
              aria-invalid={urlProblem ? true : undefined}
              aria-describedby={urlProblem ? `${ids}-ue` : undefined}
              onChange={(e) => setDraftUrl(e.target.value)}
            />
            {urlProblem && <p id={`${ids}-ue`} className="mt-1 text-red-800" data-testid="policy-url-error">{urlProblem}</p>}
          </div>
          <div>
            <label htmlFor={`${ids}-k`} className="block font-medium">{t(lang, 'polUrlKey')}</label>
            <textarea
              id={`${ids}-k`}
              ref={keyInput}
              rows={2}
              className="mt-1 w-full rounded border border-slate-400 px-2 py-1 font-mono text-xs aria-[invalid=true]:border-red-700"
              value={draftKey}
              readOnly={disabled}
              aria-invalid={keyProblem ? true : undefined}
              aria-describedby={keyProblem ? `${ids}-ke` : undefined}
              onChange={(e) => setDraftKey(e.target.value)}
            />
            {keyProblem && <p id={`${ids}-ke`} className="mt-1 text-red-800" data-testid="policy-key-error">{keyProblem}</p>}
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
