import { useId } from 'react';
import { LAWFUL_BASES } from '@/lib/law/bases';
import { formatDay } from '@/lib/features/badge-ui';
import { isoToday } from '@/lib/law/deadlines';
import { t, type Lang } from '@/lib/i18n';
import type { PrivacyView } from '@/lib/consent/views';
import type { PurposeOption } from '@/lib/messaging/protocol';

/**
 * The record's lawful bases, one per purpose (the latest logged for each): the badge and the form
 * above show the latest one only. The reference and the note stay private: "reference on file".
 */
export function BasesList({ lang, privacy, purposes }: { lang: Lang; privacy: PrivacyView; purposes: PurposeOption[] }) {
  const ids = useId();
  const purposeLabel = (id: string) => purposes.find((p) => p.id === id)?.label[lang] ?? id;
  return (
    <section aria-labelledby={`${ids}-h`} className="space-y-2 rounded border border-slate-300 p-3">
      <h2 id={`${ids}-h`} className="font-semibold">{t(lang, 'basesTitle')}</h2>
      {privacy.bases.length === 0 ? (
        <p className="text-slate-700">{t(lang, 'basesNone')}</p>
      ) : (
        <ul className="space-y-1" data-testid="bases">
          {privacy.bases.map((b) => (
            <li key={b.purposeId}>
              {t(lang, b.reference ? 'basesLineRef' : 'basesLine', {
                purpose: purposeLabel(b.purposeId),
                letter: b.basis,
                basis: LAWFUL_BASES[b.basis].short[lang],
                date: formatDay(lang, isoToday(b.at)), // the day it was logged, in local time
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
