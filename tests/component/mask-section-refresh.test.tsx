import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MaskSection, type MaskApi } from '@/entrypoints/popup/MaskSection';
import { usePopupStore } from '@/entrypoints/popup/store';
import type { MaskTabView } from '@/lib/messaging/protocol';
import type { PrivacyView } from '@/lib/consent/views';
import { DEFAULT_POLICY } from '@/lib/policy/default';

const BIRTH = 'sfdc:RecordField.Contact.Birthdate';

function maskView(restricted: boolean): MaskTabView {
  return { tabId: 7, record: true, restricted, maskAll: false, unmasked: [], fields: [{ key: BIRTH, label: 'Birthdate' }], reasons: DEFAULT_POLICY.revealReasons, revealSeconds: 30 };
}

/** The background's answer to mask.tab.get follows the record: restricted once a restriction request is logged. */
function fakeMaskApi() {
  const state = { restricted: false, gets: 0 };
  const api: MaskApi = {
    get: async () => {
      state.gets += 1;
      return maskView(state.restricted);
    },
    set: async () => maskView(state.restricted),
  };
  return { api, state };
}

describe('the popup\'s masking section follows the record\'s privacy view', () => {
  afterEach(() => {
    act(() => usePopupStore.setState({ tabId: null, privacy: null }));
  });

  test('a restriction logged in the popup takes "Unmask for this tab" away, and closes an open reason form', async () => {
    const user = userEvent.setup();
    const { api, state } = fakeMaskApi();
    act(() => usePopupStore.setState({ tabId: 7, privacy: { key: 'sf:acme:Contact:0035g00000AbCdEAAV' } as unknown as PrivacyView }));
    render(<MaskSection lang="en" api={api} />);
    await user.click(await screen.findByRole('button', { name: 'Unmask for this tab: Birthdate' }));
    expect(screen.getByRole('group', { name: /Birthdate/ })).toBeInTheDocument();

    // The rep logs a restriction request (RequestsPanel replaces the privacy view in the store).
    state.restricted = true;
    act(() => usePopupStore.setState({ privacy: { key: 'sf:acme:Contact:0035g00000AbCdEAAV' } as unknown as PrivacyView }));
    await waitFor(() => expect(screen.queryByRole('button', { name: /Unmask for this tab/ })).toBeNull());
    expect(screen.queryByRole('group', { name: /Birthdate/ })).toBeNull();
    expect(screen.getByRole('note')).toHaveTextContent(/restricted/i);
    expect(state.gets).toBe(2);
  });
});
