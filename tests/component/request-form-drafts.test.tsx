import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '@/entrypoints/popup/App';
import { usePopupStore, type PopupApi } from '@/entrypoints/popup/store';
import { RequestsSection } from '@/components/dashboard/RequestsSection';
import { ERASURE_CHECKLIST } from '@/lib/consent/model';
import type { PrivacyView, RequestView } from '@/lib/consent/views';
import type { TabView } from '@/lib/messaging/protocol';
import { emptyPrivacyView, fakePrivacyApi, TODAY } from './consent-fakes';
import { fakeRequestApis, ID_A, ID_B, requestRow, requestView } from './request-fakes';

/**
 * The extension and closing forms of a data-subject request keep what was typed in the in-page
 * panel, per request (as the panel's other forms do per record: panel-drafts.test.tsx). The toolbar
 * popup and the dashboard keep nothing, and never say a draft is kept.
 */
const KEY = 'hs:123456:0-1:501';
const REASON = 'Records spread over three systems';
const NOTE = 'Not the person: identity check failed twice';

const twoRequests = (): RequestView[] => [requestView({}), requestView({ id: ID_B, kind: 'erasure', checklist: [...ERASURE_CHECKLIST] })];

function privacyView(): PrivacyView {
  return { ...emptyPrivacyView(KEY), subject: { jurisdiction: 'eu', source: 'direct', obtainedOn: '2026-11-01', at: 1, actor: 'me' }, requests: twoRequests() };
}

function tabView(): TabView {
  return {
    tabId: 7,
    page: { kind: 'record', ref: { crm: 'hubspot', org: '123456', object: '0-1', id: '501' }, key: KEY, title: 'Record 501' },
    summary: { key: KEY, state: 'missing' },
    history: [],
    policy: { version: '2026.11.1', name: 'Default', purposes: [{ id: 'newsletter', label: { en: 'Newsletter', fr: 'Lettre d’information' }, defaultBasis: 'a' }] },
  };
}

/** The background's side: what was saved stays when the panel is opened again. */
let background: ReturnType<typeof fakePrivacyApi> | undefined;

/** Opens the in-page panel (or the toolbar popup); the unmount stands for closing it. */
async function open(embedded = true, lang: 'en' | 'fr' = 'en') {
  usePopupStore.setState({ tabId: null, view: null, privacy: null, loadError: null, save: { kind: 'idle' } });
  background ??= fakePrivacyApi(KEY, privacyView());
  const fake = background;
  const api: PopupApi = { ...fake.api, resolveTab: async () => 7, getTab: async () => tabView(), setBasis: async () => undefined };
  const { unmount } = render(<App lang={lang} tabId={7} embedded={embedded} api={api} closePanel={async () => undefined} />);
  await screen.findAllByTestId('request-item');
  return { ...fake, api, unmount };
}

const itemOf = (kind: 'access' | 'erasure') => screen.getAllByTestId('request-item').find((li) => li.getAttribute('data-request-kind') === kind) as HTMLElement;
const item = (kind: 'access' | 'erasure') => within(itemOf(kind));
/** The request's line in the popup ("Access (Art. 15), received …"): it ends the name of the request's forms. */
const line = (kind: 'access' | 'erasure') => itemOf(kind).querySelector('p')?.textContent ?? '';
const extendForm = (kind: 'access' | 'erasure' = 'access') => within(item(kind).getByRole('form', { name: `Extend the deadline ${line(kind)}` }));
const closeForm = (kind: 'access' | 'erasure' = 'access') => within(item(kind).getByRole('form', { name: `Close the request ${line(kind)}` }));
const draftKeys = () => Object.keys(sessionStorage).filter((k) => k.startsWith('cpg.form-draft.'));

beforeEach(() => {
  background = undefined;
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(2026, 10, 29, 12, 0, 0) });
});
afterEach(() => vi.useRealTimers());

