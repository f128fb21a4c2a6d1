import type { AccessEvent, CheckpointRow } from '@/lib/db/schema';
import { ChainVerifier, GENESIS_HASH, type VerifyResult } from './chain';

export interface ChainSnapshot {
  checkpoint: CheckpointRow | null;
  head: { hash: string; seq: number };
  mirror: { hash: string; seq: number } | null;
}

export interface RunOptions {
  onProgress?: (done: number) => void;
  signal?: AbortSignal;
  batch?: number;
}

export type RunResult = VerifyResult | { ok: 'cancelled' };

/**
 * Verifies the local log page by page: the chain from the checkpoint to the head stored with the
 * events, the copy of the head kept outside the database, and that the checkpoint is the one a
 * `log-pruned` event in the chain vouches for.
 */
export async function runVerify(
  snapshot: ChainSnapshot,
  fetchPage: (afterSeq: number, limit: number, uptoSeq: number) => Promise<AccessEvent[]>,
  options: RunOptions = {},
): Promise<RunResult> {
  const { checkpoint, head, mirror } = snapshot;
  const verifier = new ChainVerifier(checkpoint?.lastHash ?? GENESIS_HASH, checkpoint?.lastSeq);
  const batch = options.batch ?? 1000;
  let after = checkpoint?.lastSeq ?? 0;
  let mirrorSeen = mirror === null || mirror.seq === 0 || (checkpoint !== null && mirror.seq <= checkpoint.lastSeq);
  let vouched = checkpoint === null;
  // The next page is asked for while this one is hashed: reading and hashing overlap (benchmark #6).
  const ask = (from: number): Promise<AccessEvent[]> => {
    const p = fetchPage(from, batch, head.seq);
    p.catch(() => undefined); // a page left unread when the walk stops early
    return p;
  };
  let next = ask(after);
  for (;;) {
    if (options.signal?.aborted) return { ok: 'cancelled' };
    const page = await next;
    if (page.length === 0) break;
    const lastSeq = page[page.length - 1]?.seq;
    if (lastSeq !== undefined && page.length === batch) next = ask(lastSeq);
    else next = Promise.resolve([]);
    const failure = await verifier.feed(page);
    if (failure) return failure;
    for (const e of page) {
      if (mirror && e.seq === mirror.seq) {
        if (e.hash !== mirror.hash) return { ok: false, count: verifier.verified, firstBadSeq: e.seq, problem: 'head-mismatch', kind: 'changed' };
        mirrorSeen = true;
      }
      if (checkpoint && e.action === 'log-pruned' && e.detail.includes(`lastHash=${checkpoint.lastHash}`)) vouched = true;
    }
    after = page[page.length - 1]?.seq ?? after;
    options.onProgress?.(verifier.verified);
  }
  const verdict = verifier.finish(head.hash);
  if (!verdict.ok) return verdict;
  // The copy outside the database names an event the table no longer has: its tail was cut.
  if (!mirrorSeen) return { ok: false, count: verdict.count, firstBadSeq: mirror?.seq, problem: 'head-mismatch', kind: 'truncated' };
  if (!vouched) return { ok: false, count: verdict.count, firstBadSeq: checkpoint?.lastSeq, problem: 'broken-link', kind: 'checkpoint' };
  return verdict;
}
