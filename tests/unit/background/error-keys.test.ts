import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { ID, ORIGIN, testDeps } from './test-deps';
import { createDb, type GuardDB } from '@/lib/db/db';
import { setProfileName } from '@/lib/db/profile';
import { errorText } from '@/lib/i18n/error-text';
import { MessageError, send } from '@/lib/messaging/client';
import type { Answer, MessageType } from '@/lib/messaging/protocol';
import { handleMessage, type Deps } from '@/entrypoints/background/handlers';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { makeEnv } from '../policy-deploy/harness';

/** Refusals a person can trigger carry a catalogue key: the popup and dashboard show them in French too. */

const URL_HS = 'https://app.hubspot.com/contacts/123456/record/0-1/501';
const KEY = 'hs:123456:0-1:501';
const popup = { id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html` };
const dashboard = { id: ID, origin: ORIGIN, url: `${ORIGIN}/dashboard.html` };
const content = (tabId: number) => ({ id: ID, origin: 'https://app.hubspot.com', url: URL_HS, tab: { id: tabId, url: URL_HS }, frameId: 0 });

let db: GuardDB;
let deps: Deps;

beforeEach(async () => {
  fakeBrowser.reset();
  db = createDb(`error-keys-${Math.random()}`);
  await db.open();
  await setProfileName(db, 'Rep One');
  deps = testDeps(db, () => Date.UTC(2026, 10, 29, 10, 0, 0), { tabUrl: async (tabId) => (tabId === 1 ? URL_HS : undefined) });
});
afterEach(() => db.close());

async function refusal(type: MessageType, payload: unknown, sender: object = popup) {
  const answer = (await handleMessage({ type, payload }, sender, deps)) as Answer<MessageType>;
  if (answer.ok) throw new Error(`${type} was accepted`);
  return answer.error;
}

describe('error answers carry a key and params next to the English message', () => {
  test('log.stats with a reversed period', async () => {
    const error = await refusal('log.stats', { from: 10, to: 5 }, dashboard);
    expect(error).toEqual({ code: 'bad-request', key: 'errPeriodReversed', message: 'The end of the period is before its start. Pick the dates again.' });
    expect(errorText('fr', error)).toBe('La fin de la période précède son début. Choisissez de nouveau les dates.');
  });

  test('log.stats over too long a period names the limit in both languages', async () => {
    const error = await refusal('log.stats', { from: 0, to: 500 * 86_400_000 }, dashboard);
    expect(error).toMatchObject({ key: 'errPeriodTooLong', params: { days: 400 }, message: 'Charts cover at most 400 days. Pick a shorter period.' });
    expect(errorText('fr', error)).toBe('Les graphiques couvrent au plus 400 jours. Choisissez une période plus courte.');
  });

  test('a date in the future: the field is named in the user’s language', async () => {
    await handleMessage({ type: 'page.state', payload: { visitId: 'visit-0001', kind: 'record', title: 'Jane', url: URL_HS } }, content(1), deps);
    const error = await refusal('consent.give', {
      tabId: 1, key: KEY, purposeId: 'newsletter', channels: ['email'], method: 'form', wording: 'Form v3', givenOn: '2027-01-01',
    });
    expect(error.key).toBe('errDateFuture');
    expect(error.message).toBe('The date consent was given (2027-01-01) is in the future. Enter the day it happened: today (2026-11-29) at the latest.');
    expect(errorText('en', error)).toBe(error.message);
    expect(errorText('fr', error)).toBe('La date du consentement (2027-01-01) est dans le futur. Saisissez le jour des faits : aujourd’hui (2026-11-29) au plus tard.');
  });

  test('a record panel whose tab moved on', async () => {
    const error = await refusal('privacy.get', { tabId: 9, key: KEY });
    expect(error).toMatchObject({ code: 'not-found', key: 'errTabNoRecord' });
    expect(errorText('fr', error)).toBe('Cet onglet n’affiche plus de fiche du CRM. Ouvrez la fiche, puis réessayez.');
  });

  test('a full disk: the storage refusal has its key', async () => {
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    deps.db.records.put = () => Promise.reject(quota) as never;
    deps.log.append = () => Promise.reject(quota);
    deps.log.appendWith = () => Promise.reject(quota);
    await handleMessage({ type: 'page.state', payload: { visitId: 'visit-0002', kind: 'record', title: 'Jane', url: URL_HS } }, content(1), deps);
    const error = await refusal('basis.set', { tabId: 1, key: KEY, purposeId: DEFAULT_POLICY.purposes[0]!.id, basis: 'a', reference: '', note: '' });
    expect(error).toMatchObject({ code: 'storage', key: 'errStorageFull', message: expect.stringContaining('Free some disk space') });
    expect(errorText('fr', error)).toContain('Libérez de l’espace disque');
  });

  test('refusals only a hostile or buggy sender meets stay English-only (no key)', async () => {
    expect(await refusal('log.stats', { from: 5, to: 10 }, { id: 'someone-else', url: 'https://evil.example/' })).not.toHaveProperty('key');
    expect(await refusal('log.event', { url: URL_HS, action: 'copy', key: KEY, fields: [] }, dashboard)).not.toHaveProperty('key');
  });
});

describe('policy refusals (the store’s PolicyError keeps its key)', () => {
  test('a URL with a password, and an import while a managed policy locks local edits', async () => {
    const env = await makeEnv();
    try {
      const bad = await env.send('policy.setUrl', { url: 'https://user:pw@policy.example.test/p.json', publicKey: 'A'.repeat(44) });
      expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request', key: 'errPolicyUrlHttps' } });
      const policy = (v: string, d: string) => JSON.stringify({ ...structuredClone(DEFAULT_POLICY), policyVersion: v, effectiveDate: d });
      await env.sources.applyManaged({ managedBy: 'Acme IT', policyJson: policy('2026.12.5', '2026-12-05') });
      const locked = await env.send('policy.apply', { text: policy('2026.12.6', '2026-12-06'), via: 'editor' });
      expect(locked).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errPolicyLocked', params: { who: 'Acme IT' } } });
      if (locked.ok) return;
      expect(locked.error.message).toBe('The policy is managed by Acme IT: local changes are locked. Ask them to change the managed policy.');
      expect(errorText('fr', locked.error)).toBe('La politique est gérée par Acme IT : les modifications locales sont verrouillées. Demandez-lui de modifier la politique gérée.');
      const cleared = await env.send('policy.setUrl', { clear: true });
      expect(cleared).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errPolicySourceManaged' } });
    } finally {
      env.db.close();
    }
  });
});

describe('the client (lib/messaging/client.ts) keeps the key and params', () => {
  test('a refusal, and no answer at all', async () => {
    const error = { code: 'bad-request', message: 'Charts cover at most 400 days. Pick a shorter period.', key: 'errPeriodTooLong', params: { days: 400 } };
    vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValueOnce({ ok: false, error } as never).mockResolvedValueOnce(undefined as never);
    const refused = await send('log.stats', { from: 0, to: 1 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MessageError);
    expect(refused).toMatchObject({ code: 'bad-request', message: error.message, key: 'errPeriodTooLong', params: { days: 400 } });
    expect(errorText('fr', refused)).toBe('Les graphiques couvrent au plus 400 jours. Choisissez une période plus courte.');
    const silent = await send('log.status', {}).catch((e: unknown) => e);
    expect(silent).toMatchObject({ code: 'internal', key: 'errNoAnswer', message: 'The extension did not answer. Reload the page and try again.' });
    expect(errorText('fr', silent)).toBe('L’extension n’a pas répondu. Rechargez la page, puis réessayez.');
  });
});

describe('errorText', () => {
  test('an unknown key, a missing key or malformed params fall back to the English message', () => {
    expect(errorText('fr', { message: 'Something new went wrong.', key: 'errNotInThisCatalogue' })).toBe('Something new went wrong.');
    expect(errorText('fr', { message: 'Plain English.' })).toBe('Plain English.');
    expect(errorText('fr', { message: 'English.', key: 'errTabNoRecord', params: { x: { en: 'a' } } })).toBe('English.');
    expect(errorText('fr', { message: 'English.', key: 'toString' })).toBe('English.');
  });

  test('thrown values: an Error with a key, a plain Error, anything else', () => {
    const keyed = Object.assign(new Error('That request is already closed.'), { key: 'errRequestAlreadyClosed' });
    expect(errorText('fr', keyed)).toBe('Cette demande est déjà clôturée.');
    expect(errorText('fr', new Error('disk on fire'))).toBe('disk on fire');
    expect(errorText('en', 'text')).toBe('text');
  });

  test('a two-language param follows the language; a text param is kept as is', () => {
    const info = { message: 'x', key: 'errNoExtensionInLaw', params: { law: { en: 'GDPR', fr: 'RGPD' } } };
    expect(errorText('en', info)).toBe('No extension is possible for this request under GDPR.');
    expect(errorText('fr', info)).toBe('Aucune prolongation n’est possible pour cette demande selon RGPD.');
  });
});
