/**
 * The accountability report (GDPR Art. 5(2), Art. 30): the record of processing derived from the
 * active policy, and figures from local data. Pure: the background gathers the rows.
 */
import { CATEGORIES } from '@/lib/law/categories';
import type { JurisdictionId } from '@/lib/law/rights';
import type { Policy } from '@/lib/policy/schema';
import type { AccessEvent } from '@/lib/db/schema';
import type { PrivacyRecordRow, RequestRow } from './model';
import { currentConsents, latestBases, noticeMissing } from './summary';
import type { AccountabilityReport, ReportFigure } from './views';

export interface ReportInput {
  policy: Policy;
  records: PrivacyRecordRow[];
  requests: RequestRow[];
  /** Reveal events (action `reveal`): only their reasons are read. */
  reveals: Pick<AccessEvent, 'reason'>[];
  exports: number;
  retentionOverdue: ReportFigure;
  logIntegrity: AccountabilityReport['figures']['logIntegrity'];
  now: number;
  today: string;
}

type L = { en: string; fr: string };

const LIFECYCLE_PERSONS: Record<string, L> = {
  prospect: { en: 'Prospects and leads', fr: 'Prospects et leads' },
  customer: { en: 'Customers (and former customers)', fr: 'Clients (et anciens clients)' },
  any: { en: 'Contacts of all kinds', fr: 'Contacts de toute nature' },
};

/** Art. 30(1)(c): categories of data a CRM holds, plus those the policy's masking rules name. */
function dataCategories(policy: Policy): L[] {
  const out: L[] = [
    { en: 'Identity and contact details (name, email, phone, postal address)', fr: 'Identité et coordonnées (nom, courriel, téléphone, adresse postale)' },
    { en: 'Professional details (company, job title)', fr: 'Vie professionnelle (entreprise, fonction)' },
    { en: 'Commercial history (activities, deals)', fr: 'Historique commercial (activités, affaires)' },
  ];
  const seen = new Set<string>();
  for (const rule of policy.masking.rules) {
    for (const id of rule.match.categories ?? []) {
      if (seen.has(id)) continue;
      seen.add(id);
      const category = CATEGORIES[id];
      const art9 = category.kind === 'special';
      out.push({ en: `${category.name.en}${art9 ? ' (Art. 9, masked)' : ' (masked)'}`, fr: `${category.name.fr}${art9 ? ' (art. 9, masquée)' : ' (masquée)'}` });
    }
  }
  return out;
}

/** Art. 30(1)(g) / Art. 32: the measures this policy switches on, in words. */
function securityMeasures(policy: Policy): L[] {
  const detectors = Object.entries(policy.masking.detectors)
    .filter(([, on]) => on)
    .map(([id]) => id)
    .join(', ');
  const m = policy.masking;
  const r = policy.revealReasons;
  return [
    {
      en: `Field masking: ${m.rules.length} rule(s)${detectors ? `, value detectors: ${detectors}` : ''}; a masked value shows for ${m.revealSeconds} s after a logged reason`,
      fr: `Masquage des champs : ${m.rules.length} règle(s)${detectors ? `, détecteurs de valeurs : ${detectors}` : ''} ; une valeur masquée s’affiche ${m.revealSeconds} s après un motif journalisé`,
    },
    {
      en: `Reveal reasons: ${r.presets.length} preset(s)${r.allowFreeText ? `, or free text of at least ${r.minLength} characters` : ''}`,
      fr: `Motifs d’affichage : ${r.presets.length} motif(s) prédéfini(s)${r.allowFreeText ? `, ou texte libre d’au moins ${r.minLength} caractères` : ''}`,
    },
    {
      en: `Access log: local, hash-chained (SHA-256), record and field keys only, kept ${policy.logRetentionDays} days`,
      fr: `Journal des accès : local, chaîné par empreintes (SHA-256), clés de fiches et de champs uniquement, conservé ${policy.logRetentionDays} jours`,
    },
    {
      en: 'Lawful basis and proof of consent logged per record; data-subject requests tracked against their legal deadlines',
      fr: 'Base légale et preuve du consentement enregistrées par fiche ; demandes des personnes suivies selon leurs délais légaux',
    },
    {
      en: 'No data leaves the browser unless a user exports it; the extension runs on the CRM hosts only',
      fr: 'Aucune donnée ne quitte le navigateur sauf export par un utilisateur ; l’extension ne s’exécute que sur les domaines du CRM',
    },
  ];
}

