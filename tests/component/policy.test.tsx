import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PolicySection } from '@/components/dashboard/PolicySection';
import { PolicyLine } from '@/components/dashboard/policy/PolicyLine';
import { createBanner } from '@/lib/features/instance-banner';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { problem } from '@/lib/policy/wording';
import { dashApi, fakeApi, status } from './policy-fakes';


// The editor keeps an unapplied draft for the tab (sessionStorage): each test starts without one.
afterEach(() => sessionStorage.clear());

describe('policy view (dashboard)', () => {
  test('form edit → validation as you type → readable diff → apply, with the keyboard', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi();
    render(<PolicySection lang="en" api={dashApi} policyApi={api} />);
    const logDays = await screen.findByLabelText('Keep the access log (days)');
    await user.clear(logDays);
    await user.type(logDays, '0');
    await waitFor(() => expect(screen.getByTestId('policy-validation')).toHaveTextContent('logRetentionDays'));
    expect(logDays).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'Review changes' })).toBeDisabled();
    await user.clear(logDays);
    await user.type(logDays, '400');
    await user.clear(screen.getByLabelText('Policy version'));
    await user.type(screen.getByLabelText('Policy version'), '2026.2.0');
    await waitFor(() => expect(screen.getByTestId('policy-validation')).toHaveTextContent('Valid policy.'));
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    const diff = screen.getByTestId('policy-diff');
    expect(diff).toHaveTextContent('Version 2026.1.0 → 2026.2.0');
    expect(diff).toHaveTextContent('Access log kept 365 → 400 days');
    expect(calls.apply).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Apply this policy' }));
    await waitFor(() => expect(calls.apply).toHaveLength(1));
    expect(JSON.parse(calls.apply[0]![0]).logRetentionDays).toBe(400);
    expect(calls.apply[0]![1]).toBe('editor');
    await waitFor(() => expect(screen.getByTestId('policy-notice')).toHaveTextContent('Policy 2026.2.0 is now in force.'));
  });

  test('custom domains in the form: "host | CRM | org" per line, errors at the field, the diff names the domain', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi();
    render(<PolicySection lang="en" api={dashApi} policyApi={api} />);
    const domains = await screen.findByLabelText('Custom domains (one per line: host | CRM | org)');
    await user.type(domains, 'crm.acme.example | salesforce');
    await waitFor(() => expect(screen.getByTestId('policy-validation')).toHaveTextContent('sites.customDomains[0].org'));
    expect(domains).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'Review changes' })).toBeDisabled();
    await user.type(domains, ' | acme');
    await waitFor(() => expect(screen.getByTestId('policy-validation')).toHaveTextContent('Valid policy.'));
    expect(domains).not.toHaveAttribute('aria-invalid');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    expect(screen.getByTestId('policy-diff')).toHaveTextContent('Custom domain added: crm.acme.example (salesforce, org acme)');
    await user.click(screen.getByRole('button', { name: 'Apply this policy' }));
    await waitFor(() => expect(calls.apply).toHaveLength(1));
    expect(JSON.parse(calls.apply[0]![0]).sites.customDomains).toEqual([{ host: 'crm.acme.example', adapter: 'salesforce', org: 'acme' }]);
  });

  test('retention rules in the form: period, warning window and what to do at the end; the diff says each change', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi();
    render(<PolicySection lang="en" api={dashApi} policyApi={api} />);
    const warn = await screen.findByLabelText('Prospects and leads: warn this many days before the end');
    expect(warn).toHaveValue(30);
    await user.clear(warn);
    await user.type(warn, '-1');
    await waitFor(() => expect(screen.getByTestId('policy-validation')).toHaveTextContent('retention[0].warnDays'));
    expect(warn).toHaveAttribute('aria-invalid', 'true');
    await user.clear(warn);
    await user.type(warn, '60');
    const action = screen.getByLabelText('Prospects and leads: at the end of the period');
    expect(action).toHaveValue('re-consent');
    await user.selectOptions(action, 'anonymise the record');
    await waitFor(() => expect(screen.getByTestId('policy-validation')).toHaveTextContent('Valid policy.'));
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    const diff = screen.getByTestId('policy-diff');
    expect(diff).toHaveTextContent('Retention “prospects”: warning 30 → 60 days before the end');
    expect(diff).toHaveTextContent('Retention “prospects”: at the end, ask for consent again, or delete or anonymise → anonymise the record');
    await user.click(screen.getByRole('button', { name: 'Apply this policy' }));
    await waitFor(() => expect(calls.apply).toHaveLength(1));
    expect(JSON.parse(calls.apply[0]![0]).retention[0]).toMatchObject({ id: 'prospects', warnDays: 60, action: 'anonymise', maxAgeMonths: 36 });
  });

  test('the form in French names the custom domains and the retention rules’ fields', async () => {
    render(<PolicySection lang="fr" api={dashApi} policyApi={fakeApi().api} />);
    expect(await screen.findByLabelText('Domaines personnalisés (un par ligne : hôte | CRM | organisation)')).toHaveValue('');
    expect(screen.getByLabelText('Prospects et leads : avertir ce nombre de jours avant l’échéance')).toHaveValue(30);
    expect(screen.getByLabelText('Prospects et leads : à la fin de la durée')).toHaveDisplayValue('redemander le consentement, ou supprimer ou anonymiser');
  });

  test("the signed URL's last failure in the page's language, said once with the policy that stays", async () => {
    const url = {
      url: 'https://policy.example.test/p.json',
      keyId: 'abcdef0123456789',
      managed: false,
      refreshMinutes: 60,
      lastFetchAt: Date.UTC(2026, 10, 3, 9),
      lastOutcome: 'failed' as const,
      lastError: 'The server answered HTTP 503.',
      lastErrorKey: 'errUrlHttp',
      lastErrorParams: { status: 503 },
    };
    const { unmount } = render(<PolicySection lang="fr" api={dashApi} policyApi={fakeApi(status({ url })).api} />);
    const alert = within(await screen.findByTestId('policy-url-status')).getByRole('alert');
    expect(alert).toHaveTextContent('Le serveur a répondu HTTP 503. La dernière politique valide reste en vigueur.');
    unmount();
    // A status written before the keys existed: its English text, as it is.
    render(<PolicySection lang="fr" api={dashApi} policyApi={fakeApi(status({ url: { ...url, lastErrorKey: undefined, lastErrorParams: undefined, lastError: 'the server answered HTTP 503' } })).api} />);
    expect(within(await screen.findByTestId('policy-url-status')).getByRole('alert')).toHaveTextContent('the server answered HTTP 503 La dernière politique valide reste en vigueur.');
  });

  test('in French, validation problems are French, at the field and in the list; the path stays as is', async () => {
    const user = userEvent.setup();
    render(<PolicySection lang="fr" api={dashApi} policyApi={fakeApi().api} />);
    const logDays = await screen.findByLabelText('Conserver le journal des accès (jours)');
    await user.clear(logDays);
    await user.type(logDays, '0');
    const validation = screen.getByTestId('policy-validation');
    await waitFor(() => expect(validation).toHaveTextContent('logRetentionDays: nombre entier de jours attendu, entre 1 et 3650'));
    expect(validation).toHaveTextContent('1 problème :');
    expect(validation).not.toHaveTextContent('problèmes');
    expect(validation).not.toHaveTextContent('expected');
    expect(screen.getByText('nombre entier de jours attendu, entre 1 et 3650', { selector: 'p' })).toBeInTheDocument();
    // The JSON: an unknown field with a likely typo, a wrong type, a missing field.
    await user.click(screen.getByRole('tab', { name: 'JSON' }));
    const area = screen.getByTestId<HTMLTextAreaElement>('policy-json');
    const doc = JSON.parse(area.value) as Record<string, unknown>;
    doc['nmae'] = 'x';
    doc['logRetentionDays'] = 'un an';
    delete doc['effectiveDate'];
    await user.clear(area);
    area.focus();
    await user.paste(JSON.stringify(doc, null, 2));
    await waitFor(() => expect(validation).toHaveTextContent('nmae: champ inconnu ; vouliez-vous dire « name » ?'));
    expect(validation).toHaveTextContent('logRetentionDays: nombre entier de jours attendu, entre 1 et 3650');
    expect(validation).toHaveTextContent('effectiveDate: champ obligatoire manquant');
    expect(validation).toHaveTextContent('3 problèmes :');
    expect(validation).not.toHaveTextContent(/unknown field|required field|expected/);
  });

  test('in French, a refusal of the background and a refused rollback are French; a damaged signed bundle too', async () => {
    const user = userEvent.setup();
    const { api } = fakeApi();
    // What the background answers, through messaging (JSON): problems with key and params.
    const refusal = JSON.parse(JSON.stringify({ applied: false, errors: [problem('signature', 'pvNoPinnedKey'), problem('policy.effectiveDate', 'pvBackdated', { date: '2025-01-01', version: '2026.1.0', before: '2026-01-01' })] }));
    api.apply = async () => refusal;
    api.rollback = async () => refusal;
    render(<PolicySection lang="fr" api={dashApi} policyApi={api} />);
    const logDays = await screen.findByLabelText('Conserver le journal des accès (jours)');
    await user.clear(logDays);
    await user.type(logDays, '400');
    await user.click(await screen.findByRole('button', { name: 'Examiner les changements' }));
    await user.click(screen.getByRole('button', { name: 'Appliquer cette politique' }));
    const refused = await screen.findByTestId('policy-refused');
    expect(refused).toHaveTextContent('La politique a été refusée ; la politique en vigueur est inchangée.');
    expect(refused).toHaveTextContent('signature: aucune clé publique n’est épinglée pour vérifier ce paquet signé');
    expect(refused).toHaveTextContent('policy.effectiveDate: 2025-01-01 précède la date d’effet de la politique en vigueur (2026.1.0, 2026-01-01)');
    expect(refused).not.toHaveTextContent(/no public key|backdated/);

    const history = screen.getByTestId('policy-history');
    await user.click(within(history).getByRole('button', { name: 'Revenir à la version 2025.9.0' }));
    await screen.findByText('Journal des accès conservé 365 → 100 jours');
    await user.click(screen.getAllByRole('button', { name: 'Revenir à la version 2025.9.0' }).at(-1)!);
    const section = history.closest('section')!;
    await waitFor(() => expect(within(section).getByRole('alert')).toHaveTextContent('signature: aucune clé publique n’est épinglée pour vérifier ce paquet signé'));
    expect(within(section).getByRole('alert')).toHaveTextContent('policy.effectiveDate: 2025-01-01 précède la date d’effet');

    // A signed bundle with a field that no bundle has: refused before the background is asked.
    const bundle = { format: 'crm-privacy-guard/signed-policy', policy: '{}', signature: 'AAAA', extra: 1 };
    const file = new File([JSON.stringify(bundle)], 'policy.signed.json', { type: 'application/json' });
    await user.upload(screen.getByTestId('policy-file'), file);
    await waitFor(() => expect(screen.getByTestId('policy-refused')).toHaveTextContent('extra: champ inconnu dans un paquet signé'));
  });

  test('JSON errors point at the field: activating one puts the caret on it', async () => {
    const user = userEvent.setup();
    render(<PolicySection lang="en" api={dashApi} policyApi={fakeApi().api} />);
    (await screen.findByRole('tab', { name: 'Form' })).focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'JSON' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'JSON' })).toHaveFocus();
    const area = screen.getByTestId<HTMLTextAreaElement>('policy-json');
    const text = area.value.replace('"maxAgeMonths": 36', '"maxAgeMonths": -3');
    await user.clear(area);
    area.focus();
    await user.paste(text);
    const button = await screen.findByRole('button', { name: /retention\[0\]\.maxAgeMonths/ });
    await user.click(button);
    await waitFor(() => expect(area.selectionStart).toBe(text.indexOf('"maxAgeMonths"')));
  });

  test('managed: the lock says who manages it, editing and rollback are disabled', async () => {
    render(<PolicySection lang="en" api={dashApi} policyApi={fakeApi(status({ active: { ...status().active, source: 'managed', via: 'managed' }, managed: { present: true, locked: true, managedBy: 'Acme IT', requireSignedImport: false } })).api} />);
    expect(await screen.findByTestId('policy-lock')).toHaveTextContent('Managed by Acme IT: local changes are locked.');
    expect(screen.getByTestId('policy-source')).toHaveTextContent('managed by your organisation');
    expect(screen.getByRole('button', { name: 'Review changes' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Roll back to 2025.9.0' })).toBeDisabled();
  });

  test('history: rollback shows the diff first; export and approvals past review', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi(status({ overdue: [{ crm: 'hubspot', org: '123456', region: 'eu', dpaRef: 'DPA-7', reviewDate: '2026-01-31' }] }));
    render(<PolicySection lang="fr" api={dashApi} policyApi={api} />);
    expect(await screen.findByTestId('policy-overdue')).toHaveTextContent('hubspot 123456 (eu), accord de traitement DPA-7 : revue prévue le 2026-01-31');
    const history = screen.getByTestId('policy-history');
    expect(within(history).getByText('abcdef0123456789')).toBeInTheDocument();
    await user.click(within(history).getByRole('button', { name: 'Revenir à la version 2025.9.0' }));
    expect(await screen.findByText('Journal des accès conservé 365 → 100 jours')).toBeInTheDocument();
    expect(calls.rollbacks).toEqual([]);
    await user.click(screen.getAllByRole('button', { name: 'Revenir à la version 2025.9.0' }).at(-1)!);
    await waitFor(() => expect(calls.rollbacks).toEqual([1]));
    await user.click(screen.getByRole('button', { name: 'Exporter dans un fichier' }));
    expect(calls.downloads).toEqual(['policy-2026.1.0.json']);
  });

  test('signing: the private key is offered once, then only the fingerprint and public key remain', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi();
    render(<PolicySection lang="en" api={dashApi} policyApi={api} />);
    await user.click(await screen.findByRole('button', { name: 'Generate a signing key' }));
    expect((await screen.findByTestId<HTMLTextAreaElement>('signing-public-key')).value).toMatch(/^[A-Za-z0-9+/=]{80,}$/);
    await user.click(screen.getByRole('button', { name: 'Save the private key file (offered once)' }));
    expect(calls.downloads[0]).toMatch(/^crm-privacy-guard-signing-key-[0-9a-f]{16}\.pem$/);
    expect(screen.queryByRole('button', { name: 'Save the private key file (offered once)' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Sign the policy in the editor and download the bundle' }));
    await waitFor(() => expect(calls.downloads[1]).toBe('policy-2026.1.0.signed.json'));
  });

  test('without the deployment api the policy in force still shows', async () => {
    render(<PolicySection lang="en" api={dashApi} policyApi={{ ...fakeApi().api, status: async () => { throw new Error('no answer'); } }} />);
    expect(await screen.findByRole('heading', { name: DEFAULT_POLICY.name })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('no answer');
  });
});

describe('popup policy line and the in-page banner', () => {
  test('the popup line says version, source, signer and effective date', async () => {
    const s = status({ active: { ...status().active, source: 'url', via: 'url', signer: '0123456789abcdef', policyVersion: '2026.12.5', effectiveDate: '2026-12-05' }, managed: { present: true, locked: true, requireSignedImport: false } });
    render(<PolicyLine lang="fr" load={async () => s} />);
    expect(await screen.findByTestId('policy-line')).toHaveTextContent('Politique 2026.12.5 · paquet signé téléchargé depuis une URL · signée par la clé 0123456789abcdef · en vigueur le 2026-12-05');
    expect(screen.getByTestId('policy-lock')).toHaveTextContent('Gérée par l’administration des navigateurs de votre organisation');
  });

  test('the banner is text in a shadow root on a light-DOM host, keyboard-dismissable', async () => {
    const user = userEvent.setup();
    const host = createBanner(document, 'fr');
    document.body.prepend(host);
    expect(document.querySelector('[data-cpg="banner"]')).toBe(host);
    expect(host.shadowRoot?.querySelector('[role="alert"]')?.textContent).toContain('Cette instance du CRM n’est pas approuvée par votre organisation');
    expect(host.shadowRoot?.innerHTML).not.toContain('<script');
    const close = host.shadowRoot?.querySelector('button') as HTMLButtonElement;
    expect(close.getAttribute('aria-label')).toBe('Masquer ce message');
    close.focus();
    await user.keyboard('{Enter}');
    expect(document.querySelector('[data-cpg="banner"]')).toBeNull();
  });
});
