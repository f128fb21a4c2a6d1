import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PolicySection } from '@/components/dashboard/PolicySection';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import type { Policy } from '@/lib/policy/schema';
import type { PolicyApi } from '@/components/dashboard/policy/api';
import { fakeApi, status } from './policy-fakes';

/**
 * The policy editor's kept draft (components/dashboard/policy/draft.ts): it says when the policy in
 * force changed under it, and "Discard the draft" asks first, in the page.
 */

const DRAFT_KEY = 'cpg.policy-editor.draft';

/**
 * The dashboard's side of the policy in force, changed by `push` (another tab, a managed push) or
 * by a rollback through the history: each change is a new history entry (a new active id).
 */
function world() {
  let current: Policy = DEFAULT_POLICY;
  let id = 2;
  const fake = fakeApi();
  const push = (policy: Policy) => {
    current = policy;
    id += 1;
  };
  const api: PolicyApi = {
    ...fake.api,
    status: async () => status({ active: { ...status().active, id, policyVersion: current.policyVersion } }),
    rollback: async (entryId: number) => {
      fake.calls.rollbacks.push(entryId);
      push(await fake.api.get(entryId).then((g) => g.policy));
      return { applied: true as const, status: await api.status(), diff: [] };
    },
  };
  const dashApi = { activePolicy: async () => ({ policy: current, source: 'default' as const, activatedAt: Date.UTC(2026, 10, 1) }) };
  return { api, dashApi, calls: fake.calls, push };
}

async function editLogDays(user: ReturnType<typeof userEvent.setup>, label: string, value: string) {
  const field = await screen.findByLabelText(label);
  await user.clear(field);
  await user.type(field, value);
}

