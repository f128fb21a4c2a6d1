import type { PageReader, SealedPage, SealedPageReader } from '@/lib/db/readonly';
import type { AccessEvent } from '@/lib/db/schema';
import { lineSpans, seqsOf } from './blocks';
import { digestIsHexAt, intactFlags, type ChainLink } from './chain';

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

export type { PageReader, SealedPage, SealedPageReader };

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

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** What precedes an event's prevHash in its canonical form (pairs sorted by key: it is never the first). */
const PREV_HASH = encoder.encode('],["prevHash","');
/** How a `log-pruned` event's canonical form starts ("action" is the first key in sorted order). */
const PRUNED_START = encoder.encode('[["action","log-pruned"]');
const QUOTE = 0x22;

function bytesAt(bytes: Uint8Array, at: number, pattern: Uint8Array): boolean {
  if (at < 0 || at + pattern.length > bytes.length) return false;
  for (let i = 0; i < pattern.length; i++) if (bytes[at + i] !== pattern[i]) return false;
  return true;
}

/**
 * The text of bytes[start, end) (hex digits, when the line is what sealing wrote). A small decode
 * each: String.fromCharCode.apply over a typed array costs ~9 µs per call in Chromium.
 */
function textOf(bytes: Uint8Array, start: number, end: number): string {
  return decoder.decode(bytes.subarray(start, end));
}

