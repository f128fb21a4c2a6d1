import { DEFAULT_POLICY } from '@/lib/policy/default';
import type { HistoryRow } from '@/lib/policy/history';
import type { Policy } from '@/lib/policy/schema';
import { generateSigningKey, signPolicyText } from '@/lib/policy/signing';
import { makeEnv, type TestEnv } from './harness';
import { errorText } from '@/lib/i18n/error-text';
import type { PolicyError } from '@/lib/policy/validate';

const doc = (version: string, effectiveDate = '2026-12-01', over: Partial<Policy> = {}): Policy => ({ ...structuredClone(DEFAULT_POLICY), policyVersion: version, effectiveDate, ...over });
const json = (p: Policy) => JSON.stringify(p);
const BUNDLE_URL = 'https://policy.example.test/p.signed.json';

let env: TestEnv;
beforeEach(async () => {
  env = await makeEnv();
});
afterEach(() => env.db.close());

async function policyEvents() {
  return (await env.db.events.toArray()).filter((e) => e.action === 'policy-changed');
}

describe('PolicyStore: activation, history and the access log', () => {
  test('applying a policy writes the row and a policy-changed event (old and new version) together', async () => {
    const a = await env.send('policy.apply', { text: json(doc('2026.12.1')), via: 'editor' });
    expect(a).toMatchObject({ ok: true, data: { applied: true, status: { active: { policyVersion: '2026.12.1', source: 'import', via: 'editor' } } } });
    const events = await policyEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'Lead One', policyVersion: '2026.12.1', detail: 'from=2026.1.0;to=2026.12.1;source=import;via=editor', recordKey: '', fields: [] });
    const rows = (await env.db.policies.toArray()) as HistoryRow[];
    expect(rows.map((r) => [r.policyVersion, r.source, r.via])).toEqual([
      ['2026.1.0', 'default', 'default'],
      ['2026.12.1', 'import', 'editor'],
    ]);
  });

  test('onChange hears each change of the policy in force once, after it is on record, and nothing else', async () => {
    const heard: string[] = [];
    const stop = env.deps.policies.onChange((row) => heard.push(`${row.policyVersion}:${row.source}`));
    await env.send('policy.apply', { text: json(doc('2026.12.1')), via: 'editor' });
    await env.send('policy.apply', { text: json(doc('2026.12.1')), via: 'editor' }); // the same again: no change
    await env.deps.policies.activeRow();
    env.db.policies.hook('creating', () => {
      throw new Error('disk full');
    });
    await env.send('policy.apply', { text: json(doc('2026.12.2')), via: 'file' }); // not written: not heard
    expect(heard).toEqual(['2026.12.1:import']);
    stop();
  });

  test('callers racing at start-up store one default row, not one each', async () => {
    const rows = await Promise.all([env.deps.policies.activeRow(), env.deps.policies.activeRow(), env.send('policy.status', {})]);
    expect(rows[0]).toBe(rows[1]);
    expect(await env.db.policies.count()).toBe(1);
  });

  test('the same policy again changes nothing and logs nothing', async () => {
    await env.send('policy.apply', { text: json(doc('2026.12.1')), via: 'editor' });
    await env.send('policy.apply', { text: json(doc('2026.12.1')), via: 'editor' });
    expect(await policyEvents()).toHaveLength(1);
    expect(await env.db.policies.count()).toBe(2);
  });

  test('all or nothing: when the row cannot be written, no event is either, and the policy in force stays', async () => {
    await env.deps.policies.activeRow();
    env.db.policies.hook('creating', () => {
      throw new Error('disk full');
    });
    const a = await env.send('policy.apply', { text: json(doc('2026.12.1')), via: 'editor' });
    expect(a.ok).toBe(false);
    expect(await env.db.events.count()).toBe(0);
    expect(await env.db.meta.get('policy.candidates')).toBeUndefined();
    expect((await env.deps.policies.activeRow()).policyVersion).toBe('2026.1.0');
  });

  test('history lists every activation newest first, filtered by source through the v4 index; rollback re-activates an old version', async () => {
    await env.send('policy.apply', { text: json(doc('2026.12.1')), via: 'editor' });
    env.clock.now += 1000;
    await env.send('policy.apply', { text: json(doc('2026.12.2', '2026-12-02', { logRetentionDays: 400 })), via: 'file' });
    const history = await env.send('policy.history', {});
    expect(history).toMatchObject({ ok: true, data: { entries: [{ policyVersion: '2026.12.2', active: true, via: 'file' }, { policyVersion: '2026.12.1', active: false }, { policyVersion: '2026.1.0', source: 'default' }] } });
    const imports = await env.send('policy.history', { source: 'import' });
    expect(imports.ok && imports.data.entries.map((e) => e.policyVersion)).toEqual(['2026.12.2', '2026.12.1']);

    const first = imports.ok ? imports.data.entries[1] : undefined;
    env.clock.now += 1000;
    const back = await env.send('policy.rollback', { id: first?.id ?? 0 });
    expect(back).toMatchObject({ ok: true, data: { applied: true, diff: expect.arrayContaining([{ kind: 'log-retention', before: 400, after: 365 }]) } });
    expect((await env.deps.policies.activeRow()).policyVersion).toBe('2026.12.1');
    expect((await policyEvents()).map((e) => e.detail).at(-1)).toBe('from=2026.12.2;to=2026.12.1;source=import;via=rollback');
    expect(await env.send('policy.rollback', { id: 999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  test('messages from a content script or another extension are refused', async () => {
    const fromPage = await env.send('policy.apply', { text: json(doc('2026.12.1')), via: 'editor' }, { id: 'abcdefghijklmnopabcdefghijklmnop', origin: 'https://acme.lightning.force.com', url: 'https://acme.lightning.force.com/', tab: { id: 1 }, frameId: 0 });
    expect(fromPage).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const other = await env.send('policy.status', {}, { id: 'someotherextensionid', origin: 'chrome-extension://someotherextensionid' });
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await env.send('policy.apply', { text: '', via: 'editor' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const broken = await env.send('policy.apply', { text: '{"format": "crm-privacy-guard/policy",\n}', via: 'file' });
    expect(broken).toMatchObject({ ok: true, data: { applied: false, errors: [{ path: '(file)', message: expect.stringContaining('line 2, column 1') }] } });
  });
});

describe('managed settings (storage.managed)', () => {
  test('a managed policy wins, locks local edits, and says who manages it', async () => {
    await env.send('policy.apply', { text: json(doc('2026.12.1')), via: 'editor' });
    await env.sources.applyManaged({ managedBy: 'Acme IT', policyJson: json(doc('2026.12.5', '2026-12-05')) });
    const status = await env.send('policy.status', {});
    expect(status).toMatchObject({ ok: true, data: { active: { policyVersion: '2026.12.5', source: 'managed' }, managed: { present: true, locked: true, managedBy: 'Acme IT' } } });
    const refused = await env.send('policy.apply', { text: json(doc('2026.12.6', '2026-12-06')), via: 'editor' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Acme IT') } });
    expect(await env.send('policy.rollback', { id: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await env.send('policy.setUrl', { clear: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  test('backdating is judged per source: a managed policy is not held back by a later local import, but cannot backdate itself', async () => {
    await env.send('policy.apply', { text: json(doc('2026.12.20', '2026-12-20')), via: 'file' });
    await env.sources.applyManaged({ policyJson: json(doc('2026.12.5', '2026-12-05')) });
    expect((await env.deps.policies.activeRow()).policyVersion).toBe('2026.12.5');
    await env.sources.applyManaged({ policyJson: json(doc('2026.11.1', '2026-11-01')) });
    expect((await env.deps.policies.activeRow()).policyVersion).toBe('2026.12.5');
    expect((await env.deps.policies.managed()).error).toContain('cannot be backdated');
  });

  test('an invalid managed policy is refused and recorded; the last good one stays', async () => {
    await env.sources.applyManaged({ policyJson: json(doc('2026.12.5', '2026-12-05')) });
    await env.sources.applyManaged({ policyJson: json(doc('2026.12.6', '2026-12-06', { logRetentionDays: 0 })) });
    const status = await env.send('policy.status', {});
    expect(status).toMatchObject({ ok: true, data: { active: { policyVersion: '2026.12.5' }, managed: { error: expect.stringContaining('logRetentionDays') } } });
    await env.sources.applyManaged({ policyUrl: 'http://insecure.example/p.json', publicKey: 'x'.repeat(60) });
    const after = await env.send('policy.status', {});
    expect(after).toMatchObject({ ok: true, data: { active: { policyVersion: '2026.12.5' }, managed: { error: expect.stringContaining('https') } } });
  });

  test('when the managed value goes away, the next source takes over and the lock lifts', async () => {
    await env.send('policy.apply', { text: json(doc('2026.12.1')), via: 'editor' });
    await env.sources.applyManaged({ policyJson: json(doc('2026.12.5', '2026-12-05')) });
    await env.sources.applyManaged({});
    const status = await env.send('policy.status', {});
    expect(status).toMatchObject({ ok: true, data: { active: { source: 'import', policyVersion: '2026.12.1' }, managed: { present: false, locked: false } } });
    // A managed value that only sets options (no policy) does not lock.
    await env.sources.applyManaged({ requireSignedImport: true });
    const unsigned = await env.send('policy.apply', { text: json(doc('2026.12.7', '2026-12-07')), via: 'file' });
    expect(unsigned).toMatchObject({ ok: true, data: { applied: false, errors: [{ path: '(file)', message: expect.stringContaining('only signed policy bundles'), key: 'pvSignedOnly' }] } });
  });

  test('a signed bundle with no key pinned to verify it: refused with a catalogue key (French on a French page)', async () => {
    const key = await generateSigningKey();
    const bundle = JSON.stringify(await signPolicyText(json(doc('2026.12.8', '2026-12-08')), key.signingKey, key.keyId));
    const answer = await env.send('policy.apply', { text: bundle, via: 'file' });
    expect(answer).toMatchObject({ ok: true, data: { applied: false, errors: [{ path: 'signature', key: 'pvNoPinnedKey', message: expect.stringContaining('no public key is pinned') }] } });
    const error = (answer as { data: { errors: PolicyError[] } }).data.errors[0];
    expect(errorText('fr', error)).toMatch(/^aucune clé publique n’est épinglée pour vérifier ce paquet signé/);
  });
});

describe('signed bundle from a URL', () => {
  async function setup() {
    const key = await generateSigningKey();
    const bundle = JSON.stringify(await signPolicyText(json(doc('2026.12.5', '2026-12-05')), key.signingKey, key.keyId));
    await env.sources.applyManaged({ managedBy: 'Acme IT', policyUrl: BUNDLE_URL, publicKey: key.publicKey });
    return { key, bundle };
  }

  test('fetched, verified, activated; then revalidated with If-None-Match and a 304', async () => {
    const { key, bundle } = await setup();
    env.respond(async () => new Response(bundle, { status: 200, headers: { ETag: '"v1"' } }));
    const state = await env.sources.refresh();
    expect(state).toMatchObject({ etag: '"v1"', lastOutcome: 'updated' });
    expect(env.fetches[0]).toMatchObject({ url: BUNDLE_URL, init: { credentials: 'omit', cache: 'no-store', redirect: 'error', headers: {} } });
    const status = await env.send('policy.status', {});
    expect(status).toMatchObject({ ok: true, data: { active: { policyVersion: '2026.12.5', source: 'url', signer: key.keyId }, managed: { locked: true }, url: { managed: true, keyId: key.keyId } } });

    env.respond(async () => new Response(null, { status: 304 }));
    expect(await env.sources.refresh()).toMatchObject({ lastOutcome: 'unchanged' });
    expect(env.fetches[1]?.init.headers).toEqual({ 'If-None-Match': '"v1"' });
    expect(await policyEvents()).toHaveLength(1);
  });

  test('a tampered bundle, an HTTP error or no network: the last good policy stays and the reason is kept', async () => {
    const { bundle } = await setup();
    env.respond(async () => new Response(bundle, { status: 200, headers: { ETag: '"v1"' } }));
    await env.sources.refresh();
    const tampered = bundle.replace('2026.12.5', '2026.12.6');
    env.respond(async () => new Response(tampered, { status: 200, headers: { ETag: '"v2"' } }));
    expect(await env.sources.refresh()).toMatchObject({ lastOutcome: 'failed', etag: '"v1"', lastError: expect.stringContaining('signature does not verify') });
    env.respond(async () => new Response('oops', { status: 503 }));
    expect(await env.sources.refresh()).toMatchObject({ lastOutcome: 'failed', lastError: expect.stringContaining('HTTP 503') });
    env.respond(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await env.sources.refresh()).toMatchObject({ lastOutcome: 'failed', lastError: expect.stringContaining('could not be fetched') });
    expect((await env.deps.policies.activeRow()).policyVersion).toBe('2026.12.5');
    expect(await policyEvents()).toHaveLength(1);
  });

  test("the last fetch's failure reaches the dashboard in its language, once (the page adds that the last good policy stays)", async () => {
    const { bundle } = await setup();
    env.respond(async () => new Response('oops', { status: 503 }));
    const failed = await env.sources.refresh();
    expect(failed).toMatchObject({ lastError: 'The server answered HTTP 503.', lastErrorKey: 'errUrlHttp', lastErrorParams: { status: 503 } });
    const status = await env.send('policy.status', {});
    const url = status.ok ? status.data.url : null;
    expect(url).toMatchObject({ lastError: 'The server answered HTTP 503.', lastErrorKey: 'errUrlHttp' });
    expect(errorText('fr', { message: url?.lastError ?? '', key: url?.lastErrorKey, params: url?.lastErrorParams })).toBe('Le serveur a répondu HTTP 503.');
    // A refused bundle names its first problems in both languages.
    env.respond(async () => new Response(bundle.replace('2026.12.5', '2026.12.6'), { status: 200 }));
    const refused = await env.sources.refresh();
    expect(refused.lastErrorKey).toBe('errUrlRefused');
    expect(errorText('en', { message: refused.lastError ?? '', key: refused.lastErrorKey, params: refused.lastErrorParams })).toBe(refused.lastError);
    expect(errorText('fr', { message: refused.lastError ?? '', key: refused.lastErrorKey, params: refused.lastErrorParams })).toMatch(/^Le paquet a été refusé : /);
    // A good fetch clears them.
    env.respond(async () => new Response(bundle, { status: 200 }));
    expect(await env.sources.refresh()).toMatchObject({ lastOutcome: 'updated', lastError: '', lastErrorKey: '' });
  });

  test('a URL set in the dashboard (not managed) is fetched right away; clearing it falls back', async () => {
    const key = await generateSigningKey();
    const bundle = JSON.stringify(await signPolicyText(json(doc('2026.12.5', '2026-12-05')), key.signingKey, key.keyId));
    env.respond(async () => new Response(bundle, { status: 200 }));
    const set = await env.send('policy.setUrl', { url: BUNDLE_URL, publicKey: key.publicKey });
    expect(set).toMatchObject({ ok: true, data: { active: { source: 'url' }, url: { managed: false, url: BUNDLE_URL } } });
    // A lower source cannot silently take over while the URL one is in force.
    const imported = await env.send('policy.apply', { text: json(doc('2026.12.7', '2026-12-07')), via: 'file' });
    expect(imported).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await env.send('policy.setUrl', { url: 'https://user:pw@policy.example.test/p.json', publicKey: key.publicKey })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const cleared = await env.send('policy.setUrl', { clear: true });
    expect(cleared).toMatchObject({ ok: true, data: { active: { source: 'default' }, url: null } });
  });
});
