/**
 * Pure decisions the content script and the background ask of the active policy: should this field
 * be masked, which retention rule applies to this record, and where does it stand.
 */
import { addDays, addMonths, isValid, startOfDay, subDays } from 'date-fns';
import { categoriesForField, type CategoryId } from '@/lib/law/categories';
import type { JurisdictionId } from '@/lib/law/rights';
import { lastKeySegment, normalizeLabel } from '@/lib/law/text';
import { detectSensitiveValue } from './detectors';
import type { ClockFallback, DetectorId, MaskingRule, Policy, PolicyCrm, RetentionRule } from './schema';

// ---------------------------------------------------------------------------------------------
// Masking

export interface MaskField {
  crm: PolicyCrm;
  /** Salesforce object API name, HubSpot object type id; '' when unknown. */
  object: string;
  /** Adapter key: `sfdc:RecordField.Contact.Birthdate`, HubSpot property name. */
  key: string;
  label: string;
  /** Displayed value, for the value detectors; never stored or logged. */
  value?: string;
}

export type MaskReason = 'field-key' | 'label' | 'category' | 'detector';

export interface MaskDecision {
  masked: boolean;
  ruleId?: string;
  why?: MaskReason;
  category?: CategoryId;
  detector?: DetectorId;
}

/**
 * True when a key named in a policy designates this field: the same key, or the field-name part
 * of an adapter key (`Birthdate`, `Contact.Birthdate` for `sfdc:RecordField.Contact.Birthdate`).
 * Case-insensitive: Salesforce API names are, and a case slip must not leave a field unmasked.
 */
export function fieldKeyMatches(policyKey: string, fieldKey: string): boolean {
  const want = policyKey.trim().toLowerCase();
  const have = fieldKey.trim().toLowerCase();
  if (want === '' || have === '') return false;
  return want === have || want === lastKeySegment(have) || have.endsWith(`.${want}`);
}

interface CompiledRule {
  rule: MaskingRule;
  keys: readonly string[];
  labels: ReadonlySet<string>;
  categories: readonly CategoryId[];
  objects: ReadonlySet<string> | undefined;
}

// Policies are immutable once validated, so the normalised rules are computed once per policy object.
const compiledRules = new WeakMap<Policy, readonly CompiledRule[]>();

function compileRules(policy: Policy): readonly CompiledRule[] {
  const cached = compiledRules.get(policy);
  if (cached) return cached;
  const compiled = policy.masking.rules.map((rule) => ({
    rule,
    keys: rule.match.fieldKeys ?? [],
    labels: new Set((rule.match.labels ?? []).map(normalizeLabel).filter((l) => l !== '')),
    categories: rule.match.categories ?? [],
    objects: rule.objects ? new Set(rule.objects.map((o) => o.toLowerCase())) : undefined,
  }));
  compiledRules.set(policy, compiled);
  return compiled;
}

function ruleApplies(c: CompiledRule, field: MaskField): boolean {
  if (c.rule.crm && !c.rule.crm.includes(field.crm)) return false;
  if (c.objects && !c.objects.has(field.object.toLowerCase())) return false;
  return true;
}

/**
 * Whether to mask a field. The strongest evidence wins, across all rules: an explicit field key,
 * then an explicit label, then a recognised category (lib/law), then an enabled value detector.
 */
export function decideMask(policy: Policy, field: MaskField): MaskDecision {
  const rules = compileRules(policy).filter((c) => ruleApplies(c, field));

  for (const c of rules) {
    if (c.keys.some((k) => fieldKeyMatches(k, field.key))) return { masked: true, ruleId: c.rule.id, why: 'field-key' };
  }

  const label = normalizeLabel(field.label);
  if (label !== '') {
    for (const c of rules) {
      if (c.labels.has(label)) return { masked: true, ruleId: c.rule.id, why: 'label' };
    }
  }

  const fieldCategories = categoriesForField({ key: field.key, label: field.label });
  if (fieldCategories.length > 0) {
    for (const c of rules) {
      const category = c.categories.find((cat) => fieldCategories.includes(cat));
      if (category !== undefined) return { masked: true, ruleId: c.rule.id, why: 'category', category };
    }
  }

  if (field.value !== undefined) {
    const detector = detectSensitiveValue(field.value, policy.masking.detectors);
    if (detector !== null) return { masked: true, why: 'detector', detector };
  }

  return { masked: false };
}

// ---------------------------------------------------------------------------------------------
// Retention

export type RecordLifecycle = 'prospect' | 'customer' | 'unknown';

export interface RetentionContext {
  crm: PolicyCrm;
  object: string;
  lifecycle: RecordLifecycle;
  /** Absent when unknown: then only rules without a jurisdiction filter apply. */
  jurisdiction?: JurisdictionId;
}

function specificity(rule: RetentionRule): number {
  const a = rule.appliesTo;
  return (a.crm ? 1 : 0) + (a.objects ? 1 : 0) + (a.lifecycle !== 'any' ? 1 : 0) + (a.jurisdictions ? 1 : 0);
}

export function retentionRuleApplies(rule: RetentionRule, ctx: RetentionContext): boolean {
  const a = rule.appliesTo;
  if (a.crm && !a.crm.includes(ctx.crm)) return false;
  if (a.objects && !a.objects.some((o) => o.toLowerCase() === ctx.object.toLowerCase())) return false;
  // A record of unknown lifecycle only falls under 'any' rules: guessing would pick the wrong period.
  if (a.lifecycle !== 'any' && a.lifecycle !== ctx.lifecycle) return false;
  if (a.jurisdictions && (ctx.jurisdiction === undefined || !a.jurisdictions.includes(ctx.jurisdiction))) return false;
  return true;
}

