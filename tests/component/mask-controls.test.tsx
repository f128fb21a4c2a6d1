import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MaskControls } from '@/components/MaskControls';
import { RevealApp, readRevealParams, type RevealApi } from '@/entrypoints/reveal/App';
import type { MaskTabView, RevealReason } from '@/lib/messaging/protocol';
import { DEFAULT_POLICY } from '@/lib/policy/default';

const BIRTH = 'sfdc:RecordField.Contact.Birthdate';

function view(over: Partial<MaskTabView> = {}): MaskTabView {
  return {
    tabId: 7,
    record: true,
    restricted: false,
    maskAll: false,
    unmasked: [],
    fields: [{ key: BIRTH, label: '<img src=x onerror=alert(1)> Birthdate' }],
    reasons: DEFAULT_POLICY.revealReasons,
    revealSeconds: 30,
    ...over,
  };
}

function handlers() {
  const calls: { maskAll: boolean[]; unmask: [string, RevealReason][]; remask: string[] } = { maskAll: [], unmask: [], remask: [] };
  return {
    calls,
    props: {
      onMaskAll: (on: boolean) => calls.maskAll.push(on),
      onUnmask: (key: string, reason: RevealReason) => calls.unmask.push([key, reason]),
      onRemask: (key: string) => calls.remask.push(key),
    },
  };
}

