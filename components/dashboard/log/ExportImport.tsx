import { useId, useRef, useState } from 'react';
import { errorText, formatDateTime, t, type Lang } from '@/lib/i18n';
import { csvHeader, csvRows } from '@/lib/audit/csv';
import { BUNDLE_END, BUNDLE_FORMAT, BUNDLE_VERSION, bundleEvents, bundleStart, MAX_BUNDLE_BYTES, tooBig, verifyBundle, type BundleResult } from '@/lib/audit/bundle';
import type { LastVerified } from '@/lib/messaging/protocol';
import type { LogApi } from './api';
import { problemText } from './Integrity';

const button = 'rounded border border-slate-400 px-3 py-1 hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-700';
const BATCH = 1000;

type Busy = { kind: 'export' | 'import'; done: number; total: number };
export type ImportedBundle = Extract<BundleResult, { ok: true }>;

function stamp(at: number): string {
  return new Date(at).toISOString().replace(/[:.]/g, '-');
}

/**
 * A log verified intact whose head has moved on since: the events appended after the verified head
 * are in the file but were never checked. A result stored before the head was recorded cannot say
 * how many: the reader is told to verify anew all the same.
 */
function sinceVerified(lang: Lang, last: LastVerified, headSeq: number): { text: string; alert: boolean } | undefined {
  const when = formatDateTime(lang, last.at);
  if (last.headSeq === undefined) return { text: t(lang, 'logExportedVerifiedExtentUnknown', { when }), alert: false };
  const added = headSeq - last.headSeq;
  if (added <= 0) return undefined;
  return { text: t(lang, added === 1 ? 'logExportedAddedSinceOne' : 'logExportedAddedSince', { count: added, when }), alert: false };
}

/**
 * Export (CSV, JSON evidence bundle) and import of a colleague's bundle. Exports are written in
 * batches into Blob parts (the browser may keep large blobs on disk), only handed over when
 * complete, and logged as `log-exported` then; a cancelled export leaves no file and no event.
 */
