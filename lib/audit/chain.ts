import type { AccessEvent } from '@/lib/db/schema';

/** The hash that precedes the first event of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

export type ChainedFields = 'seq' | 'prevHash' | 'hash';
export type NewEvent = Omit<AccessEvent, ChainedFields>;

/** The record an event is about (a RecordRef with its key), when it is about one. */
export interface EventRecord {
  ref: { crm: AccessEvent['crm']; org: string; object: string; id: string };
  key: string;
}

/**
 * The one way to build an access event: what every event has, the record it is about if any, and
 * the rest left empty (record keys and field keys only, never values).
 */
export function newEvent(
  base: Pick<NewEvent, 'at' | 'action' | 'actor' | 'policyVersion'> & Partial<Omit<NewEvent, 'crm' | 'org' | 'object' | 'recordId' | 'recordKey'>>,
  record?: EventRecord,
): NewEvent {
  return {
    crm: record?.ref.crm ?? '',
    org: record?.ref.org ?? '',
    object: record?.ref.object ?? '',
    recordId: record?.ref.id ?? '',
    recordKey: record?.key ?? '',
    fields: [],
    reason: '',
    path: '',
    detail: '',
    ...base,
  };
}

/** The key list last seen and its sorted keys (seq and hash left out): events share one shape. */
let lastShape: { own: string[]; keys: string[] } | undefined;

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Canonical serialisation of an event: keys sorted, no whitespace, `seq` and `hash` left out
 * (`seq` is the store's key; the chain order is carried by `prevHash`). The sorted keys of the
 * last object shape are kept, since verifying a long log canonicalises every event (benchmark #6).
 */
export function canonicalEvent(event: NewEvent & { prevHash: string }): string {
  const record = event as unknown as Record<string, unknown>;
  const own = Object.keys(record);
  if (!lastShape || !sameKeys(lastShape.own, own)) {
    lastShape = { own, keys: own.filter((k) => k !== 'seq' && k !== 'hash').sort() };
  }
  return JSON.stringify(lastShape.keys.map((k) => [k, record[k]]));
}

/** Character codes of the two hex digits of each byte: byte b at 2b and 2b + 1. */
const HEX_CODES = new Uint8Array(512);
for (let i = 0; i < 256; i++) {
  const hex = i.toString(16).padStart(2, '0');
  HEX_CODES[2 * i] = hex.charCodeAt(0);
  HEX_CODES[2 * i + 1] = hex.charCodeAt(1);
}
const encoder = new TextEncoder();

/** Lower-case hex, built as one flat string (it is then hashed into a Set when verifying). */
function toHex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  const codes = new Array<number>(bytes.length * 2);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    codes[2 * i] = HEX_CODES[2 * b] as number;
    codes[2 * i + 1] = HEX_CODES[2 * b + 1] as number;
  }
  return String.fromCharCode(...codes);
}

export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/** Whether a 32-byte digest is the lower-case hex `hex` (compared in place, no string built). */
function digestIs(digest: Uint8Array, hex: string): boolean {
  if (hex.length !== 64) return false;
  for (let i = 0; i < 32; i++) {
    const b = digest[i] as number;
    if (hex.charCodeAt(2 * i) !== HEX_CODES[2 * b] || hex.charCodeAt(2 * i + 1) !== HEX_CODES[2 * b + 1]) return false;
  }
  return true;
}

