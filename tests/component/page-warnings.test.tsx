import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PageWarningsSection } from '@/components/dashboard/PageWarningsSection';
import type { PagesApi } from '@/entrypoints/dashboard/pages-api';

function fakeApi(): PagesApi & { granted: string[] } {
  const granted: string[] = [];
  return {
    granted,
    warnings: async () => [
      { host: 'crm.selfhosted.example', path: '/people/42', feature: 'retention', code: 'selector-too-many', detail: 'Broad CRM: "div.x" matches 40 elements (at most 20)', at: Date.UTC(2026, 10, 29, 9) },
      { host: 'acme.lightning.force.com', path: '/lightning/r/Lead/x/view', feature: 'retention', code: 'hosts-removed', detail: '<img src=x onerror=alert(1)>', at: Date.UTC(2026, 10, 29, 8) },
    ],
    customDomains: async () => [{ host: 'crm.acme.example', granted: granted.includes('crm.acme.example') }, { host: 'sf.acme.example', granted: true }],
    grant: async (host) => {
      granted.push(host);
      return true;
    },
  };
}

test('lists the warnings as text, in English', async () => {
  render(<PageWarningsSection lang="en" api={fakeApi()} />);
  const table = await screen.findByTestId('page-warnings');
  const rows = within(table).getAllByRole('row');
  expect(rows).toHaveLength(3);
  expect(rows[1]).toHaveTextContent('crm.selfhosted.example/people/42');
  expect(rows[1]).toHaveTextContent('A selector matches too many elements');
  expect(rows[2]).toHaveTextContent('<img src=x onerror=alert(1)>');
  expect(document.querySelector('img')).toBeNull();
});

test('in French, and an empty list says so', async () => {
  const api = { ...fakeApi(), warnings: async () => [] };
  render(<PageWarningsSection lang="fr" api={api} />);
  expect(await screen.findByText('Aucune alerte.')).toBeInTheDocument();
  expect(screen.getByRole('heading', { name: 'Domaines personnalisés' })).toBeInTheDocument();
});

test('a custom domain is granted from a keyboard-reachable button, then shows as granted', async () => {
  const api = fakeApi();
  const user = userEvent.setup();
  render(<PageWarningsSection lang="en" api={api} />);
  const button = await screen.findByRole('button', { name: 'Grant access to crm.acme.example' });
  expect(screen.queryByRole('button', { name: 'Grant access to sf.acme.example' })).toBeNull();
  button.focus();
  await user.keyboard('{Enter}');
  expect(api.granted).toEqual(['crm.acme.example']);
  await waitFor(() => expect(screen.queryByRole('button', { name: /Grant access/ })).toBeNull());
  expect(screen.getAllByText('Access granted')).toHaveLength(2);
});