describe('a kept draft when the policy in force changed under it', () => {
  test('another tab (or a managed push) applied 2026.2.0: the reopened draft says it was started from 2026.1.0, above the draft', async () => {
    const user = userEvent.setup();
    const w = world();
    const first = render(<PolicySection lang="en" api={w.dashApi} policyApi={w.api} />);
    await editLogDays(user, 'Keep the access log (days)', '400');
    // Started from the policy in force: nothing to flag.
    expect(screen.queryByTestId('policy-draft-stale')).toBeNull();
    first.unmount();

    w.push({ ...DEFAULT_POLICY, policyVersion: '2026.2.0', logRetentionDays: 200 });
    render(<PolicySection lang="en" api={w.dashApi} policyApi={w.api} />);
    expect(await screen.findByLabelText('Keep the access log (days)')).toHaveValue(400);
    const stale = screen.getByTestId('policy-draft-stale');
    expect(stale).toHaveTextContent('This draft was started from version 2026.1.0; version 2026.2.0 is now in force');
    expect(stale).toHaveTextContent('Review the differences before applying');
    // Above the draft: before the editor's tabs and the kept-draft notice.
    expect(stale.compareDocumentPosition(screen.getByRole('tab', { name: 'Form' })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(stale.compareDocumentPosition(screen.getByTestId('policy-draft')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    // Still said while the draft is edited further; gone once the draft is discarded.
    await editLogDays(user, 'Keep the access log (days)', '401');
    expect(screen.getByTestId('policy-draft-stale')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Discard the draft' }));
    await user.click(screen.getByRole('button', { name: 'Discard' }));
    expect(screen.getByLabelText('Keep the access log (days)')).toHaveValue(200);
    expect(screen.queryByTestId('policy-draft-stale')).toBeNull();

    // A new draft starts from the policy now in force: nothing to flag.
    await editLogDays(user, 'Keep the access log (days)', '300');
    expect(screen.queryByTestId('policy-draft-stale')).toBeNull();
    expect(JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? '{}')).toMatchObject({ base: { version: '2026.2.0' } });
  });

  test('a rollback from the history under a kept draft: the draft stays and is flagged; the review compares it with the version now in force', async () => {
    const user = userEvent.setup();
    const w = world();
    render(<PolicySection lang="en" api={w.dashApi} policyApi={w.api} />);
    await editLogDays(user, 'Keep the access log (days)', '400');
    await user.click(within(await screen.findByTestId('policy-history')).getByRole('button', { name: 'Roll back to 2025.9.0' }));
    const region = await screen.findByRole('region', { name: 'Roll back to 2025.9.0: changes against the policy in force' });
    await user.click(within(region).getByRole('button', { name: /^Roll back/ }));
    await waitFor(() => expect(w.calls.rollbacks).toEqual([1]));
    expect(await screen.findByTestId('policy-draft-stale')).toHaveTextContent('This draft was started from version 2026.1.0; version 2025.9.0 is now in force');
    expect(screen.getByLabelText('Keep the access log (days)')).toHaveValue(400);
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    expect(screen.getByRole('region', { name: 'Changes against the policy in force' })).toBeInTheDocument();
  });

  test('the same version with other content in force is flagged too', async () => {
    const user = userEvent.setup();
    const w = world();
    const first = render(<PolicySection lang="en" api={w.dashApi} policyApi={w.api} />);
    await editLogDays(user, 'Keep the access log (days)', '400');
    first.unmount();
    w.push({ ...DEFAULT_POLICY, logRetentionDays: 180 });
    render(<PolicySection lang="en" api={w.dashApi} policyApi={w.api} />);
    expect(await screen.findByTestId('policy-draft-stale')).toHaveTextContent('The policy in force (version 2026.1.0) changed after this draft was started');
  });

  test('a draft kept before the base was stored (plain text) still comes back, unflagged', async () => {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ ...DEFAULT_POLICY, logRetentionDays: 400 }, null, 2));
    const w = world();
    render(<PolicySection lang="en" api={w.dashApi} policyApi={w.api} />);
    expect(await screen.findByLabelText('Keep the access log (days)')).toHaveValue(400);
    expect(screen.getByTestId('policy-draft')).toBeInTheDocument();
    expect(screen.queryByTestId('policy-draft-stale')).toBeNull();
  });

  test('in French', async () => {
    const user = userEvent.setup();
    const w = world();
    const first = render(<PolicySection lang="fr" api={w.dashApi} policyApi={w.api} />);
    await editLogDays(user, 'Conserver le journal des accès (jours)', '400');
    first.unmount();
    w.push({ ...DEFAULT_POLICY, policyVersion: '2026.2.0' });
    render(<PolicySection lang="fr" api={w.dashApi} policyApi={w.api} />);
    expect(await screen.findByTestId('policy-draft-stale')).toHaveTextContent(
      'Ce brouillon a été commencé à partir de la version 2026.1.0 ; la version 2026.2.0 est maintenant en vigueur',
    );
    expect(screen.getByTestId('policy-draft-stale')).toHaveTextContent('Examinez les différences avant d’appliquer');
  });
});

describe('"Discard the draft" asks first, in the page', () => {
  test('an inline confirmation with the focus on "Keep editing"; keeping returns to the button with the draft intact; no window.confirm', async () => {
    const user = userEvent.setup();
    const confirm = vi.spyOn(window, 'confirm');
    const w = world();
    render(<PolicySection lang="en" api={w.dashApi} policyApi={w.api} />);
    await editLogDays(user, 'Keep the access log (days)', '400');
    await user.click(screen.getByRole('button', { name: 'Discard the draft' }));
    const group = screen.getByRole('group', { name: 'Discard your unapplied changes? They cannot be recovered.' });
    expect(within(group).getByRole('button', { name: 'Keep editing' })).toHaveFocus();
    expect(within(group).getByRole('button', { name: 'Discard' })).toBeInTheDocument();
    // Nothing discarded yet.
    expect(screen.getByLabelText('Keep the access log (days)')).toHaveValue(400);
    expect(sessionStorage.getItem(DRAFT_KEY)).not.toBeNull();

    await user.click(within(group).getByRole('button', { name: 'Keep editing' }));
    expect(screen.queryByRole('group', { name: /Discard your unapplied changes/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Discard the draft' })).toHaveFocus();
    expect(screen.getByLabelText('Keep the access log (days)')).toHaveValue(400);
    expect(confirm).not.toHaveBeenCalled();
  });

  test('Escape keeps the draft; "Discard" then forgets it and the focus goes to "Review changes"', async () => {
    const user = userEvent.setup();
    const w = world();
    render(<PolicySection lang="en" api={w.dashApi} policyApi={w.api} />);
    await editLogDays(user, 'Keep the access log (days)', '400');
    await user.click(screen.getByRole('button', { name: 'Discard the draft' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('policy-discard-confirm')).toBeNull();
    expect(screen.getByRole('button', { name: 'Discard the draft' })).toHaveFocus();
    expect(screen.getByLabelText('Keep the access log (days)')).toHaveValue(400);

    // By keyboard: Enter opens the confirmation, Shift+Tab reaches "Discard".
    await user.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: 'Keep editing' })).toHaveFocus();
    await user.tab({ shift: true });
    expect(screen.getByRole('button', { name: 'Discard' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByLabelText('Keep the access log (days)')).toHaveValue(365);
    expect(screen.queryByTestId('policy-draft')).toBeNull();
    expect(screen.getByRole('button', { name: 'Review changes' })).toHaveFocus();
    expect(sessionStorage.getItem(DRAFT_KEY)).toBeNull();
    expect(w.calls.apply).toEqual([]);
  });

  test('in French', async () => {
    const user = userEvent.setup();
    const w = world();
    render(<PolicySection lang="fr" api={w.dashApi} policyApi={w.api} />);
    await editLogDays(user, 'Conserver le journal des accès (jours)', '400');
    await user.click(screen.getByRole('button', { name: 'Abandonner le brouillon' }));
    const group = screen.getByRole('group', { name: 'Abandonner vos modifications non appliquées ? Elles ne pourront pas être récupérées.' });
    expect(within(group).getByRole('button', { name: 'Continuer la modification' })).toHaveFocus();
    await user.click(within(group).getByRole('button', { name: 'Abandonner' }));
    expect(screen.getByLabelText('Conserver le journal des accès (jours)')).toHaveValue(365);
  });
});