/** Any character outside ASCII (UTF-8 then takes more than one byte for it). */
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * For each text, whether its SHA-256 is the hex beside it (what verification asks of every event).
 * The digests are compared with the stored hex byte by byte (no hex string built per event), and
 * when every text is ASCII (the usual log: keys, ids, paths) they are UTF-8-encoded in one call,
 * each digest reading its own slice: one encoder call per batch instead of one per event
 * (benchmark #6). All digests of a batch are in flight at once (one at a time is ~10x slower).
 */
export async function sha256Matches(texts: readonly string[], hexes: readonly string[]): Promise<boolean[]> {
  let ascii = true;
  for (const text of texts) {
    if (NON_ASCII.test(text)) {
      ascii = false;
      break;
    }
  }
  const digests = new Array<Promise<ArrayBuffer>>(texts.length);
  if (ascii) {
    const bytes = encoder.encode(texts.join(''));
    let start = 0;
    for (let i = 0; i < texts.length; i++) {
      const end = start + (texts[i] as string).length;
      digests[i] = crypto.subtle.digest('SHA-256', bytes.subarray(start, end));
      start = end;
    }
  } else {
    for (let i = 0; i < texts.length; i++) digests[i] = crypto.subtle.digest('SHA-256', encoder.encode(texts[i] as string));
  }
  return (await Promise.all(digests)).map((d, i) => digestIs(new Uint8Array(d), hexes[i] ?? ''));
}

/** Chains events after `prevHash`, in order. */
export async function chainEvents(prevHash: string, events: NewEvent[]): Promise<AccessEvent[]> {
  const out: AccessEvent[] = [];
  let head = prevHash;
  for (const event of events) {
    const withPrev = { ...event, prevHash: head };
    const hash = await sha256Hex(canonicalEvent(withPrev));
    out.push({ ...withPrev, hash });
    head = hash;
  }
  return out;
}

/** Digests in flight at once while verifying (a page of the dashboard's walk is 1,000 events). */
const HASH_WINDOW = 1000;

/** What the link walk needs of an event (the rest is covered by its hash, checked beforehand). */
export type ChainLink = Pick<AccessEvent, 'seq' | 'prevHash' | 'hash'>;

/**
 * For each event, whether its stored hash is the digest of its canonical form. Each hash covers only
 * its own event (prevHash included), so these are independent: a batch hashes in parallel, and the
 * links are then checked in order.
 */
export async function intactFlags(events: readonly AccessEvent[]): Promise<boolean[]> {
  const intact: boolean[] = [];
  for (let i = 0; i < events.length; i += HASH_WINDOW) {
    const window = events.slice(i, i + HASH_WINDOW);
    intact.push(...(await sha256Matches(window.map((e) => canonicalEvent(e)), window.map((e) => e.hash))));
  }
  return intact;
}

/** What went wrong at the first bad event, in the words a manager reads. */
export type BreakKind = 'changed' | 'removed' | 'inserted' | 'reordered' | 'truncated' | 'checkpoint';

export type VerifyResult =
  | { ok: true; count: number; head: string }
  | {
      ok: false;
      count: number;
      /** seq of the first event that fails (undefined when the tail is missing). */
      firstBadSeq: number | undefined;
      problem: 'hash-mismatch' | 'broken-link' | 'head-mismatch';
      kind: BreakKind;
    };

export type VerifyFailure = Extract<VerifyResult, { ok: false }>;

/**
 * Walks a chain batch by batch (so that long logs show progress and can stop between batches)
 * and keeps what it needs to name the first event that was changed, removed, inserted or reordered.
 */
export class ChainVerifier {
  private head: string;
  private lastSeq: number | undefined;
  private count = 0;
  private readonly seen = new Set<string>();
  private failure: VerifyFailure | undefined;

  constructor(startHash: string = GENESIS_HASH, startSeq?: number) {
    this.head = startHash;
    // A chain from the genesis starts at seq 1: a missing first event shows as a gap.
    this.lastSeq = startSeq ?? (startHash === GENESIS_HASH ? 0 : undefined);
    this.seen.add(startHash);
  }

  get verified(): number {
    return this.count;
  }

  get currentHead(): string {
    return this.head;
  }

  /** Checks the next events in store order; returns the first failure (and keeps returning it). */
  async feed(events: Iterable<AccessEvent>): Promise<VerifyFailure | undefined> {
    if (this.failure) return this.failure;
    const list = [...events];
    return this.feedChecked(list, await intactFlags(list));
  }

  /**
   * Checks the links of the next events in store order, their hashes already checked elsewhere
   * (`intact[i]`: the stored hash of `links[i]` is the digest of what it covers), e.g. by workers
   * that read and hashed a range of the log (lib/audit/verify-range.ts).
   */
  feedChecked(links: readonly ChainLink[], intact: ArrayLike<boolean | number>): VerifyFailure | undefined {
    if (this.failure) return this.failure;
    for (let index = 0; index < links.length; index++) {
      const event = links[index] as ChainLink;
      const fail = (problem: VerifyFailure['problem'], kind: BreakKind, seq = event.seq): VerifyFailure => {
        this.failure = { ok: false, count: this.count, firstBadSeq: seq, problem, kind };
        return this.failure;
      };
      // Content edited: the stored hash no longer matches what it covers.
      if (!intact[index]) return fail('hash-mismatch', 'changed');
      const hash = event.hash;
      // A copy of an event already walked (its seq changed, its hash did not).
      if (this.seen.has(hash)) return fail('broken-link', 'inserted');
      if (event.seq !== undefined && this.lastSeq !== undefined && event.seq <= this.lastSeq) {
        return fail('broken-link', 'reordered');
      }
      if (event.prevHash !== this.head) {
        // Links to an event already walked: something was slipped in after that one.
        if (this.seen.has(event.prevHash)) return fail('broken-link', 'inserted', this.lastSeq);
        // A gap in the store's numbering: the events in between were deleted.
        if (event.seq !== undefined && this.lastSeq !== undefined && event.seq > this.lastSeq + 1) {
          return fail('broken-link', 'removed', this.lastSeq + 1);
        }
        return fail('broken-link', 'reordered');
      }
      this.seen.add(hash);
      this.head = hash;
      this.lastSeq = event.seq ?? this.lastSeq;
      this.count += 1;
    }
    return undefined;
  }

  /** The verdict once every event was fed; `expectedHead` is the head kept by the writer. */
  finish(expectedHead?: string): VerifyResult {
    if (this.failure) return this.failure;
    if (expectedHead !== undefined && expectedHead !== this.head) {
      // The head the writer recorded is further on (or elsewhere): the tail was cut or replaced.
      return { ok: false, count: this.count, firstBadSeq: undefined, problem: 'head-mismatch', kind: 'truncated' };
    }
    return { ok: true, count: this.count, head: this.head };
  }
}

/** Walks events in store order and checks every link and hash. */
export async function verifyEvents(
  events: Iterable<AccessEvent>,
  startHash: string = GENESIS_HASH,
  expectedHead?: string,
): Promise<VerifyResult> {
  const verifier = new ChainVerifier(startHash);
  await verifier.feed(events);
  return verifier.finish(expectedHead);
}