describe('request forms in the in-page panel', () => {
  test('the extension reason and the closing form survive closing the panel, per request, never shown on another request', async () => {
    const user = userEvent.setup();
    const first = await open();
    await user.type(extendForm().getByLabelText('Reason for the extension (told to the person)'), REASON);
    await user.selectOptions(closeForm().getByLabelText('Outcome'), 'refused');
    await user.type(closeForm().getByLabelText('Note (reasons when refused)'), NOTE);
    await user.click(closeForm('erasure').getByRole('checkbox', { name: 'The record itself (contact or lead) deleted in the CRM' }));
    expect(extendForm().getByTestId('draft-kept')).toHaveTextContent('Draft kept for this record');
    expect(closeForm().getByTestId('draft-kept')).toBeInTheDocument();
    expect(closeForm('erasure').getByTestId('draft-kept')).toBeInTheDocument();
    // The erasure's extension form was not touched: no draft said to be kept there.
    expect(extendForm('erasure').queryByTestId('draft-kept')).toBeNull();
    first.unmount();

    await open();
    expect(extendForm().getByLabelText('Reason for the extension (told to the person)')).toHaveValue(REASON);
    expect(closeForm().getByLabelText('Outcome')).toHaveValue('refused');
    expect(closeForm().getByLabelText('Note (reasons when refused)')).toHaveValue(NOTE);
    expect(closeForm().getByLabelText('Date answered')).toHaveValue(TODAY);
    expect(closeForm().getByRole('button', { name: 'Discard draft: Close the request' })).toBeInTheDocument();
    // The other request shows its own drafts only: its reason is blank, its one ticked box is back.
    expect(extendForm('erasure').getByLabelText('Reason for the extension (told to the person)')).toHaveValue('');
    expect(closeForm('erasure').getByLabelText('Note (reasons when refused)')).toHaveValue('');
    expect(closeForm('erasure').getByLabelText('Outcome')).toHaveValue('completed');
    expect(closeForm('erasure').getByRole('checkbox', { name: 'The record itself (contact or lead) deleted in the CRM' })).toBeChecked();
    expect(closeForm('erasure').getByRole('checkbox', { name: 'Emails, calls, notes and tasks about the person' })).not.toBeChecked();
    expect(draftKeys().sort()).toEqual([`cpg.form-draft.close:${ID_A}|${KEY}`, `cpg.form-draft.close:${ID_B}|${KEY}`, `cpg.form-draft.extend:${ID_A}|${KEY}`]);
  });

  test('an extension or a closing that succeeds forgets its draft; one that fails keeps it', async () => {
    const user = userEvent.setup();
    const first = await open();
    await user.type(extendForm().getByLabelText('Reason for the extension (told to the person)'), REASON);
    await user.selectOptions(closeForm().getByLabelText('Outcome'), 'refused');
    await user.type(closeForm().getByLabelText('Note (reasons when refused)'), NOTE);
    first.unmount();

    // The background refuses the closing: what was typed stays, and comes back.
    const second = await open();
    second.api.closeRequest = async () => {
      throw new Error('The background is not answering.');
    };
    await user.click(closeForm().getByRole('button', { name: 'Close request' }));
    expect(await item('access').findByRole('alert')).toHaveTextContent('The background is not answering.');
    second.unmount();

    const third = await open();
    expect(closeForm().getByLabelText('Note (reasons when refused)')).toHaveValue(NOTE);
    await user.click(extendForm().getByRole('button', { name: 'Extend' }));
    await waitFor(() => expect(third.calls.filter((c) => c.type === 'request.extend')).toEqual([{ type: 'request.extend', input: { id: ID_A, reason: REASON } }]));
    await waitFor(() => expect(item('access').queryByRole('form', { name: /^Extend the deadline/ })).toBeNull());
    expect(draftKeys()).toEqual([`cpg.form-draft.close:${ID_A}|${KEY}`]);
    await user.click(closeForm().getByRole('button', { name: 'Close request' }));
    await waitFor(() => expect(third.calls.filter((c) => c.type === 'request.close')).toEqual([{ type: 'request.close', input: { id: ID_A, outcome: 'refused', closedOn: TODAY, confirmed: [], note: NOTE } }]));
    await waitFor(() => expect(item('access').queryByRole('form', { name: /^Close the request/ })).toBeNull());
    expect(draftKeys()).toEqual([]);
  });

  test('"Discard draft" empties the form, gives focus back to its first field, and forgets the draft', async () => {
    const user = userEvent.setup();
    const first = await open();
    await user.type(extendForm().getByLabelText('Reason for the extension (told to the person)'), REASON);
    await user.click(closeForm('erasure').getByRole('checkbox', { name: 'The record itself (contact or lead) deleted in the CRM' }));
    await user.type(closeForm('erasure').getByLabelText('Note (reasons when refused)'), 'x');
    first.unmount();

    const again = await open();
    await user.click(closeForm('erasure').getByRole('button', { name: 'Discard draft: Close the request' }));
    expect(closeForm('erasure').getByRole('checkbox', { name: 'The record itself (contact or lead) deleted in the CRM' })).not.toBeChecked();
    expect(closeForm('erasure').getByLabelText('Note (reasons when refused)')).toHaveValue('');
    expect(closeForm('erasure').getByRole('checkbox', { name: 'The record itself (contact or lead) deleted in the CRM' })).toHaveFocus();
    expect(closeForm('erasure').queryByTestId('draft-kept')).toBeNull();

    await user.click(extendForm().getByRole('button', { name: 'Discard draft: Extend the deadline' }));
    expect(extendForm().getByLabelText('Reason for the extension (told to the person)')).toHaveValue('');
    expect(extendForm().getByLabelText('Reason for the extension (told to the person)')).toHaveFocus();
    expect(screen.queryByTestId('draft-kept')).toBeNull();
    expect(draftKeys()).toEqual([]);
    again.unmount();

    await open();
    expect(extendForm().getByLabelText('Reason for the extension (told to the person)')).toHaveValue('');
    expect(closeForm('erasure').getByRole('checkbox', { name: 'The record itself (contact or lead) deleted in the CRM' })).not.toBeChecked();
  });

  test('a stored draft is checked as it is read: an unknown outcome or checklist item is not sent', async () => {
    const user = userEvent.setup();
    sessionStorage.setItem(`cpg.form-draft.close:${ID_B}|${KEY}`, JSON.stringify({ record: KEY, values: { outcome: 'deleted', closedOn: TODAY, confirmed: [...ERASURE_CHECKLIST, 'everything'], note: '' } }));
    const panel = await open();
    expect(closeForm('erasure').getByLabelText('Outcome')).toHaveValue('completed');
    await user.click(closeForm('erasure').getByRole('button', { name: 'Close request' }));
    await waitFor(() => expect(panel.calls.filter((c) => c.type === 'request.close')).toHaveLength(1));
    expect(panel.calls.find((c) => c.type === 'request.close')?.input).toEqual({ id: ID_B, outcome: 'completed', closedOn: TODAY, confirmed: [...ERASURE_CHECKLIST], note: '' });
  });

  test('in French', async () => {
    const user = userEvent.setup();
    const first = await open(true, 'fr');
    const reason = within(screen.getAllByRole('form', { name: `Prolonger le délai ${line('access')}` })[0]!).getByLabelText('Motif de la prolongation (communiqué à la personne)');
    await user.type(reason, REASON);
    first.unmount();
    await open(true, 'fr');
    const form = within(screen.getAllByRole('form', { name: `Prolonger le délai ${line('access')}` })[0]!);
    expect(form.getByLabelText('Motif de la prolongation (communiqué à la personne)')).toHaveValue(REASON);
    expect(form.getByTestId('draft-kept')).toHaveTextContent('Brouillon conservé pour cette fiche');
    expect(form.getByRole('button', { name: 'Abandonner le brouillon : Prolonger le délai' })).toBeInTheDocument();
  });
});