/**
 * The retention rule for a record: among the rules that apply, the most specific one (each of
 * crm, objects, lifecycle, jurisdictions that it constrains counts one); ties go to the earlier rule.
 */
export function pickRetentionRule(policy: Policy, ctx: RetentionContext): RetentionRule | undefined {
  let best: { rule: RetentionRule; score: number } | undefined;
  for (const rule of policy.retention) {
    if (!retentionRuleApplies(rule, ctx)) continue;
    const score = specificity(rule);
    if (best === undefined || score > best.score) best = { rule, score };
  }
  return best?.rule;
}

export type RetentionState = 'ok' | 'due-soon' | 'overdue' | 'unknown';

export interface RetentionInput {
  /** Dates read from the record, keyed by field key or label; undefined when unreadable. */
  clockDates: Readonly<Record<string, Date | undefined>>;
  /** When the CRM created the record. */
  created?: Date;
  /** When this extension first saw the record. */
  firstSeen?: Date;
  today: Date;
}

export interface RetentionDecision {
  state: RetentionState;
  /** The clock field, or 'created' / 'first-seen', that started the period. */
  startedFrom?: string;
  startedOn?: Date;
  /** First day on which the period has elapsed (the record is overdue from that day). */
  expiresOn?: Date;
  reason?: string;
}

function isUsableDate(d: unknown): d is Date {
  return d instanceof Date && isValid(d);
}

/** Finds a clock field among the dates read: same key, same field-name part, or same label. */
function lookupClockDate(field: string, dates: ReadonlyMap<string, Date | undefined>): Date | undefined {
  const exact = dates.get(field);
  if (exact !== undefined) return exact;
  const label = normalizeLabel(field);
  for (const [name, date] of dates) {
    if (date === undefined) continue;
    if (fieldKeyMatches(field, name) || (label !== '' && normalizeLabel(name) === label)) return date;
  }
  return undefined;
}

/**
 * Where a record stands against its retention rule, by calendar day. The clock starts at the first
 * readable clock field, else at the first available fallback; a date after today is treated as
 * unreadable (a future "last contact" is a data error, not proof of activity). Without a start date
 * the answer is 'unknown', never 'ok'. Months are calendar months: a start on 31 January plus one
 * month ends on the last day of February (date-fns addMonths), as Art. 5(1)(e) periods are counted.
 */
export function decideRetention(rule: RetentionRule, input: RetentionInput): RetentionDecision {
  if (!isUsableDate(input.today)) return { state: 'unknown', reason: 'today’s date is not a valid date' };
  const today = startOfDay(input.today);

  // Own entries only: a field named "constructor" must not find Object.prototype.constructor.
  const dates = new Map<string, Date | undefined>(Object.entries(input.clockDates));
  const ignored: string[] = [];
  let start: { from: string; on: Date } | undefined;

  for (const field of rule.clock.fields) {
    const d = lookupClockDate(field, dates);
    if (d === undefined) continue;
    if (!isUsableDate(d)) {
      ignored.push(`${field} (not a valid date)`);
      continue;
    }
    if (startOfDay(d) > today) {
      ignored.push(`${field} (in the future)`);
      continue;
    }
    start = { from: field, on: startOfDay(d) };
    break;
  }

  if (start === undefined) {
    const fallbacks: Record<ClockFallback, Date | undefined> = { created: input.created, 'first-seen': input.firstSeen };
    for (const fb of rule.clock.fallback) {
      const d = fallbacks[fb];
      if (!isUsableDate(d)) continue;
      if (startOfDay(d) > today) {
        ignored.push(`${fb} (in the future)`);
        continue;
      }
      start = { from: fb, on: startOfDay(d) };
      break;
    }
  }

  if (start === undefined) {
    const tried = [...rule.clock.fields, ...rule.clock.fallback];
    const list = tried.length > 0 ? tried.join(', ') : 'no clock field or fallback is configured';
    const extra = ignored.length > 0 ? `; ignored: ${ignored.join(', ')}` : '';
    return { state: 'unknown', reason: `no date to start the retention clock (tried: ${list}${extra})` };
  }

  const expiresOn = retentionEnd(rule, start.on);
  if (expiresOn === undefined) {
    return { state: 'unknown', startedFrom: start.from, startedOn: start.on, reason: 'the rule has no retention period' };
  }
  return { state: retentionState(expiresOn, today, rule.warnDays), startedFrom: start.from, startedOn: start.on, expiresOn };
}

/**
 * The day a retention period that started on `start` ends: calendar months (31 January plus one
 * month is the last day of February) or days; undefined when the rule has no period.
 */
export function retentionEnd(period: Pick<RetentionRule, 'maxAgeMonths' | 'maxAgeDays'>, start: Date): Date | undefined {
  if (period.maxAgeMonths !== undefined) return addMonths(start, period.maxAgeMonths);
  if (period.maxAgeDays !== undefined) return addDays(start, period.maxAgeDays);
  return undefined;
}

/** Where a record whose period ends on `expiresOn` stands on `today` (both at the start of their day), warned `warnDays` ahead. */
export function retentionState(expiresOn: Date, today: Date, warnDays: number): 'ok' | 'due-soon' | 'overdue' {
  if (today >= expiresOn) return 'overdue';
  if (warnDays > 0 && today >= subDays(expiresOn, warnDays)) return 'due-soon';
  return 'ok';
}
