import type { AccessEvent, BlockRow } from '@/lib/db/schema';
import { canonicalEvent } from './chain';

/**
 * Sealed blocks of the access log (schema v5, docs/log-blocks.md): the content of a run of
 * consecutive events, each as its stored hash followed by its canonical form, one line per event,
 * UTF-8 in one ArrayBuffer. Verifying 100,000 events reads ~4,000 blocks instead of 100,000 rows
 * (Chromium's IndexedDB costs ~10–17 µs per value read: benchmark #6). The chain is unchanged:
 * a block is a storage encoding of what the rows held, not a new proof.
 */
export type { BlockRow };

/** meta: the seq through which every event's content is in a sealed block (schema v5). */
export const SEALED_KEY = 'sealedThrough';

/** At most this many events per block, and about this many bytes (values of 20–64 KiB read slowly). */
export const BLOCK_EVENTS = 25;
export const BLOCK_BYTES = 13_000;

/** What an event's row keeps once its content is sealed: the fields the indexes and statistics need. */
export const INDEX_FIELDS = ['seq', 'at', 'action', 'actor', 'crm', 'org', 'object', 'recordId', 'recordKey', 'eventId'] as const;
export type IndexRow = Pick<AccessEvent, (typeof INDEX_FIELDS)[number]> & {
  /**
   * The key of the block that holds the event, so that a page of scattered events reads its blocks
   * by key (a "first key ≥ seq" lookup costs ~2× as much: benchmark #5). A hint only: a block
   * that does not hold the seq is looked up by seq.
   */
  blk?: number;
};

/** A row whose content lives in a block (it has no hash of its own). */
export function isIndexRow(row: AccessEvent | IndexRow): row is IndexRow {
  return typeof (row as AccessEvent).hash !== 'string';
}

export function indexRowOf(event: AccessEvent, blockKey?: number): IndexRow {
  const row: Record<string, unknown> = {};
  for (const key of INDEX_FIELDS) if (event[key] !== undefined) row[key] = event[key];
  if (blockKey !== undefined) row.blk = blockKey;
  return row as unknown as IndexRow;
}

