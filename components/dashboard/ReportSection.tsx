import { saveFile, textBlob } from '@/lib/ui/download';
import { useCallback, useId } from 'react';
import { errorText, formatDateTime, t, type Lang, type MessageKey } from '@/lib/i18n';
import type { AccountabilityReport, ReportFigure } from '@/lib/consent/views';
import { send } from '@/lib/messaging/client';
import { formatDay } from '@/lib/features/badge-ui';
import { LAWFUL_BASES, isBasisLetter } from '@/lib/law/bases';
import { jurisdictionName } from '@/components/consent/labels';
import { isJurisdictionId } from '@/lib/law/rights';
import { useLoad } from './useLoad';
import { problemText } from './log/Integrity';

export interface ReportApi {
  getReport(): Promise<AccountabilityReport>;
  saveFile(name: string, mime: string, content: string): void;
}

export const browserReportApi: ReportApi = {
  getReport: () => send('report.get', {}),
  saveFile: (name, mime, content) => saveFile(textBlob(content, mime), name),
};

// Printing shows the report alone: the dashboard's header and navigation are hidden on paper.
const PRINT_CSS = `@media print {
  header, nav, [data-print="hide"] { display: none !important; }
  body, .bg-slate-50 { background: #fff !important; }
  [data-testid="report"] section { break-inside: avoid; border-color: #000 !important; }
  @page { margin: 16mm; }
}`;

// The policy's retention actions (lib/policy/schema.ts RETENTION_ACTIONS), said as the record pages say them.
const ACTION_KEYS: Partial<Record<string, MessageKey>> = {
  're-consent': 'retentionActionReConsent',
  anonymise: 'retentionActionAnonymise',
  delete: 'retentionActionDelete',
  review: 'retentionActionReview',
};

type RetentionLine = AccountabilityReport['processing']['retention'][number];

function retentionText(lang: Lang, rule: RetentionLine): string {
  const period = rule.maxAge ? t(lang, rule.maxAge.unit === 'months' ? 'reportMonths' : 'dashDays', { n: rule.maxAge.amount }) : rule.period;
  const key = ACTION_KEYS[rule.action];
  return `${period}, ${key ? t(lang, key) : rule.action}`;
}

function Figure({ lang, label, value, testId }: { lang: Lang; label: string; value: number | ReportFigure | string; testId: string }) {
  let text: string;
  if (typeof value === 'number') text = String(value);
  else if (typeof value === 'string') text = value;
  else if (value.value !== undefined) text = String(value.value);
  else text = t(lang, value.unavailable === 'not-recorded' ? 'reportNotRecorded' : 'reportNotBuilt');
  return (
    <div className="flex justify-between gap-4 border-b border-slate-200 py-1">
      <dt>{label}</dt>
      <dd className="font-semibold" data-testid={testId}>
        {text}
      </dd>
    </div>
  );
}

