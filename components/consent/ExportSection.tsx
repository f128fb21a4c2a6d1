import { useId } from 'react';
import { t, type Lang } from '@/lib/i18n';
import type { RecordRef } from '@/lib/crm/types';
import type { PrivacyView } from '@/lib/consent/views';
import { exportCsv, exportFileName, exportJson } from '@/lib/consent/export';
import { EXPORT_KINDS } from '@/lib/law/deadlines';
import type { PopupApi } from '@/entrypoints/popup/store';
import { ActionMessages, buttonClass, useAction } from './fields';

interface Props {
  lang: Lang;
  tabId: number;
  recordRef: RecordRef;
  privacy: PrivacyView;
  api: Pick<PopupApi, 'readFields' | 'logExport' | 'saveFile'>;
}

/**
 * Export for the person: the fields the record page shows, read by the content script and handed
 * to this page, saved as a file here. The background logs the field keys, never the values.
 */
export function ExportSection({ lang, tabId, recordRef, privacy, api }: Props) {
  const ids = useId();
  const [status, run] = useAction();
  const request = privacy.requests.find((r) => r.status !== 'closed' && EXPORT_KINDS.has(r.kind));

  const exportAs = (format: 'json' | 'csv') =>
    run(async () => {
      let answer;
      try {
        answer = await api.readFields(tabId);
      } catch {
        throw new Error(t(lang, 'exportFailed'));
      }
      if (answer.recordId !== recordRef.id) throw new Error(t(lang, 'exportFailed'));
      if (answer.fields.length === 0) throw new Error(t(lang, 'exportNoFields'));
      // Logged first: an export that cannot be logged does not happen.
      await api.logExport({ tabId, key: privacy.key, format, fields: answer.fields.map((f) => f.key), ...(request ? { requestId: request.id } : {}) });
      const now = Date.now();
      const content = format === 'json' ? exportJson(recordRef, answer.fields, now) : exportCsv(answer.fields);
      api.saveFile(exportFileName(recordRef, format, privacy.today), format === 'json' ? 'application/json' : 'text/csv', content);
      return t(lang, 'exportDone', { n: answer.fields.length, format: format.toUpperCase() });
    });

  return (
    <section aria-labelledby={`${ids}-h`} className="space-y-2 rounded border border-slate-300 p-3">
      <h2 id={`${ids}-h`} className="font-semibold">{t(lang, 'exportTitle')}</h2>
      <p className="text-xs text-slate-700">{t(lang, 'exportHint')}</p>
      <div className="flex gap-2">
        <button type="button" className={buttonClass} disabled={status.kind === 'saving'} onClick={() => void exportAs('json')}>
          {t(lang, 'exportJson')}
        </button>
        <button type="button" className={buttonClass} disabled={status.kind === 'saving'} onClick={() => void exportAs('csv')}>
          {t(lang, 'exportCsv')}
        </button>
      </div>
      <ActionMessages lang={lang} status={status} testId="export" />
    </section>
  );
}
