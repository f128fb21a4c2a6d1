/**
 * The policy document: what an organisation decides (purposes, masking, retention, reveal reasons,
 * log retention), as a zod schema. Objects are strict so that a misspelt field is an error rather
 * than a silently ignored setting; every string and list has a size limit.
 */
import { z } from 'zod';
import { BASIS_LETTERS } from '@/lib/law/bases';
import { CATEGORY_IDS } from '@/lib/law/categories';
import { JURISDICTION_IDS } from '@/lib/law/rights';
import type { CrmId } from '@/lib/crm/types';
import { formatMessage, numberMessage } from './messages';
import { errorMessage } from '../i18n/error-text';
import { both, word } from './wording';
import { SitesSchema } from './sites-schema';
import { AnomaliesSchema } from './anomalies-schema';
export type { SitesPolicy } from './sites-schema';
import { ApprovedInstancesSchema } from './instances';

export const POLICY_FORMAT = 'crm-privacy-guard/policy';
export const POLICY_SCHEMA_VERSION = 1;

/**
 * The CRMs a rule's `crm` filter may name: the built-in adapters and the presets (the ids their
 * adapters carry), plus the `id` of any generic adapter in the policy's `sites.adapters`.
 */
export const POLICY_CRMS = ['salesforce', 'hubspot', 'dynamics365', 'zoho', 'pipedrive'] as const satisfies readonly CrmId[];
export const LIFECYCLES = ['prospect', 'customer', 'any'] as const;
export const RETENTION_ACTIONS = ['re-consent', 'anonymise', 'delete', 'review'] as const;
export const CLOCK_FALLBACKS = ['created', 'first-seen'] as const;
export const DETECTOR_IDS = ['iban', 'paymentCard', 'nir', 'email', 'phone'] as const;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const VERSION = /^[0-9A-Za-z][0-9A-Za-z._+-]*$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Control characters break the UI and logs; descriptions may still span lines.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CONTROL_CHARS_OR_NEWLINES = /[\u0000-\u001f\u007f]/;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoCalendarDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** One line of text shown in the UI. */
function line(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !CONTROL_CHARS_OR_NEWLINES.test(s), { error: word('pvSingleLine') });
}

/** Free text that may span lines. */
function paragraph(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !CONTROL_CHARS.test(s), { error: word('pvNoControlChars') });
}

function localized(max: number, multiline = false) {
  const text = multiline ? paragraph(max) : line(max);
  return z.strictObject({ en: text, fr: text });
}

const slugId = z
  .string()
  .min(1)
  .max(64)
  .regex(SLUG, { error: formatMessage(word('pvSlug')) });

/** Flags duplicate `id`s in a list; runs even when some entries are otherwise invalid. */
function uniqueIds(list: string) {
  return [
    (items: readonly unknown[], ctx: z.RefinementCtx<unknown[]>): void => {
      const seen = new Map<string, number>();
      items.forEach((item, index) => {
        const id = isRecord(item) ? item['id'] : undefined;
        if (typeof id !== 'string') return;
        const first = seen.get(id);
        if (first === undefined) seen.set(id, index);
        else ctx.addIssue({ code: 'custom', path: [index, 'id'], message: word('pvDuplicateId', { id, other: `${list}[${first}]` }) });
      });
    },
    { when: (payload: z.core.ParsePayload) => Array.isArray(payload.value) },
  ] as const;
}

function uniqueStrings() {
  return [
    (items: readonly unknown[], ctx: z.RefinementCtx<unknown[]>): void => {
      const seen = new Set<unknown>();
      items.forEach((item, index) => {
        if (seen.has(item)) ctx.addIssue({ code: 'custom', path: [index], message: word('pvListedTwice', { item: JSON.stringify(item) ?? String(item) }) });
        seen.add(item);
      });
    },
    { when: (payload: z.core.ParsePayload) => Array.isArray(payload.value) },
  ] as const;
}

const CRM_NAMES_HINT = { en: word('pvCrmHint', { names: POLICY_CRMS.join(', ') }), fr: errorMessage('fr', 'pvCrmHint', { names: POLICY_CRMS.join(', ') }) };
/** Which CRM names exist is checked on the whole policy (`knownCrms`): custom ones come from its `sites`. */
const crmList = z
  .array(z.string().min(1).max(40).regex(SLUG, { error: formatMessage(word('pvCrmId', { hint: CRM_NAMES_HINT })) }))
  .min(1)
  .max(POLICY_CRMS.length + 20)
  .superRefine(...uniqueStrings());
const objectList = z.array(line(100)).min(1).max(100);

export const PurposeSchema = z.strictObject({
  id: slugId,
  label: localized(120),
  description: localized(2000, true).optional(),
  defaultBasis: z.enum(BASIS_LETTERS).optional(),
});

