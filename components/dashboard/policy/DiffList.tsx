import { t, type Lang } from '@/lib/i18n';
import type { DiffItem } from '@/lib/policy/diff';
import { diffLabel, diffTone } from './labels';

const TONE = { add: 'text-amber-900', remove: 'text-red-800', change: 'text-slate-800' } as const;
const MARK = { add: '+', remove: '−', change: '~' } as const;

/** The changes a policy brings, in words; the first thing a lead sees before applying. */
export function DiffList({ lang, items }: { lang: Lang; items: DiffItem[] }) {
  if (items.length === 0) return <p data-testid="policy-diff">{t(lang, 'polDiffNone')}</p>;
  return (
    <ul className="space-y-1" data-testid="policy-diff">
      {items.map((item, i) => {
        const tone = diffTone(item);
        return (
          <li key={i} className={TONE[tone]} data-kind={item.kind}>
            <span aria-hidden="true" className="mr-2 font-mono">{MARK[tone]}</span>
            {diffLabel(lang, item)}
          </li>
        );
      })}
    </ul>
  );
}
