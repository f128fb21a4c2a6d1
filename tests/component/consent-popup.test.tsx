import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '@/entrypoints/popup/App';
import { usePopupStore, type PopupApi } from '@/entrypoints/popup/store';
import type { TabView } from '@/lib/messaging/protocol';
import type { PrivacyView } from '@/lib/consent/views';
import { emptyPrivacyView, fakePrivacyApi, TODAY } from './consent-fakes';
import { recordTabView } from './tab-views';

const KEY = 'hs:123456:0-1:501';

function tabView(): TabView {
  return recordTabView(KEY, 'Jane Doe');
}

function setup(initial?: PrivacyView) {
  const fake = fakePrivacyApi(KEY, initial);
  const api: PopupApi = { ...fake.api, resolveTab: async () => 7, getTab: async () => tabView(), setBasis: async () => undefined };
  return { ...fake, api };
}

beforeEach(() => {
  usePopupStore.setState({ tabId: null, view: null, privacy: null, loadError: null, save: { kind: 'idle' } });
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(2026, 10, 29, 12, 0, 0) });
});
afterEach(() => vi.useRealTimers());

const consentForm = () => within(screen.getByRole('form', { name: 'Log consent' }));

/** Logs a consent for `purpose` on `channels`, collected by a form, with its wording. */
async function logConsent(user: ReturnType<typeof userEvent.setup>, purpose: string, channels: string[], wording: string): Promise<void> {
  await user.selectOptions(await screen.findByLabelText('Purpose of the consent'), purpose);
  for (const channel of channels) await user.click(screen.getByRole('checkbox', { name: channel }));
  await user.selectOptions(screen.getByLabelText('How it was collected'), 'form');
  await user.type(screen.getByLabelText('Wording shown, or notice version'), wording);
  await user.click(screen.getByRole('button', { name: 'Log consent' }));
}

/** Says how the withdrawal reached the rep (no default: Art. 7(3), 5(2)). */
async function chooseWithdrawalChannel(user: ReturnType<typeof userEvent.setup>, method = 'email'): Promise<void> {
  await user.selectOptions(await screen.findByLabelText('How the withdrawal reached you'), method);
}

/** Sets the person under the GDPR, then logs an access request (identity: a known contact). */
async function logAccessRequest(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  await user.selectOptions(await screen.findByLabelText('Jurisdiction of the person'), 'eu');
  await user.click(screen.getByRole('button', { name: 'Save person' }));
  await user.selectOptions(await screen.findByLabelText('Kind of request'), 'access');
  await user.selectOptions(screen.getByLabelText('How the identity was checked'), 'known-contact');
  await user.click(screen.getByRole('button', { name: 'Log request' }));
}

