import { useCallback, useId, useState } from 'react';
import { CATEGORIES, isCategoryId } from '@/lib/law/categories';
import { LAWFUL_BASES } from '@/lib/law/bases';
import { errorInfo, errorText, t, type Lang } from '@/lib/i18n';
import type { Policy } from '@/lib/policy/schema';
import type { DashboardApi } from '@/entrypoints/dashboard/api';
import type { PolicyApi } from './policy/api';
import { Editor } from './policy/Editor';
import { History } from './policy/History';
import { ACTION_LABELS } from './policy/labels';
import { Signing } from './policy/Signing';
import { StatusCard } from './policy/StatusCard';
import { UrlSource } from './policy/UrlSource';
import { useLoad } from './useLoad';

/** The policy in force, read-only: purposes, masked categories, retention rules. */
function PolicySummary({ lang, policy }: { lang: Lang; policy: Policy }) {
  const ids = useId();
  const categories = [...new Set(policy.masking.rules.flatMap((r) => r.match.categories ?? []))];
  return (
    <>
      <section aria-labelledby={`${ids}-pu`} className="rounded border border-slate-300 bg-white p-4">
        <h2 id={`${ids}-pu`} className="font-semibold">{t(lang, 'dashPolicyPurposes')}</h2>
        <ul className="mt-2 list-disc pl-5">
          {policy.purposes.map((p) => (
            <li key={p.id}>
              {p.label[lang]}
              {p.defaultBasis ? ` — (${p.defaultBasis}) ${LAWFUL_BASES[p.defaultBasis].short[lang]}` : ''}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby={`${ids}-m`} className="rounded border border-slate-300 bg-white p-4">
        <h2 id={`${ids}-m`} className="font-semibold">{t(lang, 'dashPolicyMasked')}</h2>
        <ul className="mt-2 list-disc pl-5">
          {categories.map((c) => (
            <li key={c}>{isCategoryId(c) ? CATEGORIES[c].name[lang] : c}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby={`${ids}-r`} className="rounded border border-slate-300 bg-white p-4">
        <h2 id={`${ids}-r`} className="font-semibold">{t(lang, 'dashPolicyRetention')}</h2>
        <table className="mt-2 w-full text-left">
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-1 pr-3">{t(lang, 'dashRule')}</th>
              <th scope="col" className="py-1 pr-3">{t(lang, 'dashPeriod')}</th>
              <th scope="col" className="py-1 pr-3">{t(lang, 'dashAction')}</th>
              <th scope="col" className="py-1">{t(lang, 'dashLegalRef')}</th>
            </tr>
          </thead>
          <tbody>
            {policy.retention.map((r) => (
              <tr key={r.id} className="border-b border-slate-200 align-top">
                <td className="py-1 pr-3">{r.label[lang]}</td>
                <td className="py-1 pr-3">
                  {r.maxAgeMonths !== undefined ? t(lang, 'dashMonths', { n: r.maxAgeMonths }) : t(lang, 'dashDays', { n: r.maxAgeDays ?? 0 })}
                </td>
                <td className="py-1 pr-3" title={r.action}>{t(lang, ACTION_LABELS[r.action])}</td>
                <td className="py-1">{r.legalRef}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

/**
 * The compliance lead's policy view: what is in force and from where (the managed lock), the
 * editor with diff-before-apply and import, version history with rollback, export, the signed
 * URL source and signing for publishing.
 */
export function PolicySection({ lang, api, policyApi }: { lang: Lang; api: Pick<DashboardApi, 'activePolicy'>; policyApi?: PolicyApi }) {
  const ids = useId();
  const load = useCallback(async () => {
    const active = await api.activePolicy();
    if (!policyApi) return { active, status: null, history: [], deployError: null };
    try {
      const [status, history] = await Promise.all([policyApi.status(), policyApi.history()]);
      return { active, status, history, deployError: null };
    } catch (error) {
      // The policy in force still shows; the deployment parts say why they are missing.
      return { active, status: null, history: [], deployError: errorInfo(error) };
    }
  }, [api, policyApi]);
  const [loaded, reload] = useLoad(load);
  const [notice, setNotice] = useState<string | null>(null);
  const [signText, setSignText] = useState<string | null>(null);

  if (loaded.state === 'loading') return <p aria-live="polite">{t(lang, 'popupLoading')}</p>;
  if (loaded.state === 'error') return <p role="alert">{t(lang, 'errorGeneric', { message: errorText(lang, loaded) })}</p>;
  const { active, status, history, deployError } = loaded.value;
  const policy = active.policy;
  const locked = status?.managed.locked ?? false;
  const applied = (version: string) => {
    setNotice(t(lang, 'polApplied', { version }));
    setSignText(null);
    reload();
  };

  return (
    <div className="space-y-6 text-sm">
      {status ? (
        <StatusCard lang={lang} status={status} headingId={`${ids}-id`} />
      ) : (
        <section aria-labelledby={`${ids}-id`} className="rounded border border-slate-300 bg-white p-4">
          <h2 id={`${ids}-id`} className="font-semibold">{policy.name}</h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1" data-testid="policy-identity">
            <dt>{t(lang, 'dashPolicyVersion')}</dt>
            <dd>{policy.policyVersion}</dd>
            <dt>{t(lang, 'dashPolicyEffective')}</dt>
            <dd>{policy.effectiveDate}</dd>
            <dt>{t(lang, 'dashPolicySource')}</dt>
            <dd>{active.source}</dd>
          </dl>
        </section>
      )}
      {deployError && <p role="alert" className="text-red-800">{t(lang, 'errorGeneric', { message: errorText(lang, deployError) })}</p>}
      <div role="status" aria-live="polite" className="min-h-5 text-green-800" data-testid="policy-notice">{notice}</div>
      {policyApi && (
        <div className="flex gap-3">
          <button
            type="button"
            className="rounded border border-slate-500 bg-white px-3 py-1.5 font-semibold hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-700"
            onClick={() => policyApi.download(`policy-${policy.policyVersion}.json`, JSON.stringify(policy, null, 2))}
          >
            {t(lang, 'polExport')}
          </button>
        </div>
      )}
      <PolicySummary lang={lang} policy={policy} />
      {policyApi && status && (
        <>
          <Editor
            // A fresh editor (the text of the new policy) whenever the policy in force changes.
            key={status.active.id}
            lang={lang}
            active={policy}
            predecessor={active.source === 'import' ? policy : undefined}
            locked={locked}
            apply={(text, via) => policyApi.apply(text, via)}
            onApplied={applied}
            onTextChange={setSignText}
          />
          <History lang={lang} entries={history} active={policy} locked={locked} api={policyApi} onApplied={applied} />
          <UrlSource lang={lang} status={status} api={policyApi} onChanged={reload} />
          <Signing lang={lang} text={signText ?? JSON.stringify(policy, null, 2)} version={policy.policyVersion} api={policyApi} />
        </>
      )}
    </div>
  );
}
