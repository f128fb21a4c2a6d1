import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '@/entrypoints/dashboard/App';
import type { DashboardApi } from '@/entrypoints/dashboard/api';
import type { LogApi } from '@/components/dashboard/log/api';
import type { AccessEvent } from '@/lib/db/schema';
import { DEFAULT_POLICY } from '@/lib/policy/default';

function event(seq: number, action: AccessEvent['action']): AccessEvent {
  return {
    seq, at: Date.UTC(2026, 10, 29, 9, seq), action, actor: 'Ana Ruiz', crm: 'salesforce', org: 'acme', object: 'Contact',
    recordId: `0035g00000AbCdEAA${seq}`, recordKey: `sf:acme:Contact:${seq}`, fields: [], reason: '', policyVersion: '2026.1.0',
    path: '', detail: action === 'basis-set' ? 'basis=f;purpose=prospecting' : '', prevHash: '0', hash: '1',
  };
}

function fakeApi(): DashboardApi & { names: string[] } {
  const names: string[] = [];
  let name: string | null = null;
  return {
    names,
    activePolicy: async () => ({ policy: DEFAULT_POLICY, source: 'default', activatedAt: Date.UTC(2026, 10, 1) }),
    recentEvents: async () => ({ events: [event(2, 'basis-set'), event(1, 'view')], total: 2 }),
    getProfile: async () => (name ? { name, isDefault: false } : { name: 'local-profile', isDefault: true }),
    setProfile: async (n) => {
      names.push(n);
      name = n;
      return { name: n, isDefault: false };
    },
  };
}

beforeEach(() => {
  location.hash = '';
});

describe('dashboard', () => {
  test('overview: set the name written in the log, with the keyboard', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    render(<App lang="en" api={api} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
    const input = await screen.findByLabelText('Name or employee id');
    expect(input).toHaveAttribute('placeholder', 'local-profile');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter a name or an employee id.');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    await user.type(input, 'Ana Ruiz{Enter}');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Saved.'));
    expect(api.names).toEqual(['Ana Ruiz']);
    expect(screen.getByText(/developer tools/)).toBeInTheDocument();
  });

  test('policy: the active policy, its purposes, masked categories and retention rules', async () => {
    location.hash = '#policy';
    render(<App lang="en" api={fakeApi()} />);
    expect(await screen.findByRole('heading', { name: DEFAULT_POLICY.name })).toBeInTheDocument();
    expect(screen.getByTestId('policy-identity')).toHaveTextContent(DEFAULT_POLICY.policyVersion);
    expect(screen.getByText(/^Prospecting/)).toBeInTheDocument();
    expect(screen.getByText('Health data')).toBeInTheDocument();
    expect(screen.getAllByRole('row').length).toBeGreaterThan(1);
    expect(screen.getByRole('link', { name: 'Policy' })).toHaveAttribute('aria-current', 'page');
  });

  test('policy: the retention rules say what happens at the end in words, in English and French (the code in a title)', async () => {
    location.hash = '#policy';
    const { unmount } = render(<App lang="en" api={fakeApi()} />);
    await screen.findByRole('heading', { name: DEFAULT_POLICY.name });
    const cells = () => screen.getAllByRole('row').map((r) => within(r).queryAllByRole('cell')[2]).filter((c) => c !== undefined);
    expect(cells().map((c) => c.textContent)).toEqual(['ask for consent again, or delete or anonymise', 'review whether to keep the record']);
    expect(cells().map((c) => c.getAttribute('title'))).toEqual(['re-consent', 'review']);
    unmount();
    render(<App lang="fr" api={fakeApi()} />);
    await screen.findByRole('heading', { name: DEFAULT_POLICY.name });
    expect(screen.getByRole('columnheader', { name: 'À l’échéance' })).toBeInTheDocument();
    expect(cells().map((c) => c.textContent)).toEqual(['redemander le consentement, ou supprimer ou anonymiser', 'réexaminer la conservation de la fiche']);
  });

  // The access log view (issue 4) takes its own api under `log`; its full tests are in log.test.tsx.
  function withLog(api: DashboardApi, fail?: string) {
    const events = [event(2, 'basis-set'), event(1, 'view')];
    const log: LogApi = {
      query: async (_f, offset, limit) => ({ events: events.slice(offset, offset + limit) }),
      count: async () => ({ total: events.length }),
      page: async () => ({ events: [] }),
      chain: async () => {
        if (fail) throw new Error(fail);
        return { checkpoint: null, head: { hash: '1', seq: 2 }, mirror: null, total: 2, lastVerified: null, storageProblem: null, actor: 'Ana Ruiz', extensionVersion: '0.1.0' };
      },
      verified: async (r) => ({ lastVerified: { ...r, at: 0 } }),
      stats: async () => ({ perDay: [], topActors: [], topRevealed: [], anomalies: [], total: 0 }),
      exported: async () => ({}),
      save: () => undefined,
      now: () => Date.UTC(2026, 10, 29, 10),
    };
    return Object.assign(api, { log });
  }

  test('access log: latest events, newest first, in French', async () => {
    location.hash = '#log';
    render(<App lang="fr" api={withLog(fakeApi())} />);
    const table = await screen.findByTestId('events-table');
    // Actions in French words (audit 6), not their codes.
    await waitFor(() => expect(within(table).getAllByRole('row')[2]).toHaveTextContent('Fiche consultée'));
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('Base légale définie');
    expect(rows[1]).not.toHaveTextContent('basis-set');
    expect(rows[1]).toHaveTextContent('basis=f;purpose=prospecting');
    expect(screen.getByTestId('log-count')).toHaveTextContent('2 événements correspondent');
  });

  test('a failing background is said, not hidden', async () => {
    location.hash = '#log';
    render(<App lang="en" api={withLog(fakeApi(), 'The browser refused to store more data')} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('The browser refused to store more data');
  });
});
