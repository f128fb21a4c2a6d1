import { formatDateTime, t, type Lang } from '@/lib/i18n';
import type { PolicyStatus } from '@/lib/policy/status';
import { sourceLabel } from './labels';

/** The policy in force: version, source, signer, dates; the managed lock and overdue approvals. */
export function StatusCard({ lang, status, headingId }: { lang: Lang; status: PolicyStatus; headingId: string }) {
  const { active, managed, overdue } = status;
  return (
    <section aria-labelledby={headingId} className="rounded border border-slate-300 bg-white p-4">
      <h2 id={headingId} className="font-semibold">{active.name}</h2>
      {managed.locked && (
        <p className="mt-2 rounded border border-blue-300 bg-blue-50 px-3 py-2 text-blue-900" data-testid="policy-lock">
          <span aria-hidden="true">🔒 </span>
          {managed.managedBy ? t(lang, 'polManagedBy', { who: managed.managedBy }) : t(lang, 'polManagedByUnknown')}
        </p>
      )}
      {managed.error && (
        <p role="alert" className="mt-2 text-red-800">{t(lang, 'polManagedError', { message: managed.error })}</p>
      )}
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1" data-testid="policy-identity" data-source={active.source}>
        <dt>{t(lang, 'dashPolicyVersion')}</dt>
        <dd>{active.policyVersion}</dd>
        <dt>{t(lang, 'dashPolicyEffective')}</dt>
        <dd>{active.effectiveDate}</dd>
        <dt>{t(lang, 'dashPolicySource')}</dt>
        <dd data-testid="policy-source">{sourceLabel(lang, active.source, active.via)}</dd>
        <dt>{t(lang, 'polSigner')}</dt>
        <dd>{active.signer ?? t(lang, 'polUnsigned')}</dd>
        <dt>{t(lang, 'dashPolicyActivated')}</dt>
        <dd>{formatDateTime(lang, active.activatedAt)}</dd>
      </dl>
      {overdue.length > 0 && (
        <div role="alert" className="mt-3 rounded border border-amber-500 bg-amber-50 p-3 text-amber-950" data-testid="policy-overdue">
          <p className="font-semibold">{t(lang, 'polOverdueTitle')}</p>
          <ul className="mt-1 list-disc pl-5">
            {overdue.map((a, i) => (
              <li key={i}>
                {t(lang, 'polOverdueItem', { crm: a.crm, org: a.org ?? a.orgPattern ?? '', region: a.region, dpa: a.dpaRef, date: a.reviewDate })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
