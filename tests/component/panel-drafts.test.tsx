import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '@/entrypoints/popup/App';
import { usePopupStore, type PopupApi } from '@/entrypoints/popup/store';
import { RecordPanel } from '@/components/RecordPanel';
import { DraftsKept } from '@/components/form-draft';
import type { TabView } from '@/lib/messaging/protocol';
import { fakeBrowser } from 'wxt/testing';
import { fakePrivacyApi } from './consent-fakes';
import { recordTabView } from './tab-views';

/**
 * The in-page panel is the popup page in a frame that goes when the panel is closed (✕ or Escape):
 * what the rep has typed is kept per record in the page's sessionStorage and comes back when the
 * panel is opened again for the same record. Unmount + a fresh store stands for closing the panel.
 */
const KEY = 'hs:123456:0-1:501';
const OTHER = 'hs:123456:0-1:502';

function tabView(key = KEY): TabView {
  return recordTabView(key, `Record ${key.split(':').pop() ?? ''}`);
}

function setup(key = KEY) {
  const fake = fakePrivacyApi(key);
  const basisCalls: Parameters<PopupApi['setBasis']>[0][] = [];
  const closed: number[] = [];
  const api: PopupApi = {
    ...fake.api,
    resolveTab: async () => 7,
    getTab: async () => tabView(key),
    setBasis: async (input) => void basisCalls.push(input),
  };
  return { ...fake, api, basisCalls, closed };
}

const resetStore = () => usePopupStore.setState({ tabId: null, view: null, privacy: null, loadError: null, save: { kind: 'idle' } });

/** The background's side of each record: what was saved stays when the panel is opened again. */
let backgrounds = new Map<string, ReturnType<typeof setup>>();

/** Opens the panel (or the toolbar popup) on `key`; returns its fakes and the unmount that closes it. */
async function open(key = KEY, embedded = true, lang: 'en' | 'fr' = 'en') {
  resetStore();
  const fake = backgrounds.get(key) ?? setup(key);
  backgrounds.set(key, fake);
  const { unmount } = render(<App lang={lang} tabId={7} embedded={embedded} api={fake.api} closePanel={async (tabId) => void fake.closed.push(tabId)} />);
  expect(await screen.findByTestId('record-id')).toHaveTextContent(key.split(':').pop() ?? '');
  return { ...fake, unmount };
}

const NOTE = 'Asked by phone on 3 Dec for the price list';
const basisForm = () => within(screen.getByRole('form', { name: 'Log the lawful basis' }));

beforeEach(() => {
  resetStore();
  backgrounds = new Map();
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(2026, 10, 29, 12, 0, 0) });
});
afterEach(() => vi.useRealTimers());

