import { CHANNEL_KEY, ERASURE_ITEM_KEY, REQUEST_KIND_KEY } from '@/lib/consent/labels';
import { t, type Lang, type MessageKey } from '@/lib/i18n';
import type { ConsentChannel, ConsentMethod, ErasureItem, IdentityCheck, WithdrawalMethod } from '@/lib/consent/model';
import type { RequestKind } from '@/lib/law/deadlines';
import { JURISDICTIONS, type JurisdictionId } from '@/lib/law/rights';

const METHOD: Record<ConsentMethod | WithdrawalMethod, MessageKey> = {
  form: 'methodForm',
  call: 'methodCall',
  event: 'methodEvent',
  import: 'methodImport',
  email: 'methodEmail',
  'unsubscribe-link': 'methodUnsubscribeLink',
  'in-person': 'methodInPerson',
};
const IDENTITY: Record<IdentityCheck, MessageKey> = {
  'known-contact': 'identityKnownContact',
  'account-login': 'identityAccountLogin',
  'email-confirmation': 'identityEmailConfirmation',
  'id-document': 'identityIdDocument',
  other: 'identityOther',
};

export const channelLabel = (lang: Lang, c: ConsentChannel) => t(lang, CHANNEL_KEY[c]);
export const methodLabel = (lang: Lang, m: ConsentMethod | WithdrawalMethod) => t(lang, METHOD[m]);
export const kindLabel = (lang: Lang, k: RequestKind) => t(lang, REQUEST_KIND_KEY[k]);
export const identityLabel = (lang: Lang, i: IdentityCheck) => t(lang, IDENTITY[i]);
export const erasureLabel = (lang: Lang, e: ErasureItem) => t(lang, ERASURE_ITEM_KEY[e]);
export const jurisdictionName = (lang: Lang, j: JurisdictionId) => JURISDICTIONS[j].name[lang];

/** Today's date where the user is, YYYY-MM-DD. */
export function localToday(now: number = Date.now()): string {
  const d = new Date(now);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
