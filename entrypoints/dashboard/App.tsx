import { useEffect, useState } from 'react';
import { t, type Lang, type MessageKey } from '@/lib/i18n';
import { LogSection } from '@/components/dashboard/log/LogSection';
import { logApiOf } from './log-api';
import { ReportSection } from '@/components/dashboard/ReportSection';
import { RequestsSection } from '@/components/dashboard/RequestsSection';
import { OverviewSection } from '@/components/dashboard/OverviewSection';
import { PolicySection } from '@/components/dashboard/PolicySection';
import { PageWarningsSection } from '@/components/dashboard/PageWarningsSection';
import { browserPagesApi } from './pages-api';
import type { DashboardApi } from './api';
import { browserPolicyApi } from './policy-api';

/**
 * The dashboard (options page): one section per job. Sections are components that take the api
 * and the language; adding one is a line in SECTIONS. The URL hash names the section shown.
 */
const SECTIONS: { id: string; title: MessageKey; render: (lang: Lang, api: DashboardApi) => React.ReactNode }[] = [
  { id: 'overview', title: 'dashOverview', render: (lang, api) => <OverviewSection lang={lang} api={api} /> },
  { id: 'policy', title: 'dashPolicy', render: (lang, api) => <PolicySection lang={lang} api={api} policyApi={browserPolicyApi} /> },
  { id: 'log', title: 'dashLog', render: (lang, api) => <LogSection lang={lang} api={logApiOf(api)} /> },
  { id: 'pages', title: 'pagesWarningsTitle', render: (lang) => <PageWarningsSection lang={lang} api={browserPagesApi} /> },
  { id: 'requests', title: 'dashRequests', render: (lang) => <RequestsSection lang={lang} /> },
  { id: 'report', title: 'dashReport', render: (lang) => <ReportSection lang={lang} /> },
];

function sectionFromHash(): string {
  const id = location.hash.replace(/^#/, '');
  return SECTIONS.some((s) => s.id === id) ? id : 'overview';
}

export function App({ lang, api }: { lang: Lang; api: DashboardApi }) {
  const [current, setCurrent] = useState(sectionFromHash);
  useEffect(() => {
    const onHash = () => setCurrent(sectionFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const section = SECTIONS.find((s) => s.id === current) ?? SECTIONS[0];

  return (
    <div className="min-h-screen bg-slate-50 text-slate-900">
      <header className="border-b border-slate-300 bg-white px-6 py-3">
        <p className="text-lg font-semibold">
          {t(lang, 'appName')} — {t(lang, 'dashTitle')}
        </p>
      </header>
      <div className="mx-auto flex max-w-6xl gap-6 px-6 py-6">
        <nav aria-label={t(lang, 'dashNav')} className="w-48 shrink-0">
          <ul className="space-y-1">
            {SECTIONS.map((s) => (
              <li key={s.id}>
                <a
                  href={`#${s.id}`}
                  aria-current={s.id === section?.id ? 'page' : undefined}
                  className="block rounded px-3 py-2 hover:bg-slate-200 focus:outline-none focus:ring-2 focus:ring-blue-700 aria-[current=page]:bg-blue-800 aria-[current=page]:text-white"
                >
                  {t(lang, s.title)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main className="min-w-0 flex-1" aria-labelledby="section-title">
          {section && (
            <>
              <h1 id="section-title" className="mb-4 text-xl font-semibold">
                {t(lang, section.title)}
              </h1>
              {section.render(lang, api)}
            </>
          )}
        </main>
      </div>
    </div>
  );
}