export const MaskingRuleSchema = z.strictObject({
  id: slugId,
  description: paragraph(1000).optional(),
  match: z
    .strictObject({
      /** Adapter keys (`sfdc:RecordField.Contact.Birthdate`), Salesforce API names (`Birthdate`), HubSpot property names. */
      fieldKeys: z.array(line(200)).max(500).optional(),
      /** Labels as users see them, in any language; compared normalised. */
      labels: z.array(line(200)).max(500).optional(),
      categories: z.array(z.enum(CATEGORY_IDS)).max(CATEGORY_IDS.length).superRefine(...uniqueStrings()).optional(),
    })
    .superRefine(
      (match, ctx) => {
        const sizes = [match.fieldKeys, match.labels, match.categories].map((l) => (Array.isArray(l) ? l.length : 0));
        if (sizes.every((n) => n === 0)) {
          ctx.addIssue({ code: 'custom', message: word('pvRuleNeedsMatch') });
        }
      },
      { when: (payload) => isRecord(payload.value) },
    ),
  crm: crmList.optional(),
  /** Object API names (Salesforce `Contact`) or HubSpot object type ids (`0-1`); absent means all. */
  objects: objectList.optional(),
});

export const DetectorsSchema = z.strictObject({
  iban: z.boolean(),
  paymentCard: z.boolean(),
  nir: z.boolean(),
  email: z.boolean(),
  phone: z.boolean(),
});

export const MaskingSchema = z.strictObject({
  rules: z.array(MaskingRuleSchema).max(200).superRefine(...uniqueIds('masking.rules')),
  detectors: DetectorsSchema,
  revealSeconds: z
    .number({ error: numberMessage(word('pvSecondsRange', { min: 5, max: 3600 })) })
    .int()
    .min(5)
    .max(3600)
    .default(30),
});

export const RetentionRuleSchema = z
  .strictObject({
    id: slugId,
    label: localized(120),
    appliesTo: z.strictObject({
      crm: crmList.optional(),
      objects: objectList.optional(),
      lifecycle: z.enum(LIFECYCLES),
      jurisdictions: z.array(z.enum(JURISDICTION_IDS)).min(1).max(JURISDICTION_IDS.length).superRefine(...uniqueStrings()).optional(),
    }),
    clock: z
      .strictObject({
        /** Field keys or labels whose date starts the clock, most reliable first. */
        fields: z.array(line(200)).max(20),
        fallback: z.array(z.enum(CLOCK_FALLBACKS)).max(CLOCK_FALLBACKS.length).superRefine(...uniqueStrings()),
      })
      .superRefine(
        (clock, ctx) => {
          const n = (Array.isArray(clock.fields) ? clock.fields.length : 0) + (Array.isArray(clock.fallback) ? clock.fallback.length : 0);
          if (n === 0) ctx.addIssue({ code: 'custom', message: word('pvClockNeeded') });
        },
        { when: (payload) => isRecord(payload.value) },
      ),
    maxAgeDays: z
      .number({ error: numberMessage(word('pvPositiveDays'), word('pvDaysAtMost', { n: 36500, years: 100 })) })
      .int()
      .min(1)
      .max(36500)
      .optional(),
    maxAgeMonths: z
      .number({ error: numberMessage(word('pvPositiveMonths'), word('pvMonthsAtMost', { n: 1200, years: 100 })) })
      .int()
      .min(1)
      .max(1200)
      .optional(),
    warnDays: z
      .number({ error: numberMessage(word('pvDaysZeroOrMore'), word('pvDaysAtMost', { n: 3650, years: 10 })) })
      .int()
      .min(0)
      .max(3650)
      .default(30),
    action: z.enum(RETENTION_ACTIONS),
    /** The legal source of the period (CNIL guidance, GDPR article, sector law). */
    legalRef: paragraph(500),
  })
  .superRefine(
    (rule, ctx) => {
      // Art. 5(1)(e): a retention rule without exactly one period says nothing enforceable.
      const days = rule.maxAgeDays !== undefined;
      const months = rule.maxAgeMonths !== undefined;
      if (days && months) ctx.addIssue({ code: 'custom', path: ['maxAgeMonths'], message: word('pvDaysOrMonthsNotBoth') });
      if (!days && !months) ctx.addIssue({ code: 'custom', path: ['maxAgeDays'], message: word('pvDaysOrMonthsRequired') });
    },
    { when: (payload) => isRecord(payload.value) },
  );

export const RevealPresetSchema = z.strictObject({ id: slugId, label: localized(120) });

export const RevealReasonsSchema = z
  .strictObject({
    presets: z.array(RevealPresetSchema).max(50).superRefine(...uniqueIds('revealReasons.presets')),
    allowFreeText: z.boolean(),
    minLength: z.number({ error: numberMessage(word('pvCharsRange', { min: 0, max: 500 })) }).int().min(0).max(500),
  })
  .superRefine(
    (reasons, ctx) => {
      if (Array.isArray(reasons.presets) && reasons.presets.length === 0 && reasons.allowFreeText === false) {
        ctx.addIssue({ code: 'custom', path: ['allowFreeText'], message: word('pvFreeTextNeeded') });
      }
    },
    { when: (payload) => isRecord(payload.value) },
  );