/** The accountability report: printable page (print to PDF) and JSON, English and French. */
export function ReportSection({ lang, api = browserReportApi }: { lang: Lang; api?: ReportApi }) {
  const ids = useId();
  const [loaded] = useLoad(useCallback(() => api.getReport(), [api]));
  if (loaded.state === 'loading') return <p aria-live="polite">{t(lang, 'popupLoading')}</p>;
  if (loaded.state === 'error') return <p role="alert">{t(lang, 'errorGeneric', { message: errorText(lang, loaded) })}</p>;
  const r = loaded.value;
  const f = r.figures;
  const integrity =
    f.logIntegrity.state === 'ok'
      ? t(lang, 'reportLogOk', { n: f.logIntegrity.events })
      : f.logIntegrity.state === 'broken'
        ? t(lang, 'reportLogBroken', { n: f.logIntegrity.events, detail: f.logIntegrity.kind ? problemText(lang, f.logIntegrity) : (f.logIntegrity.detail ?? '') })
        : t(lang, 'reportLogUnavailable', { detail: f.logIntegrity.detail ?? '' });
  const listClass = 'ml-5 list-disc space-y-1';
  return (
    <div className="space-y-4" data-testid="report">
      <style>{PRINT_CSS}</style>
      <p className="text-sm text-slate-700">{t(lang, 'reportIntro')}</p>
      <p className="text-sm" data-testid="report-generated">
        {t(lang, 'reportGenerated', { when: formatDateTime(lang, r.generatedAt), name: r.policy.name, version: r.policy.version, date: formatDay(lang, r.policy.effectiveDate) })}
      </p>
      <div className="flex gap-2" data-print="hide">
        <button type="button" onClick={() => window.print()} className="rounded bg-blue-800 px-3 py-1.5 font-semibold text-white hover:bg-blue-900 focus:outline-none focus:ring-2 focus:ring-blue-700 focus:ring-offset-2">
          {t(lang, 'reportPrint')}
        </button>
        <button
          type="button"
          onClick={() => api.saveFile(`accountability-report-${r.today}.json`, 'application/json', `${JSON.stringify(r, null, 2)}\n`)}
          className="rounded border border-blue-800 px-3 py-1.5 font-semibold text-blue-900 hover:bg-blue-50 focus:outline-none focus:ring-2 focus:ring-blue-700 focus:ring-offset-2"
        >
          {t(lang, 'reportJson')}
        </button>
      </div>

      <section aria-labelledby={`${ids}-proc`} className="space-y-3 rounded border border-slate-300 bg-white p-4">
        <h2 id={`${ids}-proc`} className="text-lg font-semibold">{t(lang, 'reportProcessing')}</h2>
        <h3 className="font-semibold">{t(lang, 'reportPurposes')}</h3>
        <ul className={listClass} data-testid="report-purposes">
          {r.processing.purposes.map((p) => (
            <li key={p.id}>
              <span className="font-medium">{p.label[lang]}</span>
              {p.defaultBasis && isBasisLetter(p.defaultBasis) ? ` — (${p.defaultBasis}) ${LAWFUL_BASES[p.defaultBasis].name[lang]}` : ''}
              {p.description ? <span className="block text-slate-700">{p.description[lang]}</span> : null}
            </li>
          ))}
        </ul>
        <h3 className="font-semibold">{t(lang, 'reportDataCategories')}</h3>
        <ul className={listClass}>
          {r.processing.dataCategories.map((c) => (
            <li key={c.en}>{c[lang]}</li>
          ))}
        </ul>
        <h3 className="font-semibold">{t(lang, 'reportPersonCategories')}</h3>
        <ul className={listClass}>
          {r.processing.personCategories.map((c) => (
            <li key={c.en}>{c[lang]}</li>
          ))}
        </ul>
        <h3 className="font-semibold">{t(lang, 'reportRetention')}</h3>
        <ul className={listClass} data-testid="report-retention">
          {r.processing.retention.map((rule) => (
            <li key={rule.id}>
              <span className="font-medium">{rule.label[lang]}</span>
              {t(lang, 'reportColon')}
              {retentionText(lang, rule)} <span className="block text-slate-700">{rule.legalRef}</span>
            </li>
          ))}
          <li>{t(lang, 'reportLogDays', { n: r.processing.logRetentionDays })}</li>
        </ul>
        <h3 className="font-semibold">{t(lang, 'reportSecurity')}</h3>
        <ul className={listClass}>
          {r.processing.security.map((m) => (
            <li key={m.en}>{m[lang]}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby={`${ids}-fig`} className="rounded border border-slate-300 bg-white p-4">
        <h2 id={`${ids}-fig`} className="mb-2 text-lg font-semibold">{t(lang, 'reportFigures')}</h2>
        <dl>
          <Figure lang={lang} label={t(lang, 'reportRecordsSeen')} value={f.recordsSeen} testId="fig-records" />
          <Figure lang={lang} label={t(lang, 'reportWithoutBasis')} value={f.recordsWithoutBasis} testId="fig-without-basis" />
          <Figure lang={lang} label={t(lang, 'reportConsentsGiven')} value={f.consentsGiven} testId="fig-consents" />
          <Figure lang={lang} label={t(lang, 'reportConsentsWithdrawn')} value={f.consentsWithdrawn} testId="fig-withdrawals" />
          <Figure lang={lang} label={t(lang, 'reportRecordsWithdrawn')} value={f.recordsWithWithdrawal} testId="fig-records-withdrawn" />
          <Figure lang={lang} label={t(lang, 'reportNoticesMissing')} value={f.noticesMissing} testId="fig-notices-missing" />
          <Figure lang={lang} label={t(lang, 'reportRetentionOverdue')} value={f.retentionOverdue} testId="fig-retention" />
          <Figure lang={lang} label={t(lang, 'reportRequestsTotal')} value={f.requests.total} testId="fig-requests" />
          <Figure lang={lang} label={t(lang, 'reportRequestsOpen')} value={f.requests.open} testId="fig-requests-open" />
          <Figure lang={lang} label={t(lang, 'reportRequestsOverdue')} value={f.requests.overdue} testId="fig-requests-overdue" />
          <Figure lang={lang} label={t(lang, 'reportRequestsOnTime')} value={f.requests.onTime} testId="fig-on-time" />
          <Figure lang={lang} label={t(lang, 'reportRequestsLate')} value={f.requests.late} testId="fig-late" />
          <Figure
            lang={lang}
            label={t(lang, 'dashColJurisdiction')}
            value={
              Object.entries(f.requests.byJurisdiction)
                .map(([j, n]) => `${isJurisdictionId(j) ? jurisdictionName(lang, j) : j}: ${n}`)
                .join(', ') || t(lang, 'reportNone')
            }
            testId="fig-jurisdictions"
          />
          <Figure lang={lang} label={t(lang, 'reportReveals')} value={f.reveals.total} testId="fig-reveals" />
          <Figure
            lang={lang}
            label={t(lang, 'reportRevealReasons')}
            value={f.reveals.byReason.map((x) => `${r.processing.revealReasons?.find((p) => p.id === x.reason)?.label[lang] ?? x.reason} (${x.count})`).join(', ') || t(lang, 'reportNone')}
            testId="fig-reveal-reasons"
          />
          <Figure lang={lang} label={t(lang, 'reportExports')} value={f.exports} testId="fig-exports" />
          <Figure lang={lang} label={t(lang, 'reportLogIntegrity')} value={integrity} testId="fig-integrity" />
        </dl>
      </section>
    </div>
  );
}
