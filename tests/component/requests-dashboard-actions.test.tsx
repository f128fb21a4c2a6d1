import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RequestsSection } from '@/components/dashboard/RequestsSection';
import { MessageError } from '@/lib/messaging/client';
import { ERASURE_CHECKLIST } from '@/lib/consent/model';
import { TODAY } from './consent-fakes';
import { fakeRequestApis, ID_A, ID_B, requestRow, requestView } from './request-fakes';

const ID_C = '00000000-0000-4000-8000-00000000000c';

describe('requests section: extend and close from the dashboard', () => {
  test('extend: an inline form with the popup’s reason check; the message is sent, the table reloads, the result is announced and focus goes to the status cell', async () => {
    const user = userEvent.setup();
    const fake = fakeRequestApis([requestView({}), requestView({ id: ID_B, crm: 'salesforce', object: 'Contact', recordId: '003A', kind: 'erasure', checklist: [...ERASURE_CHECKLIST] })]);
    render(<RequestsSection lang="en" api={fake.api} actions={fake.actions} />);
    await screen.findByTestId('requests-table');
    expect(fake.lists()).toBe(1);
    const row = within(requestRow(ID_A));
    const open = row.getByRole('button', { name: 'Extend…' });
    expect(open).toHaveAttribute('aria-expanded', 'false');
    await user.click(open);
    expect(open).toHaveAttribute('aria-expanded', 'true');
    const form = screen.getByRole('form', { name: 'Extend the deadline' });
    expect(form).toHaveAccessibleDescription('Access (Art. 15) for HubSpot 0-1 501, received 20 Nov 2026');
    const reason = within(form).getByLabelText('Reason for the extension (told to the person)');
    expect(reason).toHaveFocus();
    // The popup's check: a reason of 10 characters at least, before anything is sent.
    await user.type(reason, 'busy');
    await user.click(within(form).getByRole('button', { name: 'Extend' }));
    expect(within(form).getByText('Give the reason (at least 10 characters).')).toBeInTheDocument();
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(fake.calls).toHaveLength(0);

    await user.clear(reason);
    await user.type(reason, '  Records spread over three systems ');
    await user.click(within(form).getByRole('button', { name: 'Extend' }));
    await waitFor(() => expect(screen.getByTestId('requests-announce')).toHaveTextContent('HubSpot 0-1 501, Access (Art. 15): Extended to 20 Feb 2027'));
    expect(fake.calls).toEqual([{ type: 'request.extend', input: { id: ID_A, reason: 'Records spread over three systems' } }]);
    expect(fake.lists()).toBe(2);
    expect(screen.getByTestId('requests-announce')).toHaveAttribute('aria-live', 'polite');
    expect(screen.queryByRole('form', { name: 'Extend the deadline' })).toBeNull();
    const after = within(requestRow(ID_A));
    expect(after.getByTestId('request-status')).toHaveTextContent('Extended');
    expect(after.getByTestId('request-status')).toHaveFocus();
    expect(requestRow(ID_A)).toHaveTextContent('20 Feb 2027');
    // One extension only: Extend… is gone, Close… stays.
    expect(after.queryByRole('button', { name: 'Extend…' })).toBeNull();
    expect(after.getByRole('button', { name: 'Close…' })).toBeInTheDocument();
  });

  test('close: outcome, date and note as in the popup (a refusal needs its reasons); the table reloads and the actions go', async () => {
    const user = userEvent.setup();
    const fake = fakeRequestApis([requestView({}), requestView({ id: ID_B, kind: 'erasure', checklist: [...ERASURE_CHECKLIST] })]);
    render(<RequestsSection lang="en" api={fake.api} actions={fake.actions} />);
    await screen.findByTestId('requests-table');
    await user.click(within(requestRow(ID_B)).getByRole('button', { name: 'Close…' }));
    const form = screen.getByRole('form', { name: 'Close the request' });
    // An erasure: the checklist first, as in the popup; its first box has focus.
    expect(within(form).getByRole('group', { name: 'Erasure checklist: delete in the CRM, then tick' })).toBeInTheDocument();
    expect(within(form).getAllByRole('checkbox')[0]).toHaveFocus();
    expect(within(form).getByLabelText('Date answered')).toHaveValue(TODAY);
    expect(within(form).getByLabelText('Date answered')).toHaveAttribute('max', TODAY);
    await user.click(within(form).getByRole('button', { name: 'Close request' }));
    expect(within(form).getByText('Tick every item once deleted in the CRM: the erasure stays open until then.')).toBeInTheDocument();
    await user.selectOptions(within(form).getByLabelText('Outcome'), 'refused');
    await user.click(within(form).getByRole('button', { name: 'Close request' }));
    expect(within(form).getByText('Say why the request is refused (at least 10 characters).')).toBeInTheDocument();
    expect(within(form).getByLabelText('Note (reasons when refused)')).toHaveFocus();
    expect(fake.calls).toHaveLength(0);

    await user.type(within(form).getByLabelText('Note (reasons when refused)'), 'Legal hold: litigation pending');
    await user.click(within(form).getByRole('button', { name: 'Close request' }));
    await waitFor(() => expect(screen.getByTestId('requests-announce')).toHaveTextContent('HubSpot 0-1 501, Erasure (Art. 17): Request closed.'));
    expect(fake.calls).toEqual([{ type: 'request.close', input: { id: ID_B, outcome: 'refused', closedOn: TODAY, confirmed: [], note: 'Legal hold: litigation pending' } }]);
    expect(fake.lists()).toBe(2);
    const after = within(requestRow(ID_B));
    expect(after.getByTestId('request-status')).toHaveTextContent('Closed');
    expect(after.getByTestId('request-status')).toHaveFocus();
    expect(after.queryByRole('button')).toBeNull();
    expect(screen.queryByTestId('request-form-row')).toBeNull();
  });

  test('a refusal of the background is an alert with its text; what was typed stays, nothing is announced or reloaded', async () => {
    const user = userEvent.setup();
    const fake = fakeRequestApis([requestView({})]);
    fake.refuse(new MessageError('bad-request', 'Too late to extend', 'errExtensionTooLate', { extendBy: '2026-11-25' }));
    render(<RequestsSection lang="en" api={fake.api} actions={fake.actions} />);
    await user.click(await screen.findByRole('button', { name: 'Extend…' }));
    const reason = screen.getByLabelText('Reason for the extension (told to the person)');
    await user.type(reason, 'Records spread over three systems{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Too late to extend: the extension and its reasons had to be given to the person within the first period, by 2026-11-25. Answer the request now.',
    );
    expect(fake.calls).toHaveLength(1);
    expect(reason).toHaveValue('Records spread over three systems');
    expect(screen.getByRole('form', { name: 'Extend the deadline' })).toBeInTheDocument();
    expect(screen.getByTestId('requests-announce')).toHaveTextContent('');
    expect(fake.lists()).toBe(1);
    expect(within(requestRow(ID_A)).getByTestId('request-status')).toHaveTextContent('Open');

    // The same for closing: the note typed stays beside the alert.
    fake.refuse(new MessageError('conflict', 'That request was already closed.', 'errRequestAlreadyClosed'));
    await user.click(screen.getByRole('button', { name: 'Close…' }));
    const form = screen.getByRole('form', { name: 'Close the request' });
    await user.type(within(form).getByLabelText('Note (reasons when refused)'), 'Sent the copy by post');
    await user.click(within(form).getByRole('button', { name: 'Close request' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/already closed/);
    expect(within(form).getByLabelText('Note (reasons when refused)')).toHaveValue('Sent the copy by post');
    expect(fake.calls.map((c) => c.type)).toEqual(['request.extend', 'request.close']);
  });

  test('a closed request has no actions; an extended one, or one whose law allows no extension, has Close… only', async () => {
    const fake = fakeRequestApis([
      requestView({ id: ID_A, status: 'closed', closedOn: '2026-11-25', canExtend: false, daysLeft: undefined }),
      requestView({ id: ID_B, status: 'extended', dueDate: '2027-02-20', canExtend: false }),
      requestView({ id: ID_C, jurisdiction: 'california', kind: 'opt-out-sale', canExtend: false, extendBy: undefined }),
    ]);
    render(<RequestsSection lang="en" api={fake.api} actions={fake.actions} />);
    await screen.findByTestId('requests-table');
    expect(within(requestRow(ID_A)).queryAllByRole('button')).toHaveLength(0);
    expect(within(requestRow(ID_B)).getAllByRole('button').map((b) => b.textContent)).toEqual(['Close…']);
    expect(within(requestRow(ID_C)).getAllByRole('button').map((b) => b.textContent)).toEqual(['Close…']);
  });

  test('keyboard only: Tab to Extend…, Enter, type the reason, Enter; Escape closes a form and gives focus back to its button', async () => {
    const user = userEvent.setup();
    const fake = fakeRequestApis([requestView({})]);
    render(<RequestsSection lang="en" api={fake.api} actions={fake.actions} />);
    await screen.findByTestId('requests-table');
    await user.tab();
    expect(screen.getByRole('button', { name: /Reload the list/ })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Extend…' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Close…' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('form', { name: 'Close the request' })).toBeInTheDocument();
    expect(screen.getByLabelText('Outcome')).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Close the request' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Close…' })).toHaveFocus();

    await user.tab({ shift: true });
    expect(screen.getByRole('button', { name: 'Extend…' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByLabelText('Reason for the extension (told to the person)')).toHaveFocus();
    await user.keyboard('Records spread over three systems');
    await user.tab();
    expect(screen.getByRole('button', { name: 'Extend' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.tab({ shift: true });
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('requests-announce')).toHaveTextContent('Extended to 20 Feb 2027'));
    expect(fake.calls).toEqual([{ type: 'request.extend', input: { id: ID_A, reason: 'Records spread over three systems' } }]);
    expect(screen.getByTestId('request-status')).toHaveFocus();
  });

  test('in French: the actions, the form, Cancel, the announcement and the background’s refusal', async () => {
    const user = userEvent.setup();
    const fake = fakeRequestApis([requestView({})]);
    render(<RequestsSection lang="fr" api={fake.api} actions={fake.actions} />);
    expect(await screen.findByRole('columnheader', { name: 'Actions' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Clore…' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Prolonger…' }));
    const form = screen.getByRole('form', { name: 'Prolonger le délai' });
    expect(form).toHaveAccessibleDescription('Accès (art. 15) pour HubSpot 0-1 501, reçue le 20 nov. 2026');
    expect(within(form).getByRole('button', { name: 'Annuler' })).toBeInTheDocument();
    fake.refuse(new MessageError('conflict', 'That request was already extended; the law allows one extension.', 'errRequestAlreadyExtended'));
    await user.type(within(form).getByLabelText('Motif de la prolongation (communiqué à la personne)'), 'Données réparties sur trois systèmes{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Cette demande a déjà été prolongée : la loi n’autorise qu’une prolongation.');
    fake.refuse(undefined);
    await user.click(within(form).getByRole('button', { name: 'Prolonger' }));
    await waitFor(() => expect(screen.getByTestId('requests-announce')).toHaveTextContent('HubSpot 0-1 501, Accès (art. 15) : Prolongée au 20 févr. 2027'));
  });

  test('the record cell names the CRM by its product name: Dynamics 365, Zoho CRM; a CRM described in policy is “Custom CRM”', async () => {
    const fake = fakeRequestApis([
      requestView({ id: ID_A, crm: 'dynamics365', object: 'contact', recordId: 'a1b2' }),
      requestView({ id: ID_B, crm: 'zoho', object: 'Leads', recordId: '77' }),
      requestView({ id: ID_C, crm: 'custom', object: 'person', recordId: '9' }),
    ]);
    // The table's rows as the user reads them (the first cell of each is the record).
    const records = async () => within(await screen.findByTestId('requests-table')).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[0]?.textContent);
    const { unmount } = render(<RequestsSection lang="en" api={fake.api} actions={fake.actions} />);
    expect(await records()).toEqual(['Dynamics 365 contact a1b2', 'Zoho CRM Leads 77', 'Custom CRM person 9']);
    unmount();
    render(<RequestsSection lang="fr" api={fake.api} actions={fake.actions} />);
    expect(await records()).toEqual(['Dynamics 365 contact a1b2', 'Zoho CRM Leads 77', 'CRM personnalisé person 9']);
  });
});
