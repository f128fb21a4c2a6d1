import type { MessageKey as FullMessageKey } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n/page';
import type { RequestKind } from '@/lib/law/deadlines';
import type { ConsentChannel, ErasureItem } from './model';

/** Message keys of request kinds and channels, shared by the popup and the badge (one table, one truth). */
export const REQUEST_KIND_KEY: Record<RequestKind, MessageKey> = {
  access: 'kindAccess',
  rectification: 'kindRectification',
  erasure: 'kindErasure',
  restriction: 'kindRestriction',
  portability: 'kindPortability',
  objection: 'kindObjection',
  know: 'kindKnow',
  delete: 'kindDelete',
  correct: 'kindCorrect',
  'opt-out-sale': 'kindOptOutSale',
  'limit-sensitive': 'kindLimitSensitive',
};

export const CHANNEL_KEY: Record<ConsentChannel, MessageKey> = {
  email: 'channelEmail',
  phone: 'channelPhone',
  post: 'channelPost',
  sms: 'channelSms',
};

/** Message keys of the erasure checklist's items: the popup's checklist and the background's refusal name them alike. */
export const ERASURE_ITEM_KEY: Record<ErasureItem, FullMessageKey> = {
  'crm-record': 'erasureCrmRecord',
  activities: 'erasureActivities',
  attachments: 'erasureAttachments',
  'marketing-lists': 'erasureMarketingLists',
  integrations: 'erasureIntegrations',
  'backups-note': 'erasureBackupsNote',
};
