/**
 * Policy version history: every activation is a row of the `policies` table (never overwritten),
 * with where it came from and who signed it. Pure helpers over those rows.
 */
import type { PolicyRow } from '@/lib/db/schema';

/** How the policy reached the browser, finer than the source. */
export type PolicyVia = 'default' | 'managed' | 'url' | 'file' | 'editor' | 'rollback';

/** A policy row with the deployment details this issue adds (extra fields on the same table). */
export interface HistoryRow extends PolicyRow {
  via?: PolicyVia;
  /** Fingerprint of the signing key, when the policy came signed. */
  signer?: string;
  /** Id of the row this one rolled back to. */
  rolledBackTo?: number;
}

/** A summary for the UI: no document bodies, the list stays small. */
export interface HistoryEntry {
  id: number;
  policyVersion: string;
  name: string;
  effectiveDate: string;
  source: PolicyRow['source'];
  via: PolicyVia;
  signer?: string;
  activatedAt: number;
  active: boolean;
}

export function viaOf(row: HistoryRow): PolicyVia {
  return row.via ?? (row.source === 'import' ? 'file' : row.source);
}

/** What the dashboard shows of one activation (the history list and the active policy alike). */
export function entryOf(row: HistoryRow): Omit<HistoryEntry, 'active'> {
  return {
    id: row.id ?? 0,
    policyVersion: row.policyVersion,
    name: row.doc.name,
    effectiveDate: row.doc.effectiveDate,
    source: row.source,
    via: viaOf(row),
    ...(row.signer ? { signer: row.signer } : {}),
    activatedAt: row.activatedAt,
  };
}

export function toEntries(rows: readonly HistoryRow[], activeId: number | undefined): HistoryEntry[] {
  return [...rows]
    .sort((a, b) => b.activatedAt - a.activatedAt || (b.id ?? 0) - (a.id ?? 0))
    .map((row) => ({ ...entryOf(row), active: row.id === activeId }));
}

/** Same document, same source and signer: activating it again would change nothing. */
export function sameActivation(a: Pick<HistoryRow, 'doc' | 'source' | 'signer'>, b: Pick<HistoryRow, 'doc' | 'source' | 'signer'>): boolean {
  return a.source === b.source && (a.signer ?? '') === (b.signer ?? '') && JSON.stringify(a.doc) === JSON.stringify(b.doc);
}
