import {
  BLOCK_BYTES,
  BLOCK_EVENTS,
  cutBlock,
  decodeBlock,
  hydrateWith,
  indexAgrees,
  indexRowOf,
  INDEX_FIELDS,
  isIndexRow,
  lineSpans,
  sealRows,
  seqsOf,
  type IndexRow,
} from '@/lib/audit/blocks';
import { canonicalEvent, chainEvents, GENESIS_HASH, verifyEvents, type NewEvent } from '@/lib/audit/chain';
import type { AccessEvent, BlockRow } from '@/lib/db/schema';
import { newEvent, stored } from './helpers';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Chained events as the store holds them: seqs from `firstSeq` (or the given seqs), each with its hash. */
async function chain(events: NewEvent[], seqs?: number[]): Promise<AccessEvent[]> {
  const chained = await chainEvents(GENESIS_HASH, events);
  return chained.map((e, i) => ({ ...e, seq: seqs?.[i] ?? i + 1 }));
}

const plain = (n: number, from = 0) => Array.from({ length: n }, (_, i) => newEvent(from + i));

/** The UTF-8 line of a stored event in a block. */
const lineOf = (e: AccessEvent) => e.hash + canonicalEvent(e);

function linesOf(block: BlockRow): string[] {
  return decoder.decode(new Uint8Array(block.data)).split('\n');
}

