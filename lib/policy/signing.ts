/**
 * Signed policy bundles: ECDSA P-256 with SHA-256 (WebCrypto), signature over the exact UTF-8
 * bytes of the policy text so that no canonical form is needed. Public keys travel as base64 SPKI;
 * private keys leave the browser once, as a PKCS#8 file the lead keeps. Pure apart from crypto.subtle.
 */

import type { ErrorKey, ErrorParams } from '../i18n/error-text';
import { problem } from './wording';

export const BUNDLE_FORMAT = 'crm-privacy-guard/signed-policy';
const ALGO = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface SignedBundle {
  format: typeof BUNDLE_FORMAT;
  /** The policy document as JSON text: exactly the bytes that were signed. */
  policy: string;
  /** Base64 of the IEEE P1363 (r‖s, 64 bytes) signature. */
  signature: string;
  /** Fingerprint of the signing key (informational: the pinned key decides). */
  keyId: string;
}

export function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = '';
  for (const b of u8) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  const clean = text.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) return null;
  try {
    const bin = atob(clean);
    const out = new Uint8Array(new ArrayBuffer(bin.length));
    for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** First 16 hex digits of the SHA-256 of the SPKI: short enough to read aloud, long enough to tell keys apart. */
export async function keyFingerprint(spkiBase64: string): Promise<string> {
  const der = fromBase64(spkiBase64);
  if (!der) return 'invalid-key';
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', der));
  return Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function importPublicKey(spkiBase64: string): Promise<CryptoKey | null> {
  const der = fromBase64(spkiBase64);
  if (!der) return null;
  try {
    return await crypto.subtle.importKey('spki', der, ALGO, false, ['verify']);
  } catch {
    return null;
  }
}

export async function importPrivateKey(pkcs8Base64: string): Promise<CryptoKey | null> {
  const der = fromBase64(pkcs8Base64);
  if (!der) return null;
  try {
    // Not extractable: once loaded for signing, the key cannot be read back out of this page.
    return await crypto.subtle.importKey('pkcs8', der, ALGO, false, ['sign']);
  } catch {
    return null;
  }
}

export interface GeneratedKey {
  publicKey: string;
  /** PEM text of the PKCS#8 private key: shown once, for the lead to save. */
  privateKeyPem: string;
  /** A non-extractable copy for signing in this session. */
  signingKey: CryptoKey;
  keyId: string;
}

function pem(label: string, base64: string): string {
  return `-----BEGIN ${label}-----\n${base64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

export async function generateSigningKey(): Promise<GeneratedKey> {
  const pair = await crypto.subtle.generateKey(ALGO, true, ['sign', 'verify']);
  const spki = toBase64(await crypto.subtle.exportKey('spki', pair.publicKey));
  const pkcs8 = toBase64(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const signingKey = await importPrivateKey(pkcs8);
  if (!signingKey) throw new Error('The browser could not re-import the generated key.');
  return { publicKey: spki, privateKeyPem: pem('PRIVATE KEY', pkcs8), signingKey, keyId: await keyFingerprint(spki) };
}

export async function signPolicyText(policyText: string, key: CryptoKey, keyId: string): Promise<SignedBundle> {
  const signature = await crypto.subtle.sign(SIGN, key, new TextEncoder().encode(policyText));
  return { format: BUNDLE_FORMAT, policy: policyText, signature: toBase64(signature), keyId };
}

export type BundleParse = { ok: true; bundle: SignedBundle } | { ok: false; path: string; message: string; key: ErrorKey; params?: ErrorParams };

/** Reads a bundle's envelope (not its policy); the policy text is validated separately. */
export function parseBundle(value: unknown): BundleParse {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, ...problem('(root)', 'pvBundleObject') };
  const v = value as Record<string, unknown>;
  if (v['format'] !== BUNDLE_FORMAT) return { ok: false, ...problem('format', 'pvBundleFormat', { format: BUNDLE_FORMAT }) };
  for (const k of Object.keys(v)) {
    if (!['format', 'policy', 'signature', 'keyId'].includes(k)) return { ok: false, ...problem(k, 'pvBundleUnknownField') };
  }
  if (typeof v['policy'] !== 'string') return { ok: false, ...problem('policy', 'pvBundlePolicyText') };
  if (typeof v['signature'] !== 'string' || fromBase64(v['signature']) === null) return { ok: false, ...problem('signature', 'pvBundleSignature') };
  const keyId = typeof v['keyId'] === 'string' ? v['keyId'].slice(0, 64) : '';
  return { ok: true, bundle: { format: BUNDLE_FORMAT, policy: v['policy'], signature: v['signature'], keyId } };
}

/** True only when the signature over `policy` verifies with the pinned public key. */
export async function verifyBundle(bundle: SignedBundle, publicKeySpki: string): Promise<boolean> {
  const key = await importPublicKey(publicKeySpki);
  const sig = fromBase64(bundle.signature);
  if (!key || !sig) return false;
  try {
    return await crypto.subtle.verify(SIGN, key, sig, new TextEncoder().encode(bundle.policy));
  } catch {
    return false;
  }
}

/** The public key (base64 SPKI) of a PKCS#8 private key, so that a loaded key file shows its fingerprint. */
export async function publicKeyOfPrivate(pkcs8Base64: string): Promise<string | null> {
  const der = fromBase64(pkcs8Base64);
  if (!der) return null;
  try {
    const jwk = await crypto.subtle.exportKey('jwk', await crypto.subtle.importKey('pkcs8', der, ALGO, true, ['sign']));
    const { d: _private, key_ops: _ops, ...pub } = jwk;
    const publicKey = await crypto.subtle.importKey('jwk', { ...pub, key_ops: ['verify'] }, ALGO, true, ['verify']);
    return toBase64(await crypto.subtle.exportKey('spki', publicKey));
  } catch {
    return null;
  }
}