describe('MaskControls', () => {
  test('the mask-everything switch is a labelled switch that says its state', async () => {
    const user = userEvent.setup();
    const { calls, props } = handlers();
    const { rerender } = render(<MaskControls lang="en" view={view()} {...props} />);
    const toggle = screen.getByRole('switch', { name: 'Mask everything on this page' });
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    await user.click(toggle);
    expect(calls.maskAll).toEqual([true]);
    rerender(<MaskControls lang="en" view={view({ maskAll: true })} {...props} />);
    expect(screen.getByRole('switch', { name: 'Mask everything on this page' })).toHaveAttribute('aria-checked', 'true');
    // While everything is masked, single fields cannot be unmasked.
    expect(screen.queryByRole('button', { name: /Unmask for this tab/ })).toBeNull();
  });

  test('unmask one field for the tab: a reason is required (keyboard only); labels stay text', async () => {
    const user = userEvent.setup();
    const { calls, props } = handlers();
    render(<MaskControls lang="en" view={view()} {...props} />);
    expect(screen.getByTestId('mask-fields')).toHaveTextContent('<img src=x onerror=alert(1)> Birthdate');
    expect(document.querySelector('img')).toBeNull();
    await user.click(screen.getByRole('button', { name: /Unmask for this tab/ }));
    const submit = screen.getByRole('button', { name: 'Unmask <img src=x onerror=alert(1)> Birthdate' });
    await user.click(submit);
    expect(screen.getByRole('alert')).toHaveTextContent('Choose a reason or write one.');
    expect(calls.unmask).toEqual([]);
    // Free text below the policy's minimum is refused, then accepted.
    await user.click(screen.getByLabelText('Other reason'));
    await user.type(screen.getByLabelText('Your reason'), 'short');
    await user.keyboard('{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('Write at least 10 characters.');
    expect(screen.getByLabelText('Your reason')).toHaveFocus();
    await user.type(screen.getByLabelText('Your reason'), ' but now long enough');
    await user.keyboard('{Enter}');
    expect(calls.unmask).toEqual([[BIRTH, { text: 'short but now long enough' }]]);
  });

  test('a field unmasked for the tab can be masked again; French strings', async () => {
    const user = userEvent.setup();
    const { calls, props } = handlers();
    render(<MaskControls lang="fr" view={view({ unmasked: [BIRTH] })} {...props} />);
    expect(screen.getByRole('switch', { name: 'Tout masquer sur cette page' })).toBeInTheDocument();
    expect(screen.getByTestId('mask-fields')).toHaveTextContent('démasqué dans cet onglet');
    await user.click(screen.getByRole('button', { name: 'Masquer de nouveau' }));
    expect(calls.remask).toEqual([BIRTH]);
  });

  test('a restricted record says so', () => {
    const { props } = handlers();
    render(<MaskControls lang="en" view={view({ restricted: true })} {...props} />);
    expect(screen.getByRole('note')).toHaveTextContent('Processing of this record is restricted');
  });
});

describe('reveal dialog page', () => {
  function fakeApi(fail?: string) {
    const calls: { reveal: Parameters<RevealApi['reveal']>[0][]; close: number[] } = { reveal: [], close: [] };
    const api: RevealApi = {
      reasons: async () => ({ reasons: DEFAULT_POLICY.revealReasons, seconds: 30 }),
      reveal: async (input) => {
        calls.reveal.push(input);
        if (fail) throw new Error(fail);
      },
      close: async (tabId) => {
        calls.close.push(tabId);
      },
    };
    return { api, calls };
  }

  test('reads its parameters, focuses the first reason, sends the preset with an event id; Escape closes', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi();
    const params = readRevealParams(`?tab=12&field=${encodeURIComponent(BIRTH)}&label=Birthdate`);
    expect(params).toEqual({ tabId: 12, fieldKey: BIRTH, label: 'Birthdate' });
    render(<RevealApp lang="en" params={params} api={api} />);
    const first = await screen.findByLabelText('Answering the person’s request');
    expect(first).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByLabelText('Contract follow-up')).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Show for 30 s' }));
    expect(calls.reveal).toHaveLength(1);
    expect(calls.reveal[0]).toMatchObject({ tabId: 12, fieldKey: BIRTH, reason: { presetId: 'contract-follow-up' } });
    expect(calls.reveal[0]?.eventId).toMatch(/^[0-9a-f-]{36}$/);
    await user.keyboard('{Escape}');
    expect(calls.close).toEqual([12]);
  });

  test('a refusal from the background is shown, and the next try gets a new event id', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi('The reason is too short');
    render(<RevealApp lang="en" params={{ tabId: 3, fieldKey: BIRTH, label: 'Birthdate' }} api={api} />);
    await user.click(await screen.findByLabelText('Legal or regulatory obligation'));
    await user.click(screen.getByRole('button', { name: 'Show for 30 s' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Not shown: The reason is too short');
    await user.click(screen.getByRole('button', { name: 'Show for 30 s' }));
    expect(calls.reveal[0]?.eventId).not.toBe(calls.reveal[1]?.eventId);
  });

  test('in French: the policy’s reasons in French, free text with its minimum, the button says the time', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi();
    render(<RevealApp lang="fr" params={{ tabId: 5, fieldKey: BIRTH, label: 'Date de naissance' }} api={api} />);
    expect(await screen.findByLabelText('Répondre à une demande de la personne')).toHaveFocus();
    expect(screen.getByLabelText('Suivi du contrat')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Afficher Date de naissance' })).toBeInTheDocument();
    await user.click(screen.getByLabelText('Autre motif'));
    await user.type(screen.getByLabelText('Votre motif'), 'court');
    await user.click(screen.getByRole('button', { name: 'Afficher pendant 30 s' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(`Écrivez au moins ${DEFAULT_POLICY.revealReasons.minLength} caractères.`);
    expect(calls.reveal).toHaveLength(0);
    await user.type(screen.getByLabelText('Votre motif'), ' : vérifier le virement du client');
    await user.click(screen.getByRole('button', { name: 'Afficher pendant 30 s' }));
    expect(calls.reveal[0]).toMatchObject({ tabId: 5, fieldKey: BIRTH, reason: { text: 'court : vérifier le virement du client' } });
    await user.click(screen.getByRole('button', { name: 'Annuler' }));
    expect(calls.close).toEqual([5]);
  });

  test('without a tab or a field it says so', () => {
    render(<RevealApp lang="en" params={readRevealParams('?tab=abc')} api={fakeApi().api} />);
    expect(screen.getByRole('alert')).toHaveTextContent('No tab to act on');
  });
});