export function ExportImport({ lang, api, onImported }: { lang: Lang; api: LogApi; onImported: (b: ImportedBundle) => void }) {
  const id = useId();
  const [busy, setBusy] = useState<Busy | null>(null);
  // `warning`: what the user must know about an export that did complete (the log did not verify, never was, or has grown since).
  const [message, setMessage] = useState<{ text: string; error: boolean; warning?: { text: string; alert: boolean } } | null>(null);
  const controller = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const run = async (kind: Busy['kind'], work: (signal: AbortSignal) => Promise<void>) => {
    const abort = new AbortController();
    controller.current = abort;
    setMessage(null);
    setBusy({ kind, done: 0, total: 0 });
    try {
      await work(abort.signal);
    } catch (error) {
      setMessage({ text: t(lang, 'logErrorLoad', { message: errorText(lang, error) }), error: true });
    } finally {
      setBusy(null);
      controller.current = null;
    }
  };

  const exportLog = (format: 'csv' | 'json') =>
    run('export', async (signal) => {
      const chain = await api.chain();
      const total = chain.total;
      const parts: Blob[] = [];
      if (format === 'csv') parts.push(new Blob([csvHeader()]));
      else {
        parts.push(
          new Blob([
            bundleStart({
              format: BUNDLE_FORMAT,
              version: BUNDLE_VERSION,
              exportedAt: api.now(),
              origin: { actor: chain.actor, extensionVersion: chain.extensionVersion },
              checkpoint: chain.checkpoint,
              head: chain.head,
              count: total,
            }),
          ]),
        );
      }
      let done = 0;
      // Only up to the head read at the start: events logged meanwhile belong to the next export.
      // The next batch is asked for while this one is written (one batch ahead, never more).
      const ask = (after: number) => {
        const p = api.page(after, BATCH, chain.head.seq);
        p.catch(() => undefined); // a batch left unread when the export stops early
        return p;
      };
      let next = ask(chain.checkpoint?.lastSeq ?? 0);
      for (;;) {
        if (signal.aborted) {
          setMessage({ text: t(lang, 'logCancelled'), error: false });
          return;
        }
        const { events } = await next;
        if (events.length === 0) break;
        const last = events[events.length - 1]?.seq;
        next = last !== undefined && events.length === BATCH ? ask(last) : Promise.resolve({ events: [] });
        parts.push(new Blob([format === 'csv' ? csvRows(events) : bundleEvents(events, done === 0)]));
        done += events.length;
        setBusy({ kind: 'export', done, total });
      }
      if (format === 'json') parts.push(new Blob([BUNDLE_END]));
      if (done !== total) throw new Error(`The log changed during the export (${done} of ${total} events read). Export again.`);
      const name = `access-log-${stamp(api.now())}.${format === 'csv' ? 'csv' : 'json'}`;
      api.save(new Blob(parts, { type: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json' }), name);
      await api.exported(format, done, chain.head.hash);
      // The file is exported whatever the verification said (it is evidence), but its reader must know.
      const last = chain.lastVerified;
      const warning =
        last === null
          ? { text: t(lang, 'logExportedUnverified'), alert: false }
          : !last.ok
            ? { text: t(lang, 'logExportedBroken', { when: formatDateTime(lang, last.at), problem: problemText(lang, last) }), alert: true }
            : sinceVerified(lang, last, chain.head.seq);
      setMessage({ text: t(lang, done === 1 ? 'logExportedOne' : 'logExported', { count: done, file: name }), error: false, ...(warning ? { warning } : {}) });
    });

  const importFile = (file: File) =>
    run('import', async (signal) => {
      const refuse = (reason: string) => setMessage({ text: t(lang, 'logImportRefused', { reason }), error: true });
      if (file.size > MAX_BUNDLE_BYTES) {
        refuse(errorText(lang, tooBig(file.size)));
        return;
      }
      const text = await file.text();
      const result = await verifyBundle(text, { signal, onProgress: (done, total) => setBusy({ kind: 'import', done, total }) });
      if (result.ok) onImported(result);
      else if (result.check === 'cancelled') setMessage({ text: t(lang, 'logCancelled'), error: false });
      else refuse(errorText(lang, result));
    }).finally(() => {
      if (fileInput.current) fileInput.current.value = '';
    });

  return (
    <section aria-labelledby={`${id}-t`} className="rounded border border-slate-300 bg-white p-4 text-sm" data-testid="log-export">
      <h2 id={`${id}-t`} className="font-semibold">{t(lang, 'logExport')}</h2>
      <div className="mt-2 flex flex-wrap gap-2">
        <button type="button" className={button} disabled={busy !== null} onClick={() => void exportLog('csv')}>
          {t(lang, 'logExportCsv')}
        </button>
        <button type="button" className={button} disabled={busy !== null} onClick={() => void exportLog('json')}>
          {t(lang, 'logExportJson')}
        </button>
      </div>
      <label htmlFor={`${id}-file`} className="mt-4 block font-medium">
        {t(lang, 'logImport')}
      </label>
      <p id={`${id}-help`} className="text-slate-700">{t(lang, 'logImportHelp')}</p>
      <input
        ref={fileInput}
        id={`${id}-file`}
        type="file"
        accept="application/json,.json"
        aria-describedby={`${id}-help`}
        disabled={busy !== null}
        className="mt-1 block focus:outline-none focus:ring-2 focus:ring-blue-700"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void importFile(file);
        }}
      />
      {busy && (
        <div className="mt-3 flex items-center gap-3">
          <progress max={Math.max(busy.total, 1)} value={busy.done} aria-label={t(lang, busy.kind === 'export' ? 'logExporting' : 'logImporting', { done: busy.done, total: busy.total })} />
          <span>{t(lang, busy.kind === 'export' ? 'logExporting' : 'logImporting', { done: busy.done, total: busy.total })}</span>
          <button type="button" className={button} onClick={() => controller.current?.abort()}>
            {t(lang, 'logCancel')}
          </button>
        </div>
      )}
      <div aria-live="polite" data-testid="export-status">
        {message && (message.error ? <p role="alert" className="mt-2 font-semibold text-red-800">{message.text}</p> : <p className="mt-2">{message.text}</p>)}
        {message?.warning &&
          (message.warning.alert ? (
            <p role="alert" className="mt-2 font-semibold text-red-800" data-testid="export-warning">
              ⚠ {message.warning.text}
            </p>
          ) : (
            <p className="mt-2 text-amber-900" data-testid="export-warning">
              {message.warning.text}
            </p>
          ))}
      </div>
    </section>
  );
}
