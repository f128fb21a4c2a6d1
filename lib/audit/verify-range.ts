import type { PageReader } from '@/lib/db/readonly';
import type { AccessEvent } from '@/lib/db/schema';
import { intactFlags, type ChainLink } from './chain';

/**
 * One page of the log with its hashes already checked: what the link walk needs (seq, prevHash,
 * hash), whether each stored hash is the digest of its event, and the detail of the `log-pruned`
 * events (they vouch for the checkpoint). Small enough to cross from a worker to the page.
 */
export interface CheckedPage {
  links: ChainLink[];
  /** 1 where the stored hash is the digest of the event's canonical form, 0 where it is not. */
  intact: Uint8Array;
  pruned: { seq: number; detail: string }[];
}

export type { PageReader };

/** Hashes one page of events and keeps only what the walk needs. */
export async function checkPage(events: readonly AccessEvent[]): Promise<CheckedPage> {
  const flags = await intactFlags(events);
  const intact = new Uint8Array(events.length);
  const links = new Array<ChainLink>(events.length);
  const pruned: CheckedPage['pruned'] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as AccessEvent;
    intact[i] = flags[i] ? 1 : 0;
    links[i] = { seq: e.seq, prevHash: e.prevHash, hash: e.hash };
    if (e.action === 'log-pruned' && e.seq !== undefined) pruned.push({ seq: e.seq, detail: e.detail });
  }
  return { links, intact, pruned };
}

/**
 * The events with a seq in (lo, hi], page by page, each page hashed; the next page is read while
 * this one is hashed (reading and hashing overlap: benchmark #6). The walk stops where the log does.
 */
export async function* checkRange(read: PageReader, lo: number, hi: number, pageSize: number): AsyncGenerator<CheckedPage> {
  if (hi <= lo) return;
  const ask = (from: number): Promise<AccessEvent[]> => {
    const p = read(from, pageSize, hi);
    p.catch(() => undefined); // a page left unread when the walk stops early
    return p;
  };
  let next = ask(lo);
  for (;;) {
    const page = await next;
    if (page.length === 0) return;
    const last = page[page.length - 1]?.seq;
    next = last !== undefined && page.length === pageSize && last < hi ? ask(last) : Promise.resolve([]);
    yield await checkPage(page);
  }
}