/**
 * Every `crm` filter names a CRM the extension can recognise: a built-in one or a preset, or one of
 * the policy's own generic adapters. A misspelt name would make the rule silently apply nowhere.
 */
function knownCrms(policy: Record<string, unknown>, ctx: z.RefinementCtx<Record<string, unknown>>): void {
  const sites = isRecord(policy['sites']) ? policy['sites'] : {};
  const custom = Array.isArray(sites['adapters']) ? sites['adapters'].flatMap((a) => (isRecord(a) && typeof a['id'] === 'string' ? [a['id']] : [])) : [];
  const known = new Set<string>([...POLICY_CRMS, ...custom]);
  const check = (list: unknown, path: (string | number)[]): void => {
    if (!Array.isArray(list)) return;
    list.forEach((name, index) => {
      if (typeof name !== 'string' || known.has(name) || !SLUG.test(name)) return;
      const hint = custom.length > 0 ? both('pvCrmHintCustom', { names: POLICY_CRMS.join(', '), custom: custom.join(', ') }) : CRM_NAMES_HINT;
      ctx.addIssue({ code: 'custom', path: [...path, index], message: word('pvUnknownCrm', { name, hint }) });
    });
  };
  const retention = Array.isArray(policy['retention']) ? policy['retention'] : [];
  retention.forEach((rule, i) => {
    if (isRecord(rule) && isRecord(rule['appliesTo'])) check(rule['appliesTo']['crm'], ['retention', i, 'appliesTo', 'crm']);
  });
  const masking = isRecord(policy['masking']) && Array.isArray(policy['masking']['rules']) ? policy['masking']['rules'] : [];
  masking.forEach((rule, i) => {
    if (isRecord(rule)) check(rule['crm'], ['masking', 'rules', i, 'crm']);
  });
}

export const PolicySchema = z.strictObject({
  format: z.literal(POLICY_FORMAT, { error: (iss) => (iss.input === undefined ? undefined : word('pvNotAPolicy', { format: POLICY_FORMAT })) }),
  schemaVersion: z.literal(POLICY_SCHEMA_VERSION, {
    error: (iss) => (iss.input === undefined ? undefined : word('pvSchemaVersion', { version: POLICY_SCHEMA_VERSION })),
  }),
  policyVersion: z
    .string()
    .min(1)
    .max(64)
    .regex(VERSION, { error: formatMessage(word('pvVersionFormat')) }),
  name: line(200),
  effectiveDate: z
    .string()
    .regex(ISO_DATE, { error: formatMessage(word('pvDateFormat')) })
    .refine(isIsoCalendarDate, { error: word('pvNotCalendarDate'), when: (payload) => typeof payload.value === 'string' && ISO_DATE.test(payload.value) }),
  purposes: z.array(PurposeSchema).min(1).max(100).superRefine(...uniqueIds('purposes')),
  masking: MaskingSchema,
  retention: z.array(RetentionRuleSchema).max(100).superRefine(...uniqueIds('retention')),
  revealReasons: RevealReasonsSchema,
  logRetentionDays: z
    .number({ error: numberMessage(word('pvDaysRange', { min: 1, max: 3650 })) })
    .int()
    .min(1)
    .max(3650)
    .default(365),
  /** Access log (issue 4): anomaly thresholds for the dashboard; absent means DEFAULT_ANOMALIES. */
  anomalies: AnomaliesSchema.optional(),
  /** Policy deployment (issue 6): CRM instances the organisation approved; absent means no check. */
  approvedInstances: ApprovedInstancesSchema.optional(),
  /** Pages (issue 3): CRM presets, generic adapters and custom domains; absent means DEFAULT_SITES. */
  sites: SitesSchema.optional(),
}).superRefine(knownCrms, { when: (payload) => isRecord(payload.value) });

/** A validated policy, defaults applied. */
export type Policy = z.output<typeof PolicySchema>;
/** A policy as written (defaulted fields may be left out). */
export type PolicyInput = z.input<typeof PolicySchema>;
export type Purpose = Policy['purposes'][number];
export type MaskingRule = Policy['masking']['rules'][number];
export type Detectors = Policy['masking']['detectors'];
export type DetectorId = (typeof DETECTOR_IDS)[number];
export type RetentionRule = Policy['retention'][number];
export type RevealPreset = Policy['revealReasons']['presets'][number];
/** A CRM as policy rules name it: one of POLICY_CRMS, or a generic adapter's id (lib/crm/generic.ts `policyCrmOf`). */
export type PolicyCrm = string;
export type Lifecycle = (typeof LIFECYCLES)[number];
export type RetentionAction = (typeof RETENTION_ACTIONS)[number];
export type ClockFallback = (typeof CLOCK_FALLBACKS)[number];
