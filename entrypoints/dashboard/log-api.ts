import { saveFile } from '@/lib/ui/download';
import type { LogApi } from '@/components/dashboard/log/api';
import { send } from '@/lib/messaging/client';
import { openLogReader } from '@/lib/db/readonly';
import { DB_NAME } from '@/lib/db/schema';
import { browserVerifyWorker, defaultWorkerCount, workerPages } from '@/lib/audit/verify-pool';

/** The access-log view's calls to the background (issue 4). */
export const browserLogApi: LogApi = {
  query: (filter, offset, limit) => send('log.query', { filter, offset, limit }),
  count: (filter) => send('log.count', { filter }),
  // Verify and export walk the log: read straight from the database (read-only, same origin),
  // or through the background when this page cannot (no database yet, an upgrade under way).
  page: async (afterSeq, limit, uptoSeq) => {
    const reader = await openLogReader();
    if (reader) {
      try {
        return { events: await reader.chainPage(afterSeq, limit, uptoSeq) };
      } catch {
        // closed for an upgrade meanwhile: the background answers this page
      }
    }
    return send('log.page', { afterSeq, limit, ...(uptoSeq !== undefined ? { uptoSeq } : {}) });
  },
  // Verify now: workers read and hash ranges of the log in parallel (benchmark #6); the page only
  // walks the links. Without a reader or workers this throws and `page` takes over.
  checked: async function* (afterSeq, uptoSeq) {
    const reader = await openLogReader();
    if (!reader || typeof Worker === 'undefined') throw new Error('no direct reader');
    yield* workerPages({ db: DB_NAME, version: reader.version, workers: defaultWorkerCount(), makeWorker: browserVerifyWorker }, afterSeq, uptoSeq);
  },
  chain: (options) => send('log.chain', options?.count === false ? { count: false } : {}),
  verified: (result) => send('log.verified', result),
  stats: (from, to) => send('log.stats', { from, to }),
  exported: (format, count, headHash) => send('log.exported', { format, count, headHash }),
  save: (file, name) => saveFile(file, name),
  now: () => Date.now(),
  sites: async () => (await send('policy.active', {})).policy.sites,
};

/** The dashboard api's access-log part: component tests put a fake under `log`. */
export function logApiOf(api: object): LogApi {
  return (api as { log?: LogApi }).log ?? browserLogApi;
}
