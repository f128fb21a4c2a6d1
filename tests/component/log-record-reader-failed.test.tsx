import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LogSection } from '@/components/dashboard/log/LogSection';
import { fakeLog } from './log-fakes';

// The address reader is its own chunk, loaded when an address is first typed: the extension updated
// while the dashboard stayed open makes that load fail (the old chunk's file is gone).
const failures = vi.hoisted(() => ({ left: 0 }));
vi.mock('@/lib/crm/record-input', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/crm/record-input')>();
  return {
    ...actual,
    loadAddressReader: (...args: Parameters<typeof actual.loadAddressReader>) => {
      if (failures.left > 0) {
        failures.left -= 1;
        return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
      }
      return actual.loadAddressReader(...args);
    },
  };
});

const KEY = 'sf:acme:Contact:0035g00000AbCdEAAV';
const SF = 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view';

describe('the Record filter when the address reader cannot be loaded', () => {
  test('says so by the field (EN), sends nothing, and reads the address at the next try once it loads', async () => {
    failures.left = 1;
    const user = userEvent.setup();
    const api = await fakeLog(3);
    render(<LogSection lang="en" api={api} />);
    await screen.findByTestId('log-count');
    const sent = api.queries.length;
    const field = screen.getByRole('textbox', { name: 'Record key' });
    await user.click(field);
    await user.paste(SF);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The part of the dashboard that reads CRM addresses could not be loaded (the extension may have been updated since this page was opened). Reload the dashboard and paste the address again, or type the record key (sf:…, hs:…).',
    );
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(api.queries.length).toBe(sent);
    // The next try loads it: the key is read and searched.
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('record-key-understood')).toHaveTextContent(`Record key searched: ${KEY}`);
    await waitFor(() => expect(api.queries.at(-1)?.filter).toEqual({ recordKey: KEY }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  test('in French, on submit', async () => {
    failures.left = 2;
    const user = userEvent.setup();
    const api = await fakeLog(3);
    render(<LogSection lang="fr" api={api} />);
    await screen.findByTestId('log-count');
    const sent = api.queries.length;
    const field = screen.getByRole('textbox', { name: 'Clé de fiche' });
    await user.type(field, SF);
    await user.click(screen.getByRole('button', { name: 'Appliquer les filtres' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('La partie du tableau de bord qui lit les adresses de CRM n’a pas pu être chargée');
    expect(field).toHaveFocus();
    expect(api.queries.length).toBe(sent);
  });
});
