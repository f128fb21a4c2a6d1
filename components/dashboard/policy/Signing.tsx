import { useId, useState, type ChangeEvent } from 'react';
import { t, type Lang } from '@/lib/i18n';
import { generateSigningKey, importPrivateKey, keyFingerprint, publicKeyOfPrivate, signPolicyText } from '@/lib/policy/signing';
import type { PolicyApi } from './api';

interface Key {
  signingKey: CryptoKey;
  keyId: string;
  publicKey?: string;
  /** The private key file, held only until the lead saves it once. */
  privatePem?: string;
}

/**
 * Signing for publishing: a P-256 key generated here, its private half offered once as a file and
 * then dropped (the page keeps only a non-extractable copy, in memory, for this session).
 */
export function Signing({ lang, text, version, api }: { lang: Lang; text: string | null; version: string; api: Pick<PolicyApi, 'download'> }) {
  const ids = useId();
  const [key, setKey] = useState<Key | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const generate = async () => {
    const k = await generateSigningKey();
    setKey({ signingKey: k.signingKey, keyId: k.keyId, publicKey: k.publicKey, privatePem: k.privateKeyPem });
    setNote(null);
  };
  const load = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const pemText = await file.text();
    const signingKey = await importPrivateKey(pemText);
    const publicKey = await publicKeyOfPrivate(pemText);
    if (!signingKey || !publicKey) {
      setNote(t(lang, 'polSignBadKey'));
      return;
    }
    setKey({ signingKey, keyId: await keyFingerprint(publicKey), publicKey });
    setNote(null);
  };
  const savePrivate = () => {
    if (!key?.privatePem) return;
    api.download(`crm-privacy-guard-signing-key-${key.keyId}.pem`, key.privatePem);
    const { privatePem: _dropped, ...rest } = key;
    setKey(rest);
    setNote(t(lang, 'polSignSaved'));
  };
  const sign = async () => {
    if (!key || text === null) return;
    const bundle = await signPolicyText(text, key.signingKey, key.keyId);
    api.download(`policy-${version}.signed.json`, JSON.stringify(bundle, null, 2));
  };

  return (
    <section aria-labelledby={`${ids}-h`} className="rounded border border-slate-300 bg-white p-4 text-sm">
      <h2 id={`${ids}-h`} className="font-semibold">{t(lang, 'polSignTitle')}</h2>
      <p className="mt-1 text-slate-700">{t(lang, 'polSignHelp')}</p>
      <div className="mt-3 flex flex-wrap gap-3">
        <button type="button" className="rounded border border-slate-500 px-3 py-1.5" onClick={() => void generate()}>{t(lang, 'polSignGenerate')}</button>
        <label className="cursor-pointer rounded border border-slate-500 px-3 py-1.5">
          {t(lang, 'polSignLoad')}
          <input type="file" accept=".pem,.key,.txt" className="sr-only" onChange={(e) => void load(e)} />
        </label>
      </div>
      {key && (
        <div className="mt-3 space-y-2" data-testid="signing-key">
          <p>{t(lang, 'polSignKeyId', { id: key.keyId })}</p>
          {key.publicKey && (
            <div>
              <label htmlFor={`${ids}-pub`} className="block font-medium">{t(lang, 'polSignPublic')}</label>
              <textarea id={`${ids}-pub`} readOnly rows={3} className="mt-1 w-full rounded border border-slate-400 p-1 font-mono text-xs" value={key.publicKey} data-testid="signing-public-key" />
            </div>
          )}
          {key.privatePem && (
            <button type="button" className="rounded bg-amber-700 px-3 py-1.5 font-semibold text-white" onClick={savePrivate}>{t(lang, 'polSignSavePrivate')}</button>
          )}
          <button type="button" className="ml-3 rounded bg-blue-800 px-3 py-1.5 font-semibold text-white disabled:opacity-50" disabled={text === null} onClick={() => void sign()}>
            {t(lang, 'polSignDo')}
          </button>
        </div>
      )}
      <div role="status" aria-live="polite" className="mt-2 min-h-5">{note}</div>
    </section>
  );
}
