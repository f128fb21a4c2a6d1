import type { RecordRef } from '@/lib/crm/types';
import { recordKey } from '@/lib/crm/types';
import type { BadgeSummary } from '@/lib/messaging/protocol';
import type { GuardDB } from './db';
import type { BasisEntry, RecordRow } from './schema';

export function newRecordRow(ref: RecordRef, now: number): RecordRow {
  return {
    key: recordKey(ref),
    crm: ref.crm,
    org: ref.org,
    object: ref.object,
    recordId: ref.id,
    bases: [],
    firstSeen: now,
    updatedAt: now,
  };
}

/** Creates the row the first time a record is seen (keeps `firstSeen` for retention clocks). */
export async function touchRecord(db: GuardDB, ref: RecordRef, now: number): Promise<RecordRow> {
  return db.transaction('rw', db.records, async () => {
    const existing = await db.records.get(recordKey(ref));
    if (existing) return existing;
    const row = newRecordRow(ref, now);
    await db.records.add(row);
    return row;
  });
}

/** The latest entry per purpose, newest first. */
export function currentBases(row: RecordRow | undefined): BasisEntry[] {
  if (!row) return [];
  const latest = new Map<string, BasisEntry>();
  for (const entry of row.bases) {
    const seen = latest.get(entry.purposeId);
    if (!seen || entry.at >= seen.at) latest.set(entry.purposeId, entry);
  }
  return [...latest.values()].sort((a, b) => b.at - a.at);
}

/** The badge a record shows. Consent and restriction states come with the consent issue. */
export function summarise(key: string, row: RecordRow | undefined): BadgeSummary {
  const latest = currentBases(row)[0];
  if (!latest) return { key, state: 'missing' };
  return { key, state: 'basis-logged', basis: latest.basis, purposeId: latest.purposeId, updatedAt: latest.at };
}