/** A block read from a copy of its bytes, edited by `edit` (the data as text). */
function withText(block: BlockRow, edit: (text: string) => string): BlockRow {
  const text = edit(decoder.decode(new Uint8Array(block.data)));
  const bytes = encoder.encode(text);
  return { ...block, data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
}

/** The one block that sealing `rows` (with `all`) makes. */
function onlyBlock(rows: AccessEvent[]): BlockRow {
  const { blocks } = sealRows(rows, true);
  expect(blocks).toHaveLength(1);
  return blocks[0]!.block;
}

/** Events whose values are everything a canonical line must carry through: the hostile cases. */
function hostile(): NewEvent[] {
  return [
    newEvent(0, { actor: 'Zoë Ødegård', detail: 'naïve café — 北京 ✓', reason: 'Ünïcödé' }),
    newEvent(1, { detail: 'emoji 👩🏽‍💻🎉 and a lone surrogate \ud800 kept', reason: '🔒' }),
    newEvent(2, { detail: 'a newline\nand a carriage return\r\nin the detail', reason: 'line\u2028separator and paragraph\u2029separator' }),
    newEvent(3, { detail: 'quotes " and \\" and \\\\ and \' ', reason: '{"json":"inside"}' }),
    newEvent(4, { fields: ['sfdc:RecordField.Contact.Email', '],["prevHash","' + '0'.repeat(64) + '"],["x', '\n', '"', '\\'] }),
    // An event without eventId next to events with one.
    newEvent(5, { eventId: 'evt-5' }),
    newEvent(6),
    // An older shape: no detail (before it existed), an extra key a later version dropped.
    (() => {
      const { detail: _detail, ...rest } = newEvent(7);
      return { ...rest, via: 'popup', extra: { nested: [1, 'two', null] } } as unknown as NewEvent;
    })(),
    newEvent(8, { eventId: 'evt-8', path: '/lightning/r/Contact/003/view', detail: '\u0000\u001f control' }),
    newEvent(9, { actor: '', recordKey: '', crm: '', org: '', object: '', recordId: '' }),
  ];
}

describe('sealRows', () => {
  test('cuts whole blocks of 25 events; the rest waits unless `all`', async () => {
    const rows = await chain(plain(60));
    const { blocks, rest } = sealRows(rows);
    expect(blocks.map((b) => [b.block.first, b.block.last, b.block.n])).toEqual([
      [1, 25, 25],
      [26, 50, 50 - 25],
    ]);
    expect(rest.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 51 + i));
    expect(blocks.every((b) => b.block.seqs === undefined)).toBe(true);
    expect(blocks[1]?.events.map((e) => e.seq)).toEqual(Array.from({ length: 25 }, (_, i) => 26 + i));

    const all = sealRows(rows, true);
    expect(all.rest).toEqual([]);
    expect(all.blocks.map((b) => [b.block.first, b.block.last, b.block.n])).toEqual([
      [1, 25, 25],
      [26, 50, 25],
      [51, 60, 10],
    ]);
    // Fewer than a block: nothing without `all`, one short block with it.
    expect(sealRows(rows.slice(0, 24))).toEqual({ blocks: [], rest: rows.slice(0, 24) });
    expect(sealRows(rows.slice(0, 24), true).blocks.map((b) => b.block.n)).toEqual([24]);
    expect(sealRows([], true)).toEqual({ blocks: [], rest: [] });
    expect(BLOCK_EVENTS).toBe(25);
  });

  test('a block is the stored lines verbatim: hash + canonical form, joined by one 0x0A byte', async () => {
    const rows = await chain(hostile());
    const [only] = sealRows(rows, true).blocks;
    const bytes = new Uint8Array(only!.block.data);
    expect(bytes.byteLength).toBe(only!.block.data.byteLength);
    const expected = encoder.encode(rows.map(lineOf).join('\n'));
    expect([...bytes]).toEqual([...expected]);
    // Exactly n - 1 newline bytes (JSON escapes every newline inside a value, \u2028 included as UTF-8 bytes, not 0x0A).
    expect(bytes.filter((b) => b === 0x0a).length).toBe(rows.length - 1);
    expect(lineSpans(bytes)).toHaveLength(rows.length);
  });

  test('closes a block early by size: large `fields` lists make blocks of fewer events, all under ~BLOCK_BYTES', async () => {
    // ~3 KB per event: four fit in 13,000 bytes, five do not.
    const fields = Array.from({ length: 46 }, (_, i) => `sfdc:RecordField.Contact.Custom_Field_Number_${i}__c`);
    const rows = await chain(plain(12).map((e) => ({ ...e, fields })));
    const size = encoder.encode(lineOf(rows[0]!)).length;
    expect(size).toBeGreaterThan(BLOCK_BYTES / 5);
    expect(size).toBeLessThan(BLOCK_BYTES / 4);
    const { blocks, rest } = sealRows(rows);
    expect(blocks.map((b) => b.block.n)).toEqual([4, 4]);
    expect(rest.map((e) => e.seq)).toEqual([9, 10, 11, 12]);
    for (const { block } of blocks) expect(block.data.byteLength).toBeLessThanOrEqual(BLOCK_BYTES + BLOCK_EVENTS);
    expect(sealRows(rows, true).blocks.map((b) => b.block.n)).toEqual([4, 4, 4]);
  });

  test('one large event among small ones closes the block before it; an event over the limit gets a block of its own', async () => {
    const huge = Array.from({ length: 600 }, (_, i) => `sfdc:RecordField.Account.Field_${i}`);
    expect(JSON.stringify(huge).length).toBeGreaterThan(BLOCK_BYTES);
    const events = plain(10);
    events[3] = { ...events[3]!, fields: huge };
    const rows = await chain(events);
    const { blocks, rest } = sealRows(rows, true);
    expect(rest).toEqual([]);
    expect(blocks.map((b) => [b.block.first, b.block.last])).toEqual([
      [1, 3],
      [4, 4],
      [5, 10],
    ]);
    expect(blocks[1]!.block.data.byteLength).toBeGreaterThan(BLOCK_BYTES);
    expect(decodeBlock(blocks[1]!.block)).toEqual([rows[3]]);
    // Without `all`, the big event is a whole block (closed by size) and the rest after it waits.
    const partial = sealRows(rows);
    expect(partial.blocks.map((b) => [b.block.first, b.block.last])).toEqual([
      [1, 3],
      [4, 4],
    ]);
    expect(partial.rest.map((e) => e.seq)).toEqual([5, 6, 7, 8, 9, 10]);
  });

  test('seqs are listed only when there is a gap', async () => {
    const seqs = [1, 2, 3, 7, 8, 10];
    const rows = await chain(plain(6), seqs);
    const [gappy] = sealRows(rows, true).blocks;
    expect(gappy!.block).toMatchObject({ first: 1, last: 10, n: 6, seqs });
    expect(seqsOf(gappy!.block)).toEqual(seqs);
    expect(decodeBlock(gappy!.block).map((e) => e.seq)).toEqual(seqs);
    const [contiguous] = sealRows(await chain(plain(5), [11, 12, 13, 14, 15]), true).blocks;
    expect(contiguous!.block).toEqual({ first: 11, last: 15, n: 5, data: expect.any(ArrayBuffer) });
    expect('seqs' in contiguous!.block).toBe(false);
    expect(seqsOf(contiguous!.block)).toEqual([11, 12, 13, 14, 15]);
  });

  test('only stored events with a seq and a hash can be sealed', async () => {
    const [row] = await chain(plain(1));
    expect(() => sealRows([{ ...row!, seq: undefined }], true)).toThrow(/only stored events/);
    expect(() => sealRows([indexRowOf(row!) as AccessEvent], true)).toThrow(/only stored events/);
  });

  test('a row changed before sealing keeps its mismatch in the block (nothing is re-hashed)', async () => {
    const rows = await chain(plain(5));
    rows[2] = { ...rows[2]!, actor: 'someone else' };
    const [block] = sealRows(rows, true).blocks;
    const decoded = decodeBlock(block!.block);
    expect(decoded[2]?.actor).toBe('someone else');
    expect(decoded[2]?.hash).toBe(rows[2]?.hash);
    expect(await verifyEvents(decoded)).toMatchObject({ ok: false, firstBadSeq: 3, kind: 'changed' });
  });
});

