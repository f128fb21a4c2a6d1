import { useCallback, useId } from 'react';
import { CATEGORIES, isCategoryId } from '@/lib/law/categories';
import { LAWFUL_BASES } from '@/lib/law/bases';
import { formatDateTime, t, type Lang } from '@/lib/i18n';
import type { DashboardApi } from '@/entrypoints/dashboard/api';
import { useLoad } from './useLoad';

/** The policy in force, read-only: what a compliance lead and a rep need to know of it. */
export function PolicySection({ lang, api }: { lang: Lang; api: Pick<DashboardApi, 'activePolicy'> }) {
  const ids = useId();
  const [loaded] = useLoad(useCallback(() => api.activePolicy(), [api]));
  if (loaded.state === 'loading') return <p aria-live="polite">{t(lang, 'popupLoading')}</p>;
  if (loaded.state === 'error') return <p role="alert">{t(lang, 'errorGeneric', { message: loaded.message })}</p>;
  const { policy, source, activatedAt } = loaded.value;
  const categories = [...new Set(policy.masking.rules.flatMap((r) => r.match.categories ?? []))];

  return (
    <div className="space-y-6 text-sm">
      <section aria-labelledby={`${ids}-id`} className="rounded border border-slate-300 bg-white p-4">
        <h2 id={`${ids}-id`} className="font-semibold">{policy.name}</h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1" data-testid="policy-identity">
          <dt>{t(lang, 'dashPolicyVersion')}</dt>
          <dd>{policy.policyVersion}</dd>
          <dt>{t(lang, 'dashPolicyEffective')}</dt>
          <dd>{policy.effectiveDate}</dd>
          <dt>{t(lang, 'dashPolicySource')}</dt>
          <dd>{source}</dd>
          <dt>{t(lang, 'dashPolicyActivated')}</dt>
          <dd>{formatDateTime(lang, activatedAt)}</dd>
          <dt>{t(lang, 'dashPolicyLogRetention')}</dt>
          <dd>{t(lang, 'dashDays', { n: policy.logRetentionDays })}</dd>
        </dl>
      </section>
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
                <td className="py-1 pr-3">{r.action}</td>
                <td className="py-1">{r.legalRef}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
