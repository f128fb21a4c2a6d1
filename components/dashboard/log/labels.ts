import { t, type Lang, type MessageKey } from '@/lib/i18n';
import { crmName } from '@/lib/crm/names';
import type { AccessAction } from '@/lib/db/schema';

/** The access log's actions in words (the code stays the option value and the cell's title). */
const ACTION_KEYS: Record<AccessAction, MessageKey> = {
  view: 'logActionLabelView',
  reveal: 'logActionLabelReveal',
  copy: 'logActionLabelCopy',
  export: 'logActionLabelExport',
  'basis-set': 'logActionLabelBasisSet',
  'consent-given': 'logActionLabelConsentGiven',
  'consent-withdrawn': 'logActionLabelConsentWithdrawn',
  'request-opened': 'logActionLabelRequestOpened',
  'request-updated': 'logActionLabelRequestUpdated',
  'request-closed': 'logActionLabelRequestClosed',
  'policy-changed': 'logActionLabelPolicyChanged',
  'instance-unapproved': 'logActionLabelInstanceUnapproved',
  'log-exported': 'logActionLabelLogExported',
  'log-pruned': 'logActionLabelLogPruned',
};

/** An action's label; an unknown code (an imported bundle from a newer version) is shown as is. */
export function actionLabel(lang: Lang, action: string): string {
  const key = Object.prototype.hasOwnProperty.call(ACTION_KEYS, action) ? ACTION_KEYS[action as AccessAction] : undefined;
  return key ? t(lang, key) : action;
}

export const CRMS = ['salesforce', 'hubspot', 'dynamics365', 'zoho', 'pipedrive', 'custom'] as const;

export function crmLabel(lang: Lang, crm: string): string {
  if (crm === 'custom') return t(lang, 'logCrmCustom');
  return crmName(crm) ?? crm;
}
