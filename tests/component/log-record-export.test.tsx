import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LogSection } from '@/components/dashboard/log/LogSection';
import type { LastVerified } from '@/lib/messaging/protocol';
import type { SitesPolicy } from '@/lib/policy/sites-schema';
import { appendEvents, fakeLog, NOW, type Fake } from './log-fakes';

const KEY = 'sf:acme:Contact:0035g00000AbCdEAAV';
const SF_18 = 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view';
const SF_15 = 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdE/view';
const HS = 'https://app.hubspot.com/contacts/123/record/0-1/456';

/** A log of 6 events, two of them on the record the addresses above name (and one on the HubSpot contact). */
async function logWithRecords(): Promise<Fake> {
  const api = await fakeLog(6);
  api.events[1] = { ...api.events[1]!, recordKey: KEY, recordId: '0035g00000AbCdEAAV' };
  api.events[4] = { ...api.events[4]!, recordKey: KEY, recordId: '0035g00000AbCdEAAV' };
  api.events[5] = { ...api.events[5]!, crm: 'hubspot', org: '123', object: '0-1', recordKey: 'hs:123:0-1:456', recordId: '456' };
  return api;
}

async function pasteInRecord(user: ReturnType<typeof userEvent.setup>, name: string, text: string) {
  const field = screen.getByRole('textbox', { name });
  await user.click(field);
  await user.paste(text);
  return field;
}

