import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RequestsSection, type RequestsApi } from '@/components/dashboard/RequestsSection';
import { ReportSection, type ReportApi } from '@/components/dashboard/ReportSection';
import type { AccountabilityReport, RequestView } from '@/lib/consent/views';
import { requestView } from './request-fakes';

/** An access request received 1 Nov 2026, due 1 Dec 2026 (2 days left on 29 Nov), with no extension date. */
function request(over: Partial<RequestView>): RequestView {
  return requestView({ id: '00000000-0000-4000-8000-000000000001', receivedOn: '2026-11-01', dueDate: '2026-12-01', extendBy: undefined, daysLeft: 2, ...over });
}

describe('requests section', () => {
  test('status, due date and days left; the background order (overdue first) is kept and overdue is said', async () => {
    const api: RequestsApi = {
      listRequests: async () => ({
        today: '2026-11-29',
        requests: [
          request({ id: 'a', kind: 'opt-out-sale', jurisdiction: 'california', dueDate: '2026-11-23', daysLeft: -6, overdue: true }),
          request({ id: 'b' }),
          request({ id: 'c', kind: 'erasure', status: 'closed', closedOn: '2026-11-20', onTime: true, daysLeft: undefined }),
        ],
      }),
    };
    render(<RequestsSection lang="en" api={api} />);
    const rows = within(await screen.findByTestId('requests-table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-overdue'))).toEqual(['true', 'false', 'false']);
    expect(rows[0]).toHaveTextContent('Opt out of sale or sharing (CCPA)');
    expect(rows[0]).toHaveTextContent('California');
    expect(rows[0]).toHaveTextContent('23 Nov 2026');
    expect(rows[0]).toHaveTextContent('overdue by 6 days');
    expect(rows[1]).toHaveTextContent('2 days left');
    expect(rows[2]).toHaveTextContent('Closed');
    expect(screen.getByTestId('requests-overdue')).toHaveTextContent('1 overdue');
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Record', 'Request', 'Jurisdiction', 'Received', 'Due', 'Days left', 'Status', 'Actions']);
  });

  test('in French, and an error is an alert', async () => {
    render(<RequestsSection lang="fr" api={{ listRequests: async () => ({ today: '2026-11-29', requests: [request({})] }) }} />);
    expect(await screen.findByRole('columnheader', { name: 'Échéance' })).toBeInTheDocument();
    expect(screen.getByText('Accès (art. 15)')).toBeInTheDocument();
    render(<RequestsSection lang="en" api={{ listRequests: async () => Promise.reject(new Error('storage unavailable')) }} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('storage unavailable');
  });
});

const REPORT: AccountabilityReport = {
  generatedAt: Date.UTC(2026, 10, 29, 12),
  today: '2026-11-29',
  policy: { name: 'Default', version: '2026.1.0', effectiveDate: '2026-01-01' },
  processing: {
    purposes: [{ id: 'newsletter', label: { en: 'Newsletter', fr: 'Lettre d’information' }, defaultBasis: 'a' }],
    dataCategories: [{ en: 'Identity', fr: 'Identité' }],
    personCategories: [{ en: 'Prospects and leads', fr: 'Prospects et leads' }],
    retention: [{ id: 'prospects', label: { en: 'Prospects', fr: 'Prospects' }, period: '36 months', action: 're-consent', legalRef: 'CNIL' }],
    security: [{ en: 'Field masking', fr: 'Masquage' }],
    logRetentionDays: 365,
  },
  figures: {
    recordsSeen: 12,
    recordsWithoutBasis: 3,
    consentsGiven: 4,
    consentsWithdrawn: 1,
    recordsWithWithdrawal: 1,
    noticesMissing: 0,
    retentionOverdue: { unavailable: 'not-recorded' },
    requests: { total: 2, open: 1, overdue: 0, onTime: 1, late: 0, byJurisdiction: { eu: 2 } },
    reveals: { total: 5, byReason: [{ reason: 'answering-request', count: 5 }] },
    exports: 1,
    logIntegrity: { state: 'ok', events: 40 },
  },
};

