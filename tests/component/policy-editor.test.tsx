import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PolicySection } from '@/components/dashboard/PolicySection';
import { problemsHeading } from '@/components/dashboard/policy/Editor';
import { MessageError } from '@/lib/messaging/client';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { generateSigningKey } from '@/lib/policy/signing';
import { dashApi, fakeApi } from './policy-fakes';

/** The policy editor and the signed-URL form: nothing lost, errors that say what to do, focus where the user is. */


afterEach(() => sessionStorage.clear());

async function editLogDays(user: ReturnType<typeof userEvent.setup>, label: string, value: string) {
  const logDays = await screen.findByLabelText(label);
  await user.clear(logDays);
  await user.type(logDays, value);
  return logDays;
}

function jsonOf(): Record<string, unknown> {
  return JSON.parse(screen.getByTestId<HTMLTextAreaElement>('policy-json').value) as Record<string, unknown>;
}

describe('policy editor: the draft is never lost', () => {
  test('a malformed file changes nothing: the draft stays, the error names the file and says what to do', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi();
    render(<PolicySection lang="en" api={dashApi} policyApi={api} />);
    await editLogDays(user, 'Keep the access log (days)', '400');
    await user.upload(screen.getByTestId('policy-file'), new File(['{"name": "x", oops}'], 'broken-policy.json', { type: 'application/json' }));
    const refused = await screen.findByTestId('policy-refused');
    expect(refused).toHaveTextContent('“broken-policy.json” was not applied: it is not a valid policy or signed bundle. Nothing changed: the policy in force and your draft in the editor are kept. Correct the problems below in the file, then import it again.');
    expect(refused).toHaveTextContent('(file): not valid JSON');
    // The draft is as it was, and valid.
    expect(screen.getByLabelText('Keep the access log (days)')).toHaveValue(400);
    expect(screen.getByTestId('policy-validation')).toHaveTextContent('Valid policy.');
    await user.click(screen.getByRole('tab', { name: 'JSON' }));
    expect(jsonOf().logRetentionDays).toBe(400);
    expect(calls.apply).toEqual([]);

    // Valid JSON that is not a valid policy: the same.
    await user.upload(screen.getByTestId('policy-file'), new File([JSON.stringify({ name: 'x' })], 'half.json', { type: 'application/json' }));
    await waitFor(() => expect(screen.getByTestId('policy-refused')).toHaveTextContent('“half.json” was not applied'));
    expect(jsonOf().logRetentionDays).toBe(400);
    expect(jsonOf().name).toBe(DEFAULT_POLICY.name);
  });

  test('in French, the refused file is named and the draft is said to be kept', async () => {
    const user = userEvent.setup();
    render(<PolicySection lang="fr" api={dashApi} policyApi={fakeApi().api} />);
    await screen.findByLabelText('Conserver le journal des accès (jours)');
    await user.upload(screen.getByTestId('policy-file'), new File(['nope'], 'politique.json', { type: 'application/json' }));
    expect(await screen.findByTestId('policy-refused')).toHaveTextContent('« politique.json » n’a pas été appliqué : ce n’est ni une politique valide ni un paquet signé valide. Rien n’a changé : la politique en vigueur et votre brouillon dans l’éditeur sont conservés.');
    expect(screen.getByTestId('policy-validation')).toHaveTextContent('Politique valide.');
  });

  test('leaving the section (the view unmounts) and coming back keeps the unapplied draft; discarding it is explicit', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi();
    const first = render(<PolicySection lang="en" api={dashApi} policyApi={api} />);
    await editLogDays(user, 'Keep the access log (days)', '400');
    expect(screen.getByTestId('policy-draft')).toHaveTextContent('Unapplied changes: your draft is kept while you visit other sections of the dashboard.');
    first.unmount();

    render(<PolicySection lang="en" api={dashApi} policyApi={api} />);
    expect(await screen.findByLabelText('Keep the access log (days)')).toHaveValue(400);
    expect(screen.getByTestId('policy-draft')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Discard the draft' }));
    await user.click(screen.getByRole('button', { name: 'Discard' })); // asked first (policy-draft-guard.test.tsx)
    expect(screen.getByLabelText('Keep the access log (days)')).toHaveValue(365);
    expect(screen.queryByTestId('policy-draft')).toBeNull();
    expect(screen.getByRole('button', { name: 'Review changes' })).toHaveFocus();
    expect(calls.apply).toEqual([]);
  });

  test('applying the draft forgets it: the next visit shows the policy in force', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi();
    const first = render(<PolicySection lang="en" api={dashApi} policyApi={api} />);
    await editLogDays(user, 'Keep the access log (days)', '400');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    await user.click(screen.getByRole('button', { name: 'Apply this policy' }));
    await waitFor(() => expect(calls.apply).toHaveLength(1));
    first.unmount();
    render(<PolicySection lang="en" api={dashApi} policyApi={api} />);
    expect(await screen.findByLabelText('Keep the access log (days)')).toHaveValue(365);
    expect(screen.queryByTestId('policy-draft')).toBeNull();
  });

  test('closing the tab asks first while a draft differs from the policy in force, not otherwise', async () => {
    const user = userEvent.setup();
    render(<PolicySection lang="en" api={dashApi} policyApi={fakeApi().api} />);
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    await screen.findByLabelText('Keep the access log (days)');
    expect(unload()).toBe(false);
    await editLogDays(user, 'Keep the access log (days)', '400');
    expect(unload()).toBe(true);
    // Back to the value in force: nothing to lose.
    await editLogDays(user, 'Keep the access log (days)', '365');
    expect(unload()).toBe(false);
  });
});

