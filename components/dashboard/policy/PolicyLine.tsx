import { useCallback } from 'react';
import { t, type Lang } from '@/lib/i18n';
import type { PolicyStatus } from '@/lib/policy/status';
import { useLoad } from '../useLoad';
import { sourceLabel } from './labels';

/** One line for the popup: which policy is in force, from where, signed by whom, since when. */
export function PolicyLine({ lang, load }: { lang: Lang; load: () => Promise<PolicyStatus> }) {
  const [loaded] = useLoad(useCallback(() => load(), [load]));
  if (loaded.state !== 'ready') return null;
  const { active, managed } = loaded.value;
  const parts = [
    t(lang, 'polLine', { version: active.policyVersion, source: sourceLabel(lang, active.source, active.via) }),
    active.signer ? t(lang, 'polLineSigned', { signer: active.signer }) : null,
    t(lang, 'polLineEffective', { date: active.effectiveDate }),
  ].filter((p): p is string => p !== null);
  return (
    <div className="mt-3 border-t border-slate-200 pt-2 text-xs text-slate-700" data-testid="policy-line" data-source={active.source}>
      <p>{parts.join(' · ')}</p>
      {managed.locked && (
        <p data-testid="policy-lock">{managed.managedBy ? t(lang, 'polManagedBy', { who: managed.managedBy }) : t(lang, 'polManagedByUnknown')}</p>
      )}
    </div>
  );
}