describe('drafts in the in-page panel', () => {
  test('a typed basis note survives closing the panel with Escape and opening it again for the same record; never for another record, nor in the toolbar popup', async () => {
    const user = userEvent.setup();
    const first = await open();
    await user.selectOptions(screen.getByLabelText('Purpose'), 'prospecting');
    await user.type(screen.getByLabelText('Note (optional)'), NOTE);
    expect(basisForm().getByTestId('draft-kept')).toHaveTextContent('Draft kept for this record');
    await user.keyboard('{Escape}');
    expect(first.closed).toEqual([7]);
    first.unmount();

    // The same record: the note and the purpose (and the basis it suggested) are back.
    const again = await open();
    expect(screen.getByLabelText('Note (optional)')).toHaveValue(NOTE);
    expect(screen.getByLabelText('Purpose')).toHaveValue('prospecting');
    expect(screen.getByLabelText('Lawful basis (GDPR Art. 6(1))')).toHaveValue('f');
    expect(basisForm().getByRole('button', { name: 'Discard draft: Log the lawful basis' })).toBeInTheDocument();
    again.unmount();

    // Another record in the same tab: a blank form, no draft said to be kept.
    const other = await open(OTHER);
    expect(screen.getByLabelText('Note (optional)')).toHaveValue('');
    expect(screen.getByLabelText('Purpose')).toHaveValue('');
    expect(screen.queryByTestId('draft-kept')).toBeNull();
    other.unmount();

    // The toolbar popup keeps nothing (its storage goes when it closes): it does not claim to.
    const popup = await open(KEY, false);
    expect(screen.getByLabelText('Note (optional)')).toHaveValue('');
    await user.type(screen.getByLabelText('Note (optional)'), 'x');
    expect(screen.queryByTestId('draft-kept')).toBeNull();
    popup.unmount();

    // ...and the panel's draft of the first record is still there.
    await open();
    expect(screen.getByLabelText('Note (optional)')).toHaveValue(NOTE);
  });

  test('the draft is forgotten once the basis is saved', async () => {
    const user = userEvent.setup();
    const first = await open();
    await user.selectOptions(screen.getByLabelText('Purpose'), 'prospecting');
    await user.type(screen.getByLabelText('Legitimate-interest assessment (LIA) reference'), 'LIA-1');
    await user.type(screen.getByLabelText('Note (optional)'), NOTE);
    first.unmount();

    const again = await open();
    expect(screen.getByLabelText('Note (optional)')).toHaveValue(NOTE);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(basisForm().getByRole('status')).toHaveTextContent('Saved.'));
    expect(again.basisCalls).toEqual([expect.objectContaining({ key: KEY, purposeId: 'prospecting', basis: 'f', reference: 'LIA-1', note: NOTE })]);
    expect(screen.queryByTestId('draft-kept')).toBeNull();
    again.unmount();

    await open();
    expect(screen.getByLabelText('Note (optional)')).toHaveValue('');
    expect(screen.getByLabelText('Purpose')).toHaveValue('');
    expect(screen.getByLabelText('Lawful basis (GDPR Art. 6(1))')).toHaveValue('');
    expect(screen.queryByTestId('draft-kept')).toBeNull();
  });

  test('a refused or failed save keeps the draft', async () => {
    const user = userEvent.setup();
    const first = await open();
    first.api.setBasis = async () => {
      throw new Error('The background is not answering.');
    };
    await user.selectOptions(screen.getByLabelText('Purpose'), 'prospecting');
    await user.type(screen.getByLabelText('Note (optional)'), NOTE);
    // (f) needs its LIA reference: refused in the form.
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByLabelText('Legitimate-interest assessment (LIA) reference')).toHaveFocus();
    await user.type(screen.getByLabelText('Legitimate-interest assessment (LIA) reference'), 'LIA-1');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await basisForm().findByRole('alert')).toHaveTextContent('The background is not answering.');
    first.unmount();

    await open();
    expect(screen.getByLabelText('Note (optional)')).toHaveValue(NOTE);
    expect(screen.getByLabelText('Legitimate-interest assessment (LIA) reference')).toHaveValue('LIA-1');
  });

  test('"Discard draft" empties the form, gives focus back to its first field, and forgets the draft', async () => {
    const user = userEvent.setup();
    const first = await open();
    await user.type(screen.getByLabelText('Note (optional)'), NOTE);
    first.unmount();

    const again = await open();
    expect(screen.getByLabelText('Note (optional)')).toHaveValue(NOTE);
    await user.click(screen.getByRole('button', { name: 'Discard draft: Log the lawful basis' }));
    expect(screen.getByLabelText('Note (optional)')).toHaveValue('');
    expect(screen.getByLabelText('Lawful basis (GDPR Art. 6(1))')).toHaveFocus();
    expect(screen.queryByTestId('draft-kept')).toBeNull();
    again.unmount();

    await open();
    expect(screen.getByLabelText('Note (optional)')).toHaveValue('');
    expect(screen.queryByTestId('draft-kept')).toBeNull();
  });

  test('the consent, withdrawal, notice and request forms keep their drafts per record too, and forget them once saved', async () => {
    const user = userEvent.setup();
    const first = await open();
    await user.selectOptions(screen.getByLabelText('Purpose of the consent'), 'newsletter');
    await user.click(screen.getByRole('checkbox', { name: 'email' }));
    await user.selectOptions(screen.getByLabelText('How it was collected'), 'form');
    await user.type(screen.getByLabelText('Wording shown, or notice version'), 'Newsletter form v3');
    await user.type(screen.getByLabelText('Notice version'), 'Notice 2026-11');
    await user.selectOptions(screen.getByLabelText('Jurisdiction of the person'), 'eu');
    await user.click(screen.getByRole('button', { name: 'Save person' }));
    await user.selectOptions(await screen.findByLabelText('Kind of request'), 'access');
    await user.type(screen.getByLabelText('Identity check details (optional)'), 'Same address as on file');
    first.unmount();

    // Reopened: every typed field is back (the person was saved: it comes from the record).
    const again = await open();
    expect(screen.getByLabelText('Purpose of the consent')).toHaveValue('newsletter');
    expect(screen.getByRole('checkbox', { name: 'email' })).toBeChecked();
    expect(screen.getByLabelText('How it was collected')).toHaveValue('form');
    expect(screen.getByLabelText('Wording shown, or notice version')).toHaveValue('Newsletter form v3');
    expect(screen.getByLabelText('Notice version')).toHaveValue('Notice 2026-11');
    expect(screen.getByLabelText('Kind of request')).toHaveValue('access');
    expect(screen.getByLabelText('Identity check details (optional)')).toHaveValue('Same address as on file');
    expect(screen.getAllByTestId('draft-kept')).toHaveLength(3);

    // Logged: the consent's draft goes; the withdrawal's channel is a draft of its own.
    await user.click(screen.getByRole('button', { name: 'Log consent' }));
    await waitFor(() => expect(screen.getByTestId('consents')).toHaveTextContent('Newsletter by email: given'));
    expect(screen.getByLabelText('Wording shown, or notice version')).toHaveValue('');
    await user.selectOptions(screen.getByLabelText('How the withdrawal reached you'), 'call');
    again.unmount();

    const third = await open();
    expect(screen.getByLabelText('Wording shown, or notice version')).toHaveValue('');
    expect(screen.getByRole('checkbox', { name: 'email' })).not.toBeChecked();
    expect(screen.getByLabelText('How the withdrawal reached you')).toHaveValue('call');
    // Withdrawn: that draft goes too; the next withdrawal asks again.
    await user.click(screen.getByRole('button', { name: 'Withdraw consent for Newsletter by email' }));
    await waitFor(() => expect(screen.getByTestId('consents')).toHaveTextContent('Newsletter by email: withdrawn'));
    expect(third.calls.filter((c) => c.type === 'consent.withdraw')).toEqual([expect.objectContaining({ input: expect.objectContaining({ method: 'call' }) })]);
    third.unmount();
    expect(Object.keys(sessionStorage).filter((k) => k.startsWith('cpg.form-draft.withdraw'))).toEqual([]);

    // Another record: none of it.
    await open(OTHER);
    expect(screen.getByLabelText('Notice version')).toHaveValue('');
    expect(screen.getByLabelText('Purpose of the consent')).toHaveValue('');
    expect(screen.queryByTestId('draft-kept')).toBeNull();
  });

  test('the same form shown for another record (the tab moved on) shows that record’s draft, never the last one’s', () => {
    const view = (key: string) => tabView(key);
    const props = { lang: 'en' as const, save: { kind: 'idle' as const }, onSave: () => undefined };
    const { rerender } = render(
      <DraftsKept.Provider value={true}>
        <RecordPanel {...props} view={view(KEY)} />
      </DraftsKept.Provider>,
    );
    fireEvent.change(screen.getByLabelText('Note (optional)'), { target: { value: NOTE } });
    rerender(
      <DraftsKept.Provider value={true}>
        <RecordPanel {...props} view={view(OTHER)} />
      </DraftsKept.Provider>,
    );
    expect(screen.getByLabelText('Note (optional)')).toHaveValue('');
    fireEvent.change(screen.getByLabelText('Note (optional)'), { target: { value: 'About 502' } });
    rerender(
      <DraftsKept.Provider value={true}>
        <RecordPanel {...props} view={view(KEY)} />
      </DraftsKept.Provider>,
    );
    expect(screen.getByLabelText('Note (optional)')).toHaveValue(NOTE);
  });

  test('in French', async () => {
    const user = userEvent.setup();
    const first = await open(KEY, true, 'fr');
    await user.type(screen.getByLabelText('Note (facultative)'), NOTE);
    first.unmount();
    await open(KEY, true, 'fr');
    expect(screen.getByLabelText('Note (facultative)')).toHaveValue(NOTE);
    expect(screen.getAllByTestId('draft-kept')[0]).toHaveTextContent('Brouillon conservé pour cette fiche');
    expect(screen.getByRole('button', { name: /^Abandonner le brouillon : / })).toBeInTheDocument();
  });
});

