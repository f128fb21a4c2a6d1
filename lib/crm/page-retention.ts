/**
 * Retention inputs read from a record page: the record's lifecycle (prospect or customer) and the
 * dates that start its retention clock, parsed in the page's locale, then the policy's pure
 * decision. Pure (no DOM): the content script passes the fields it read, so dates never leave the page.
 */
import { fieldKeyMatches, decideRetention, type RecordLifecycle, type RetentionDecision } from '@/lib/policy/decide';
import type { RetentionRule } from '@/lib/policy/schema';
import { normalizeLabel } from '@/lib/law/text';
import { parseDateInValue, parsePageDate, type DateProblem } from './dates';
import type { CrmId } from './types';

export interface PageField {
  key: string;
  label: string;
  value: string;
  /** A value of another record shown on the page (FieldInfo.otherRecord): never read as this record's. */
  otherRecord?: boolean;
}

/** Objects that hold prospects by nature, per CRM (lower case). */
const PROSPECT_OBJECTS: Readonly<Record<CrmId, readonly string[]>> = {
  salesforce: ['lead'],
  hubspot: [],
  dynamics365: ['lead'],
  zoho: ['leads'],
  pipedrive: ['leads'],
  custom: ['lead', 'leads'],
};

// Lifecycle stage values as HubSpot stores and shows them (English and French), and Salesforce Account Type.
const PROSPECT_STAGES = new Set(
  [
    'subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'marketing qualified lead',
    'sales qualified lead', 'prospect', 'abonne', 'lead qualifie marketing', 'lead qualifie pour la vente', 'opportunite',
  ].map(normalizeLabel),
);
const CUSTOMER_STAGES = new Set(['customer', 'evangelist', 'client', 'ambassadeur', 'customer direct', 'customer channel'].map(normalizeLabel));

const LIFECYCLE_FIELDS = ['lifecyclestage', 'Lifecycle stage', 'Phase du cycle de vie', 'Type'];

/**
 * The record's own fields: a related list's cells on its page (e.g. Zoho `value_listviewtable_{Label}`,
 * crm-dom.md §3, labelled by their column) show other records' dates and types.
 */
function ownFields(fields: readonly PageField[]): PageField[] {
  return fields.filter((f) => !f.otherRecord);
}

/** Prospect or customer, from the CRM object first, then a lifecycle field; 'unknown' rather than a guess. */
export function lifecycleOf(crm: CrmId, object: string, pageFields: readonly PageField[]): RecordLifecycle {
  if (PROSPECT_OBJECTS[crm].includes(object.toLowerCase())) return 'prospect';
  const fields = ownFields(pageFields);
  for (const name of LIFECYCLE_FIELDS) {
    const field = fields.find((f) => matchesName(name, f));
    if (!field) continue;
    const value = normalizeLabel(field.value);
    if (PROSPECT_STAGES.has(value)) return 'prospect';
    if (CUSTOMER_STAGES.has(value)) return 'customer';
  }
  return 'unknown';
}

/** Page fields that hold the record's creation date (the value may also hold the creator's name). */
const CREATED_FIELDS = ['CreatedDate', 'CreatedById', 'createdate', 'createdon', 'Created_Time', 'Created', 'Created Date', 'Create date', 'Created On', 'Created By', 'Date de création', 'Créé par'];

function matchesName(name: string, field: PageField): boolean {
  const label = normalizeLabel(name);
  return fieldKeyMatches(name, field.key) || (label !== '' && normalizeLabel(field.label) === label);
}

export interface PageRetentionInput {
  fields: readonly PageField[];
  /** The page's locale (`<html lang>`), '' when unknown. */
  locale: string;
  firstSeen?: Date;
  today: Date;
}

export interface PageRetentionDecision extends RetentionDecision {
  /** The label of the field the clock started from, as the page shows it. */
  startedFromLabel?: string;
  /** When a date on the page could not be read: which field, its text, and why (for a translated message). */
  unreadable?: { field: string; text: string; problem: DateProblem };
}

/**
 * The verdict for one record page. A clock field or creation date that is on the page but cannot
 * be read makes the verdict 'unknown' with the reason: falling back to a later date could say "ok"
 * for a record that is overdue.
 */
export function decidePageRetention(rule: RetentionRule, input: PageRetentionInput): PageRetentionDecision {
  const fields = ownFields(input.fields);
  const clockDates: Record<string, Date | undefined> = {};
  const labels = new Map<string, string>();
  for (const name of rule.clock.fields) {
    const field = fields.find((f) => matchesName(name, f));
    // An empty clock field (no activity yet) is normal: the clock then starts at the fallback.
    if (!field || field.value.trim() === '') continue;
    const parsed = parsePageDate(field.value, input.locale);
    if (!parsed.ok) {
      return { state: 'unknown', reason: `“${field.label}”: ${parsed.reason}`, unreadable: { field: field.label, text: field.value.trim().slice(0, 64), problem: parsed.problem } };
    }
    clockDates[name] = parsed.date;
    labels.set(name, field.label);
  }
  let created: Date | undefined;
  const createdField = fields.find((f) => CREATED_FIELDS.some((name) => matchesName(name, f)) && f.value.trim() !== '');
  if (createdField) {
    const parsed = parseDateInValue(createdField.value, input.locale);
    if (parsed.ok) created = parsed.date;
    else if (Object.keys(clockDates).length === 0 && rule.clock.fallback[0] === 'created') {
      return {
        state: 'unknown',
        reason: `“${createdField.label}”: ${parsed.reason}`,
        unreadable: { field: createdField.label, text: createdField.value.trim().split('\n').pop()?.slice(0, 64) ?? '', problem: parsed.problem },
      };
    }
  }
  const decision = decideRetention(rule, {
    clockDates,
    ...(created ? { created } : {}),
    ...(input.firstSeen ? { firstSeen: input.firstSeen } : {}),
    today: input.today,
  });
  const label = decision.startedFrom ? labels.get(decision.startedFrom) : undefined;
  return label ? { ...decision, startedFromLabel: label } : decision;
}
