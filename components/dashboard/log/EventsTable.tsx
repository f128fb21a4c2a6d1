import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { formatDateTime, t, type Lang } from '@/lib/i18n';
import type { AccessEvent } from '@/lib/db/schema';
import type { RowSource } from './api';
import { actionLabel, crmLabel } from './labels';

const ROW_HEIGHT = 36;
/** Rows per query as the table scrolls (the first page is loaded by the log view). */
export const PAGE = 200;
const HEIGHT = 480;

/**
 * A table that stays smooth at 100,000+ rows: only the rows in view are in the DOM (spacer rows
 * keep the scroll height), and rows arrive in pages of 200 as they scroll into view. It stays a
 * real table (aria-rowcount/aria-rowindex) so that screen readers announce the position.
 */
export function EventsTable({ lang, source, caption, testId = 'events-table' }: { lang: Lang; source: RowSource; caption: string; testId?: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<Map<number, AccessEvent[]>>(new Map());
  const loading = useRef(new Set<number>());

  useEffect(() => {
    setPages(new Map());
    loading.current = new Set();
  }, [source]);

  const virtualizer = useVirtualizer({
    count: source.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // Without layout (jsdom, a hidden tab) the box measures 0: assume its CSS height instead.
    initialRect: { width: 900, height: HEIGHT },
    observeElementRect: (instance, cb) => observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width || 900, height: HEIGHT })),
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  const current = useRef(source);
  current.current = source;
  useEffect(() => {
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) {
      if (pages.has(p) || loading.current.has(p)) continue;
      loading.current.add(p);
      const page = p;
      // A page that arrives after the filters changed belongs to the old source: dropped.
      source.load(page * PAGE, PAGE).then(
        (events) => {
          if (current.current === source) setPages((m) => new Map(m).set(page, events));
        },
        () => loading.current.delete(page),
      );
    }
  }, [first, last, pages, source]);

  const rowAt = (i: number): AccessEvent | undefined => pages.get(Math.floor(i / PAGE))?.[i % PAGE];
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  return (
    <div
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label={`${caption}. ${t(lang, 'logTableHelp')}`}
      className="mt-3 overflow-auto rounded border border-slate-300 focus:outline-none focus:ring-2 focus:ring-blue-700"
      style={{ height: `${Math.min(HEIGHT, (source.total + 1) * ROW_HEIGHT + 4)}px` }}
    >
      <table className="w-full text-left text-sm" data-testid={testId} aria-rowcount={source.total + 1}>
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-slate-100">
          <tr aria-rowindex={1}>
            <th scope="col" className="px-2 py-1">#</th>
            <th scope="col" className="px-2 py-1">{t(lang, 'dashWhen')}</th>
            <th scope="col" className="px-2 py-1">{t(lang, 'dashWhat')}</th>
            <th scope="col" className="px-2 py-1">{t(lang, 'dashWho')}</th>
            <th scope="col" className="px-2 py-1">CRM</th>
            <th scope="col" className="px-2 py-1">{t(lang, 'popupObject')}</th>
            <th scope="col" className="px-2 py-1">{t(lang, 'popupId')}</th>
            <th scope="col" className="px-2 py-1">{t(lang, 'dashDetail')}</th>
          </tr>
        </thead>
        <tbody>
          {top > 0 && <tr aria-hidden="true" style={{ height: `${top}px` }} />}
          {items.map((item) => {
            const e = rowAt(item.index);
            return (
              <tr key={item.key} aria-rowindex={item.index + 2} className="border-b border-slate-200" style={{ height: `${ROW_HEIGHT}px` }} data-seq={e?.seq}>
                {e ? (
                  <>
                    <td className="px-2 font-mono text-xs">{e.seq}</td>
                    <td className="px-2 whitespace-nowrap">{formatDateTime(lang, e.at)}</td>
                    <td className="px-2" title={e.action}>{actionLabel(lang, e.action)}</td>
                    <td className="px-2">{e.actor}</td>
                    <td className="px-2" title={e.crm}>{crmLabel(lang, e.crm)}</td>
                    <td className="px-2">{e.object}</td>
                    <td className="px-2 font-mono text-xs">{e.recordId}</td>
                    <td className="px-2">{[e.fields.join(', '), e.reason, e.detail].filter(Boolean).join(' · ')}</td>
                  </>
                ) : (
                  <td colSpan={8} className="px-2 text-slate-700">{t(lang, 'logLoadingRow')}</td>
                )}
              </tr>
            );
          })}
          {bottom > 0 && <tr aria-hidden="true" style={{ height: `${bottom}px` }} />}
        </tbody>
      </table>
    </div>
  );
}
