import { t, type Lang, type MessageKey } from '@/lib/i18n';
import type { PolicySource } from '@/lib/db/schema';
import type { DiffItem } from '@/lib/policy/diff';
import type { PolicyVia } from '@/lib/policy/history';
import type { RetentionAction } from '@/lib/policy/schema';

const SOURCE_KEYS: Record<PolicySource, MessageKey> = {
  default: 'polSourceDefault',
  import: 'polSourceImport',
  url: 'polSourceUrl',
  managed: 'polSourceManaged',
};

export function sourceLabel(lang: Lang, source: PolicySource, via?: PolicyVia): string {
  if (source === 'import' && via === 'editor') return t(lang, 'polViaEditor');
  if (source === 'import' && via === 'file') return t(lang, 'polViaFile');
  if (source === 'import' && via === 'rollback') return t(lang, 'polViaRollback');
  return t(lang, SOURCE_KEYS[source]);
}

/** `36m` → "36 months"; `30d` → "30 days". */
export function periodLabel(lang: Lang, period: string): string {
  const n = Number(period.slice(0, -1));
  return period.endsWith('m') ? t(lang, 'dashMonths', { n }) : t(lang, 'dashDays', { n });
}

/** What to do when a period is over, worded as the warning on the record page words it. */
export const ACTION_LABELS: Record<RetentionAction, MessageKey> = {
  're-consent': 'retentionActionReConsent',
  anonymise: 'retentionActionAnonymise',
  delete: 'retentionActionDelete',
  review: 'retentionActionReview',
};

const WHAT: Record<'category' | 'field' | 'label' | 'detector', MessageKey> = {
  category: 'polDiffWhatCategory',
  field: 'polDiffWhatField',
  label: 'polDiffWhatLabel',
  detector: 'polDiffWhatDetector',
};

/** One diff line in plain words. */
export function diffLabel(lang: Lang, item: DiffItem): string {
  switch (item.kind) {
    case 'version':
      return t(lang, 'polDiffVersion', { before: item.before, after: item.after });
    case 'effective-date':
      return t(lang, 'polDiffEffective', { before: item.before, after: item.after });
    case 'masked':
      return t(lang, 'polDiffMasked', { what: t(lang, WHAT[item.what]), value: item.value });
    case 'unmasked':
      return t(lang, 'polDiffUnmasked', { what: t(lang, WHAT[item.what]), value: item.value });
    case 'retention-changed':
      return t(lang, 'polDiffRetention', { rule: item.rule, before: periodLabel(lang, item.before), after: periodLabel(lang, item.after) });
    case 'retention-warn':
      return t(lang, 'polDiffRetentionWarn', { rule: item.rule, before: item.before, after: item.after });
    case 'retention-action':
      return t(lang, 'polDiffRetentionAction', { rule: item.rule, before: t(lang, ACTION_LABELS[item.before]), after: t(lang, ACTION_LABELS[item.after]) });
    case 'retention-added':
      return t(lang, 'polDiffRetentionAdded', { rule: item.rule, period: periodLabel(lang, item.period) });
    case 'retention-removed':
      return t(lang, 'polDiffRetentionRemoved', { rule: item.rule, period: periodLabel(lang, item.period) });
    case 'purpose-added':
      return t(lang, 'polDiffPurposeAdded', { id: item.id });
    case 'purpose-removed':
      return t(lang, 'polDiffPurposeRemoved', { id: item.id });
    case 'reason-added':
      return t(lang, 'polDiffReasonAdded', { id: item.id });
    case 'reason-removed':
      return t(lang, 'polDiffReasonRemoved', { id: item.id });
    case 'free-text-reason':
      return t(lang, 'polDiffFreeText', { after: t(lang, item.after ? 'polYes' : 'polNo') });
    case 'reveal-seconds':
      return t(lang, 'polDiffRevealSeconds', { before: item.before, after: item.after });
    case 'log-retention':
      return t(lang, 'polDiffLogRetention', { before: item.before, after: item.after });
    case 'instance-added':
      return t(lang, 'polDiffInstanceAdded', { value: item.value });
    case 'instance-removed':
      return t(lang, 'polDiffInstanceRemoved', { value: item.value });
    case 'domain-added':
      return t(lang, 'polDiffDomainAdded', { value: item.value });
    case 'domain-removed':
      return t(lang, 'polDiffDomainRemoved', { value: item.value });
  }
}

/** Masked/unmasked first: what a rep will notice. */
export function diffTone(item: DiffItem): 'add' | 'remove' | 'change' {
  if (item.kind === 'masked' || item.kind.endsWith('-added')) return 'add';
  if (item.kind === 'unmasked' || item.kind.endsWith('-removed')) return 'remove';
  return 'change';
}
