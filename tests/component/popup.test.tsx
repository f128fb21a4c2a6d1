import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '@/entrypoints/popup/App';
import { usePopupStore, type PopupApi } from '@/entrypoints/popup/store';
import type { BasisEntry } from '@/lib/db/schema';
import type { TabView } from '@/lib/messaging/protocol';
import { fakePrivacyApi } from './consent-fakes';
import { recordTabView } from './tab-views';

const KEY = 'hs:123456:0-1:501';

function recordView(history: BasisEntry[] = []): TabView {
  const latest = history[0];
  return {
    ...recordTabView(KEY, '<img src=x onerror=alert(1)> Jane'),
    summary: latest ? { key: KEY, state: 'basis-logged', basis: latest.basis, purposeId: latest.purposeId } : { key: KEY, state: 'missing' },
    history,
  };
}

function fakeApi(initial: TabView) {
  let view = initial;
  const calls: Parameters<PopupApi['setBasis']>[0][] = [];
  const api: PopupApi = {
    ...fakePrivacyApi(KEY).api,
    resolveTab: async () => 7,
    getTab: async () => view,
    setBasis: async (input) => {
      calls.push(input);
      const entry: BasisEntry & { reference: string } = { purposeId: input.purposeId, basis: input.basis, note: input.note, reference: input.reference, at: Date.UTC(2026, 10, 29), actor: 'me', policyVersion: '2026.11.1' };
      view = recordView([entry, ...view.history]);
    },
  };
  return { api, calls };
}

beforeEach(() => {
  usePopupStore.setState({ tabId: null, view: null, privacy: null, loadError: null, save: { kind: 'idle' } });
});

/** The lawful-basis form: its own status and alert (the consent forms below have theirs). */
const basisForm = () => within(screen.getByRole('form', { name: 'Log the lawful basis' }));


/** Logs (f) for prospecting with an LIA reference, as a rep would. */
async function saveProspecting(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  await user.selectOptions(await screen.findByLabelText('Purpose'), 'prospecting');
  await user.type(screen.getByLabelText('Legitimate-interest assessment (LIA) reference'), 'LIA-1');
  await user.click(screen.getByRole('button', { name: 'Save' }));
}

/** The background's refusal when the tab has moved on to another record. */
const otherRecordRefusal = async (): Promise<never> => {
  throw new Error('That tab now shows another record. Close this panel and open it again.');
};

