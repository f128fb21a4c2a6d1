/**
 * The badge of a record, from everything known of it: logged bases, consents, open requests,
 * notices and what the CRM page says. Pure. The most restrictive signal wins:
 *   restricted > consent-withdrawn > consent-given > basis-logged > missing,
 * and `source` says whether it came from this extension's log or from the CRM.
 */
import { addPeriod } from '@/lib/law/deadlines';
import { RESTRICTING_KINDS } from '@/lib/law/deadlines';
import type { BadgeState, BadgeSummary } from '@/lib/messaging/protocol';
import type { BasisEntry } from '@/lib/db/schema';
import type { ConsentEntry, PrivacyRecordRow, RecordPrivacy } from './model';

/** The latest entry per purpose, newest first. */
export function latestBases(bases: readonly BasisEntry[]): BasisEntry[] {
  const latest = new Map<string, BasisEntry>();
  for (const entry of bases) {
    const seen = latest.get(entry.purposeId);
    if (!seen || entry.at >= seen.at) latest.set(entry.purposeId, entry);
  }
  return [...latest.values()].sort((a, b) => b.at - a.at);
}

/** The latest consent event per purpose and channel (logging order: history is append-only). */
export function currentConsents(privacy: RecordPrivacy | undefined): ConsentEntry[] {
  const latest = new Map<string, ConsentEntry>();
  for (const entry of privacy?.consents ?? []) {
    const id = `${entry.purposeId}|${entry.channel}`;
    const seen = latest.get(id);
    if (!seen || entry.at >= seen.at) latest.set(id, entry);
  }
  return [...latest.values()];
}

/** Art. 14(3)(a): an indirect source needs a notice within one month of obtaining the data. */
export function noticeMissing(privacy: RecordPrivacy | undefined, today: string): boolean {
  const subject = privacy?.subject.at(-1);
  if (!subject || subject.source !== 'indirect') return false;
  if ((privacy?.notices.length ?? 0) > 0) return false;
  return today > addPeriod(subject.obtainedOn, { amount: 1, unit: 'calendar-months' });
}

const RANK: Record<BadgeState, number> = {
  missing: 0,
  'basis-logged': 1,
  'consent-given': 2,
  'consent-withdrawn': 3,
  restricted: 4,
};

/** The more restrictive of two states. */
export function moreRestrictive(a: BadgeState, b: BadgeState): BadgeState {
  return RANK[b] > RANK[a] ? b : a;
}

export function privacySummary(key: string, row: PrivacyRecordRow | undefined, today: string): BadgeSummary {
  const bases = latestBases(row?.bases ?? []);
  const privacy = row?.privacy;
  const crm = privacy?.crm;
  const crmSource = crm ? (crm.crm === 'hubspot' ? 'hubspot' : crm.crm === 'salesforce' ? 'salesforce' : undefined) : undefined;
  const consents = currentConsents(privacy);
  const withdrawn = consents.filter((c) => c.action === 'withdrawn');
  const given = consents.filter((c) => c.action === 'given');
  const open = [...(privacy?.openRequests ?? [])].sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
  const flags = crm?.flags ?? [];

  // What this extension's log says, then what the CRM says; the CRM wins only when stricter.
  let logState: BadgeState = 'missing';
  if (bases.length > 0) logState = 'basis-logged';
  if (given.length > 0) logState = 'consent-given';
  if (withdrawn.length > 0) logState = 'consent-withdrawn';
  if (open.some((r) => RESTRICTING_KINDS.has(r.kind))) logState = 'restricted';

  let crmState: BadgeState = 'missing';
  if (crm && crm.letters.length > 0) crmState = 'basis-logged';
  if (flags.includes('dont-market')) crmState = 'consent-withdrawn';
  if (flags.includes('dont-process') || flags.includes('forget')) crmState = 'restricted';

  const state = moreRestrictive(logState, crmState);
  const fromCrm = state !== 'missing' && RANK[crmState] > RANK[logState] && crmSource !== undefined;
  const latest = bases[0];
  const summary: BadgeSummary = { key, state };
  const basis = latest?.basis ?? crm?.letters[0];
  if (state !== 'missing' && basis) summary.basis = basis;
  if (latest) {
    summary.purposeId = latest.purposeId;
    summary.updatedAt = latest.at;
  }
  if (state !== 'missing') summary.source = fromCrm ? crmSource : 'log';
  if (withdrawn.length > 0) summary.withdrawn = withdrawn.map((c) => ({ purposeId: c.purposeId, channel: c.channel }));
  if (flags.length > 0) summary.crmFlags = [...flags];
  const first = open[0];
  if (first) summary.request = { kind: first.kind, ...(first.dueDate ? { dueDate: first.dueDate } : {}), open: open.length };
  if (noticeMissing(privacy, today)) summary.noticeMissing = true;
  return summary;
}

/**
 * The summary a badge shows, its withdrawn consents named by the policy's purpose labels (the badge
 * has no policy). Purposes the policy no longer has keep their id.
 */
export function withPurposeLabels(summary: BadgeSummary, purposes: readonly { id: string; label: { en: string; fr: string } }[]): BadgeSummary {
  if (!summary.withdrawn?.length) return summary;
  const byId = new Map(purposes.map((p) => [p.id, p.label]));
  return {
    ...summary,
    withdrawn: summary.withdrawn.map((w) => {
      const label = byId.get(w.purposeId);
      return label ? { ...w, label: { en: label.en, fr: label.fr } } : w;
    }),
  };
}