describe('storage', () => {
  test('a draft goes to this page’s sessionStorage only, under its record’s key and naming it; never to chrome.storage or IndexedDB', async () => {
    const user = userEvent.setup();
    const idb = vi.spyOn(indexedDB, 'open');
    const stored = [vi.spyOn(fakeBrowser.storage.local, 'set'), vi.spyOn(fakeBrowser.storage.session, 'set'), vi.spyOn(fakeBrowser.storage.sync, 'set')];
    const first = await open();
    await user.type(screen.getByLabelText('Note (optional)'), NOTE);
    expect(idb).not.toHaveBeenCalled();
    for (const spy of stored) expect(spy).not.toHaveBeenCalled();
    expect(Object.keys(sessionStorage)).toEqual([`cpg.form-draft.basis|${KEY}`]);
    expect(JSON.parse(sessionStorage.getItem(`cpg.form-draft.basis|${KEY}`) ?? '')).toEqual({ record: KEY, values: { basis: '', purposeId: '', reference: '', note: NOTE } });
    first.unmount();

    // An entry under this record's key that names another record is not shown.
    sessionStorage.setItem(`cpg.form-draft.basis|${KEY}`, JSON.stringify({ record: OTHER, values: { note: 'not this one' } }));
    await open();
    expect(screen.getByLabelText('Note (optional)')).toHaveValue('');
  });
});