describe('where nothing is kept', () => {
  test('the toolbar popup: no draft said to be kept, nothing stored, a blank form when opened again', async () => {
    const user = userEvent.setup();
    const first = await open(false);
    await user.type(extendForm().getByLabelText('Reason for the extension (told to the person)'), REASON);
    await user.type(closeForm().getByLabelText('Note (reasons when refused)'), NOTE);
    expect(screen.queryByTestId('draft-kept')).toBeNull();
    expect(draftKeys()).toEqual([]);
    first.unmount();
    await open(false);
    expect(extendForm().getByLabelText('Reason for the extension (told to the person)')).toHaveValue('');
  });

  test('the dashboard: no draft said to be kept, none stored, none shown even where the page has one', async () => {
    const user = userEvent.setup();
    // A panel draft of the same request in this page's storage: the dashboard does not show it.
    sessionStorage.setItem(`cpg.form-draft.extend:${ID_A}|${KEY}`, JSON.stringify({ record: KEY, values: { reason: 'from the panel' } }));
    const fake = fakeRequestApis(twoRequests());
    render(<RequestsSection lang="en" api={fake.api} actions={fake.actions} />);
    await screen.findByTestId('requests-table');
    const row = () => within(requestRow(ID_A));
    await user.click(row().getByRole('button', { name: 'Extend…' }));
    const form = within(screen.getByRole('form', { name: 'Extend the deadline' }));
    expect(form.getByLabelText('Reason for the extension (told to the person)')).toHaveValue('');
    await user.type(form.getByLabelText('Reason for the extension (told to the person)'), REASON);
    expect(screen.queryByTestId('draft-kept')).toBeNull();
    await user.click(form.getByRole('button', { name: 'Cancel' }));
    await user.click(row().getByRole('button', { name: 'Close…' }));
    await user.type(within(screen.getByRole('form', { name: 'Close the request' })).getByLabelText('Note (reasons when refused)'), NOTE);
    expect(screen.queryByTestId('draft-kept')).toBeNull();
    expect(draftKeys()).toEqual([`cpg.form-draft.extend:${ID_A}|${KEY}`]);
    expect(JSON.parse(sessionStorage.getItem(`cpg.form-draft.extend:${ID_A}|${KEY}`) ?? '')).toEqual({ record: KEY, values: { reason: 'from the panel' } });
  });
});

describe('names of the forms', () => {
  test('in the popup each request’s forms are named after the request: two requests, landmarks a screen reader tells apart (EN, FR)', async () => {
    for (const [lang, extend, close] of [['en', 'Extend the deadline', 'Close the request'], ['fr', 'Prolonger le délai', 'Clore la demande']] as const) {
      const panel = await open(true, lang);
      expect(item('access').getByRole('form', { name: `${close} ${line('access')}` })).toBeInTheDocument();
      expect(item('erasure').getByRole('form', { name: `${close} ${line('erasure')}` })).toBeInTheDocument();
      expect(item('access').getByRole('form', { name: `${extend} ${line('access')}` })).toBeInTheDocument();
      expect(line('access')).not.toBe(line('erasure'));
      expect(line('access')).toMatch(lang === 'en' ? /^Access \(Art\. 15\): received / : / : reçue le .*, échéance le /);
      panel.unmount();
    }
  });
});