describe('decodeBlock', () => {
  test('gives back the stored rows, hostile values and older shapes included, canonical form unchanged', async () => {
    const rows = await chain(hostile(), [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const [block] = sealRows(stored(rows), true).blocks;
    const decoded = decodeBlock(block!.block);
    expect(decoded).toEqual(rows);
    decoded.forEach((e, i) => {
      expect(canonicalEvent(e)).toBe(canonicalEvent(rows[i]!));
      expect(Object.keys(e).sort()).toEqual(Object.keys(rows[i]!).sort());
    });
    // No eventId key at all where the stored row had none (not even undefined).
    expect('eventId' in decoded[0]!).toBe(false);
    expect(decoded[5]?.eventId).toBe('evt-5');
    expect('detail' in decoded[7]!).toBe(false);
    expect((decoded[7] as unknown as { via: string }).via).toBe('popup');
    expect(decoded[2]?.detail).toContain('\n');
    expect(decoded[2]?.reason).toContain('\u2028');
    expect(decoded[4]?.fields[1]).toBe('],["prevHash","' + '0'.repeat(64) + '"],["x');
    expect(decoded[4]?.prevHash).toBe(rows[4]?.prevHash);
    expect(await verifyEvents(decoded, GENESIS_HASH, rows.at(-1)?.hash)).toMatchObject({ ok: true, count: 10 });
  });

  test('a key stored as undefined (JSON writes it as null) reads back as undefined, and hashes the same', async () => {
    const rows = await chain([newEvent(1, { eventId: undefined, detail: undefined as unknown as string }), newEvent(2, { fields: [null as unknown as string] })]);
    expect(Object.keys(rows[0]!)).toContain('eventId');
    const decoded = decodeBlock(onlyBlock(rows));
    expect('eventId' in decoded[0]!).toBe(true);
    expect(decoded[0]?.eventId).toBeUndefined();
    expect(decoded[0]?.detail).toBeUndefined();
    // Only a field's own value: a null inside a list stays null.
    expect(decoded[1]?.fields).toEqual([null]);
    expect(decoded.map((e) => canonicalEvent(e))).toEqual(rows.map((e) => canonicalEvent(e)));
    expect(await verifyEvents(decoded, GENESIS_HASH, rows[1]?.hash)).toMatchObject({ ok: true, count: 2 });
  });

  test('a block with a line too few or too many, or a line that is not JSON, is reported as damaged', async () => {
    const rows = await chain(plain(5), [20, 21, 22, 23, 24]);
    const block = onlyBlock(rows);
    const dropped = withText(block, (t) => t.split('\n').slice(0, 4).join('\n'));
    expect(() => decodeBlock(dropped)).toThrow(/block 24: 4 lines for 5 events/);
    const extra = withText(block, (t) => `${t}\n${t.split('\n')[0]}`);
    expect(() => decodeBlock(extra)).toThrow(/damaged.*6 lines for 5 events/);
    expect(() => decodeBlock({ ...block, n: 6 })).toThrow(/damaged/);
    const broken = withText(block, (t) => t.replace('"actor"', '"actor'));
    expect(() => decodeBlock(broken)).toThrow(/damaged \(event 20 cannot be read\)/);
    const notArray = withText(block, (t) => t.split('\n').map((l, i) => (i === 3 ? `${l.slice(0, 64)}{"a":1}` : l)).join('\n'));
    expect(() => decodeBlock(notArray)).toThrow(/damaged \(event 23 cannot be read\)/);
    // Listed seqs that disagree with the lines are damage too.
    expect(() => decodeBlock({ ...block, seqs: [20, 21, 22, 24] })).toThrow(/damaged/);
  });

  test('a line that is not a canonical form (a pair naming seq or hash, a stray element) is damaged, not read around', async () => {
    const rows = await chain(plain(3), [20, 21, 22]);
    const block = onlyBlock(rows);
    const edit = (i: number, f: (json: string) => string) =>
      withText(block, (t) => t.split('\n').map((l, j) => (j === i ? l.slice(0, 64) + f(l.slice(64)) : l)).join('\n'));
    // seq and hash are not in the canonical form: a line that carries one was written by someone
    // else, and its canonical form (which leaves them out) would still match the stored hash.
    const relabelled = edit(2, (json) => `[["seq",99],${json.slice(1)}`);
    expect(() => decodeBlock(relabelled)).toThrow(/damaged \(event 22 cannot be read\)/);
    const rehashed = edit(1, (json) => `[["hash","${'f'.repeat(64)}"],${json.slice(1)}`);
    expect(() => decodeBlock(rehashed)).toThrow(/damaged \(event 21 cannot be read\)/);
    const stray = edit(0, (json) => `[0,"x",${json.slice(1)}`);
    expect(() => decodeBlock(stray)).toThrow(/damaged \(event 20 cannot be read\)/);
  });

  test('an edited byte in a line shows as a changed event, not as another valid event', async () => {
    const rows = await chain(plain(3));
    const block = onlyBlock(rows);
    const edited = withText(block, (t) => t.replace('"rep"', '"rop"'));
    const decoded = decodeBlock(edited);
    expect(decoded[0]?.actor).toBe('rop');
    expect(await verifyEvents(decoded, GENESIS_HASH, rows[2]?.hash)).toMatchObject({ ok: false, firstBadSeq: 1, kind: 'changed' });
  });
});

describe('cutBlock', () => {
  test('keeps the later lines byte for byte, under the same key', async () => {
    const rows = await chain(hostile());
    const block = onlyBlock(rows);
    const cut = cutBlock(block, 6)!;
    expect(cut).toMatchObject({ last: 10, first: 7, n: 4 });
    expect(cut.seqs).toBeUndefined();
    const all = new Uint8Array(block.data);
    const kept = new Uint8Array(cut.data);
    expect(kept.byteLength).toBe(cut.data.byteLength);
    const start = lineSpans(all)[6]![0];
    expect([...kept]).toEqual([...all.subarray(start)]);
    expect(linesOf(cut)).toEqual(rows.slice(6).map(lineOf));
    expect(decodeBlock(cut)).toEqual(rows.slice(6));
    // The cut block's events chain on from the last event cut away.
    expect(await verifyEvents(decodeBlock(cut), rows[5]!.hash, rows[9]!.hash)).toMatchObject({ ok: true, count: 4 });
  });

  test('nothing before the seq: the block as it is; nothing after: undefined; gaps keep their seqs', async () => {
    const rows = await chain(plain(6), [4, 5, 8, 9, 12, 13]);
    const block = onlyBlock(rows);
    expect(cutBlock(block, 3)).toBe(block);
    expect(cutBlock(block, 13)).toBeUndefined();
    expect(cutBlock(block, 99)).toBeUndefined();
    const cut = cutBlock(block, 6)!;
    expect(cut).toMatchObject({ last: 13, first: 8, n: 4, seqs: [8, 9, 12, 13] });
    expect(decodeBlock(cut)).toEqual(rows.slice(2));
    const contiguous = cutBlock(block, 11)!;
    expect(contiguous).toMatchObject({ last: 13, first: 12, n: 2 });
    expect(contiguous.seqs).toBeUndefined();
    expect(decodeBlock(contiguous)).toEqual(rows.slice(4));
  });

  test('a damaged block is not cut blindly', async () => {
    const rows = await chain(plain(4));
    const block = onlyBlock(rows);
    expect(() => cutBlock({ ...block, n: 5 }, 2)).toThrow(/damaged/);
  });
});

describe('index rows and hydrateWith', () => {
  test('an index row keeps only the indexed fields, and no hash', async () => {
    const [row] = await chain([newEvent(1, { eventId: 'id-1', fields: ['a'], detail: 'd', reason: 'r' })]);
    const index = indexRowOf(row!);
    expect(Object.keys(index).sort()).toEqual([...INDEX_FIELDS].sort());
    expect(isIndexRow(index)).toBe(true);
    expect(isIndexRow(row!)).toBe(false);
    expect(indexAgrees(index, row!)).toBe(true);
    // No eventId on the event: none on its index row (the unique index must not see `undefined`).
    const [old] = await chain([newEvent(2)]);
    expect('eventId' in indexRowOf(old!)).toBe(false);
  });

  test('replaces only the index rows, in the rows’ order, and asks for the seqs it needs', async () => {
    const rows = await chain(plain(60));
    const sealed = sealRows(rows).blocks.map((b) => b.block);
    const mixed: Array<AccessEvent | IndexRow> = [indexRowOf(rows[40]!), rows[55]!, indexRowOf(rows[3]!), indexRowOf(rows[26]!), rows[59]!];
    const asked: number[][] = [];
    const out = await hydrateWith(mixed, async (seqs) => {
      asked.push(seqs);
      return sealed;
    });
    expect(asked).toEqual([[4, 27, 41]]);
    expect(out.mismatched).toEqual([]);
    expect(out.events).toEqual([rows[40], rows[55], rows[3], rows[26], rows[59]]);
    // Full rows are passed through as they are (same objects).
    expect(out.events[1]).toBe(rows[55]);
    // No index row: no read.
    const none = await hydrateWith([rows[55]!], async () => {
      throw new Error('no read expected');
    });
    expect(none).toEqual({ events: [rows[55]], mismatched: [] });
  });

  test('an index row edited after sealing is reported; the sealed content is what is shown', async () => {
    const rows = await chain(plain(25));
    const sealed = sealRows(rows).blocks.map((b) => b.block);
    const read = async () => sealed;
    const index = rows.map((e) => indexRowOf(e));
    const edited = [index[0]!, { ...index[4]!, actor: 'someone else' }, { ...index[7]!, recordKey: 'sf:acme:Contact:other' }, index[9]!];
    const out = await hydrateWith(edited, read);
    expect(out.mismatched).toEqual([5, 8]);
    expect(out.events).toEqual([rows[0], rows[4], rows[7], rows[9]]);
    expect(out.events[1]?.actor).toBe('rep');
    // Every indexed field counts, eventId and at included.
    for (const key of INDEX_FIELDS.filter((k) => k !== 'seq')) {
      const changed = { ...index[2]!, [key]: key === 'at' ? 1 : 'x' } as IndexRow;
      expect((await hydrateWith([changed], read)).mismatched).toEqual([3]);
    }
  });

  test('a missing block is an error that says so, not a silent gap', async () => {
    const rows = await chain(plain(50));
    const [first] = sealRows(rows).blocks.map((b) => b.block);
    await expect(hydrateWith([indexRowOf(rows[1]!), indexRowOf(rows[30]!)], async () => [first!])).rejects.toThrow(
      /lost the sealed content of event 31: its block is missing/,
    );
    await expect(hydrateWith([indexRowOf(rows[1]!)], async () => [])).rejects.toThrow(/event 2/);
  });
});

describe('hydrateWith and blocks it does not need', () => {
  test('a block read beside the needed ones (the first after a range) is not decoded: its damage does not hide its neighbours', async () => {
    const rows = await chain(plain(50));
    const [first, second] = sealRows(rows).blocks.map((b) => b.block) as [BlockRow, BlockRow];
    const damaged = withText(second, (t) => t.replace('"actor"', '"actor'));
    expect(() => decodeBlock(damaged)).toThrow(/damaged/);
    const out = await hydrateWith([indexRowOf(rows[24]!), indexRowOf(rows[3]!)], async () => [first, damaged]);
    expect(out).toEqual({ events: [rows[24], rows[3]], mismatched: [] });
    // A needed event whose line is damaged still fails, loudly; its neighbours in the block are read
    // (only the needed lines are parsed).
    await expect(hydrateWith([indexRowOf(rows[25]!)], async () => [first, damaged])).rejects.toThrow(/damaged \(event 26 cannot be read\)/);
    expect((await hydrateWith([indexRowOf(rows[30]!)], async () => [first, damaged])).events).toEqual([rows[30]]);
  });
});
