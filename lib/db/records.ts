import type { RecordRef } from '@/lib/crm/types';
import { recordKey } from '@/lib/crm/types';
import type { BadgeSummary } from '@/lib/messaging/protocol';
import type { GuardDB } from './db';
import type { BasisEntry, RecordRow } from './schema';
import type { PrivacyRecordRow } from '@/lib/consent/model';
import { latestBases, privacySummary } from '@/lib/consent/summary';
import { isoToday } from '@/lib/law/deadlines';

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
  return latestBases(row?.bases ?? []);
}

/**
 * The badge a record shows: logged bases, consents, open requests, notices and the CRM's own
 * signals, the most restrictive winning (lib/consent/summary.ts). `now` dates the Art. 14 check.
 */
export function summarise(key: string, row: RecordRow | undefined, now: number = Date.now()): BadgeSummary {
  return privacySummary(key, row as PrivacyRecordRow | undefined, isoToday(now));
}
