import fc from 'fast-check';
import { canonicalEvent, chainEvents, ChainVerifier, GENESIS_HASH, sha256Hex, sha256Matches, verifyEvents, type NewEvent } from '@/lib/audit/chain';
import type { AccessEvent } from '@/lib/db/schema';
import { newEvent as event } from './helpers';

async function chain(n: number): Promise<AccessEvent[]> {
  const events = await chainEvents(GENESIS_HASH, Array.from({ length: n }, (_, i) => event(i)));
  return events.map((e, i) => ({ ...e, seq: i + 1 }));
}

describe('hash chain', () => {
  test('an untouched chain verifies, and its head is the last hash', async () => {
    const events = await chain(5);
    const result = await verifyEvents(events, GENESIS_HASH, events[4]?.hash);
    expect(result).toEqual({ ok: true, count: 5, head: events[4]?.hash });
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
  });

  test('any single edit, deletion, insertion or swap is detected', async () => {
    const events = await chain(6);
    const head = events[5]?.hash;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 5 }), fc.constantFrom('edit', 'delete', 'insert', 'swap'), async (i, kind) => {
        const copy = events.map((e) => ({ ...e }));
        if (kind === 'edit') copy[i] = { ...copy[i]!, actor: 'someone else' };
        if (kind === 'delete') copy.splice(i, 1);
        if (kind === 'insert') copy.splice(i, 0, { ...copy[i]!, seq: 99 });
        if (kind === 'swap') {
          const j = i === 5 ? 4 : i + 1;
          [copy[i], copy[j]] = [copy[j]!, copy[i]!];
        }
        const result = await verifyEvents(copy, GENESIS_HASH, head);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  test('dropping the last event is caught by the head kept outside the table', async () => {
    const events = await chain(3);
    const result = await verifyEvents(events.slice(0, 2), GENESIS_HASH, events[2]?.hash);
    expect(result).toMatchObject({ ok: false, problem: 'head-mismatch' });
  });

  test('canonical serialisation: keys sorted, seq and hash left out, key order and seq do not matter', async () => {
    const e = { ...event(1), prevHash: GENESIS_HASH };
    const text = canonicalEvent(e);
    const keys = (JSON.parse(text) as [string, unknown][]).map(([k]) => k);
    expect(keys).toEqual([...keys].sort());
    expect(keys).not.toContain('seq');
    expect(keys).not.toContain('hash');
    expect(text).not.toMatch(/\s{2}|\n/);
    const reordered = Object.fromEntries(Object.entries(e).reverse()) as typeof e;
    expect(canonicalEvent(reordered)).toBe(text);
    expect(canonicalEvent({ ...e, seq: 77, hash: 'x' } as typeof e)).toBe(text);
    // An eventId, when there is one, is covered by the hash.
    expect(canonicalEvent({ ...e, eventId: 'a' })).not.toBe(canonicalEvent({ ...e, eventId: 'b' }));
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('the batched check agrees with one digest per text, ASCII or not, and refuses any other hex', async () => {
    const ascii = ['abc', '', '[["a",1]]', 'x'.repeat(200)];
    const mixed = [...ascii, 'Zoë – 名前 🙂', 'abc'];
    for (const texts of [ascii, mixed, []]) {
      const hexes = await Promise.all(texts.map((t) => sha256Hex(t)));
      expect(await sha256Matches(texts, hexes)).toEqual(texts.map(() => true));
      // One hex digit changed, upper case, short or empty: not a match.
      const wrong = hexes.map((h, i) => [h.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')), h.toUpperCase(), h.slice(1), ''][i % 4] as string);
      expect(await sha256Matches(texts, wrong)).toEqual(texts.map(() => false));
    }
    expect(await sha256Matches(['abc'], ['ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'])).toEqual([true]);
  });

  test('canonical serialisation is exactly JSON.stringify of the sorted [key, value] pairs, for any object', () => {
    // The reference the chain was defined with; canonicalEvent writes the same text faster.
    const reference = (o: Record<string, unknown>) =>
      JSON.stringify(
        Object.keys(o)
          .filter((k) => k !== 'seq' && k !== 'hash')
          .sort()
          .map((k) => [k, o[k]]),
      );
    const value = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(fc.string()), fc.dictionary(fc.string(), fc.string()));
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('seq', 'hash', 'at', 'eventId', '__proto__x')), value), (o) => {
        const asEvent = o as unknown as NewEvent & { prevHash: string };
        expect(canonicalEvent(asEvent)).toBe(reference(o));
        // Twice: the second time from the shape kept for this key list.
        expect(canonicalEvent(asEvent)).toBe(reference(o));
      }),
      { numRuns: 500 },
    );
    const e = { ...event(1), prevHash: GENESIS_HASH, eventId: undefined };
    expect(canonicalEvent(e)).toBe(reference(e));
  });

  test('names the first bad event and what happened to it (any single edit, deletion, insertion or swap)', async () => {
    const events = await chain(8);
    const head = events[7]?.hash;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 7 }),
        fc.constantFrom('edit', 'delete', 'insert', 'swap'),
        fc.constantFrom<keyof NewEvent | 'prevHash'>('at', 'action', 'actor', 'recordId', 'recordKey', 'fields', 'path', 'detail', 'prevHash'),
        async (i, kind, field) => {
          const copy = events.map((e) => ({ ...e }));
          const seqOf = (k: number) => events[k]!.seq;
          const result = await (async () => {
            if (kind === 'edit') {
              const e = copy[i]!;
              const changed = { ...e, [field]: field === 'at' ? e.at + 1 : field === 'fields' ? ['x'] : field === 'action' ? 'reveal' : `${String(e[field])}!` };
              copy[i] = changed;
              return verifyEvents(copy, GENESIS_HASH, head);
            }
            if (kind === 'delete') {
              copy.splice(i, 1);
              return verifyEvents(copy, GENESIS_HASH, head);
            }
            if (kind === 'insert') {
              const forged = (await chainEvents(i === 0 ? GENESIS_HASH : copy[i - 1]!.hash, [{ ...event(100 + i), actor: 'forger' }]))[0]!;
              copy.splice(i, 0, { ...forged, seq: seqOf(i) });
              return verifyEvents(copy.map((e, k) => ({ ...e, seq: k + 1 })), GENESIS_HASH, head);
            }
            const j = i === 7 ? 6 : i + 1;
            const [a, b] = [Math.min(i, j), Math.max(i, j)];
            // Swap the contents, keep the store's numbering (what a reordering looks like in the table).
            [copy[a], copy[b]] = [{ ...copy[b]!, seq: seqOf(a) }, { ...copy[a]!, seq: seqOf(b) }];
            return verifyEvents(copy, GENESIS_HASH, head);
          })();
          expect(result.ok).toBe(false);
          if (result.ok) return;
          if (kind === 'edit') expect(result).toMatchObject({ kind: 'changed', firstBadSeq: seqOf(i) });
          if (kind === 'delete') {
            if (i === 7) expect(result).toMatchObject({ kind: 'truncated' });
            else expect(result).toMatchObject({ kind: 'removed', firstBadSeq: seqOf(i) });
          }
          if (kind === 'insert') expect(result).toMatchObject({ kind: 'inserted', firstBadSeq: i + 1 });
          if (kind === 'swap') {
            const a = Math.min(i, i === 7 ? 6 : i + 1);
            expect(result).toMatchObject({ kind: 'reordered', firstBadSeq: seqOf(a) });
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test('the incremental verifier gives the same verdict batch by batch', async () => {
    const events = await chain(9);
    const verifier = new ChainVerifier();
    for (let i = 0; i < 9; i += 4) expect(await verifier.feed(events.slice(i, i + 4))).toBeUndefined();
    expect(verifier.finish(events[8]?.hash)).toEqual(await verifyEvents(events, GENESIS_HASH, events[8]?.hash));
  });
});
