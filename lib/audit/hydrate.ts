import Dexie from 'dexie';
import type { GuardDB } from '@/lib/db/db';
import type { AccessEvent, BlockRow } from '@/lib/db/schema';
import { hydrateWith, SEALED_KEY, type Hydrated, type IndexRow } from './blocks';

export type { Hydrated };

/** Seqs closer than this are read as one key range of blocks rather than one block each. */
const NEAR = 50;

/**
 * Groups sorted seqs into runs of nearby seqs; each run is read as the blocks whose key (last seq)
 * lies in [first, last) plus the first block whose key is ≥ last (the one holding `last`).
 */
function runsOf(seqs: number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const seq of seqs) {
    const run = runs[runs.length - 1];
    if (run && seq - run[1] <= NEAR) run[1] = seq;
    else runs.push([seq, seq]);
  }
  return runs;
}

/** The blocks keyed `keys` and those holding `seqs` (read with Dexie, in the caller's transaction if there is one). */
async function blocksFor(db: GuardDB, seqs: number[], keys: number[]): Promise<BlockRow[]> {
  const [named, found] = await Promise.all([keys.length > 0 ? db.blocks.bulkGet(keys) : Promise.resolve([] as (BlockRow | undefined)[]), blocksHolding(db, seqs)]);
  const blocks: BlockRow[] = found;
  for (const block of named) if (block) blocks.push(block);
  return blocks;
}

async function blocksHolding(db: GuardDB, seqs: number[]): Promise<BlockRow[]> {
  const reads = runsOf(seqs).map(async ([lo, hi]) => {
    // The block holding `hi` is the first key ≥ hi; those before it in the run are the keys in [lo, hi).
    const holding = db.blocks.where(':id').aboveOrEqual(hi).first();
    const [inside, last] = await Promise.all([lo < hi ? db.blocks.where(':id').between(lo, hi, true, false).toArray() : [], holding]);
    return last ? [...inside, last] : inside;
  });
  return (await Promise.all(reads)).flat();
}

/**
 * Reads rows and replaces the sealed ones (seq ≤ meta.sealedThrough, or an index row) by their
 * events as sealed, with the seqs whose index row differs from the sealed event. One read-only
 * transaction over the events, their blocks and sealedThrough (a prune or a seal between the reads
 * would otherwise move what the rows point to); inside a caller's transaction, that one (it must
 * include the three tables).
 */
export function readEventsChecked(db: GuardDB, read: () => Promise<ReadonlyArray<AccessEvent | IndexRow>>): Promise<Hydrated> {
  const run = async (): Promise<Hydrated> => {
    const [rows, through] = await Promise.all([read(), db.meta.get(SEALED_KEY)]);
    return hydrateWith(rows, (seqs, keys) => blocksFor(db, seqs, keys), typeof through?.value === 'number' ? through.value : 0);
  };
  if (Dexie.currentTransaction) return run();
  return db.transaction('r', [db.events, db.blocks, db.meta], run);
}

/** readEventsChecked, the events only. */
export async function readEvents(db: GuardDB, read: () => Promise<ReadonlyArray<AccessEvent | IndexRow>>): Promise<AccessEvent[]> {
  return (await readEventsChecked(db, read)).events;
}