/** The index rows of a sealed block's events (what the sealer writes over their full rows). */
export function indexRowsOf(sealed: { block: BlockRow; events: readonly AccessEvent[] }): IndexRow[] {
  return sealed.events.map((e) => indexRowOf(e, sealed.block.last));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const NEWLINE = 0x0a;

/** The line of one stored event: its stored hash, then the canonical form of what is stored (verbatim). */
function lineOf(event: AccessEvent): string {
  // A stored hash that is not 64 hex digits (edited before sealing) is written as one that matches
  // no digest: the event still fails verification as changed, and the line keeps its shape.
  const hash = /^[0-9a-f]{64}$/.test(event.hash) ? event.hash : 'x'.repeat(64);
  return hash + canonicalEvent(event);
}

/**
 * Cuts stored events (full rows, in seq order) into blocks of at most BLOCK_EVENTS events and about
 * BLOCK_BYTES. Only whole blocks are returned: the events after the last whole block are left
 * (`rest`) unless `all`. Nothing is hashed: a row changed before sealing keeps its mismatch.
 */
export function sealRows(rows: readonly AccessEvent[], all = false): { blocks: { block: BlockRow; events: AccessEvent[] }[]; rest: AccessEvent[] } {
  const blocks: { block: BlockRow; events: AccessEvent[] }[] = [];
  let run: AccessEvent[] = [];
  let lines: Uint8Array[] = [];
  let bytes = 0;
  const close = () => {
    if (run.length === 0) return;
    const data = new Uint8Array(bytes + lines.length - 1);
    let at = 0;
    lines.forEach((line, i) => {
      if (i > 0) data[at++] = NEWLINE;
      data.set(line, at);
      at += line.length;
    });
    const seqs = run.map((e) => e.seq as number);
    const first = seqs[0] as number;
    const last = seqs[seqs.length - 1] as number;
    const block: BlockRow = { last, first, n: run.length, data: data.buffer };
    if (last - first + 1 !== run.length) block.seqs = seqs;
    blocks.push({ block, events: run });
    run = [];
    lines = [];
    bytes = 0;
  };
  for (const row of rows) {
    if (row.seq === undefined || typeof row.hash !== 'string') throw new Error('only stored events with their hash can be sealed');
    const line = encoder.encode(lineOf(row));
    if (run.length > 0 && bytes + line.length > BLOCK_BYTES) close();
    run.push(row);
    lines.push(line);
    bytes += line.length;
    if (run.length === BLOCK_EVENTS) close();
  }
  const rest = all ? (close(), []) : run;
  return { blocks, rest };
}

/** The seq of each of a block's events, in order. */
export function seqsOf(block: BlockRow): number[] {
  const { seqs, n, first, last } = block;
  // Sealing writes at most BLOCK_EVENTS a block: a count far above that is an edit, not a block to allocate for.
  if (!Number.isSafeInteger(n) || n < 1 || n > 40 * BLOCK_EVENTS) throw new Error(`a sealed block of the access log is damaged (block ${last}: ${n} events)`);
  if (!seqs) {
    if (last - first + 1 !== n) throw new Error(`a sealed block of the access log is damaged (block ${last}: ${n} events between ${first} and ${last})`);
    return Array.from({ length: n }, (_, i) => first + i);
  }
  // A listed run must agree with its own first, last and count (an edited n would hide a row).
  let ok = seqs.length === n && seqs[0] === first && seqs[n - 1] === last;
  for (let i = 1; ok && i < n; i++) ok = (seqs[i] as number) > (seqs[i - 1] as number);
  if (!ok) throw new Error(`a sealed block of the access log is damaged (block ${last}: its list of events does not match its count)`);
  return seqs;
}

/** Byte offsets [start, end) of each line of a block. */
export function lineSpans(bytes: Uint8Array): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  for (;;) {
    const end = bytes.indexOf(NEWLINE, start);
    if (end === -1) {
      spans.push([start, bytes.length]);
      return spans;
    }
    spans.push([start, end]);
    start = end + 1;
  }
}

/** The block's events as they were stored (the canonical form read back, with their seq and hash). */
export function decodeBlock(block: BlockRow, only?: ReadonlySet<number>): AccessEvent[] {
  const bytes = new Uint8Array(block.data);
  const seqs = seqsOf(block);
  const spans = lineSpans(bytes);
  if (spans.length !== seqs.length) throw new Error(`a sealed block of the access log is damaged (block ${block.last}: ${spans.length} lines for ${seqs.length} events)`);
  // `only`: the events wanted (a table page needs one or two of a block's lines: parsing the rest
  // was most of a scattered page's time, benchmark #5).
  const picked = only ? spans.flatMap((span, i) => (only.has(seqs[i] as number) ? [[span, i] as const] : [])) : spans.map((span, i) => [span, i] as const);
  return picked.map(([[start, end], i]) => {
    const text = decoder.decode(bytes.subarray(start, end));
    const event: Record<string, unknown> = { seq: seqs[i] };
    let pairs: unknown;
    try {
      pairs = JSON.parse(text.slice(64));
    } catch {
      pairs = undefined;
    }
    if (!Array.isArray(pairs)) throw new Error(`a sealed block of the access log is damaged (event ${seqs[i]} cannot be read)`);
    for (const pair of pairs as unknown[]) {
      // Only [key, value] pairs, never seq or hash (the canonical form leaves them out): anything
      // else was not written by sealing, and reading around it would hide the edit from a check
      // that re-serialises the decoded event.
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || pair[0] === 'seq' || pair[0] === 'hash') {
        throw new Error(`a sealed block of the access log is damaged (event ${seqs[i]} cannot be read)`);
      }
      // No field of an event is null: a null is a key stored as undefined (JSON writes both as null),
      // kept as a key so that the canonical form read back is the one that was hashed.
      event[pair[0]] = pair[1] === null ? undefined : pair[1];
    }
    event.hash = text.slice(0, 64);
    return event as unknown as AccessEvent;
  });
}

