import { useCallback, useEffect, useMemo, useState } from 'react';
import { errorInfo, errorText, formatDateTime, t, type ErrorInfo, type Lang } from '@/lib/i18n';
import type { LogFilter } from '@/lib/audit/query';
import type { AccessEvent } from '@/lib/db/schema';
import { useLoad } from '../useLoad';
import type { LogApi, RowSource } from './api';
import { Anomalies } from './Anomalies';
import { Charts } from './Charts';
import { EventsTable, PAGE } from './EventsTable';
import { ExportImport, type ImportedBundle } from './ExportImport';
import { Filters } from './Filters';
import { Integrity } from './Integrity';

const DAY = 86_400_000;
const button = 'rounded border border-slate-400 px-3 py-1 hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-700';

/** The table's rows: the first page already loaded is served from memory, the rest asked for as it scrolls. */
function localSource(api: LogApi, filter: LogFilter, total: number, first: AccessEvent[]): RowSource {
  return {
    key: JSON.stringify(filter),
    total,
    load: async (offset, limit) => (offset === 0 && limit === PAGE ? first : (await api.query(filter, offset, limit)).events),
  };
}

/**
 * The first page and the total of the current filters: the page is read from one index range
 * (fast at any size), the count walks the whole range (benchmark #5), so the table shows first and
 * the total follows (not asked when the first page is short: its length is the total). Both belong
 * to one filter and one refresh.
 */
type Listing = { first?: AccessEvent[]; total?: number; error?: ErrorInfo };

function useListing(api: LogApi, filter: LogFilter): [Listing, () => void] {
  const [listing, setListing] = useState<Listing>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setListing({});
    const fail = (error: unknown) => live && setListing((l) => ({ ...l, error: errorInfo(error) }));
    // The count is asked once the page is there: it would otherwise compete with the page's reads.
    api
      .query(filter, 0, PAGE)
      .then((page) => {
        if (live) setListing((l) => ({ ...l, first: page.events }));
        return live && page.events.length === PAGE ? api.count(filter) : undefined;
      })
      .then((counted) => live && counted && setListing((l) => ({ ...l, total: counted.total })), fail);
    return () => {
      live = false;
    };
  }, [api, filter, tick]);
  return [listing, useCallback(() => setTick((n) => n + 1), [])];
}

/** The manager's view of the access log: integrity, filters and table, charts, anomalies, export and import. */
export function LogSection({ lang, api }: { lang: Lang; api: LogApi }) {
  const [filter, setFilter] = useState<LogFilter>({});
  // The Record filter reads pasted addresses with the policy's sites (asked once, by the filters).
  const loadSites = useMemo(() => (api.sites ? () => api.sites!() : undefined), [api]);
  const [imported, setImported] = useState<ImportedBundle | null>(null);
  // No count of the rows (0.1-0.6 s at 100,000 events, and log.count counts them for the table anyway):
  // the view needs the head, the checkpoint and what the chain should hold.
  const [chainLoaded, reloadChain] = useLoad(useCallback(() => api.chain({ count: false }), [api]));
  const [listing, reloadCount] = useListing(api, filter);
  const [statsLoaded] = useLoad(
    useCallback(() => {
      const now = api.now();
      return api.stats(now - 30 * DAY, now);
    }, [api]),
  );
  const first = listing.first;
  // A first page shorter than a page is the whole answer: its length is the total already.
  const total = listing.total ?? (first && first.length < PAGE ? first.length : undefined);
  const rows = total ?? first?.length ?? 0;
  const source = useMemo(() => localSource(api, filter, rows, first ?? []), [api, filter, rows, first]);
  const importedSource = useMemo<RowSource | null>(() => {
    if (!imported) return null;
    const newestFirst = [...imported.events].reverse();
    return { key: 'imported', total: newestFirst.length, load: async (offset, limit) => newestFirst.slice(offset, offset + limit) };
  }, [imported]);

  if (chainLoaded.state === 'loading') return <p aria-live="polite">{t(lang, 'popupLoading')}</p>;
  if (chainLoaded.state === 'error') return <p role="alert">{t(lang, 'logErrorLoad', { message: errorText(lang, chainLoaded) })}</p>;
  const chain = chainLoaded.value;
  const isFiltered = Object.keys(filter).length > 0;

  return (
    <div className="space-y-4">
      {chain.storageProblem !== null && (
        <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-sm text-red-900" data-testid="storage-problem">
          {t(lang, 'logStorageProblem', { when: formatDateTime(lang, chain.storageProblem) })}
        </p>
      )}
      <Integrity lang={lang} api={api} chain={chain} onVerified={reloadChain} />
      {imported && importedSource && (
        <section aria-labelledby="log-imported" className="rounded border-2 border-dashed border-purple-800 bg-purple-50 p-4 text-sm" data-testid="imported-bundle">
          <h2 id="log-imported" className="font-semibold text-purple-900">
            {t(lang, 'logImportedTitle', { actor: imported.header.origin.actor, when: formatDateTime(lang, imported.header.exportedAt) })}
          </h2>
          <p>{t(lang, 'logImportedMeta', { count: imported.events.length, version: imported.header.origin.extensionVersion })}</p>
          <EventsTable lang={lang} source={importedSource} caption={t(lang, 'logImportedTitle', { actor: imported.header.origin.actor, when: formatDateTime(lang, imported.header.exportedAt) })} testId="imported-table" />
          <button type="button" className={`${button} mt-2`} onClick={() => setImported(null)}>
            {t(lang, 'logImportClose')}
          </button>
        </section>
      )}
      <section aria-labelledby="log-events" className="rounded border border-slate-300 bg-white p-4 text-sm">
        <div className="flex items-center justify-between">
          <h2 id="log-events" className="font-semibold">{t(lang, 'logTable')}</h2>
          <button
            type="button"
            className={button}
            onClick={() => {
              reloadChain();
              reloadCount();
            }}
          >
            {t(lang, 'dashRefresh')}
          </button>
        </div>
        <div className="mt-3">
          <Filters lang={lang} value={filter} onChange={setFilter} {...(loadSites ? { loadSites } : {})} />
        </div>
        {listing.error !== undefined ? (
          <p role="alert" className="mt-3">{t(lang, 'logErrorLoad', { message: errorText(lang, listing.error) })}</p>
        ) : first === undefined ? (
          <p aria-live="polite" className="mt-3">{t(lang, 'popupLoading')}</p>
        ) : (
          <>
            <p role="status" className="mt-3" data-testid="log-count">
              {total === undefined ? t(lang, 'logCounting', { shown: first.length }) : t(lang, total === 1 ? 'logCountOne' : 'logCount', { total })}
            </p>
            {rows === 0 ? (
              <p className="mt-2">{t(lang, isFiltered ? 'logEmpty' : 'logEmptyAll')}</p>
            ) : (
              <EventsTable key={source.key} lang={lang} source={source} caption={t(lang, 'logTable')} />
            )}
          </>
        )}
      </section>
      <ExportImport lang={lang} api={api} onImported={setImported} />
      {statsLoaded.state === 'ready' && (
        <>
          <Anomalies
            lang={lang}
            anomalies={statsLoaded.value.anomalies}
            onShow={(a) => setFilter({ actor: a.actor, action: a.kind === 'view-burst' ? 'view' : 'reveal', from: a.from, to: a.to })}
          />
          <Charts lang={lang} stats={statsLoaded.value} />
        </>
      )}
      {statsLoaded.state === 'error' && <p role="alert">{t(lang, 'logErrorLoad', { message: errorText(lang, statsLoaded) })}</p>}
    </div>
  );
}
