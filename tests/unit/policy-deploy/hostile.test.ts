import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { generateSigningKey, signPolicyText } from '@/lib/policy/signing';
import { acceptPolicyText } from '@/lib/policy/sources';
import type { Policy } from '@/lib/policy/schema';
import { makeEnv, type TestEnv } from './harness';

interface HostileCase {
  why: string;
  text?: string;
  patch?: Record<string, unknown>;
  predecessor?: { policyVersion: string; effectiveDate: string };
  expect: { path: string; message: string };
}

const DIR = path.resolve(__dirname, '../../fixtures/policies');
const CORPUS = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as HostileCase] as const);

function textOf(c: HostileCase): string {
  return c.text ?? JSON.stringify({ ...structuredClone(DEFAULT_POLICY), ...c.patch });
}

/** Everything the background holds about the policy: must be byte-identical after a refusal. */
async function snapshot(env: TestEnv): Promise<string> {
  return JSON.stringify({
    policies: await env.db.policies.toArray(),
    events: await env.db.events.toArray(),
    meta: (await env.db.meta.toArray()).filter((m) => m.key.startsWith('policy.') || m.key === 'chainHead'),
  });
}

async function installPredecessor(env: TestEnv, p: { policyVersion: string; effectiveDate: string }): Promise<void> {
  const doc: Policy = { ...structuredClone(DEFAULT_POLICY), ...p };
  const a = await env.send('policy.apply', { text: JSON.stringify(doc), via: 'file' });
  expect(a).toMatchObject({ ok: true, data: { applied: true } });
}

describe('hostile policies are refused with path and reason; the policy in force stays exactly as it was', () => {
  test('the corpus is not empty', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(10);
  });

  test.each(CORPUS)('%s', async (_file, c) => {
    const predecessor = c.predecessor ? { ...structuredClone(DEFAULT_POLICY), ...c.predecessor } : undefined;
    const direct = acceptPolicyText(textOf(c), { predecessor });
    expect(direct.ok).toBe(false);
    if (!direct.ok) {
      expect(direct.errors[0]?.path).toBe(c.expect.path);
      expect(direct.errors[0]?.message).toContain(c.expect.message);
    }

    const env = await makeEnv();
    await env.deps.policies.activeRow();
    if (c.predecessor) await installPredecessor(env, c.predecessor);
    const before = await snapshot(env);
    const answer = await env.send('policy.apply', { text: textOf(c), via: 'file' });
    expect(answer.ok).toBe(true);
    if (answer.ok) {
      expect(answer.data.applied).toBe(false);
      if (!answer.data.applied && c.expect.path !== '(file)') expect(answer.data.errors[0]).toMatchObject({ path: c.expect.path });
    }
    expect(await snapshot(env)).toBe(before);
    // Nothing leaked onto prototypes either.
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    env.db.close();
  });

  test('an oversized document', async () => {
    const big = JSON.stringify({ ...DEFAULT_POLICY, name: 'x', padding: 'y'.repeat(600 * 1024) });
    const refused = acceptPolicyText(big);
    expect(refused).toEqual({ ok: false, errors: [{ path: '(file)', message: expect.stringContaining('a policy may be at most 512 KB'), key: 'pvFileTooLarge', params: expect.any(Object) }] });
    const env = await makeEnv();
    await env.deps.policies.activeRow();
    const before = await snapshot(env);
    const answer = await env.send('policy.apply', { text: big, via: 'file' });
    expect(answer).toMatchObject({ ok: true, data: { applied: false } });
    expect(await snapshot(env)).toBe(before);
  });

  test('a document nested thousands of levels deep', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const refused = acceptPolicyText(`{"format":"crm-privacy-guard/policy","x":${deep}}`);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0]?.message).toContain('nested too deeply');
  });

  test('a bundle with a bad signature', async () => {
    const env = await makeEnv();
    const pinned = await generateSigningKey();
    const attacker = await generateSigningKey();
    await env.sources.setLocalUrl({ url: 'https://policy.example.test/p.json', publicKey: pinned.publicKey });
    await env.deps.policies.activeRow();
    const before = await snapshot(env);
    const forged = await signPolicyText(JSON.stringify({ ...DEFAULT_POLICY, policyVersion: '2026.12.1', effectiveDate: '2026-12-01' }), attacker.signingKey, pinned.keyId);
    const answer = await env.send('policy.apply', { text: JSON.stringify(forged), via: 'file' });
    expect(answer).toMatchObject({ ok: true, data: { applied: false, errors: [{ path: 'signature' }] } });
    expect(await snapshot(env)).toBe(before);
  });
});
