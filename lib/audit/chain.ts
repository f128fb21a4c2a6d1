import type { AccessEvent } from '@/lib/db/schema';

/** The hash that precedes the first event of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

export type ChainedFields = 'seq' | 'prevHash' | 'hash';
export type NewEvent = Omit<AccessEvent, ChainedFields>;

/**
 * Canonical serialisation of an event: keys sorted, no whitespace, `seq` and `hash` left out
 * (`seq` is the store's key; the chain order is carried by `prevHash`).
 */
export function canonicalEvent(event: NewEvent & { prevHash: string }): string {
  const record = event as unknown as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => k !== 'seq' && k !== 'hash')
    .sort();
  return JSON.stringify(keys.map((k) => [k, record[k]]));
}

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
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

export type VerifyResult =
  | { ok: true; count: number; head: string }
  | { ok: false; count: number; firstBadSeq: number | undefined; problem: 'hash-mismatch' | 'broken-link' | 'head-mismatch' };

/** Walks events in store order and checks every link and hash. */
export async function verifyEvents(
  events: Iterable<AccessEvent>,
  startHash: string = GENESIS_HASH,
  expectedHead?: string,
): Promise<VerifyResult> {
  let head = startHash;
  let count = 0;
  for (const event of events) {
    if (event.prevHash !== head) return { ok: false, count, firstBadSeq: event.seq, problem: 'broken-link' };
    const hash = await sha256Hex(canonicalEvent(event));
    if (hash !== event.hash) return { ok: false, count, firstBadSeq: event.seq, problem: 'hash-mismatch' };
    head = hash;
    count += 1;
  }
  if (expectedHead !== undefined && expectedHead !== head) {
    return { ok: false, count, firstBadSeq: undefined, problem: 'head-mismatch' };
  }
  return { ok: true, count, head };
}
