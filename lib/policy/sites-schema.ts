/**
 * The policy's `sites` section (optional): which CRM presets run, CRMs described entirely in policy
 * (generic adapters), and custom domains (a company's own Salesforce domain, a self-hosted CRM).
 * URL patterns must run in linear time: a policy is input the extension runs on every page.
 */
import { z } from 'zod';
import { errorMessage } from '../i18n/error-text';
import { both, word, type Worded } from './wording';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The CRM ids the extension's own adapters carry (built in, presets, and `custom`, the key prefix of
 * generic adapters). A generic adapter may not take one: policy rules name CRMs by these ids.
 */
export const BUILT_IN_CRM_IDS = ['salesforce', 'hubspot', 'dynamics365', 'zoho', 'pipedrive', 'custom'] as const;
const isBuiltIn = (id: string): boolean => (BUILT_IN_CRM_IDS as readonly string[]).includes(id);
const HOST = /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Why a URL pattern could take more than linear time, or null when it cannot: no backreferences or
 * lookarounds, and no quantifier on a group (nested quantifiers and quantified alternations are
 * what backtracks exponentially). An optional group `(…)?` is allowed.
 */
export function unsafePatternProblem(source: string): Worded | null {
  if (/\\[1-9]|\\k</.test(source)) return { key: 'pvPatternBackref' };
  if (/\(\?<?[=!]/.test(source)) return { key: 'pvPatternLookaround' };
  // A group closed then quantified by anything other than a single `?`.
  if (/\)(?:[*+]|\{\d)/.test(source)) return { key: 'pvPatternGroupRepeat' };
  try {
    new RegExp(source);
  } catch (error) {
    return { key: 'pvPatternInvalid', params: { detail: error instanceof Error ? error.message : String(error) } };
  }
  return null;
}

/** The same, in English. */
export function unsafePatternReason(source: string): string | null {
  const problem = unsafePatternProblem(source);
  return problem ? errorMessage('en', problem.key, problem.params) : null;
}

/**
 * A URL part to match: a plain label with `{org}`, `{object}` and `{id}` placeholders
 * (`/records/{object}/{id}`), or a regular expression between slashes with those named groups
 * (`/^\/crm\/(?:(?<org>org\d+)\/)?tab\/(?<object>\w+)\/(?<id>\d+)/`).
 */
const pattern = z
  .string()
  .min(1)
  .max(300)
  .superRefine((value, ctx) => {
    if (!(value.length > 2 && value.startsWith('/') && value.endsWith('/') && value.includes('('))) return;
    const why = unsafePatternProblem(value.slice(1, -1));
    if (why) ctx.addIssue({ code: 'custom', message: word('pvPatternAdvice', { why: both(why.key, why.params) }) });
  });

const matcher = z.strictObject({
  /** Matched against the URL path. */
  path: pattern,
  /** Query parameters that must be present: a fixed value, or a `{placeholder}` that captures it. */
  query: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/), z.string().min(1).max(100)).optional(),
  /** Fixed object name for this matcher (e.g. `leads`), when the URL does not carry it. */
  object: z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/).optional(),
});

const selector = z.string().trim().min(1).max(300);

const keyFrom = z.strictObject({
  attr: z.string().regex(/^[a-z][a-z0-9-]{0,60}$/),
  removePrefix: z.string().max(80).optional(),
  removeSuffix: z.string().max(80).optional(),
});

export const GenericAdapterSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(40)
    .regex(SLUG)
    .refine((id) => !isBuiltIn(id), { error: word('pvBuiltInId', { ids: BUILT_IN_CRM_IDS.join(', ') }) }),
  name: z.string().trim().min(1).max(80),
  /** Exact hosts or `*.example.com`. */
  hosts: z.array(z.string().regex(HOST, { error: word('pvHostPattern') })).min(1).max(50),
  /** Where the org key comes from when no `{org}` is captured: the whole host or its first label. */
  orgFrom: z.enum(['host', 'first-label']).default('host'),
  idCase: z.enum(['keep', 'lower']).default('keep'),
  record: z.array(matcher).min(1).max(10),
  list: z.array(matcher).max(10).optional(),
  selectors: z.strictObject({
    title: selector,
    field: selector.optional(),
    fieldKey: keyFrom.optional(),
    fieldLabel: selector.optional(),
    fieldValue: selector.optional(),
    row: selector.optional(),
    rowKey: keyFrom.optional(),
  }),
});

export const CustomDomainSchema = z.strictObject({
  host: z.string().regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, { error: word('pvHost') }),
  /** A built-in adapter, or the id of one of `adapters`. */
  adapter: z.string().min(1).max(40).regex(SLUG),
  /** For salesforce: the My Domain this host stands for (keys stay those of the org). */
  org: z.string().regex(/^[a-z0-9]+(?:-{1,2}[a-z0-9]+)*$/).max(80).optional(),
});

export const SitesSchema = z
  .strictObject({
    presets: z
      .strictObject({ dynamics365: z.boolean().default(true), zoho: z.boolean().default(true), pipedrive: z.boolean().default(true) })
      .default({ dynamics365: true, zoho: true, pipedrive: true }),
    adapters: z.array(GenericAdapterSchema).max(20).default([]),
    customDomains: z.array(CustomDomainSchema).max(50).default([]),
  })
  .superRefine(
    (sites, ctx) => {
      // A custom domain runs a built-in adapter or one of this section's generic adapters; any other name would do nothing.
      const raw = sites as Record<string, unknown>;
      const ids = Array.isArray(raw['adapters'])
        ? raw['adapters'].flatMap((a: unknown) => (typeof a === 'object' && a !== null && typeof (a as { id?: unknown }).id === 'string' ? [(a as { id: string }).id] : []))
        : [];
      const domains: unknown[] = Array.isArray(raw['customDomains']) ? raw['customDomains'] : [];
      domains.forEach((d, i) => {
        const adapter = typeof d === 'object' && d !== null ? (d as { adapter?: unknown }).adapter : undefined;
        if (adapter === 'salesforce' && (d as { org?: unknown }).org === undefined) {
          ctx.addIssue({ code: 'custom', path: ['customDomains', i, 'org'], message: word('pvSalesforceOrg') });
        }
        if (typeof adapter !== 'string' || !SLUG.test(adapter) || (adapter !== 'custom' && isBuiltIn(adapter)) || ids.includes(adapter)) return;
        const names = [...BUILT_IN_CRM_IDS.filter((id) => id !== 'custom'), ...ids].join(', ');
        ctx.addIssue({ code: 'custom', path: ['customDomains', i, 'adapter'], message: word('pvNoAdapter', { adapter: String(adapter), names }) });
      });
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value) },
  );

export type GenericAdapterDef = z.output<typeof GenericAdapterSchema>;
export type CustomDomain = z.output<typeof CustomDomainSchema>;
export type SitesPolicy = z.output<typeof SitesSchema>;