/** Whether an index row says what its sealed event says (a row edited after sealing does not). */
export function indexAgrees(row: IndexRow, event: AccessEvent): boolean {
  for (const key of INDEX_FIELDS) {
    if ((row[key] ?? undefined) !== (event[key] ?? undefined)) return false;
  }
  return true;
}

/**
 * The block without its events at or before `seq` (prune cuts the block that straddles its
 * cutoff): the remaining lines verbatim, the key unchanged. Undefined when none remain.
 */
export function cutBlock(block: BlockRow, seq: number): BlockRow | undefined {
  const seqs = seqsOf(block);
  const keep = seqs.findIndex((s) => s > seq);
  if (keep === -1) return undefined;
  if (keep === 0) return block;
  const bytes = new Uint8Array(block.data);
  const spans = lineSpans(bytes);
  if (spans.length !== seqs.length) throw new Error(`a sealed block of the access log is damaged (block ${block.last}: ${spans.length} lines for ${seqs.length} events)`);
  const start = (spans[keep] as [number, number])[0];
  const kept = seqs.slice(keep);
  const cut: BlockRow = { last: block.last, first: kept[0] as number, n: kept.length, data: bytes.slice(start).buffer };
  if (cut.last - cut.first + 1 !== cut.n) cut.seqs = kept;
  return cut;
}

/** Index rows whose fields differ from their sealed event: a row edited after sealing. */
export interface Hydrated {
  events: AccessEvent[];
  /** Seqs whose index row differs from the sealed event (the event shown is the sealed one). */
  mismatched: number[];
}

/** Replaces index rows by their events as sealed, from the blocks `read` returns for their seqs. */
export async function hydrateWith(
  rows: ReadonlyArray<AccessEvent | IndexRow>,
  read: (seqs: number[], keys: number[]) => Promise<BlockRow[]>,
  sealedThrough = 0,
): Promise<Hydrated> {
  // Sealed is decided by seq, not by the row's shape: a full row written over a sealed event's
  // index row is not shown in place of what was sealed (and verified).
  const isSealed = (row: AccessEvent | IndexRow): boolean => isIndexRow(row) || ((row as AccessEvent).seq ?? Infinity) <= sealedThrough;
  const wanted: number[] = [];
  for (const row of rows) if (isSealed(row) && row.seq !== undefined) wanted.push(row.seq);
  if (wanted.length === 0) return { events: rows as AccessEvent[], mismatched: [] };
  wanted.sort((a, b) => a - b);
  const sealed = new Map<number, AccessEvent>();
  const need = new Set(wanted);
  const take = (blocks: BlockRow[]) => {
    for (const block of blocks) {
      // A block read beside the needed ones (the first after a range) is not decoded: no work for
      // nothing, and its damage does not fail the reads of its neighbours' events.
      if (!seqsOf(block).some((seq) => need.has(seq) && !sealed.has(seq))) continue;
      for (const event of decodeBlock(block, need)) sealed.set(event.seq as number, event);
    }
  };
  // Rows that name their block are read by key; the others, and any the named block does not hold, by seq.
  const keys = new Set<number>();
  const bySeq: number[] = [];
  for (const row of rows) {
    if (!isSealed(row) || row.seq === undefined) continue;
    const blk = (row as IndexRow).blk;
    if (typeof blk === 'number' && blk >= row.seq) keys.add(blk);
    else bySeq.push(row.seq);
  }
  bySeq.sort((a, b) => a - b);
  take(await read(bySeq, [...keys].sort((a, b) => a - b)));
  const missing = wanted.filter((seq) => !sealed.has(seq));
  if (missing.length > 0 && keys.size > 0) take(await read(missing, []));
  const mismatched: number[] = [];
  const events = rows.map((row) => {
    if (!isSealed(row)) return row as AccessEvent;
    const event = sealed.get(row.seq as number);
    if (!event) throw new Error(`The access log lost the sealed content of event ${row.seq}: its block is missing. Verify the log and export it as evidence.`);
    if (!indexAgrees(row, event)) mismatched.push(row.seq as number);
    return event;
  });
  return { events, mismatched };
}
