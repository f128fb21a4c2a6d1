import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LogSection } from '@/components/dashboard/log/LogSection';
import { StorageProblemNotice } from '@/components/StorageProblemNotice';
import type { LastVerified } from '@/lib/messaging/protocol';
import { fakeLog, NOW } from './log-fakes';

describe('access log view', () => {
  test('a virtualised table of 100,000 events renders a window of rows, not all of them', async () => {
    const api = await fakeLog(3);
    api.query = async (_f, offset, limit) => ({
      events: Array.from({ length: Math.min(limit, 100_000 - offset) }, (_, i) => ({ ...api.events[0]!, seq: 100_000 - offset - i })),
    });
    // The total comes after the first page: the table shows meanwhile, and says it is counting.
    let counted: (n: { total: number }) => void = () => undefined;
    api.count = () => new Promise((resolve) => (counted = resolve));
    render(<LogSection lang="en" api={api} />);
    expect(await screen.findByTestId('log-count')).toHaveTextContent('Counting… (at least 200 events match)');
    await waitFor(() => expect(within(screen.getByTestId('events-table')).getAllByRole('row')[1]).toHaveTextContent('100000'));
    expect(screen.getByTestId('events-table')).toHaveAttribute('aria-rowcount', '201');
    counted({ total: 100_000 });
    await waitFor(() => expect(screen.getByTestId('log-count')).toHaveTextContent('100000 events match'));
    const table = screen.getByTestId('events-table');
    expect(table).toHaveAttribute('aria-rowcount', '100001');
    await waitFor(() => expect(within(table).getAllByRole('row')[1]).toHaveTextContent('100000'));
    const rows = within(table).getAllByRole('row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
  });

  test('filters: typed with the keyboard, applied with Enter, cleared', async () => {
    const user = userEvent.setup();
    const api = await fakeLog(12);
    render(<LogSection lang="en" api={api} />);
    expect(await screen.findByTestId('log-count')).toHaveTextContent('12 events match');
    await user.type(screen.getByLabelText('Actor'), 'Bob Lee');
    await user.selectOptions(screen.getByLabelText('Action'), 'reveal');
    await user.type(screen.getByLabelText('Record id starts with'), '0035g00000abc0000{Enter}');
    await waitFor(() => expect(screen.getByTestId('log-count')).toHaveTextContent('2 events match'));
    expect(api.queries.at(-1)?.filter).toEqual({ actor: 'Bob Lee', action: 'reveal', recordIdPrefix: '0035g00000abc0000' });
    const rows = within(screen.getByTestId('events-table')).getAllByRole('row');
    await waitFor(() => expect(rows[1]).toHaveTextContent('reveal'));
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(screen.getByTestId('log-count')).toHaveTextContent('12 events match'));
  });

  test('empty log, empty filter result, and a failing background are said', async () => {
    const empty = await fakeLog(0);
    const { unmount } = render(<LogSection lang="en" api={empty} />);
    expect(await screen.findByText('No event logged yet.')).toBeInTheDocument();
    unmount();

    const api = await fakeLog(3);
    render(<LogSection lang="fr" api={api} />);
    await screen.findByTestId('log-count');
    fireEvent.change(screen.getByLabelText('Acteur'), { target: { value: 'Nobody' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Filtres' }));
    expect(await screen.findByText('Aucun événement ne correspond à ces filtres.')).toBeInTheDocument();

    const failing = await fakeLog(1);
    failing.chain = async () => {
      throw new Error('The browser refused to store more data');
    };
    render(<LogSection lang="en" api={failing} />);
    expect(await screen.findByText(/The access log could not be read: The browser refused to store more data/)).toHaveAttribute('role', 'alert');
  });

  test('verify now: progress, then the result at a glance; a break names the event', async () => {
    const user = userEvent.setup();
    const api = await fakeLog(5);
    render(<LogSection lang="en" api={api} />);
    expect(await screen.findByText('Not verified yet on this browser.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Verify now' }));
    await waitFor(() => expect(screen.getByTestId('integrity-status')).toHaveTextContent('the chain of 5 events is intact'));
    expect(api.verifiedWith).toEqual([{ ok: true, count: 5, headSeq: 5 }]);
    // The view, Verify now and the reload after it: none counts the rows (log.count does, for the table).
    await waitFor(() => expect(api.chainAsked.length).toBeGreaterThanOrEqual(3));
    expect(api.chainAsked.every((o) => JSON.stringify(o) === '{"count":false}')).toBe(true);

    api.events[2] = { ...api.events[2]!, actor: 'Someone else' };
    await user.click(screen.getByRole('button', { name: 'Verify now' }));
    expect(await screen.findByText(/the log does NOT verify\. Event #3 was changed after it was logged\./)).toBeInTheDocument();
    expect(api.verifiedWith.at(-1)).toEqual({ ok: false, count: 2, kind: 'changed', firstBadSeq: 3, headSeq: 5 });
  });

  test('in French: a failed verification and refused bundles (tampered, cut) are said in French', async () => {
    const user = userEvent.setup();
    const api = await fakeLog(5);
    render(<LogSection lang="fr" api={api} />);
    await screen.findByTestId('log-count');
    await user.click(screen.getByRole('button', { name: 'Exporter le dossier de preuve (JSON)' }));
    await waitFor(() => expect(api.exports).toEqual(['json:5']));
    const json = await api.saved[0]!.text;

    api.events[2] = { ...api.events[2]!, actor: 'Someone else' };
    await user.click(screen.getByRole('button', { name: 'Vérifier maintenant' }));
    const verdict = await screen.findByText(/le journal NE se vérifie PAS\. L’événement n° 3 a été modifié après son enregistrement\./);
    expect(verdict).toHaveAttribute('role', 'alert');

    const input = screen.getByLabelText('Importer le dossier de preuve d’un collègue');
    const tampered = json.replace('"actor":"Bob Lee"', '"actor":"Bob Lea"');
    await user.upload(input, new File([tampered], 'bad.json', { type: 'application/json' }));
    const refused = await screen.findByText(/Dossier refusé, rien n’a été importé : La chaîne est rompue à l’événement n° 2 \(modifié\) : le dossier, ou le journal dont il a été exporté, a été modifié\./);
    expect(refused).toHaveAttribute('role', 'alert');
    expect(refused).not.toHaveTextContent(/chain breaks|altered/);
    await user.upload(input, new File([json.slice(0, 300)], 'cut.json', { type: 'application/json' }));
    expect(await screen.findByText(/Dossier refusé, rien n’a été importé : Le fichier n’est pas du JSON complet \(tronqué ou mal formé\) : /)).toBeInTheDocument();
    const forged = JSON.stringify({ ...JSON.parse(json), count: 4 });
    await user.upload(input, new File([forged], 'forged.json', { type: 'application/json' }));
    expect(await screen.findByText('Dossier refusé, rien n’a été importé : Le dossier annonce 4 événements mais en contient 5 : il a été tronqué ou modifié.')).toBeInTheDocument();
  });

  test('storage problem, charts with text alternatives, anomalies that filter the table', async () => {
    const user = userEvent.setup();
    const api = await fakeLog(8, { storageProblem: NOW });
    render(<LogSection lang="en" api={api} />);
    expect(await screen.findByTestId('storage-problem')).toHaveTextContent('The browser refused to store access-log events');
    const charts = await screen.findByTestId('log-charts');
    expect(within(charts).getByText('3 events over 1 days; busiest day 2026-11-29 with 3 events.')).toBeInTheDocument();
    expect(within(charts).getByText('Highest: Ana Ruiz with 2.')).toBeInTheDocument();
    expect(within(charts).getAllByRole('table', { hidden: true }).length).toBe(3);
    await user.click(within(screen.getByTestId('log-anomalies')).getByRole('button', { name: 'Show the 2 events' }));
    await waitFor(() => expect(api.queries.at(-1)?.filter).toMatchObject({ actor: 'Bob Lee', action: 'reveal' }));
    expect(screen.getByLabelText('Actor')).toHaveValue('Bob Lee');
  });

  test('export CSV and JSON: the whole chain, then logged; import the bundle back read-only', async () => {
    const user = userEvent.setup();
    const api = await fakeLog(7);
    render(<LogSection lang="en" api={api} />);
    await screen.findByTestId('log-count');
    await user.click(screen.getByRole('button', { name: 'Export as CSV' }));
    await waitFor(() => expect(api.exports).toEqual(['csv:7']));
    const csv = await api.saved[0]!.text;
    expect(csv.split('\r\n')).toHaveLength(9);
    expect(csv.startsWith('seq,time,action')).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Export evidence bundle (JSON)' }));
    await waitFor(() => expect(api.exports).toEqual(['csv:7', 'json:7']));
    const json = await api.saved[1]!.text;
    expect(screen.getByTestId('export-status')).toHaveTextContent(`Exported 7 events to ${api.saved[1]!.name}`);

    const input = screen.getByLabelText('Import a colleague’s evidence bundle');
    await user.upload(input, new File([json], 'bundle.json', { type: 'application/json' }));
    const imported = await screen.findByTestId('imported-bundle');
    expect(within(imported).getByRole('heading')).toHaveTextContent('Imported bundle (read-only) from Ana Ruiz');
    expect(imported).toHaveTextContent('7 events, chain verified');
    await waitFor(() => expect(within(within(imported).getByTestId('imported-table')).getAllByRole('row')).toHaveLength(8));

    const tampered = json.replace('"actor":"Bob Lee"', '"actor":"Bob Lea"');
    await user.upload(input, new File([tampered], 'bad.json', { type: 'application/json' }));
    expect(await screen.findByText(/Bundle refused, nothing imported: The chain breaks at event #2 \(changed\)/)).toHaveAttribute('role', 'alert');
    await user.upload(input, new File([json.slice(0, 300)], 'cut.json', { type: 'application/json' }));
    expect(await screen.findByText(/Bundle refused, nothing imported: The file is not complete JSON/)).toBeInTheDocument();
    // Nothing was ever written to the local log by an import.
    expect(api.exports).toEqual(['csv:7', 'json:7']);
  });
});

describe('exporting a log that does not verify (audit 4)', () => {
  test('the export still happens, and says the last verification found the log broken; its bundle is refused without claiming when', async () => {
    const user = userEvent.setup();
    const api = await fakeLog(6);
    render(<LogSection lang="en" api={api} />);
    await screen.findByTestId('log-count');
    // Never verified: the export says so (not an alarm).
    await user.click(screen.getByRole('button', { name: 'Export as CSV' }));
    await waitFor(() => expect(api.exports).toEqual(['csv:6']));
    expect(screen.getByTestId('export-warning')).toHaveTextContent('The log has not been verified on this browser: use Verify now (Integrity) before sharing this file');
    expect(screen.getByTestId('export-warning')).not.toHaveAttribute('role');

    // Verified intact: no warning.
    let last: LastVerified | null = null;
    const chain = api.chain.bind(api);
    api.chain = async (o) => ({ ...(await chain(o)), lastVerified: last });
    api.verified = async (result) => {
      last = { ...result, at: NOW } as LastVerified;
      return { lastVerified: last };
    };
    await user.click(screen.getByRole('button', { name: 'Verify now' }));
    await waitFor(() => expect(screen.getByTestId('integrity-status')).toHaveTextContent('intact'));
    await user.click(screen.getByRole('button', { name: 'Export as CSV' }));
    await waitFor(() => expect(api.exports).toEqual(['csv:6', 'csv:6']));
    expect(screen.queryByTestId('export-warning')).toBeNull();

    // Tampered, then verified: both exports go through (evidence), each with an alert naming the break.
    api.events[3] = { ...api.events[3]!, actor: 'Someone else' };
    await user.click(screen.getByRole('button', { name: 'Verify now' }));
    await screen.findByText(/the log does NOT verify/);
    await user.click(screen.getByRole('button', { name: 'Export evidence bundle (JSON)' }));
    await waitFor(() => expect(api.exports).toEqual(['csv:6', 'csv:6', 'json:6']));
    const warning = screen.getByTestId('export-warning');
    expect(warning).toHaveAttribute('role', 'alert');
    expect(warning).toHaveTextContent('Warning: the last verification (');
    expect(warning).toHaveTextContent('found that the log does NOT verify. Event #4 was changed after it was logged. The file holds the log as it is, break included');
    expect(screen.getByTestId('export-status')).toHaveTextContent(`Exported 6 events to ${api.saved[2]!.name}`);

    const json = await api.saved[2]!.text;
    await user.upload(screen.getByLabelText('Import a colleague’s evidence bundle'), new File([json], 'bundle.json', { type: 'application/json' }));
    const refused = await screen.findByText(/Bundle refused, nothing imported: The chain breaks at event #4 \(changed\): the bundle, or the log it was exported from, was altered\./);
    expect(refused).not.toHaveTextContent('after export');
  });

  test('in French', async () => {
    const user = userEvent.setup();
    const api = await fakeLog(4, { lastVerified: { at: NOW, ok: false, count: 1, kind: 'changed', firstBadSeq: 2 } });
    render(<LogSection lang="fr" api={api} />);
    await screen.findByTestId('log-count');
    await user.click(screen.getByRole('button', { name: 'Exporter en CSV' }));
    await waitFor(() => expect(api.exports).toEqual(['csv:4']));
    expect(screen.getByTestId('export-warning')).toHaveTextContent(
      /^⚠ Attention : la dernière vérification \(.+\) a trouvé que le journal NE se vérifie PAS\. L’événement n° 2 a été modifié après son enregistrement\. Le fichier contient le journal tel qu’il est, rupture comprise/,
    );
  });
});

describe('labels and plurals (audit 6, 7, 8)', () => {
  test('actions and CRMs are words in the filters and the table, in French and English; the code stays the value', async () => {
    const user = userEvent.setup();
    const api = await fakeLog(4);
    api.events[0] = { ...api.events[0]!, action: 'request-opened' };
    const { unmount } = render(<LogSection lang="fr" api={api} />);
    await screen.findByTestId('log-count');
    const action = screen.getByLabelText('Action');
    const options = within(action).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toContain('Demande ouverte');
    expect(options.map((o) => o.textContent)).not.toContain('request-opened');
    expect(within(action).getByRole('option', { name: 'Demande ouverte' })).toHaveValue('request-opened');
    const crm = screen.getByLabelText('CRM');
    expect(within(crm).getAllByRole('option').map((o) => o.textContent)).toEqual(['Tous les CRM', 'Salesforce', 'HubSpot', 'Dynamics 365', 'Zoho CRM', 'Pipedrive', 'CRM personnalisé']);
    expect(within(crm).getByRole('option', { name: 'Dynamics 365' })).toHaveValue('dynamics365');
    const table = screen.getByTestId('events-table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(5));
    const oldest = within(table).getAllByRole('row')[4]!;
    const cells = within(oldest).getAllByRole('cell');
    expect(cells[2]).toHaveTextContent('Demande ouverte');
    expect(cells[2]).toHaveAttribute('title', 'request-opened');
    expect(cells[4]).toHaveTextContent('Salesforce');
    expect(cells[4]).toHaveAttribute('title', 'salesforce');
    await user.selectOptions(action, 'Demande ouverte');
    await user.click(screen.getByRole('button', { name: 'Appliquer les filtres' }));
    await waitFor(() => expect(api.queries.at(-1)?.filter).toEqual({ action: 'request-opened' }));
    expect(await screen.findByText('1 événement correspond')).toBeInTheDocument();
    unmount();

    render(<LogSection lang="en" api={api} />);
    await screen.findByTestId('log-count');
    expect(within(screen.getByLabelText('Action')).getByRole('option', { name: 'Field revealed' })).toHaveValue('reveal');
    await waitFor(() => expect(within(screen.getByTestId('events-table')).getAllByRole('row')[4]).toHaveTextContent('Request opened'));
  });

  test('one event, N events', async () => {
    const one = await fakeLog(1);
    const { unmount } = render(<LogSection lang="en" api={one} />);
    expect(await screen.findByTestId('log-count')).toHaveTextContent(/^1 event matches$/);
    unmount();
    render(<LogSection lang="fr" api={one} />);
    expect(await screen.findByTestId('log-count')).toHaveTextContent(/^1 événement correspond$/);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Exporter en CSV' }));
    await waitFor(() => expect(one.exports).toEqual(['csv:1']));
    expect(screen.getByTestId('export-status')).toHaveTextContent(`1 événement exporté dans ${one.saved[0]!.name}.`);
  });

  test('the Actor filter says it is exact and case-sensitive (its hint is read with the field)', async () => {
    const api = await fakeLog(2);
    const { unmount } = render(<LogSection lang="en" api={api} />);
    await screen.findByTestId('log-count');
    expect(screen.getByRole('textbox', { name: 'Actor' })).toHaveAccessibleDescription('Exact and case-sensitive: type the name as it appears in the table.');
    unmount();
    render(<LogSection lang="fr" api={api} />);
    await screen.findByTestId('log-count');
    expect(screen.getByRole('textbox', { name: 'Acteur' })).toHaveAccessibleDescription('Exact, majuscules et minuscules comprises : saisissez le nom tel qu’il apparaît dans le tableau.');
  });
});

describe('cancelling', () => {
  test('a cancelled export hands over no file and logs nothing; the next one completes', async () => {
    const user = userEvent.setup();
    const api = await fakeLog(3000);
    const realPage = api.page.bind(api);
    let release: () => void = () => undefined;
    api.page = async (after, limit, upto) => {
      // The second batch waits until the test lets it go: the export is mid-way.
      if (after > 0) await new Promise<void>((r) => (release = r));
      return realPage(after, limit, upto);
    };
    render(<LogSection lang="en" api={api} />);
    await screen.findByTestId('log-count');
    await user.click(screen.getByRole('button', { name: 'Export as CSV' }));
    expect(await screen.findByText('Exporting: 1000 of 3000 events')).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute('value', '1000');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    release();
    expect(await screen.findByText('Cancelled. Nothing was changed.')).toBeInTheDocument();
    expect(api.saved).toEqual([]);
    expect(api.exports).toEqual([]);
    api.page = realPage;
    await user.click(screen.getByRole('button', { name: 'Export as CSV' }));
    await waitFor(() => expect(api.exports).toEqual(['csv:3000']));
    expect(api.saved).toHaveLength(1);
  });
});

describe('popup: storage problem notice', () => {
  test('shown when the browser refused to store, absent otherwise', async () => {
    const { unmount } = render(<StorageProblemNotice lang="fr" load={async () => ({ storageProblem: NOW })} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Le navigateur a refusé d’enregistrer');
    unmount();
    render(<StorageProblemNotice lang="en" load={async () => ({ storageProblem: null })} />);
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