describe('popup', () => {
  test('shows the detected record (hostile title as text) and logs a basis with the keyboard only', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi(recordView());
    render(<App lang="en" tabId={7} embedded={false} api={api} />);
    expect(await screen.findByTestId('record-title')).toHaveTextContent('<img src=x onerror=alert(1)> Jane');
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByTestId('record-crm')).toHaveTextContent('HubSpot');
    expect(screen.getByTestId('current-basis')).toHaveTextContent('None logged yet');

    // Keyboard only: tab to each control, choose with the keyboard, submit with Enter.
    await user.tab();
    expect(screen.getByLabelText('Lawful basis (GDPR Art. 6(1))')).toHaveFocus();
    await user.selectOptions(screen.getByLabelText('Lawful basis (GDPR Art. 6(1))'), 'f');
    await user.tab();
    expect(screen.getByLabelText('Purpose')).toHaveFocus();
    await user.selectOptions(screen.getByLabelText('Purpose'), 'prospecting');
    // (f) asks for the reference of the legitimate-interest assessment.
    await user.tab();
    expect(screen.getByLabelText('Legitimate-interest assessment (LIA) reference')).toHaveFocus();
    await user.keyboard('LIA-2026-04');
    await user.tab();
    expect(screen.getByLabelText('Note (optional)')).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Save' })).toHaveFocus();
    await user.keyboard('{Enter}');

    await waitFor(() => expect(basisForm().getByRole('status')).toHaveTextContent('Saved.'));
    expect(calls).toEqual([{ tabId: 7, key: KEY, purposeId: 'prospecting', basis: 'f', reference: 'LIA-2026-04', note: '' }]);
    expect(screen.getByTestId('current-basis')).toHaveTextContent('(f) Legitimate interests');
    expect(screen.getByTestId('basis-history')).toHaveTextContent('Prospecting');
    expect(screen.getByTestId('basis-history')).toHaveTextContent('ref. LIA-2026-04');
  });

  test('says what is missing, marks the fields invalid and moves focus to the first one', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi(recordView());
    render(<App lang="en" tabId={7} embedded={false} api={api} />);
    await user.click(await screen.findByRole('button', { name: 'Save' }));
    const basis = screen.getByLabelText('Lawful basis (GDPR Art. 6(1))');
    expect(basis).toHaveAttribute('aria-invalid', 'true');
    expect(basis).toHaveAccessibleDescription('Choose a lawful basis.');
    expect(screen.getByLabelText('Purpose')).toHaveAccessibleDescription('Choose a purpose.');
    expect(basis).toHaveFocus();
    expect(calls).toHaveLength(0);
  });

  test('a contract basis without its reference is refused, said, and focused', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi(recordView());
    render(<App lang="en" tabId={7} embedded={false} api={api} />);
    await user.selectOptions(await screen.findByLabelText('Lawful basis (GDPR Art. 6(1))'), 'b');
    await user.selectOptions(screen.getByLabelText('Purpose'), 'prospecting');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const ref = screen.getByLabelText('Contract reference');
    expect(ref).toHaveAttribute('aria-invalid', 'true');
    expect(ref).toHaveAccessibleDescription('Enter the contract reference: GDPR Art. 6(1)(b) needs it on record.');
    expect(ref).toHaveFocus();
    expect(calls).toHaveLength(0);
  });

  test('choosing a purpose suggests its default basis', async () => {
    const user = userEvent.setup();
    const { api } = fakeApi(recordView());
    render(<App lang="en" tabId={7} embedded={false} api={api} />);
    await user.selectOptions(await screen.findByLabelText('Purpose'), 'newsletter');
    expect(screen.getByLabelText('Lawful basis (GDPR Art. 6(1))')).toHaveValue('a');
  });

  test('a refused attempt after a save: "Saved." does not stay beside the new field error', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi(recordView());
    render(<App lang="en" tabId={7} embedded={false} api={api} />);
    await saveProspecting(user);
    await waitFor(() => expect(basisForm().getByRole('status')).toHaveTextContent('Saved.'));
    // Now (c) without the law that requires it: refused before sending, and the old "Saved." goes.
    await user.selectOptions(screen.getByLabelText('Lawful basis (GDPR Art. 6(1))'), 'c');
    await user.clear(screen.getByLabelText('Law that requires it'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByLabelText('Law that requires it')).toHaveAttribute('aria-invalid', 'true');
    expect(basisForm().getByRole('status')).toHaveTextContent('');
    expect(basisForm().queryByText(/Saved/)).toBeNull();
    expect(calls).toHaveLength(1);
  });

  test('an error from the background is read out and nothing claims success; a refused attempt then clears it', async () => {
    const user = userEvent.setup();
    const { api } = fakeApi(recordView());
    api.setBasis = otherRecordRefusal;
    render(<App lang="en" tabId={7} embedded={false} api={api} />);
    await saveProspecting(user);
    expect(await basisForm().findByRole('alert')).toHaveTextContent('That tab now shows another record');
    expect(basisForm().getByRole('status')).toHaveTextContent('');
    await user.clear(screen.getByLabelText('Legitimate-interest assessment (LIA) reference'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByLabelText('Legitimate-interest assessment (LIA) reference')).toHaveFocus();
    expect(basisForm().queryByRole('alert')).toBeNull();
  });

  test("HubSpot's object type ids are named (a custom object keeps its id); a preset CRM by its product name", async () => {
    const { api } = fakeApi(recordView());
    const { unmount } = render(<App lang="en" tabId={7} embedded={false} api={api} />);
    expect(await screen.findByTestId('record-object')).toHaveTextContent('Contact (0-1)');
    unmount();
    const deal = recordView();
    if (deal.page.kind === 'record') deal.page.ref = { ...deal.page.ref, object: '0-3' };
    const second = render(<App lang="fr" tabId={7} embedded={false} api={fakeApi(deal).api} />);
    await waitFor(() => expect(screen.getByTestId('record-object')).toHaveTextContent('Transaction (0-3)'));
    second.unmount();
    // A preset's record: the CRM by its product name (lib/crm/names.ts), its object as the URL says.
    const d365 = recordView();
    if (d365.page.kind === 'record') d365.page.ref = { crm: 'dynamics365', org: 'contoso.crm4.dynamics.com', object: 'contact', id: '5b2c1a3e-0f6d-4e1a-9c8b-7d6e5f4a3b2c' };
    render(<App lang="en" tabId={7} embedded={false} api={fakeApi(d365).api} />);
    await waitFor(() => expect(screen.getByTestId('record-crm')).toHaveTextContent('Dynamics 365'));
    expect(screen.getByTestId('record-object')).toHaveTextContent('contact');
  });

  test('in French, on a tab that is not a CRM record', async () => {
    const view = recordView();
    view.page = { kind: 'other' };
    const { api } = fakeApi(view);
    render(<App lang="fr" tabId={null} embedded={false} api={api} />);
    expect(await screen.findByText("Cet onglet n'affiche pas de fiche CRM reconnue par CRM Privacy Guard.")).toBeInTheDocument();
  });

  test('French labels on the form', async () => {
    const { api } = fakeApi(recordView());
    render(<App lang="fr" tabId={7} embedded={true} api={api} />);
    expect(await screen.findByLabelText('Base légale (RGPD art. 6, § 1)')).toBeInTheDocument();
    expect(within(screen.getByLabelText('Finalité')).getByRole('option', { name: 'Prospection' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Consentement' })).toBeInTheDocument();
  });
});

describe('the in-page panel (embedded) by keyboard', () => {
  test('focus goes to its first control once the record is shown; Escape asks to close this tab\'s panel', async () => {
    const user = userEvent.setup();
    const { api } = fakeApi(recordView());
    const closed: number[] = [];
    render(<App lang="en" tabId={7} embedded={true} api={api} closePanel={async (tabId) => void closed.push(tabId)} />);
    await waitFor(() => expect(screen.getByLabelText('Lawful basis (GDPR Art. 6(1))')).toHaveFocus());
    // A heading for the frame's document (hidden: the panel's bar shows the name), and the key said.
    expect(screen.getByRole('heading', { level: 1, name: 'CRM Privacy Guard' })).toHaveClass('sr-only');
    expect(screen.getByTestId('panel-key-hint')).toHaveTextContent('Escape closes this panel and takes you back to the record.');
    await user.tab();
    await user.keyboard('{Escape}');
    expect(closed).toEqual([7]);
  });

  test('Escape that a control uses itself does not close the panel; the toolbar popup never asks', async () => {
    const user = userEvent.setup();
    const { api } = fakeApi(recordView());
    const closed: number[] = [];
    const { unmount } = render(<App lang="en" tabId={7} embedded={true} api={api} closePanel={async (tabId) => void closed.push(tabId)} />);
    const basis = await screen.findByLabelText('Lawful basis (GDPR Art. 6(1))');
    basis.addEventListener('keydown', (event) => event.preventDefault(), { once: true });
    await user.keyboard('{Escape}');
    expect(closed).toEqual([]);
    unmount();
    usePopupStore.setState({ tabId: null, view: null, privacy: null, loadError: null, save: { kind: 'idle' } });
    render(<App lang="en" tabId={7} embedded={false} api={api} closePanel={async (tabId) => void closed.push(tabId)} />);
    await screen.findByLabelText('Lawful basis (GDPR Art. 6(1))');
    expect(screen.getByLabelText('Lawful basis (GDPR Art. 6(1))')).not.toHaveFocus();
    await user.keyboard('{Escape}');
    expect(closed).toEqual([]);
  });

  test('in French, the key hint too', async () => {
    const { api } = fakeApi(recordView());
    render(<App lang="fr" tabId={7} embedded={true} api={api} closePanel={async () => undefined} />);
    expect(await screen.findByTestId('panel-key-hint')).toHaveTextContent('Échap ferme ce panneau et vous ramène à la fiche.');
  });
});
