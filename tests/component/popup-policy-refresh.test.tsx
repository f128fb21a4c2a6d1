import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing';
import { App, browserApi } from '@/entrypoints/popup/App';
import { usePopupStore, type PopupApi } from '@/entrypoints/popup/store';
import type { TabView } from '@/lib/messaging/protocol';
import { fakePrivacyApi } from './consent-fakes';

/**
 * The popup and the in-page panel follow a change of the policy in force while they are open (the
 * background tells the extension's pages, lib/messaging/policy-changed.ts): the policy-derived data
 * shown is asked for again, and what the rep is typing stays.
 */

const KEY = 'hs:123456:0-1:501';

function recordView(version: string, purposes: TabView['policy']['purposes']): TabView {
  return {
    tabId: 7,
    page: { kind: 'record', ref: { crm: 'hubspot', org: '123456', object: '0-1', id: '501' }, key: KEY, title: 'Jane' },
    summary: { key: KEY, state: 'missing' },
    history: [],
    policy: { version, name: 'Default', purposes },
  };
}

const BEFORE = recordView('2026.11.1', [
  { id: 'prospecting', label: { en: 'Prospecting', fr: 'Prospection' }, defaultBasis: 'f' },
  { id: 'newsletter', label: { en: 'Newsletter', fr: 'Lettre d’information' }, defaultBasis: 'a' },
]);
const AFTER = recordView('2026.12.0', [
  { id: 'prospecting', label: { en: 'Cold outreach', fr: 'Prospection à froid' }, defaultBasis: 'f' },
  { id: 'newsletter', label: { en: 'Newsletter', fr: 'Lettre d’information' }, defaultBasis: 'a' },
  { id: 'events', label: { en: 'Event invitations', fr: 'Invitations aux événements' }, defaultBasis: 'f' },
]);

function fakeApi() {
  let view = BEFORE;
  const listeners = new Set<(version: string) => void>();
  const privacy = fakePrivacyApi(KEY).api;
  let privacyCalls = 0;
  const api: PopupApi = {
    ...privacy,
    resolveTab: async () => 7,
    getTab: async () => view,
    setBasis: async () => undefined,
    getPrivacy: async (tabId, key) => {
      privacyCalls += 1;
      return privacy.getPrivacy(tabId, key);
    },
    onPolicyChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    api,
    listeners,
    privacyCalls: () => privacyCalls,
    /** The background applies a new policy and tells the open pages. */
    change(next: TabView) {
      view = next;
      for (const listener of listeners) listener(next.policy.version);
    },
  };
}

const purposeOptions = () => Array.from((screen.getByLabelText('Purpose') as HTMLSelectElement).options).map((o) => o.textContent);

beforeEach(() => {
  usePopupStore.setState({ tabId: null, view: null, privacy: null, loadError: null, save: { kind: 'idle' } });
});

describe('a policy change while the popup or panel is open', () => {
  test.each([
    ['the in-page panel', true],
    ['the toolbar popup', false],
  ])('%s shows the new purposes and version at once, and keeps what the rep is typing', async (_name, embedded) => {
    const user = userEvent.setup();
    const fake = fakeApi();
    render(<App lang="en" tabId={7} embedded={embedded} api={fake.api} />);
    expect(await screen.findByText('Policy 2026.11.1')).toBeInTheDocument();
    expect(purposeOptions()).toEqual(['Choose a purpose', 'Prospecting', 'Newsletter']);
    // Half-typed: a purpose chosen (its basis suggested), a reference and a note typed, nothing saved.
    await user.selectOptions(screen.getByLabelText('Purpose'), 'prospecting');
    await user.type(screen.getByLabelText('Legitimate-interest assessment (LIA) reference'), 'LIA-2026');
    await user.type(screen.getByLabelText('Note (optional)'), 'Met at the fair');
    const privacyBefore = fake.privacyCalls();

    act(() => fake.change(AFTER));

    expect(await screen.findByText('Policy 2026.12.0')).toBeInTheDocument();
    expect(purposeOptions()).toEqual(['Choose a purpose', 'Cold outreach', 'Newsletter', 'Event invitations']);
    // The privacy view too (what the consent and request sections show is asked again).
    expect(fake.privacyCalls()).toBeGreaterThan(privacyBefore);
    // Said once, politely, for screen readers and on screen.
    expect(screen.getByTestId('policy-changed')).toHaveAttribute('aria-live', 'polite');
    expect(screen.getByTestId('policy-changed')).toHaveTextContent('The policy in force is now 2026.12.0');
    // The form was not reset: the choices and text typed are all there, and can be saved.
    expect(screen.getByLabelText('Purpose')).toHaveValue('prospecting');
    expect(screen.getByLabelText('Lawful basis (GDPR Art. 6(1))')).toHaveValue('f');
    expect(screen.getByLabelText('Legitimate-interest assessment (LIA) reference')).toHaveValue('LIA-2026');
    expect(screen.getByLabelText('Note (optional)')).toHaveValue('Met at the fair');
  });

  test('a page closed stops listening; a refresh that fails keeps what is shown', async () => {
    const fake = fakeApi();
    const { unmount } = render(<App lang="en" tabId={7} embedded api={fake.api} />);
    expect(await screen.findByText('Policy 2026.11.1')).toBeInTheDocument();
    expect(fake.listeners.size).toBe(1);
    fake.api.getTab = async () => {
      throw new Error('background restarting');
    };
    act(() => fake.change(AFTER));
    await waitFor(() => expect(screen.getByTestId('policy-changed')).toHaveTextContent('2026.12.0'));
    expect(screen.getByText('Policy 2026.11.1')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    unmount();
    expect(fake.listeners.size).toBe(0);
  });
});

describe('browserApi.onPolicyChange: only the background’s message, checked', () => {
  beforeEach(() => fakeBrowser.reset());

  test('calls back for the extension’s own message, not for a tab’s, another extension’s or a malformed one', async () => {
    const seen: string[] = [];
    const stop = browserApi.onPolicyChange?.((version) => seen.push(version));
    const own = { id: fakeBrowser.runtime.id };
    await fakeBrowser.runtime.onMessage.trigger({ type: 'policy.changed', policyVersion: '2026.12.0' }, own);
    // A content script (it runs on CRM pages), another extension, a wrong shape: ignored.
    await fakeBrowser.runtime.onMessage.trigger({ type: 'policy.changed', policyVersion: '6.6.6' }, { ...own, tab: { id: 3, index: 0, highlighted: false, active: true, pinned: false, incognito: false } });
    await fakeBrowser.runtime.onMessage.trigger({ type: 'policy.changed', policyVersion: '6.6.6' }, { id: 'someone-else' });
    await fakeBrowser.runtime.onMessage.trigger({ type: 'policy.changed', policyVersion: '6.6.6', extra: true }, own);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'policy.changed' }, own);
    await fakeBrowser.runtime.onMessage.trigger('policy.changed', own);
    expect(seen).toEqual(['2026.12.0']);
    stop?.();
    await fakeBrowser.runtime.onMessage.trigger({ type: 'policy.changed', policyVersion: '2026.12.1' }, own);
    expect(seen).toEqual(['2026.12.0']);
  });
});