describe('policy editor: plurals, focus', () => {
  test('one problem, several problems, in both languages', () => {
    expect(problemsHeading('en', 1)).toBe('1 problem:');
    expect(problemsHeading('en', 2)).toBe('2 problems:');
    expect(problemsHeading('fr', 1)).toBe('1 problème :');
    expect(problemsHeading('fr', 3)).toBe('3 problèmes :');
  });

  test('the English editor says "1 problem:"', async () => {
    const user = userEvent.setup();
    render(<PolicySection lang="en" api={dashApi} policyApi={fakeApi().api} />);
    await editLogDays(user, 'Keep the access log (days)', '0');
    const validation = screen.getByTestId('policy-validation');
    await waitFor(() => expect(validation).toHaveTextContent('1 problem:'));
    expect(validation).not.toHaveTextContent('problems');
  });

  test('"Import a policy file": its label shows the focus of the hidden input', async () => {
    render(<PolicySection lang="en" api={dashApi} policyApi={fakeApi().api} />);
    const input = await screen.findByLabelText('Import a policy file');
    const label = screen.getByTestId('policy-file-label');
    expect(label).toContainElement(input);
    expect(input).toHaveClass('sr-only');
    expect(label).toHaveClass('focus-within:ring-2', 'focus-within:ring-blue-700');
  });

  test('"Review changes" moves the focus to the confirmation, Cancel brings it back', async () => {
    const user = userEvent.setup();
    render(<PolicySection lang="en" api={dashApi} policyApi={fakeApi().api} />);
    await editLogDays(user, 'Keep the access log (days)', '400');
    const review = screen.getByRole('button', { name: 'Review changes' });
    await user.click(review);
    const region = screen.getByRole('region', { name: 'Changes against the policy in force' });
    await waitFor(() => expect(within(region).getByRole('heading', { name: 'Changes against the policy in force' })).toHaveFocus());
    await user.click(within(region).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('region', { name: 'Changes against the policy in force' })).toBeNull();
    await waitFor(() => expect(review).toHaveFocus());
  });

  test('"Roll back to …" moves the focus to its confirmation, named, and Cancel brings it back to the row', async () => {
    const user = userEvent.setup();
    render(<PolicySection lang="en" api={dashApi} policyApi={fakeApi().api} />);
    const rowButton = within(await screen.findByTestId('policy-history')).getByRole('button', { name: 'Roll back to 2025.9.0' });
    await user.click(rowButton);
    const region = await screen.findByRole('region', { name: 'Roll back to 2025.9.0: changes against the policy in force' });
    await waitFor(() => expect(within(region).getByRole('heading', { name: 'Roll back to 2025.9.0: changes against the policy in force' })).toHaveFocus());
    await user.click(within(region).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(rowButton).toHaveFocus());
  });
});