describe('consent in the popup', () => {
  test('log consent with its proof using the keyboard only', async () => {
    const user = userEvent.setup();
    const { api, calls } = setup();
    render(<App lang="en" tabId={7} embedded={false} api={api} />);
    const purpose = await screen.findByLabelText('Purpose of the consent');
    purpose.focus();
    await user.selectOptions(purpose, 'newsletter');
    await user.tab();
    expect(screen.getByRole('checkbox', { name: 'email' })).toHaveFocus();
    await user.keyboard(' ');
    await user.tab();
    await user.tab();
    await user.tab();
    expect(screen.getByRole('checkbox', { name: 'SMS' })).toHaveFocus();
    await user.keyboard(' ');
    await user.tab();
    expect(screen.getByLabelText('How it was collected')).toHaveFocus();
    await user.selectOptions(screen.getByLabelText('How it was collected'), 'event');
    await user.tab();
    await user.keyboard('Trade fair card, notice v3');
    await user.tab();
    expect(screen.getByLabelText('Date given')).toHaveValue(TODAY);
    await user.tab();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Log consent' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(consentForm().getByRole('status')).toHaveTextContent('Consent logged.'));
    expect(calls).toEqual([
      { type: 'consent.give', input: { tabId: 7, key: KEY, purposeId: 'newsletter', channels: ['email', 'sms'], method: 'event', wording: 'Trade fair card, notice v3', givenOn: TODAY } },
    ]);
    expect(screen.getByTestId('consents')).toHaveTextContent('Newsletter by email: given');
  });

  test('what is missing is marked invalid, described, and focus goes to the first one', async () => {
    const user = userEvent.setup();
    const { api, calls } = setup();
    render(<App lang="en" tabId={7} embedded={false} api={api} />);
    await user.click(await screen.findByRole('button', { name: 'Log consent' }));
    const purpose = screen.getByLabelText('Purpose of the consent');
    expect(purpose).toHaveAttribute('aria-invalid', 'true');
    expect(purpose).toHaveAccessibleDescription('Choose a purpose.');
    expect(purpose).toHaveFocus();
    expect(screen.getByRole('checkbox', { name: 'email' })).toHaveAccessibleDescription('Choose at least one channel.');
    expect(screen.getByLabelText('How it was collected')).toHaveAccessibleDescription('Choose how consent was collected.');
    expect(screen.getByLabelText('Wording shown, or notice version')).toHaveAccessibleDescription(/proof of consent/);
    expect(calls).toHaveLength(0);
  });

  test('a date in the future, or a double opt-in before the consent, is refused before sending', async () => {
    const user = userEvent.setup();
    const { api, calls } = setup();
    render(<App lang="en" tabId={7} embedded={false} api={api} />);
    await user.selectOptions(await screen.findByLabelText('Purpose of the consent'), 'newsletter');
    await user.click(screen.getByRole('checkbox', { name: 'email' }));
    await user.selectOptions(screen.getByLabelText('How it was collected'), 'form');
    await user.type(screen.getByLabelText('Wording shown, or notice version'), 'v3');
    const given = screen.getByLabelText('Date given');
    await user.clear(given);
    await user.type(given, '2026-12-01');
    await user.click(screen.getByRole('button', { name: 'Log consent' }));
    expect(given).toHaveAccessibleDescription('This date is in the future: enter the day it happened.');
    expect(given).toHaveFocus();
    await user.clear(given);
    await user.type(given, '2026-11-10');
    await user.type(screen.getByLabelText('Double opt-in confirmed on (optional)'), '2026-11-01');
    await user.click(screen.getByRole('button', { name: 'Log consent' }));
    expect(screen.getByLabelText('Double opt-in confirmed on (optional)')).toHaveAccessibleDescription('This date cannot come before 2026-11-10.');
    expect(calls).toHaveLength(0);
  });

  test('withdrawal is one action per consent; the background error is read out as an alert', async () => {
    const user = userEvent.setup();
    const initial = emptyPrivacyView(KEY);
    initial.current = [{ purposeId: 'newsletter', channel: 'email', action: 'given', on: '2026-11-01', method: 'form', wording: 'v3', at: 1, actor: 'me', policyVersion: '1' }];
    const { api, calls } = setup(initial);
    render(<App lang="en" tabId={7} embedded={false} api={api} />);
    await chooseWithdrawalChannel(user, 'unsubscribe-link');
    await user.click(await screen.findByRole('button', { name: 'Withdraw consent for Newsletter by email' }));
    await waitFor(() => expect(screen.getByTestId('withdraw-status')).toHaveTextContent('Consent withdrawn. Every open tab of this record now says so.'));
    expect(calls).toEqual([{ type: 'consent.withdraw', input: { tabId: 7, key: KEY, method: 'unsubscribe-link', withdrawnOn: TODAY, purposeId: 'newsletter', channel: 'email' } }]);
    expect(screen.getByTestId('consents')).toHaveTextContent('Newsletter by email: withdrawn');
  });

  test('how the withdrawal reached us has no default: without it the withdrawal is refused in the form and nothing is sent; chosen, it is sent (EN, FR)', async () => {
    const user = userEvent.setup();
    const initial = emptyPrivacyView(KEY);
    initial.current = [{ purposeId: 'newsletter', channel: 'email', action: 'given', on: '2026-11-01', method: 'form', wording: 'v3', at: 1, actor: 'me', policyVersion: '1' }];
    const { api, calls } = setup(initial);
    const { unmount } = render(<App lang="en" tabId={7} embedded={false} api={api} />);
    const channel = await screen.findByLabelText('How the withdrawal reached you');
    expect(channel).toHaveValue('');
    expect(within(channel).getByRole('option', { selected: true })).toHaveTextContent('Choose how');
    await user.click(screen.getByRole('button', { name: 'Withdraw consent for Newsletter by email' }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Choose how the withdrawal reached you: it is recorded as how the person withdrew consent (Art. 7(3)).');
    expect(channel).toHaveAttribute('aria-invalid', 'true');
    expect(channel).toHaveAccessibleDescription(/Choose how the withdrawal reached you/);
    expect(channel).toHaveFocus();
    expect(calls).toHaveLength(0);
    expect(screen.getByTestId('consents')).toHaveTextContent('Newsletter by email: given');
    // "Withdraw all" is refused the same way.
    await user.click(screen.getByRole('button', { name: 'Withdraw all consents' }));
    expect(channel).toHaveFocus();
    expect(calls).toHaveLength(0);

    await user.selectOptions(channel, 'In person');
    await user.click(screen.getByRole('button', { name: 'Withdraw consent for Newsletter by email' }));
    await waitFor(() => expect(screen.getByTestId('withdraw-status')).toHaveTextContent('Consent withdrawn.'));
    expect(calls).toEqual([{ type: 'consent.withdraw', input: { tabId: 7, key: KEY, method: 'in-person', withdrawnOn: TODAY, purposeId: 'newsletter', channel: 'email' } }]);
    expect(screen.queryByRole('alert')).toBeNull();
    unmount();

    usePopupStore.setState({ tabId: null, view: null, privacy: null, loadError: null, save: { kind: 'idle' } });
    const fr = setup(initial);
    render(<App lang="fr" tabId={7} embedded={true} api={fr.api} />);
    const canal = await screen.findByLabelText('Comment le retrait vous est parvenu');
    await user.click(screen.getByRole('button', { name: 'Retirer tous les consentements' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choisissez comment le retrait vous est parvenu');
    expect(canal).toHaveFocus();
    expect(fr.calls).toHaveLength(0);
  });

  test('a withdrawal dated before the consent is refused on the date field', async () => {
    const user = userEvent.setup();
    const initial = emptyPrivacyView(KEY);
    initial.current = [{ purposeId: 'newsletter', channel: 'post', action: 'given', on: '2026-11-20', method: 'form', wording: 'v3', at: 1, actor: 'me', policyVersion: '1' }];
    const { api, calls } = setup(initial);
    render(<App lang="en" tabId={7} embedded={false} api={api} />);
    const date = await screen.findByLabelText('Date withdrawn');
    await user.clear(date);
    await user.type(date, '2026-11-05');
    await user.click(screen.getByRole('button', { name: 'Withdraw all consents' }));
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(date).toHaveAccessibleDescription('This date cannot come before 2026-11-20.');
    expect(calls).toHaveLength(0);
  });

  test('a refusal from the background is an alert in that form', async () => {
    const user = userEvent.setup();
    const initial = emptyPrivacyView(KEY);
    initial.current = [{ purposeId: 'newsletter', channel: 'sms', action: 'given', on: '2026-11-20', method: 'form', wording: 'v3', at: 1, actor: 'me', policyVersion: '1' }];
    const { api } = setup(initial);
    api.withdrawConsent = async () => {
      throw new Error('There is no consent given to withdraw here. Reload the panel to see the current consents.');
    };
    render(<App lang="en" tabId={7} embedded={false} api={api} />);
    await chooseWithdrawalChannel(user);
    await user.click(await screen.findByRole('button', { name: 'Withdraw all consents' }));
    expect(await screen.findByTestId('withdraw-error')).toHaveAttribute('role', 'alert');
    expect(screen.getByTestId('withdraw-error')).toHaveTextContent('There is no consent given to withdraw here');
  });
});

describe('after a withdrawal', () => {
  const given = (channel: 'email' | 'sms', on = '2026-11-01') => ({ purposeId: 'newsletter', channel, action: 'given' as const, on, method: 'form' as const, wording: 'v3', at: 1, actor: 'me', policyVersion: '1' });

  test('the consent form no longer says "Consent logged.", and focus goes to the list of consents, not the page', async () => {
    const user = userEvent.setup();
    const { api } = setup();
    render(<App lang="en" tabId={7} embedded={false} api={api} />);
    await logConsent(user, 'newsletter', ['email', 'SMS'], 'v3');
    await waitFor(() => expect(consentForm().getByRole('status')).toHaveTextContent('Consent logged.'));

    // One consent, by keyboard: its button goes away with it.
    await chooseWithdrawalChannel(user);
    screen.getByRole('button', { name: 'Withdraw consent for Newsletter by email' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('withdraw-status')).toHaveTextContent('Consent withdrawn.'));
    expect(consentForm().getByRole('status')).toHaveTextContent('');
    expect(screen.queryByRole('button', { name: 'Withdraw consent for Newsletter by email' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Current consents' })).toHaveFocus();

    // "Withdraw all": the whole withdrawal block goes; focus lands on the same heading.
    screen.getByRole('button', { name: 'Withdraw all consents' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Withdraw all consents' })).toBeNull());
    expect(screen.getByTestId('consents')).toHaveTextContent('Newsletter by SMS: withdrawn');
    expect(screen.getByRole('heading', { name: 'Current consents' })).toHaveFocus();
    expect(document.body).not.toHaveFocus();
  });

  test('a withdrawal the background refuses leaves focus on its button, with the alert', async () => {
    const user = userEvent.setup();
    const initial = emptyPrivacyView(KEY);
    initial.current = [given('sms')];
    const { api } = setup(initial);
    api.withdrawConsent = async () => {
      throw new Error('There is no consent given to withdraw here. Reload the panel to see the current consents.');
    };
    render(<App lang="en" tabId={7} embedded={false} api={api} />);
    await chooseWithdrawalChannel(user);
    const button = await screen.findByRole('button', { name: 'Withdraw consent for Newsletter by SMS' });
    button.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('withdraw-error')).toHaveTextContent('There is no consent given to withdraw here');
    expect(button).toHaveFocus();
  });

  test('refused attempts do not keep the last success beside their errors', async () => {
    const user = userEvent.setup();
    const initial = emptyPrivacyView(KEY);
    initial.current = [given('email', '2026-11-20'), given('sms', '2026-11-20')];
    const { api, calls } = setup(initial);
    render(<App lang="en" tabId={7} embedded={false} api={api} />);
    await chooseWithdrawalChannel(user);
    await user.click(await screen.findByRole('button', { name: 'Withdraw consent for Newsletter by email' }));
    await waitFor(() => expect(screen.getByTestId('withdraw-status')).toHaveTextContent('Consent withdrawn.'));
    // A second withdrawal dated before the consent: refused on the date, and the old "Consent withdrawn." goes.
    const date = screen.getByLabelText('Date withdrawn');
    await user.clear(date);
    await user.type(date, '2026-11-05');
    await user.click(screen.getByRole('button', { name: 'Withdraw all consents' }));
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('withdraw-status')).toHaveTextContent('');
    // A consent logged, then an empty one refused: "Consent logged." goes too.
    await logConsent(user, 'prospecting', ['phone'], 'v4');
    await waitFor(() => expect(consentForm().getByRole('status')).toHaveTextContent('Consent logged.'));
    await user.click(screen.getByRole('button', { name: 'Log consent' }));
    expect(screen.getByRole('checkbox', { name: 'email' })).toHaveAttribute('aria-invalid', 'true');
    expect(consentForm().getByRole('status')).toHaveTextContent('');
    expect(calls.map((c) => c.type)).toEqual(['consent.withdraw', 'consent.give']);
  });
});

describe('requests in the popup', () => {
  test('jurisdiction first; then a request without kind or identity is refused; an erasure closes only with every item ticked', async () => {
    const user = userEvent.setup();
    const { api, calls } = setup();
    render(<App lang="en" tabId={7} embedded={false} api={api} />);
    expect(await screen.findByTestId('request-needs-jurisdiction')).toHaveTextContent("Set the person's jurisdiction first");
    await user.selectOptions(screen.getByLabelText('Jurisdiction of the person'), 'eu');
    await user.click(screen.getByRole('button', { name: 'Save person' }));
    const kind = await screen.findByLabelText('Kind of request');
    expect(within(kind).queryByRole('option', { name: 'Right to know (CCPA)' })).toBeNull();
    const received = screen.getByLabelText('Date received');
    await user.clear(received);
    await user.click(screen.getByRole('button', { name: 'Log request' }));
    expect(kind).toHaveAccessibleDescription('Choose the kind of request.');
    expect(received).toHaveAccessibleDescription('Enter a date.');
    expect(screen.getByLabelText('How the identity was checked')).toHaveAccessibleDescription('Say how the identity was checked.');
    expect(kind).toHaveFocus();
    expect(calls.filter((c) => c.type === 'request.open')).toHaveLength(0);

    await user.selectOptions(kind, 'erasure');
    await user.type(received, '2026-01-31');
    await user.selectOptions(screen.getByLabelText('How the identity was checked'), 'id-document');
    await user.click(screen.getByRole('button', { name: 'Log request' }));
    await waitFor(() => expect(screen.getByTestId('request-status')).toHaveTextContent('Request logged. Due 28 Feb 2026.'));
    const item = within(screen.getByTestId('request-item'));
    expect(item.getByText(/Erasure \(Art. 17\): received 31 Jan 2026, due 28 Feb 2026/)).toBeInTheDocument();

    await user.click(item.getByRole('checkbox', { name: 'The record itself (contact or lead) deleted in the CRM' }));
    await user.click(item.getByRole('button', { name: 'Close request' }));
    const second = item.getByRole('checkbox', { name: 'Emails, calls, notes and tasks about the person' });
    expect(second).toHaveAccessibleDescription(/erasure stays open until then/);
    expect(second).toHaveFocus();
    expect(calls.filter((c) => c.type === 'request.close')).toHaveLength(0);
    for (const box of item.getAllByRole('checkbox')) if (!(box as HTMLInputElement).checked) await user.click(box);
    await user.click(item.getByRole('button', { name: 'Close request' }));
    await waitFor(() => expect(calls.filter((c) => c.type === 'request.close')).toHaveLength(1));
    expect(calls.find((c) => c.type === 'request.close')?.input).toMatchObject({ outcome: 'completed', closedOn: TODAY, confirmed: expect.arrayContaining(['crm-record', 'backups-note']) });
  });
});

describe('what is on record', () => {
  test('one lawful basis per purpose, and each consent with its proof (what was shown, the double opt-in), in English and French', async () => {
    const initial = emptyPrivacyView(KEY);
    const at = new Date(2026, 10, 20, 10, 0).getTime();
    initial.bases = [
      { purposeId: 'prospecting', basis: 'f', note: 'private note', reference: 'LIA-7', at: at + 1000, actor: 'me', policyVersion: '1' },
      { purposeId: 'newsletter', basis: 'a', note: '', at, actor: 'me', policyVersion: '1' },
    ];
    initial.current = [{ purposeId: 'newsletter', channel: 'email', action: 'given', on: '2026-11-18', method: 'form', wording: 'Notice v4', doubleOptInOn: '2026-11-19', at, actor: 'me', policyVersion: '1' }];
    const { api } = setup(initial);
    const { unmount } = render(<App lang="en" tabId={7} embedded={false} api={api} />);
    const bases = await screen.findByTestId('bases');
    expect(within(bases).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Prospecting: (f) Legitimate interests, logged 20 Nov 2026, reference on file',
      'Newsletter: (a) Consent, logged 20 Nov 2026',
    ]);
    // The note and the reference stay private.
    expect(bases.textContent).not.toContain('LIA-7');
    expect(bases.textContent).not.toContain('private note');
    expect(screen.getByTestId('consent-proof')).toHaveTextContent('Shown: Notice v4 · double opt-in confirmed 19 Nov 2026');
    unmount();
    usePopupStore.setState({ tabId: null, view: null, privacy: null, loadError: null, save: { kind: 'idle' } });
    render(<App lang="fr" tabId={7} embedded={false} api={setup(initial).api} />);
    expect(await screen.findByText('Bases légales enregistrées, par finalité')).toBeInTheDocument();
    expect(await screen.findByTestId('consent-proof')).toHaveTextContent('Présenté : Notice v4 · double opt-in confirmé le 19 nov. 2026');
  });
});

describe('basis (a) and the consent on record', () => {
  test('choosing consent (a) for a purpose with no consent on record warns (Art. 7(1)); once it is logged the warning goes', async () => {
    const user = userEvent.setup();
    const { api } = setup();
    render(<App lang="en" tabId={7} embedded={false} api={api} />);
    await user.selectOptions(await screen.findByLabelText('Purpose'), 'newsletter'); // its default basis is (a)
    const basis = screen.getByLabelText('Lawful basis (GDPR Art. 6(1))');
    expect(basis).toHaveValue('a');
    expect(await screen.findByTestId('basis-consent-missing')).toHaveTextContent('No consent is recorded for Newsletter');
    expect(basis).toHaveAccessibleDescription(/No consent is recorded for Newsletter/);
    // (f) for the same purpose: no warning.
    await user.selectOptions(basis, 'f');
    expect(screen.queryByTestId('basis-consent-missing')).toBeNull();
    await user.selectOptions(basis, 'a');
    // The consent is logged: the warning goes.
    await logConsent(user, 'newsletter', ['email'], 'v4');
    await waitFor(() => expect(screen.queryByTestId('basis-consent-missing')).toBeNull());
  });
});

describe('person and request forms after a success', () => {
  test('a refused attempt does not keep the last "Saved." or "Request logged." beside its errors', async () => {
    const user = userEvent.setup();
    const { api, calls } = setup();
    render(<App lang="en" tabId={7} embedded={false} api={api} />);
    await user.selectOptions(await screen.findByLabelText('Jurisdiction of the person'), 'eu');
    await user.click(screen.getByRole('button', { name: 'Save person' }));
    const person = within(screen.getByRole('button', { name: 'Save person' }).closest('form') as HTMLElement);
    await waitFor(() => expect(person.getByRole('status')).toHaveTextContent('Saved.'));
    const obtained = screen.getByLabelText('Date the data was obtained');
    await user.clear(obtained);
    await user.click(screen.getByRole('button', { name: 'Save person' }));
    expect(obtained).toHaveAttribute('aria-invalid', 'true');
    expect(person.getByRole('status')).toHaveTextContent('');

    await user.selectOptions(await screen.findByLabelText('Kind of request'), 'access');
    await user.selectOptions(screen.getByLabelText('How the identity was checked'), 'known-contact');
    await user.click(screen.getByRole('button', { name: 'Log request' }));
    await waitFor(() => expect(screen.getByTestId('request-status')).toHaveTextContent('Request logged.'));
    await user.clear(screen.getByLabelText('Date received'));
    await user.click(screen.getByRole('button', { name: 'Log request' }));
    expect(screen.getByLabelText('Date received')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('request-status')).toHaveTextContent('');
    expect(calls.filter((c) => c.type === 'request.open')).toHaveLength(1);
  });
});

describe('extending a request', () => {
  test('inside the first month, with a reason: the extension form goes away and "Extended to …" is still said in a polite status', async () => {
    const user = userEvent.setup();
    const { api, calls } = setup();
    render(<App lang="en" tabId={7} embedded={false} api={api} />);
    await logAccessRequest(user);
    const item = within(await screen.findByTestId('request-item'));
    await user.type(item.getByLabelText('Reason for the extension (told to the person)'), 'Several systems hold copies');
    await user.click(item.getByRole('button', { name: 'Extend' }));
    await waitFor(() => expect(calls.filter((c) => c.type === 'request.extend')).toHaveLength(1));
    // One extension only: the form is gone once the request is extended...
    await waitFor(() => expect(item.queryByRole('button', { name: 'Extend' })).toBeNull());
    // ...but the user (and the screen reader) is still told it worked: 29 Nov 2026 + 3 months.
    expect(item.getByTestId('extend-status')).toHaveAttribute('role', 'status');
    expect(item.getByTestId('extend-status')).toHaveTextContent('Extended to 28 Feb 2027');

    // Closing it removes the close form too; "Request closed." is still said.
    await user.click(item.getByRole('button', { name: 'Close request' }));
    await waitFor(() => expect(screen.getByTestId('request-item')).toHaveAttribute('data-request-status', 'closed'));
    expect(item.queryByRole('button', { name: 'Close request' })).toBeNull();
    expect(item.getByTestId('close-status')).toHaveAttribute('role', 'status');
    expect(item.getByTestId('close-status')).toHaveTextContent('Request closed.');
  });
});

describe('export for the person', () => {
  test('JSON and CSV: the log gets field keys only, the file gets the values, a formula is defused', async () => {
    const user = userEvent.setup();
    const { api, calls, files } = setup();
    render(<App lang="en" tabId={7} embedded={false} api={api} />);
    await user.click(await screen.findByRole('button', { name: 'Export JSON' }));
    await waitFor(() => expect(screen.getByTestId('export-status')).toHaveTextContent('Exported 2 fields as JSON.'));
    expect(calls).toEqual([{ type: 'export.log', input: { tabId: 7, key: KEY, format: 'json', fields: ['email', 'notes'] } }]);
    expect(JSON.stringify(calls)).not.toContain('jane@example.com');
    expect(files[0]?.name).toBe(`personal-data-hubspot-501-${TODAY}.json`);
    expect(JSON.parse(files[0]?.content ?? '')).toMatchObject({ record: { crm: 'hubspot', id: '501' }, fields: [{ key: 'email', value: 'jane@example.com' }, { key: 'notes' }] });
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(files).toHaveLength(2));
    expect(files[1]?.content).toBe('\ufefffield,label,value\r\nemail,Email,jane@example.com\r\nnotes,Notes,"\'=HYPERLINK(""x"")"\r\n');
  });
});

describe('French', () => {
  test('the consent and request forms are in French', async () => {
    const { api } = setup();
    render(<App lang="fr" tabId={7} embedded={true} api={api} />);
    expect(await screen.findByLabelText('Finalité du consentement')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enregistrer le consentement' })).toBeInTheDocument();
    expect(screen.getByLabelText('Juridiction de la personne')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Exporter en CSV' })).toBeInTheDocument();
  });
});