function period(rule: Policy['retention'][number]): string {
  return rule.maxAgeMonths !== undefined ? `${rule.maxAgeMonths} months` : `${rule.maxAgeDays ?? '?'} days`;
}

function maxAge(rule: Policy['retention'][number]): { maxAge?: { amount: number; unit: 'months' | 'days' } } {
  if (rule.maxAgeMonths !== undefined) return { maxAge: { amount: rule.maxAgeMonths, unit: 'months' } };
  if (rule.maxAgeDays !== undefined) return { maxAge: { amount: rule.maxAgeDays, unit: 'days' } };
  return {};
}

export function buildReport(input: ReportInput): AccountabilityReport {
  const { policy, records, requests, today } = input;
  let withoutBasis = 0;
  let given = 0;
  let withdrawn = 0;
  let recordsWithWithdrawal = 0;
  let noticesMissing = 0;
  for (const row of records) {
    // "Logged" means logged here: a basis the CRM page states is not evidence this extension holds.
    if (latestBases(row.bases).length === 0) withoutBasis += 1;
    const consents = row.privacy?.consents ?? [];
    given += consents.filter((c) => c.action === 'given').length;
    withdrawn += consents.filter((c) => c.action === 'withdrawn').length;
    if (currentConsents(row.privacy).some((c) => c.action === 'withdrawn')) recordsWithWithdrawal += 1;
    if (noticeMissing(row.privacy, today)) noticesMissing += 1;
  }
  const byJurisdiction: Partial<Record<JurisdictionId, number>> = {};
  let open = 0;
  let overdue = 0;
  let onTime = 0;
  let late = 0;
  for (const r of requests) {
    byJurisdiction[r.jurisdiction] = (byJurisdiction[r.jurisdiction] ?? 0) + 1;
    if (r.status !== 'closed') {
      open += 1;
      if (r.dueDate && r.dueDate < today) overdue += 1;
    } else if (r.onTime === true) onTime += 1;
    else if (r.onTime === false) late += 1;
  }
  const reasons = new Map<string, number>();
  for (const e of input.reveals) reasons.set(e.reason || '(none)', (reasons.get(e.reason || '(none)') ?? 0) + 1);

  const lifecycles = new Set<string>(policy.retention.map((rule) => rule.appliesTo.lifecycle));
  if (lifecycles.size === 0) lifecycles.add('any');
  const persons = [...lifecycles].map((l) => LIFECYCLE_PERSONS[l] ?? { en: l, fr: l });

  return {
    generatedAt: input.now,
    today,
    policy: { name: policy.name, version: policy.policyVersion, effectiveDate: policy.effectiveDate },
    processing: {
      purposes: policy.purposes.map((p) => ({
        id: p.id,
        label: { en: p.label.en, fr: p.label.fr },
        ...(p.defaultBasis ? { defaultBasis: p.defaultBasis } : {}),
        ...(p.description ? { description: { en: p.description.en, fr: p.description.fr } } : {}),
      })),
      dataCategories: dataCategories(policy),
      personCategories: persons,
      retention: policy.retention.map((r) => ({
        id: r.id,
        label: { en: r.label.en, fr: r.label.fr },
        period: period(r),
        ...maxAge(r),
        action: r.action,
        legalRef: r.legalRef,
      })),
      security: securityMeasures(policy),
      revealReasons: policy.revealReasons.presets.map((p) => ({ id: p.id, label: { en: p.label.en, fr: p.label.fr } })),
      logRetentionDays: policy.logRetentionDays,
    },
    figures: {
      recordsSeen: records.length,
      recordsWithoutBasis: withoutBasis,
      consentsGiven: given,
      consentsWithdrawn: withdrawn,
      recordsWithWithdrawal,
      noticesMissing,
      retentionOverdue: input.retentionOverdue,
      requests: { total: requests.length, open, overdue, onTime, late, byJurisdiction },
      reveals: { total: input.reveals.length, byReason: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count) },
      exports: input.exports,
      logIntegrity: input.logIntegrity,
    },
  };
}
