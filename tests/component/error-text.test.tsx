import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { App } from '@/entrypoints/popup/App';
import { usePopupStore, type PopupApi } from '@/entrypoints/popup/store';
import { RequestsSection } from '@/components/dashboard/RequestsSection';
import { RevealApp } from '@/entrypoints/reveal/App';
import { handleMessage, type Deps } from '@/entrypoints/background/handlers';
import { createDb, type GuardDB } from '@/lib/db/db';
import { setProfileName } from '@/lib/db/profile';
import { MessageError, send } from '@/lib/messaging/client';
import type { TabView } from '@/lib/messaging/protocol';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { emptyPrivacyView, fakePrivacyApi } from './consent-fakes';
import { ID, ORIGIN, testDeps } from '../unit/background/test-deps';

/** A refusal of the background reads in the page's language; a key this build does not know shows the English message. */

const URL_HS = 'https://app.hubspot.com/contacts/123456/record/0-1/501';
const KEY = 'hs:123456:0-1:501';

function tabView(): TabView {
  return {
    tabId: 7,
    page: { kind: 'record', ref: { crm: 'hubspot', org: '123456', object: '0-1', id: '501' }, key: KEY, title: 'Jane Doe' },
    summary: { key: KEY, state: 'missing' },
    history: [],
    policy: { version: '2026.11.1', name: 'Default', purposes: [{ id: 'newsletter', label: { en: 'Newsletter', fr: 'Lettre d’information' }, defaultBasis: 'a' }] },
  };
}

/** The popup with one consent shown as given (the fake's view): withdrawing it asks `withdraw`. */
function popupApi(withdraw: PopupApi['withdrawConsent']): PopupApi {
  const initial = emptyPrivacyView(KEY);
  initial.current = [{ purposeId: 'newsletter', channel: 'sms', action: 'given', on: '2026-11-20', method: 'form', wording: 'v3', at: 1, actor: 'me', policyVersion: '1' }];
  const fake = fakePrivacyApi(KEY, initial);
  return { ...fake.api, resolveTab: async () => 7, getTab: async () => tabView(), setBasis: async () => undefined, withdrawConsent: withdraw };
}

let db: GuardDB | undefined;
beforeEach(() => {
  usePopupStore.setState({ tabId: null, view: null, privacy: null, loadError: null, save: { kind: 'idle' } });
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(2026, 10, 29, 12, 0, 0) });
});
afterEach(() => {
  vi.useRealTimers();
  db?.close();
  db = undefined;
});

describe('background refusals in the user’s language', () => {
  test('French popup: the real client and background refuse a withdrawal, the alert is in French', async () => {
    fakeBrowser.reset();
    db = createDb(`error-text-${Math.random()}`);
    await db.open();
    await setProfileName(db, 'Rep One');
    const deps: Deps = testDeps(db, () => Date.now(), { tabUrl: async (tabId) => (tabId === 7 ? URL_HS : undefined) });
    // The popup's messages go through lib/messaging/client.ts to handleMessage, as the browser would carry them.
    const popupSender = { id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html` };
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: unknown) => handleMessage(message, popupSender, deps)) as never);
    // The background has no consent on record for this person (the panel's view is stale).
    const user = userEvent.setup();
    render(<App lang="fr" tabId={7} embedded={false} api={popupApi((input) => send('consent.withdraw', input))} />);
    await user.selectOptions(await screen.findByLabelText('Comment le retrait vous est parvenu'), 'email'); // no default (Art. 7(3))
    await user.click(await screen.findByRole('button', { name: 'Retirer tous les consentements' }));
    const alert = await screen.findByTestId('withdraw-error');
    expect(alert).toHaveAttribute('role', 'alert');
    expect(alert).toHaveTextContent('Une erreur est survenue : Aucun consentement donné à retirer ici. Rechargez le panneau pour voir les consentements en cours.');
    expect(alert).not.toHaveTextContent('There is no consent');
    expect(browser.runtime.sendMessage).toHaveBeenCalledWith(expect.objectContaining({ type: 'consent.withdraw' }));
  });

  test('French popup: a key unknown to this catalogue falls back to the English message', async () => {
    const user = userEvent.setup();
    const api = popupApi(async () => {
      throw new MessageError('bad-request', 'A refusal worded by a newer background.', 'errFromANewerBuild', { n: 1 });
    });
    render(<App lang="fr" tabId={7} embedded={false} api={api} />);
    await user.selectOptions(await screen.findByLabelText('Comment le retrait vous est parvenu'), 'email');
    await user.click(await screen.findByRole('button', { name: 'Retirer tous les consentements' }));
    expect(await screen.findByTestId('withdraw-error')).toHaveTextContent('Une erreur est survenue : A refusal worded by a newer background.');
  });

  test('French dashboard: a section that fails to load says why in French', async () => {
    const storage = new MessageError('storage', 'The browser refused to store more data (disk full or storage quota reached). Nothing was saved. Free some disk space, then try again.', 'errStorageFull');
    render(<RequestsSection lang="fr" api={{ listRequests: async () => Promise.reject(storage) }} />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Une erreur est survenue : Le navigateur a refusé d’enregistrer davantage de données (disque plein ou quota de stockage atteint). Rien n’a été enregistré. Libérez de l’espace disque, puis réessayez.',
    );
  });

  test('French reveal dialog: a reason refused by the policy, with its parameter', async () => {
    const user = userEvent.setup();
    const api = {
      reasons: async () => ({ reasons: { ...DEFAULT_POLICY.revealReasons, presets: [], allowFreeText: true, minLength: 3 }, seconds: 30 }),
      reveal: async () => {
        throw new MessageError('bad-request', 'The reason is too short: write at least 20 characters.', 'errReasonTooShort', { min: 20 });
      },
      close: async () => undefined,
    };
    render(<RevealApp lang="fr" params={{ tabId: 5, fieldKey: 'Birthdate', label: 'Date de naissance' }} api={api} />);
    await user.click(await screen.findByLabelText('Autre motif'));
    await user.type(screen.getByLabelText('Votre motif'), 'Appel client');
    await user.click(screen.getByRole('button', { name: 'Afficher pendant 30 s' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Le motif est trop court : écrivez au moins 20 caractères.');
    expect(screen.getByRole('alert')).not.toHaveTextContent('The reason is too short');
  });
});