describe('signed-URL source: the form says what to enter', () => {
  async function fill(user: ReturnType<typeof userEvent.setup>, lang: 'en' | 'fr', url: string, key: string) {
    const urlLabel = lang === 'en' ? 'Bundle URL (https)' : 'URL du paquet (https)';
    const keyLabel = lang === 'en' ? 'Public key (base64 SPKI)' : 'Clé publique (SPKI en base64)';
    const urlField = await screen.findByLabelText(urlLabel);
    await user.clear(urlField);
    if (url) await user.type(urlField, url);
    const keyField = screen.getByLabelText(keyLabel);
    await user.clear(keyField);
    if (key) {
      keyField.focus();
      await user.paste(key);
    }
    await user.click(screen.getByRole('button', { name: lang === 'en' ? 'Save and fetch now' : 'Enregistrer et télécharger' }));
    return { urlField, keyField };
  }

  test('no scheme, http://, a short key: each says what is wrong and what to enter; nothing is sent', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi();
    const { publicKey } = await generateSigningKey();
    render(<PolicySection lang="en" api={dashApi} policyApi={api} />);

    let fields = await fill(user, 'en', 'policies.example.com/p.json', publicKey);
    const urlError = await screen.findByTestId('policy-url-error');
    expect(urlError).toHaveTextContent('“policies.example.com/p.json” is not a full address. Enter it starting with https://, for example https://policies.example.com/crm-policy.signed.json.');
    expect(fields.urlField).toHaveAttribute('aria-invalid', 'true');
    expect(fields.urlField).toHaveAccessibleDescription(urlError.textContent!);
    expect(fields.urlField).toHaveFocus();

    fields = await fill(user, 'en', 'http://policies.example.com/p.json', publicKey);
    await waitFor(() => expect(screen.getByTestId('policy-url-error')).toHaveTextContent('The address starts with http://, but the bundle is fetched only over an encrypted connection. Publish it on an https server and enter the address starting with https://.'));

    fields = await fill(user, 'en', 'https://policies.example.com/p.json', 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE');
    await waitFor(() => expect(screen.queryByTestId('policy-url-error')).toBeNull());
    expect(await screen.findByTestId('policy-key-error')).toHaveTextContent('This is not a P-256 public key in base64 SPKI. Paste the public key shown under “Sign for publishing” (about 124 characters, starting with MFkw)');
    expect(fields.keyField).toHaveAttribute('aria-invalid', 'true');
    expect(fields.keyField).toHaveFocus();

    await fill(user, 'en', 'https://policies.example.com/p.json', '');
    await waitFor(() => expect(screen.getByTestId('policy-key-error')).toHaveTextContent('Paste the public key that verifies the bundle'));

    expect(calls.setUrl).toEqual([]);
    expect(calls.hosts).toEqual([]);
    expect(document.body).not.toHaveTextContent(/Invalid "policy\.setUrl"/);

    // A valid address and key (a PEM block is accepted): sent as base64 SPKI on one line.
    const pem = `-----BEGIN PUBLIC KEY-----\n${publicKey.slice(0, 64)}\n${publicKey.slice(64)}\n-----END PUBLIC KEY-----`;
    await fill(user, 'en', ' https://policies.example.com/p.json ', pem);
    await waitFor(() => expect(calls.setUrl).toEqual([['https://policies.example.com/p.json', publicKey]]));
    expect(calls.hosts).toEqual(['https://policies.example.com']);
    expect(screen.queryByTestId('policy-url-error')).toBeNull();
    expect(screen.queryByTestId('policy-key-error')).toBeNull();
  });

  test('in French; and a refusal of the request by the background never shows the protocol text', async () => {
    const user = userEvent.setup();
    const { api } = fakeApi();
    api.setUrl = async () => {
      throw new MessageError('bad-request', 'Invalid "policy.setUrl" message at url.');
    };
    const { publicKey } = await generateSigningKey();
    render(<PolicySection lang="fr" api={dashApi} policyApi={api} />);
    await fill(user, 'fr', 'http://policies.example.com/p.json', publicKey);
    expect(await screen.findByTestId('policy-url-error')).toHaveTextContent('L’adresse commence par http:// : le paquet n’est téléchargé que par une connexion chiffrée.');
    await fill(user, 'fr', 'https://policies.example.com/p.json', 'abc');
    expect(await screen.findByTestId('policy-key-error')).toHaveTextContent('Ce n’est pas une clé publique P-256 en SPKI base64. Collez la clé publique affichée sous « Signer pour publication »');
    await fill(user, 'fr', 'https://policies.example.com/p.json', publicKey);
    const section = screen.getByRole('heading', { name: 'Politique signée téléchargée depuis une URL' }).closest('section')!;
    await waitFor(() => expect(within(section).getByRole('alert')).toHaveTextContent('L’extension a refusé ces paramètres. Vérifiez que l’adresse commence par https://'));
    expect(section).not.toHaveTextContent('Invalid');
  });
});
