/**
 * A readable diff between the policy in force and a candidate: what becomes masked or unmasked,
 * which retention periods change, which purposes, reasons and approvals come and go. Pure data:
 * the dashboard words it in English or French.
 */
import type { Policy, RetentionRule } from './schema';

export type DiffItem =
  | { kind: 'version'; before: string; after: string }
  | { kind: 'effective-date'; before: string; after: string }
  | { kind: 'masked' | 'unmasked'; what: 'category' | 'field' | 'label' | 'detector'; value: string }
  | { kind: 'retention-changed'; rule: string; before: string; after: string }
  | { kind: 'retention-added' | 'retention-removed'; rule: string; period: string }
  | { kind: 'retention-warn'; rule: string; before: number; after: number }
  | { kind: 'retention-action'; rule: string; before: RetentionRule['action']; after: RetentionRule['action'] }
  | { kind: 'purpose-added' | 'purpose-removed'; id: string }
  | { kind: 'reason-added' | 'reason-removed'; id: string }
  | { kind: 'free-text-reason'; before: boolean; after: boolean }
  | { kind: 'reveal-seconds' | 'log-retention'; before: number; after: number }
  | { kind: 'instance-added' | 'instance-removed'; value: string }
  | { kind: 'domain-added' | 'domain-removed'; value: string };

/** `36 months`-style period, language-neutral (`36m`, `30d`), for comparison and display. */
export function periodOf(rule: RetentionRule): string {
  return rule.maxAgeMonths !== undefined ? `${rule.maxAgeMonths}m` : `${rule.maxAgeDays ?? 0}d`;
}

function masked(policy: Policy): { category: Set<string>; field: Set<string>; label: Set<string>; detector: Set<string> } {
  const out = { category: new Set<string>(), field: new Set<string>(), label: new Set<string>(), detector: new Set<string>() };
  for (const rule of policy.masking.rules) {
    for (const c of rule.match.categories ?? []) out.category.add(c);
    for (const f of rule.match.fieldKeys ?? []) out.field.add(f);
    for (const l of rule.match.labels ?? []) out.label.add(l);
  }
  for (const [id, on] of Object.entries(policy.masking.detectors)) if (on) out.detector.add(id);
  return out;
}

function setDiff<T>(a: Set<T>, b: Set<T>): { added: T[]; removed: T[] } {
  return { added: [...b].filter((x) => !a.has(x)), removed: [...a].filter((x) => !b.has(x)) };
}

function instanceKey(i: NonNullable<Policy['approvedInstances']>[number]): string {
  return `${i.crm}:${i.org ?? i.orgPattern ?? ''} (${i.region})`;
}

/** `crm.acme.example (salesforce, org acme)`: a new domain is a new host the content script runs on. */
function domainKey(d: NonNullable<Policy['sites']>['customDomains'][number]): string {
  return `${d.host} (${d.adapter}${d.org ? `, org ${d.org}` : ''})`;
}

export function diffPolicies(before: Policy, after: Policy): DiffItem[] {
  const items: DiffItem[] = [];
  if (before.policyVersion !== after.policyVersion) items.push({ kind: 'version', before: before.policyVersion, after: after.policyVersion });
  if (before.effectiveDate !== after.effectiveDate) items.push({ kind: 'effective-date', before: before.effectiveDate, after: after.effectiveDate });

  const mb = masked(before);
  const ma = masked(after);
  for (const what of ['category', 'field', 'label', 'detector'] as const) {
    const d = setDiff(mb[what], ma[what]);
    for (const value of d.added) items.push({ kind: 'masked', what, value });
    for (const value of d.removed) items.push({ kind: 'unmasked', what, value });
  }

  const rb = new Map(before.retention.map((r) => [r.id, r]));
  const ra = new Map(after.retention.map((r) => [r.id, r]));
  for (const [id, rule] of ra) {
    const old = rb.get(id);
    if (!old) items.push({ kind: 'retention-added', rule: id, period: periodOf(rule) });
    else {
      if (periodOf(old) !== periodOf(rule)) items.push({ kind: 'retention-changed', rule: id, before: periodOf(old), after: periodOf(rule) });
      if (old.warnDays !== rule.warnDays) items.push({ kind: 'retention-warn', rule: id, before: old.warnDays, after: rule.warnDays });
      if (old.action !== rule.action) items.push({ kind: 'retention-action', rule: id, before: old.action, after: rule.action });
    }
  }
  for (const [id, rule] of rb) if (!ra.has(id)) items.push({ kind: 'retention-removed', rule: id, period: periodOf(rule) });

  const pd = setDiff(new Set(before.purposes.map((p) => p.id)), new Set(after.purposes.map((p) => p.id)));
  for (const id of pd.added) items.push({ kind: 'purpose-added', id });
  for (const id of pd.removed) items.push({ kind: 'purpose-removed', id });

  const rd = setDiff(new Set(before.revealReasons.presets.map((p) => p.id)), new Set(after.revealReasons.presets.map((p) => p.id)));
  for (const id of rd.added) items.push({ kind: 'reason-added', id });
  for (const id of rd.removed) items.push({ kind: 'reason-removed', id });
  if (before.revealReasons.allowFreeText !== after.revealReasons.allowFreeText) {
    items.push({ kind: 'free-text-reason', before: before.revealReasons.allowFreeText, after: after.revealReasons.allowFreeText });
  }
  if (before.masking.revealSeconds !== after.masking.revealSeconds) items.push({ kind: 'reveal-seconds', before: before.masking.revealSeconds, after: after.masking.revealSeconds });
  if (before.logRetentionDays !== after.logRetentionDays) items.push({ kind: 'log-retention', before: before.logRetentionDays, after: after.logRetentionDays });

  const id = setDiff(new Set((before.approvedInstances ?? []).map(instanceKey)), new Set((after.approvedInstances ?? []).map(instanceKey)));
  for (const value of id.added) items.push({ kind: 'instance-added', value });
  for (const value of id.removed) items.push({ kind: 'instance-removed', value });

  const dd = setDiff(new Set((before.sites?.customDomains ?? []).map(domainKey)), new Set((after.sites?.customDomains ?? []).map(domainKey)));
  for (const value of dd.added) items.push({ kind: 'domain-added', value });
  for (const value of dd.removed) items.push({ kind: 'domain-removed', value });
  return items;
}