describe('accountability report', () => {
  test('record of processing and figures; a figure not available yet says so; JSON download', async () => {
    const user = userEvent.setup();
    const files: { name: string; content: string }[] = [];
    const api: ReportApi = { getReport: async () => REPORT, saveFile: (name, _mime, content) => files.push({ name, content }) };
    render(<ReportSection lang="en" api={api} />);
    expect(await screen.findByRole('heading', { name: 'Record of processing (Art. 30)' })).toBeInTheDocument();
    expect(screen.getByTestId('report-purposes')).toHaveTextContent('Newsletter — (a) Consent');
    expect(screen.getByTestId('fig-without-basis')).toHaveTextContent('3');
    expect(screen.getByTestId('fig-retention')).toHaveTextContent('Not available yet: no record page has reported a retention verdict');
    expect(screen.getByTestId('fig-integrity')).toHaveTextContent('Verified: 40 events, chain intact');
    expect(screen.getByTestId('fig-reveal-reasons')).toHaveTextContent('answering-request (5)');
    await user.click(screen.getByRole('button', { name: 'Download JSON' }));
    await waitFor(() => expect(files).toHaveLength(1));
    expect(files[0]?.name).toBe('accountability-report-2026-11-29.json');
    expect(JSON.parse(files[0]?.content ?? '')).toEqual(REPORT);
  });

  test('in French; a broken log is said plainly', async () => {
    const broken = { ...REPORT, figures: { ...REPORT.figures, logIntegrity: { state: 'broken' as const, events: 7, detail: 'event 8: changed' } } };
    render(<ReportSection lang="fr" api={{ getReport: async () => broken, saveFile: () => undefined }} />);
    expect(await screen.findByRole('heading', { name: 'Registre des traitements (art. 30)' })).toBeInTheDocument();
    expect(screen.getByTestId('fig-integrity')).toHaveTextContent('ROMPU après 7 événements (event 8: changed)');
    expect(screen.getByRole('button', { name: 'Imprimer ou enregistrer en PDF' })).toBeInTheDocument();
  });

  test('in French, the break the report names is said in French (its kind and event), English in English', async () => {
    const broken = { ...REPORT, figures: { ...REPORT.figures, logIntegrity: { state: 'broken' as const, events: 7, detail: 'event 8: changed', kind: 'changed' as const, firstBadSeq: 8 } } };
    const { unmount } = render(<ReportSection lang="fr" api={{ getReport: async () => broken, saveFile: () => undefined }} />);
    expect(await screen.findByTestId('fig-integrity')).toHaveTextContent('ROMPU après 7 événements (L’événement n° 8 a été modifié après son enregistrement.)');
    expect(screen.getByTestId('fig-integrity')).not.toHaveTextContent('changed');
    unmount();
    render(<ReportSection lang="en" api={{ getReport: async () => broken, saveFile: () => undefined }} />);
    expect(await screen.findByTestId('fig-integrity')).toHaveTextContent('Event #8 was changed after it was logged.');
  });

  test('in French, retention periods, their actions and the policy’s reveal reasons are French too; English says them in words', async () => {
    const withLabels: AccountabilityReport = {
      ...REPORT,
      processing: {
        ...REPORT.processing,
        retention: REPORT.processing.retention.map((r) => ({ ...r, maxAge: { amount: 36, unit: 'months' as const } })),
        revealReasons: [{ id: 'answering-request', label: { en: 'Answering the person’s request', fr: 'Répondre à une demande de la personne' } }],
      },
    };
    const { unmount } = render(<ReportSection lang="fr" api={{ getReport: async () => withLabels, saveFile: () => undefined }} />);
    const retention = await screen.findByTestId('report-retention');
    expect(retention).toHaveTextContent('Prospects : 36 mois, redemander le consentement, ou supprimer ou anonymiser');
    expect(retention).not.toHaveTextContent('months');
    expect(retention).not.toHaveTextContent('re-consent');
    expect(screen.getByTestId('fig-reveal-reasons')).toHaveTextContent('Répondre à une demande de la personne (5)');
    unmount();
    render(<ReportSection lang="en" api={{ getReport: async () => withLabels, saveFile: () => undefined }} />);
    expect(await screen.findByTestId('report-retention')).toHaveTextContent('Prospects: 36 months, ask for consent again, or delete or anonymise');
    expect(screen.getByTestId('fig-reveal-reasons')).toHaveTextContent('Answering the person’s request (5)');
  });
});
