import type { CheckpointRow } from '@/lib/db/schema';
import { ChainVerifier, GENESIS_HASH, type VerifyResult } from './chain';
import { checkRange, type CheckedPage, type PageReader } from './verify-range';

export interface ChainSnapshot {
  checkpoint: CheckpointRow | null;
  head: { hash: string; seq: number };
  mirror: { hash: string; seq: number } | null;
}

export interface RunOptions {
  onProgress?: (done: number) => void;
  signal?: AbortSignal;
  batch?: number;
  /**
   * Pages of (afterSeq, uptoSeq] already hashed elsewhere (lib/audit/verify-pool.ts: workers reading
   * the log in parallel), in store order. If it fails, the walk goes on from where it stopped
   * through `fetchPage`, hashing here.
   */
  checked?: (afterSeq: number, uptoSeq: number) => AsyncIterable<CheckedPage>;
}

export type RunResult = VerifyResult | { ok: 'cancelled' };

/**
 * Verifies the local log page by page: the chain from the checkpoint to the head stored with the
 * events, the copy of the head kept outside the database, and that the checkpoint is the one a
 * `log-pruned` event in the chain vouches for.
 */
export async function runVerify(snapshot: ChainSnapshot, fetchPage: PageReader, options: RunOptions = {}): Promise<RunResult> {
  const { checkpoint, head, mirror } = snapshot;
  const verifier = new ChainVerifier(checkpoint?.lastHash ?? GENESIS_HASH, checkpoint?.lastSeq);
  const batch = options.batch ?? 1000;
  let after = checkpoint?.lastSeq ?? 0;
  let mirrorSeen = mirror === null || mirror.seq === 0 || (checkpoint !== null && mirror.seq <= checkpoint.lastSeq);
  let vouched = checkpoint === null;

  /** Walks `pages`; a failure is the verdict, undefined means walk on (or done). */
  const walk = async (pages: AsyncIterable<CheckedPage>): Promise<RunResult | undefined> => {
    for await (const page of pages) {
      if (options.signal?.aborted) return { ok: 'cancelled' };
      if (page.links.length === 0) continue;
      const failure = verifier.feedChecked(page.links, page.intact);
      if (failure) return failure;
      if (mirror && !mirrorSeen) {
        for (const e of page.links) {
          if (e.seq !== mirror.seq) continue;
          if (e.hash !== mirror.hash) return { ok: false, count: verifier.verified, firstBadSeq: e.seq, problem: 'head-mismatch', kind: 'changed' };
          mirrorSeen = true;
        }
      }
      if (checkpoint && page.pruned.some((e) => e.detail.includes(`lastHash=${checkpoint.lastHash}`))) vouched = true;
      after = page.links[page.links.length - 1]?.seq ?? after;
      options.onProgress?.(verifier.verified);
    }
    return options.signal?.aborted ? { ok: 'cancelled' } : undefined;
  };

  let stopped: RunResult | undefined;
  let rest = true;
  if (options.checked) {
    try {
      stopped = await walk(options.checked(after, head.seq));
      rest = false;
    } catch {
      // the workers could not go on (no worker, the database closed for an upgrade): this page goes on from `after`
    }
  }
  if (rest && !stopped) stopped = await walk(checkRange(fetchPage, after, head.seq, batch));
  if (stopped) return stopped;

  const verdict = verifier.finish(head.hash);
  if (!verdict.ok) return verdict;
  // The copy outside the database names an event the table no longer has: its tail was cut.
  if (!mirrorSeen) return { ok: false, count: verdict.count, firstBadSeq: mirror?.seq, problem: 'head-mismatch', kind: 'truncated' };
  if (!vouched) return { ok: false, count: verdict.count, firstBadSeq: checkpoint?.lastSeq, problem: 'broken-link', kind: 'checkpoint' };
  return verdict;
}