describe('the Record filter takes a CRM record page’s address (audit: a manager does not know record keys)', () => {
  test('a pasted Salesforce address (18 characters): the key searched is shown, and the table filtered by it', async () => {
    const user = userEvent.setup();
    const api = await logWithRecords();
    render(<LogSection lang="en" api={api} />);
    expect(await screen.findByTestId('log-count')).toHaveTextContent('6 events match');
    const field = await pasteInRecord(user, 'Record key', SF_18);
    expect(await screen.findByTestId('record-key-understood')).toHaveTextContent(`Record key searched: ${KEY}`);
    expect(field).toHaveAccessibleDescription(expect.stringContaining(`Record key searched: ${KEY}`));
    expect(field).toHaveAccessibleDescription(expect.stringContaining('Paste the address of the record’s page, copied from the browser’s address bar'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.queries.at(-1)?.filter).toEqual({ recordKey: KEY }));
    await waitFor(() => expect(screen.getByTestId('log-count')).toHaveTextContent('2 events match'));
    // The address stays in the field (what the manager pasted), the key under it.
    expect(field).toHaveValue(SF_18);
    expect(screen.getByTestId('record-key-understood')).toHaveTextContent(KEY);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  test('a pasted Salesforce address with a 15-character id gives the stored 18-character key (in French)', async () => {
    const user = userEvent.setup();
    const api = await logWithRecords();
    render(<LogSection lang="fr" api={api} />);
    await screen.findByTestId('log-count');
    await pasteInRecord(user, 'Clé de fiche', SF_15);
    expect(await screen.findByTestId('record-key-understood')).toHaveTextContent(`Clé de fiche recherchée : ${KEY}`);
    await user.click(screen.getByRole('button', { name: 'Appliquer les filtres' }));
    await waitFor(() => expect(api.queries.at(-1)?.filter).toEqual({ recordKey: KEY }));
    expect(await screen.findByText('2 événements correspondent')).toBeInTheDocument();
  });

  test('a pasted HubSpot address', async () => {
    const user = userEvent.setup();
    const api = await logWithRecords();
    render(<LogSection lang="en" api={api} />);
    await screen.findByTestId('log-count');
    await pasteInRecord(user, 'Record key', HS);
    expect(await screen.findByTestId('record-key-understood')).toHaveTextContent('Record key searched: hs:123:0-1:456');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.queries.at(-1)?.filter).toEqual({ recordKey: 'hs:123:0-1:456' }));
    await waitFor(() => expect(screen.getByTestId('log-count')).toHaveTextContent(/^1 event matches$/));
  });

  test('a custom domain of the policy’s sites is read as its org (the sites are asked of the background once)', async () => {
    const user = userEvent.setup();
    const api = await logWithRecords();
    const sites: SitesPolicy = { presets: { dynamics365: true, zoho: true, pipedrive: true }, adapters: [], customDomains: [{ host: 'crm.acme.example', adapter: 'salesforce', org: 'acme' }] };
    let asked = 0;
    api.sites = async () => {
      asked += 1;
      return sites;
    };
    render(<LogSection lang="en" api={api} />);
    await screen.findByTestId('log-count');
    await pasteInRecord(user, 'Record key', 'https://crm.acme.example/lightning/r/Contact/0035g00000AbCdE/view');
    expect(await screen.findByTestId('record-key-understood')).toHaveTextContent(`Record key searched: ${KEY}`);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.queries.at(-1)?.filter).toEqual({ recordKey: KEY }));
    expect(asked).toBe(1);
  });

  test('an address the extension does not know: said next to the field (EN, FR), with what to paste instead; no query sent', async () => {
    const user = userEvent.setup();
    const api = await logWithRecords();
    const { unmount } = render(<LogSection lang="en" api={api} />);
    await screen.findByTestId('log-count');
    const sent = api.queries.length;
    const field = await pasteInRecord(user, 'Record key', 'https://example.com/contacts/0035g00000AbCdE');
    const problem = await screen.findByRole('alert');
    expect(problem).toHaveTextContent('This address is not on a CRM the extension runs on: no record can be read from it. Paste the address of the record’s page in your CRM, or type the record’s id in “Record id starts with”.');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(expect.stringContaining('This address is not on a CRM the extension runs on'));
    await user.keyboard('{Enter}');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    // Focus goes back to the field to fix it; nothing was asked of the log.
    expect(field).toHaveFocus();
    expect(screen.queryByTestId('record-key-understood')).toBeNull();
    await new Promise((r) => setTimeout(r, 20));
    expect(api.queries.length).toBe(sent);
    expect(screen.getByTestId('log-count')).toHaveTextContent('6 events match');

    // A list's address, then text that is neither: each says what to paste instead.
    await user.clear(field);
    await user.paste('https://acme.lightning.force.com/lightning/o/Contact/list');
    expect(await screen.findByRole('alert')).toHaveTextContent('This address is not a record’s page (a list or a home page, for instance). Open the record in the CRM');
    await user.clear(field);
    await user.type(field, 'Ana Ruiz');
    expect(screen.queryByRole('alert')).toBeNull(); // not while typing
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('This is neither a record key nor a CRM address. Paste the address of the record’s page');
    expect(api.queries.length).toBe(sent);
    unmount();

    render(<LogSection lang="fr" api={api} />);
    await screen.findByTestId('log-count');
    const sentFr = api.queries.length;
    await pasteInRecord(user, 'Clé de fiche', 'https://example.com/contacts/0035g00000AbCdE');
    await user.click(screen.getByRole('button', { name: 'Appliquer les filtres' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Cette adresse n’est pas celle d’un CRM où l’extension fonctionne : aucune fiche ne peut en être lue. Collez l’adresse de la page de la fiche dans votre CRM, ou saisissez l’id de la fiche dans « Id de fiche commençant par ».',
    );
    expect(api.queries.length).toBe(sentFr);
  });

  test('a typed key is searched as typed, as before (no address reading shown)', async () => {
    const user = userEvent.setup();
    const api = await logWithRecords();
    render(<LogSection lang="en" api={api} />);
    await screen.findByTestId('log-count');
    const field = screen.getByRole('textbox', { name: 'Record key' });
    // The field says what it takes (read with it), typed keys included.
    expect(field).toHaveAccessibleDescription(expect.stringContaining('or type a record key (sf:…, hs:…).'));
    await user.type(field, ` ${KEY} {Enter}`);
    await waitFor(() => expect(api.queries.at(-1)?.filter).toEqual({ recordKey: KEY }));
    await waitFor(() => expect(screen.getByTestId('log-count')).toHaveTextContent('2 events match'));
    expect(screen.getByRole('textbox', { name: 'Record key' })).toHaveValue(KEY);
    expect(screen.queryByTestId('record-key-understood')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('export after events were added since the last verification (audit)', () => {
  /** The fake's chain reports the last verification as the background keeps it. */
  function keepVerified(api: Fake, initial: LastVerified | null = null): void {
    let last = initial;
    const chain = api.chain.bind(api);
    api.chain = async (o) => ({ ...(await chain(o)), lastVerified: last });
    api.verified = async (result) => {
      api.verifiedWith.push(result);
      last = { ...result, at: NOW };
      return { lastVerified: last };
    };
  }

  test('verified intact, then 3 events logged: the export goes through and says 3 events were never checked; none added: no warning', async () => {
    const user = userEvent.setup();
    const api = await fakeLog(6);
    keepVerified(api);
    render(<LogSection lang="en" api={api} />);
    await screen.findByTestId('log-count');
    await user.click(screen.getByRole('button', { name: 'Verify now' }));
    await waitFor(() => expect(screen.getByTestId('integrity-status')).toHaveTextContent('the chain of 6 events is intact'));
    expect(api.verifiedWith).toEqual([{ ok: true, count: 6, headSeq: 6 }]);

    // Nothing added since: no warning.
    await user.click(screen.getByRole('button', { name: 'Export as CSV' }));
    await waitFor(() => expect(api.exports).toEqual(['csv:6']));
    expect(screen.queryByTestId('export-warning')).toBeNull();

    await appendEvents(api, 3);
    await user.click(screen.getByRole('button', { name: 'Export evidence bundle (JSON)' }));
    await waitFor(() => expect(api.exports).toEqual(['csv:6', 'json:9']));
    const warning = screen.getByTestId('export-warning');
    expect(warning).toHaveTextContent(/^3 events were added to the log since the last verification \(.+\): they are in the file but were not checked\. Use Verify now \(Integrity\) before sharing this file\.$/);
    expect(warning).not.toHaveAttribute('role'); // a warning, not an alarm: the export is evidence
    expect(screen.getByTestId('export-status')).toHaveTextContent(`Exported 9 events to ${api.saved[1]!.name}`);
    // What the export holds is unchanged: every event, the new ones included.
    const bundle = JSON.parse(await api.saved[1]!.text) as { count: number; events: { seq: number }[]; head: { seq: number } };
    expect(bundle.count).toBe(9);
    expect(bundle.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(bundle.head.seq).toBe(9);

    // Verified again: the new head is the one checked, and the next export has nothing to say.
    await user.click(screen.getByRole('button', { name: 'Verify now' }));
    await waitFor(() => expect(api.verifiedWith.at(-1)).toEqual({ ok: true, count: 9, headSeq: 9 }));
    await user.click(screen.getByRole('button', { name: 'Export as CSV' }));
    await waitFor(() => expect(api.exports).toEqual(['csv:6', 'json:9', 'csv:9']));
    expect(screen.queryByTestId('export-warning')).toBeNull();
  });

  test('in French, one event; and a verification stored before its head was kept asks for a new one', async () => {
    const user = userEvent.setup();
    const api = await fakeLog(4);
    keepVerified(api, { at: NOW, ok: true, count: 3, headSeq: 3 });
    const { unmount } = render(<LogSection lang="fr" api={api} />);
    await screen.findByTestId('log-count');
    await user.click(screen.getByRole('button', { name: 'Exporter en CSV' }));
    await waitFor(() => expect(api.exports).toEqual(['csv:4']));
    expect(screen.getByTestId('export-warning')).toHaveTextContent(
      /^1 événement a été ajouté au journal depuis la dernière vérification \(.+\) : il est dans le fichier mais n’a pas été vérifié\. Utilisez Vérifier maintenant \(Intégrité\) avant de partager ce fichier\.$/,
    );
    unmount();

    const legacy = await fakeLog(4, { lastVerified: { at: NOW, ok: true, count: 4 } });
    render(<LogSection lang="en" api={legacy} />);
    await screen.findByTestId('log-count');
    await user.click(screen.getByRole('button', { name: 'Export as CSV' }));
    await waitFor(() => expect(legacy.exports).toEqual(['csv:4']));
    expect(screen.getByTestId('export-warning')).toHaveTextContent(/^The last verification \(.+\) does not say up to which event it checked \(an earlier version made it\): use Verify now \(Integrity\) before sharing this file\.$/);
  });
});