/** The pairs of a line's canonical form, or undefined if it is not a JSON array. */
function pairsOf(line: Uint8Array): unknown[] | undefined {
  try {
    const value: unknown = JSON.parse(decoder.decode(line.subarray(64)));
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function valueOf(pairs: readonly unknown[], key: string): unknown {
  for (const pair of pairs) if (Array.isArray(pair) && pair[0] === key) return pair[1];
  return undefined;
}

/** A line's prevHash from its parsed pairs (a line where it is not found in place). */
function parsedPrevHash(line: Uint8Array): string | undefined {
  const pairs = pairsOf(line);
  const prev = pairs && valueOf(pairs, 'prevHash');
  return typeof prev === 'string' ? prev : undefined;
}

const PREV_HASH_TEXT = '],["prevHash","';

/**
 * A line's prevHash, found in place: a JSON string escapes every quote, so `],["prevHash","`
 * cannot occur inside a value; the 64 characters after it must close with a quote. `text` is the
 * block decoded once when it is ASCII (then a character is a byte: `start` and `end` index both);
 * otherwise the line's bytes are searched. Else (not expected of a line the sealer wrote) the
 * line is parsed; undefined if it cannot be.
 */
function prevHashOf(line: Uint8Array, text: string | undefined, start: number, end: number): string | undefined {
  if (text !== undefined) {
    const at = text.indexOf(PREV_HASH_TEXT, start + 64);
    if (at !== -1 && at < end) {
      const from = at + PREV_HASH_TEXT.length;
      if (from + 64 < end && text.charCodeAt(from + 64) === QUOTE) return text.slice(from, from + 64);
    }
    return parsedPrevHash(line);
  }
  let at = line.indexOf(PREV_HASH[0] as number, 64);
  while (at !== -1) {
    if (bytesAt(line, at, PREV_HASH)) {
      const from = at + PREV_HASH.length;
      if (line[from + 64] === QUOTE) return textOf(line, from, from + 64);
      break;
    }
    at = line.indexOf(PREV_HASH[0] as number, at + 1);
  }
  return parsedPrevHash(line);
}

/**
 * Checks one page read from blocks and rows (sealedPageReader) straight from the bytes: each line
 * with a seq in (after, sealedUpto] is its stored hash (64 hex bytes) then the canonical form of
 * its event, so its digest is taken on the slice after the hash and compared with the hash in
 * place, its prevHash read where the canonical form puts it, and only `log-pruned` lines are
 * decoded (their detail vouches for the checkpoint). A block whose lines are not its events (a
 * line more or less than `n`) fails as changed at its first event in the page: never a pass.
 * Rows after the sealed part are checked as checkPage does.
 */
export async function checkSealedPage(page: SealedPage): Promise<CheckedPage> {
  const links: ChainLink[] = [];
  const pruned: CheckedPage['pruned'] = [];
  // The digests in flight (all of the page at once), with the line and link each one is for.
  const digests: Promise<ArrayBuffer>[] = [];
  const hashed: Uint8Array[] = [];
  const slots: number[] = [];
  const inPage = (seq: number) => seq > page.after && seq <= page.sealedUpto;
  for (const block of page.blocks) {
    const bytes = new Uint8Array(block.data);
    const spans = lineSpans(bytes);
    if (spans.length !== block.n || (block.seqs !== undefined && block.seqs.length !== block.n)) {
      // Lines that are not the block's events: the walk fails at its first event of this page
      // (a link with no hash, intact 0); n is not trusted to list seqs.
      links.push({ seq: Math.min(Math.max(block.first, page.after + 1), page.sealedUpto), prevHash: '', hash: '' });
      continue;
    }
    const seqs = seqsOf(block);
    // Decoded once: when every byte is ASCII (the usual log), hashes and prevHashes are slices of it.
    // (As long as the text: each byte became one character, for a multi-byte character shortens
    // it and an invalid byte becomes one U+FFFD at most; offsets then index both.)
    const decoded = decoder.decode(bytes);
    const text = decoded.length === bytes.length ? decoded : undefined;
    for (let i = 0; i < seqs.length; i++) {
      const seq = seqs[i] as number;
      if (!inPage(seq)) continue;
      const [start, end] = spans[i] as [number, number];
      const line = bytes.subarray(start, end);
      const prevHash = line.length > 64 ? prevHashOf(line, text, start, end) : undefined;
      const hashEnd = Math.min(start + 64, end);
      links.push({ seq, prevHash: prevHash ?? '', hash: text !== undefined ? text.slice(start, hashEnd) : textOf(bytes, start, hashEnd) });
      if (prevHash === undefined) continue; // not an event's canonical form: intact 0
      digests.push(crypto.subtle.digest('SHA-256', line.subarray(64)));
      hashed.push(line);
      slots.push(links.length - 1);
      if (bytesAt(line, 64, PRUNED_START)) {
        const detail = valueOf(pairsOf(line) ?? [], 'detail');
        pruned.push({ seq, detail: typeof detail === 'string' ? detail : '' });
      }
    }
  }
  const intact = new Uint8Array(links.length + page.rows.length);
  const done = await Promise.all(digests);
  for (let i = 0; i < done.length; i++) {
    if (digestIsHexAt(new Uint8Array(done[i] as ArrayBuffer), hashed[i] as Uint8Array, 0)) intact[slots[i] as number] = 1;
  }
  if (page.rows.length > 0) {
    const rows = await checkPage(page.rows);
    intact.set(rows.intact, links.length);
    links.push(...rows.links);
    pruned.push(...rows.pruned);
  }
  return { links, intact, pruned };
}

/**
 * checkRange over blocks (schema v5, the verify workers): (lo, hi] page by page as
 * sealedPageReader reads it, the next page read while this one is hashed.
 */
export async function* checkSealedRange(read: SealedPageReader, lo: number, hi: number, pageSize: number): AsyncGenerator<CheckedPage> {
  if (hi <= lo) return;
  const ask = (from: number): Promise<SealedPage> => {
    const p = read(from, pageSize, hi);
    p.catch(() => undefined); // a page left unread when the walk stops early
    return p;
  };
  let from = lo;
  let next: Promise<SealedPage> | undefined = ask(lo);
  while (next) {
    const page: SealedPage = await next;
    if (page.next !== undefined && page.next <= from) throw new Error(`the log could not be read on after event ${from}`);
    next = page.next === undefined ? undefined : ask((from = page.next));
    const checked = await checkSealedPage(page);
    if (checked.links.length > 0) yield checked;
  }
}
