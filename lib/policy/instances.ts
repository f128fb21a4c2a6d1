/**
 * Approved CRM instances: the organisation lists the CRM tenants it has a data processing
 * agreement for (Salesforce My Domain, HubSpot portal id, Dynamics/Zoho/Pipedrive org), with the
 * data region, the DPA reference and the date the approval must be reviewed. Pure; no browser APIs.
 */
import { z } from 'zod';
import { checkPattern } from './safe-regex';
import { word } from './wording';

export const INSTANCE_CRMS = ['salesforce', 'hubspot', 'dynamics365', 'zoho', 'pipedrive'] as const;
export type InstanceCrm = (typeof INSTANCE_CRMS)[number];
export const DATA_REGIONS = ['eu', 'uk', 'us', 'ca', 'au', 'jp', 'in', 'ap', 'other'] as const;
export type DataRegion = (typeof DATA_REGIONS)[number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ONE_LINE = /^[^\u0000-\u001f\u007f]+$/;

function calendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

const text = (max: number) => z.string().trim().min(1).max(max).regex(ONE_LINE, { error: 'must be a single line without control characters' });

export const ApprovedInstanceSchema = z
  .strictObject({
    crm: z.enum(INSTANCE_CRMS),
    /** Salesforce My Domain (`acme`, `acme--uat`), HubSpot portal id (`123456`), Dynamics 365/Zoho/Pipedrive org. */
    org: text(200).optional(),
    /** Instead of `org`: a linear-time pattern over the org, e.g. `^acme(--[a-z0-9]+)?$` for every sandbox. */
    orgPattern: z
      .string()
      .min(1)
      .max(200)
      .superRefine((p, ctx) => {
        const verdict = checkPattern(p);
        if (!verdict.ok) ctx.addIssue({ code: 'custom', message: word(verdict.key, verdict.params) });
      })
      .optional(),
    region: z.enum(DATA_REGIONS),
    dpaRef: text(200),
    reviewDate: z
      .string()
      .regex(ISO_DATE, { error: 'expected a date written YYYY-MM-DD, e.g. "2027-06-30"' })
      .refine(calendarDate, { error: 'is not a real calendar date' }),
    label: text(200).optional(),
  })
  .superRefine(
    (entry, ctx) => {
      const has = (k: string) => typeof (entry as Record<string, unknown>)[k] === 'string';
      if (has('org') === has('orgPattern')) ctx.addIssue({ code: 'custom', path: ['org'], message: word('pvOrgOrPattern') });
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value) },
  );

export const ApprovedInstancesSchema = z.array(ApprovedInstanceSchema).max(500);
export type ApprovedInstance = z.output<typeof ApprovedInstanceSchema>;

/** The CRM instance a page belongs to, read from its URL only. */
export interface InstanceRef {
  crm: InstanceCrm;
  org: string;
  /** The data centre the URL itself reveals (HubSpot's host); undefined when the URL says nothing. */
  region?: DataRegion;
}

const HUBSPOT_REGIONS: Readonly<Record<string, DataRegion>> = { app: 'us', 'app-na2': 'us', 'app-na3': 'us', 'app-eu1': 'eu', 'app-ap1': 'ap' };

/**
 * Which instance a CRM URL belongs to, or null when the URL does not say (then no banner: the
 * extension cannot tell). Salesforce: the My Domain (sandbox suffix kept); HubSpot: the portal id
 * in the path, region from the host (app-eu1 = EU data centre).
 */
export function instanceOfUrl(url: string): InstanceRef | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:') return null;
  const host = u.hostname.toLowerCase();
  const sf = /^([a-z0-9-]+?)(?:\.sandbox|\.develop|\.scratch)?\.(?:lightning\.force\.com|my\.salesforce\.com|my\.salesforce-setup\.com)$/.exec(host);
  if (sf?.[1]) return { crm: 'salesforce', org: sf[1] };
  const hs = /^(app(?:-[a-z0-9]+)?)\.hubspot\.com$/.exec(host);
  if (hs?.[1]) {
    const portal = /^\/[a-z-]+\/(\d{1,12})(?:\/|$)/.exec(u.pathname)?.[1];
    if (!portal) return null;
    const region = HUBSPOT_REGIONS[hs[1]];
    return region ? { crm: 'hubspot', org: portal, region } : { crm: 'hubspot', org: portal };
  }
  return null;
}

/** The approval that covers an instance, or null. A HubSpot URL on another data centre than approved does not match. */
export function findApproval(list: readonly ApprovedInstance[], ref: InstanceRef): ApprovedInstance | null {
  for (const entry of list) {
    if (entry.crm !== ref.crm) continue;
    const orgMatches =
      entry.org !== undefined ? entry.org.toLowerCase() === ref.org.toLowerCase() : entry.orgPattern !== undefined && new RegExp(entry.orgPattern, 'u').test(ref.org);
    if (!orgMatches) continue;
    if (ref.region !== undefined && entry.region !== ref.region) continue;
    return entry;
  }
  return null;
}

export type InstanceVerdict = 'no-list' | 'approved' | 'not-approved' | 'unknown';

/** With no list in the policy (the default), every instance is fine and no banner shows. */
export function instanceVerdict(list: readonly ApprovedInstance[] | undefined, ref: InstanceRef | null): InstanceVerdict {
  if (list === undefined) return 'no-list';
  if (ref === null) return 'unknown';
  return findApproval(list, ref) ? 'approved' : 'not-approved';
}

/** YYYY-MM-DD of a timestamp, UTC. */
export function isoDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Approvals whose review date has passed (the dashboard warns about them). */
export function overdueApprovals(list: readonly ApprovedInstance[] | undefined, now: number): ApprovedInstance[] {
  const today = isoDay(now);
  return (list ?? []).filter((entry) => entry.reviewDate < today);
}
