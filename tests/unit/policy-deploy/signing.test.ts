import { DEFAULT_POLICY } from '@/lib/policy/default';
import { fromBase64, generateSigningKey, keyFingerprint, parseBundle, publicKeyOfPrivate, signPolicyText, toBase64, verifyBundle } from '@/lib/policy/signing';
import { acceptBundleValue } from '@/lib/policy/sources';

const TEXT = JSON.stringify(DEFAULT_POLICY);

describe('signed bundles (ECDSA P-256, WebCrypto)', () => {
  test('a bundle verifies with the key that signed it', async () => {
    const key = await generateSigningKey();
    const bundle = await signPolicyText(TEXT, key.signingKey, key.keyId);
    expect(bundle.format).toBe('crm-privacy-guard/signed-policy');
    expect(fromBase64(bundle.signature)?.length).toBe(64);
    expect(await verifyBundle(bundle, key.publicKey)).toBe(true);
    const accepted = await acceptBundleValue(bundle, key.publicKey);
    expect(accepted.ok).toBe(true);
  });

  test('another key does not verify it', async () => {
    const signer = await generateSigningKey();
    const other = await generateSigningKey();
    const bundle = await signPolicyText(TEXT, signer.signingKey, signer.keyId);
    expect(await verifyBundle(bundle, other.publicKey)).toBe(false);
    const refused = await acceptBundleValue(bundle, other.publicKey);
    expect(refused).toEqual({ ok: false, errors: [{ path: 'signature', message: expect.stringContaining('does not verify with the pinned public key'), key: 'pvSignatureFails' }] });
  });

  test('one changed byte of the policy, or of the signature, breaks it', async () => {
    const key = await generateSigningKey();
    const bundle = await signPolicyText(TEXT, key.signingKey, key.keyId);
    const i = TEXT.indexOf('365');
    expect(await verifyBundle({ ...bundle, policy: `${TEXT.slice(0, i)}366${TEXT.slice(i + 3)}` }, key.publicKey)).toBe(false);
    const sig = fromBase64(bundle.signature) as Uint8Array;
    sig[10] = (sig[10] ?? 0) ^ 1;
    expect(await verifyBundle({ ...bundle, signature: toBase64(sig) }, key.publicKey)).toBe(false);
  });

  test('garbage keys and envelopes are refused, never thrown', async () => {
    const key = await generateSigningKey();
    const bundle = await signPolicyText(TEXT, key.signingKey, key.keyId);
    expect(await verifyBundle(bundle, 'not base64!')).toBe(false);
    expect(await verifyBundle(bundle, toBase64(new Uint8Array(91)))).toBe(false);
    expect(parseBundle(null)).toMatchObject({ ok: false, path: '(root)' });
    expect(parseBundle({ ...bundle, extra: 1 })).toMatchObject({ ok: false, path: 'extra' });
    expect(parseBundle({ ...bundle, policy: {} })).toMatchObject({ ok: false, path: 'policy' });
    expect(parseBundle({ ...bundle, format: 'x' })).toMatchObject({ ok: false, path: 'format' });
  });

  test('a valid signature over an invalid policy is still refused, with the path inside the policy', async () => {
    const key = await generateSigningKey();
    const bad = JSON.stringify({ ...DEFAULT_POLICY, logRetentionDays: 0 });
    const refused = await acceptBundleValue(await signPolicyText(bad, key.signingKey, key.keyId), key.publicKey);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0]?.path).toBe('policy.logRetentionDays');
  });

  test('fingerprints are stable and a loaded private key file gives back its public key', async () => {
    const key = await generateSigningKey();
    expect(await keyFingerprint(key.publicKey)).toBe(key.keyId);
    expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(key.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(await publicKeyOfPrivate(key.privateKeyPem)).toBe(key.publicKey);
    expect(await publicKeyOfPrivate('nope')).toBeNull();
  });
});
