// Experiment for the access-log storage format (docs/log-blocks.md): how fast can the dashboard read
// 100,000 events out of IndexedDB, stored one row per event (today, lib/db/schema.ts v2 events) or as
// sealed blocks of B events (each event's canonical text and hash, one string or one ArrayBuffer per
// block)? Benchmark #6 (bench/log.mjs) misses ≤ 2× the raw SHA-256 of the same bytes because reading
// rows alone costs ~×3.5 of it: Chromium's IndexedDB pays ~10–13 µs per row, whatever the row holds.
//
// Everything runs in the dashboard page of the built extension, on a scratch database (never the
// extension's own 'crm-privacy-guard'), deleted at the end, holding the same chained events (bench/log.mjs
// chainedEvents) as rows with the v2 indexes, as rows of {canonical, hash} only (is it the row's shape
// or its count?), and as blocks of each size B, string and ArrayBuffer. Measured:
//   read      each layout read back in requests of ~1,000 events (rows: getAll of 1,000 on the known
//             seq range; blocks: getAll of round(1000 / B) blocks on the known key range: no
//             getAllKeys, no cursor);
//   raw       crypto.subtle.digest SHA-256 of the same canonical bytes, pre-encoded, 256 in flight
//             (the baseline of benchmark #6);
//   verify    read + split + hash + link walk end to end, single thread in the page (no workers),
//             the next request in flight while a page is hashed (as lib/audit/verify-range.ts
//             checkRange): what a verify over blocks could reach, with today's rows for comparison;
//   page      one page of the dashboard's table (200 events, newest first) rebuilt as full events,
//             spread as benchmark #5 spreads a record's (250 apart) and an actor's (10 apart)
//             events: what hydrating index rows from blocks would cost the table (three per run).
// BENCH_RUNS runs (default 3), the measures of a run in a rotated order, medians; one untimed warm-up
// round first. Prints a table (ratios against the raw digest) and writes bench/results/log-blocks.json
// (bench/results/*.json is not committed).
//
//   npx wxt build && npm run bench:blocks
//   CPG_OUT_DIR=/tmp/x npx wxt build && CPG_OUT_DIR=/tmp/x npm run bench:blocks
//
// BENCH_BLOCK_EVENTS (default 100000) and BENCH_BLOCK_SIZES (default 25,100,400; each must divide
// 10,000) change the log's length and the block sizes.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchWithExtension } from '../../scripts/lib/chromium.mjs';
import { helpers } from '../log.mjs';
import { median } from '../stats.mjs';

const { chainedEvents, seedStart, GENESIS, DAY } = helpers;

const root = fileURLToPath(new URL('../..', import.meta.url));
// The extension under test, resolved as bench/run.mjs does: CPG_OUT_DIR (as for `wxt build`), else .output.
const OUR_EXT = path.join(process.env.CPG_OUT_DIR ? path.resolve(process.env.CPG_OUT_DIR) : path.join(root, '.output'), 'chrome-mv3');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const N = Number(process.env.BENCH_BLOCK_EVENTS ?? 100_000);
const SIZES = (process.env.BENCH_BLOCK_SIZES ?? '25,100,400').split(',').map(Number);
/** Events per read request (rows), and about as many per block request. */
const PER_REQUEST = 1000;
/** Events handed to the page, and written, per call / transaction. */
const CHUNK = 10_000;
const SCRATCH_DB = 'cpg-bench-log-blocks';

const round = (x, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * The layouts measured. `store`: its object store in the scratch database; `B`: events per block
 * (1 for rows); `per`: values per read request. A block's key is the seq of its last event, so that
 * the block holding seq s is the first key ≥ s and a run of blocks is one key range.
 */
function layouts() {
  const out = [
    { id: 'rows', label: 'rows, one per event (today)', store: 'rows', kind: 'rows', B: 1, per: PER_REQUEST },
    { id: 'rows-text', label: 'rows, {canonical, hash} per event', store: 'rows-text', kind: 'rows-text', B: 1, per: PER_REQUEST },
  ];
  for (const B of SIZES) {
    if (!(B > 0) || CHUNK % B !== 0) throw new Error(`BENCH_BLOCK_SIZES: ${B} does not divide ${CHUNK}`);
    const per = Math.max(1, Math.round(PER_REQUEST / B));
    out.push({ id: `string-${B}`, label: `blocks of ${B}, one string`, store: `string-${B}`, kind: 'string', B, per });
    out.push({ id: `buffer-${B}`, label: `blocks of ${B}, ArrayBuffer`, store: `buffer-${B}`, kind: 'buffer', B, per });
  }
  return out;
}

/**
 * Page code (run through page.evaluate as a string, so that every later call finds it on
 * globalThis.__blk): the scratch database, its seeding and the timed measures.
 */
const PAGE_LIB = `(() => {
  const req = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const done = (tx) => new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); tx.onabort = () => reject(tx.error); });
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  /** lib/audit/chain.ts canonicalEvent: keys sorted, seq and hash left out, sorted keys of the last shape kept. */
  let shape;
  const canonical = (e) => {
    const own = Object.keys(e);
    if (!shape || shape.own.length !== own.length || shape.own.some((k, i) => k !== own[i])) shape = { own, keys: own.filter((k) => k !== 'seq' && k !== 'hash').sort() };
    return JSON.stringify(shape.keys.map((k) => [k, e[k]]));
  };
  /** Character codes of the two hex digits of each byte (chain.ts HEX_CODES). */
  const HEX = new Uint8Array(512);
  for (let i = 0; i < 256; i++) { const h = i.toString(16).padStart(2, '0'); HEX[2 * i] = h.charCodeAt(0); HEX[2 * i + 1] = h.charCodeAt(1); }
  /** Whether a digest is the hex at codes[at..at+64) (a string's char codes or ASCII bytes). */
  const digestIsAt = (digest, code, at) => {
    for (let i = 0; i < 32; i++) { const b = digest[i]; if (code(at + 2 * i) !== HEX[2 * b] || code(at + 2 * i + 1) !== HEX[2 * b + 1]) return false; }
    return true;
  };
  const PREV = '["prevHash","';

  const blk = {
    events: [],
    db: null,
    async open(name, layouts) {
      await req(indexedDB.deleteDatabase(name));
      const open = indexedDB.open(name, 1);
      open.onupgradeneeded = () => {
        const db = open.result;
        for (const l of layouts) {
          if (l.kind !== 'rows') { db.createObjectStore(l.store); continue; }
          // As the extension stores events (schema v2): key path seq, every index.
          const s = db.createObjectStore(l.store, { keyPath: 'seq', autoIncrement: true });
          for (const ix of ['at', 'action', 'recordKey', 'actor', 'recordId']) s.createIndex(ix, ix);
          s.createIndex('[crm+org]', ['crm', 'org']);
          s.createIndex('[recordKey+at]', ['recordKey', 'at']);
          s.createIndex('[actor+at]', ['actor', 'at']);
          s.createIndex('[action+at]', ['action', 'at']);
          s.createIndex('[crm+org+object]', ['crm', 'org', 'object']);
          s.createIndex('eventId', 'eventId', { unique: true });
        }
      };
      blk.db = await req(open);
    },
    /** Writes events [from, from + CHUNK) in every layout (one transaction per layout), and keeps them. */
    async seed(chunk, layouts) {
      blk.events.push(...chunk);
      const texts = chunk.map((e) => e.hash + canonical(e));
      const ms = {};
      for (const l of layouts) {
        const t0 = performance.now();
        const tx = blk.db.transaction(l.store, 'readwrite');
        const s = tx.objectStore(l.store);
        if (l.kind === 'rows') for (const e of chunk) s.put(e);
        else if (l.kind === 'rows-text') chunk.forEach((e, i) => s.put({ canonical: texts[i].slice(64), hash: e.hash }, e.seq));
        else {
          for (let i = 0; i < chunk.length; i += l.B) {
            // One line per event: its hash (64 hex), then its canonical form; lines joined by \\n
            // (canonical JSON never holds a raw newline).
            const text = texts.slice(i, i + l.B).join('\\n');
            s.put(l.kind === 'string' ? text : enc.encode(text).buffer, chunk[i + l.B - 1].seq);
          }
        }
        await done(tx);
        ms[l.id] = performance.now() - t0;
      }
      return { ms, chars: texts.reduce((a, t) => a + t.length, 0) };
    },
    /** The canonical bytes, encoded once (the raw digest's input). */
    prepareRaw() {
      blk.bytes = blk.events.map((e) => enc.encode(canonical(e)));
      blk.events = []; // the page keeps no second copy of the log while timing
    },
    /** Raw SHA-256 of every event's canonical bytes, 256 in flight (benchmark #6's baseline). */
    async raw() {
      const bytes = blk.bytes;
      const t0 = performance.now();
      for (let i = 0; i < bytes.length; i += 256) await Promise.all(bytes.slice(i, i + 256).map((b) => crypto.subtle.digest('SHA-256', b)));
      return performance.now() - t0;
    },
    /** One read request: the values with a key in (after, after + per * B], at most per. */
    request(l, after, n) {
      const hi = Math.min(n, after + l.per * l.B);
      return req(blk.db.transaction(l.store, 'readonly').objectStore(l.store).getAll(IDBKeyRange.bound(after, hi, true, false), l.per));
    },
    /** Reads the whole layout back, one request after another; returns ms and events seen. */
    async read(l, n) {
      const t0 = performance.now();
      let events = 0;
      for (let after = 0; after < n; after += l.per * l.B) {
        const values = await blk.request(l, after, n);
        events += values.length * l.B;
      }
      return { ms: performance.now() - t0, events };
    },
    /**
     * Read + split + hash + link walk, single thread, the next request in flight while this one is
     * hashed. Every event's digest is compared with its stored hash, its prevHash with the previous
     * hash, and its hash kept in a Set (as ChainVerifier does). Throws unless all n events verify.
     */
    async verify(l, n, genesis) {
      const t0 = performance.now();
      let head = genesis;
      const seen = new Set([genesis]);
      let count = 0;
      let next = blk.request(l, 0, n);
      for (let after = 0; after < n; ) {
        const values = await next;
        after += l.per * l.B;
        next = after < n ? blk.request(l, after, n) : null;
        if (l.kind === 'rows' || l.kind === 'rows-text') {
          // Today's path (lib/audit/chain.ts intactFlags + feedChecked): canonicalise, one encoder
          // call for the page (ASCII), a digest per event on its slice.
          const texts = l.kind === 'rows' ? values.map(canonical) : values.map((v) => v.canonical);
          const hashes = values.map((v) => v.hash);
          const bytes = enc.encode(texts.join(''));
          if (bytes.length !== texts.reduce((a, t) => a + t.length, 0)) throw new Error('non-ASCII event');
          const digests = [];
          let start = 0;
          for (const t of texts) { digests.push(crypto.subtle.digest('SHA-256', bytes.subarray(start, start + t.length))); start += t.length; }
          const done = await Promise.all(digests);
          for (let i = 0; i < values.length; i++) {
            const h = hashes[i];
            if (!digestIsAt(new Uint8Array(done[i]), (j) => h.charCodeAt(j), 0)) throw new Error('hash mismatch at ' + (count + 1));
            // rows: the stored prevHash field (as ChainVerifier reads it); rows-text: from the canonical text.
            const prev = l.kind === 'rows' ? values[i].prevHash : texts[i].substr(texts[i].indexOf(PREV) + PREV.length, 64);
            if (prev !== head || seen.has(h)) throw new Error('broken link at ' + (count + 1));
            seen.add(h); head = h; count += 1;
          }
          continue;
        }
        // Blocks: the text (decoded from the buffer, or as stored) for the line ends and links; the
        // bytes (encoded from the string, or as stored) for the digests: same offsets when ASCII.
        const lines = [];
        const digests = [];
        for (const v of values) {
          const text = l.kind === 'string' ? v : dec.decode(v);
          const bytes = l.kind === 'string' ? enc.encode(v) : new Uint8Array(v);
          if (bytes.length !== text.length) throw new Error('non-ASCII block');
          for (let s = 0; s < text.length; ) {
            let e = text.indexOf('\\n', s);
            if (e === -1) e = text.length;
            lines.push(text, s, e);
            digests.push(crypto.subtle.digest('SHA-256', bytes.subarray(s + 64, e)));
            s = e + 1;
          }
        }
        const done = await Promise.all(digests);
        for (let i = 0; i < done.length; i++) {
          const text = lines[3 * i], s = lines[3 * i + 1];
          if (!digestIsAt(new Uint8Array(done[i]), (j) => text.charCodeAt(j), s)) throw new Error('hash mismatch at ' + (count + 1));
          const p = text.indexOf(PREV, s + 64) + PREV.length;
          if (!text.startsWith(head, p)) throw new Error('broken link at ' + (count + 1));
          const h = text.slice(s, s + 64);
          if (seen.has(h)) throw new Error('repeated hash at ' + (count + 1));
          seen.add(h); head = h; count += 1;
        }
      }
      if (count !== n) throw new Error('verified ' + count + ' events of ' + n);
      return { ms: performance.now() - t0, head };
    },
    /**
     * One page of the dashboard's table rebuilt from storage: the events with these seqs, full
     * (what EventsTable shows: fields, reason, detail are in no index). Rows: one get per event in
     * one transaction (Dexie bulkGet). Blocks: one get per distinct block in one transaction, then
     * each event's line found, decoded and parsed back into an event. Returns ms and blocks read.
     */
    async hydrate(l, seqs) {
      const t0 = performance.now();
      const store = blk.db.transaction(l.store, 'readonly').objectStore(l.store);
      let out;
      if (l.kind === 'rows') out = await Promise.all(seqs.map((s) => req(store.get(s))));
      else if (l.kind === 'rows-text') {
        const values = await Promise.all(seqs.map((s) => req(store.get(s))));
        out = values.map((v, i) => ({ ...Object.fromEntries(JSON.parse(v.canonical)), seq: seqs[i], hash: v.hash }));
      } else {
        const keys = [...new Set(seqs.map((s) => Math.ceil(s / l.B) * l.B))];
        const values = await Promise.all(keys.map((k) => req(store.get(k))));
        const byKey = new Map(keys.map((k, i) => [k, values[i]]));
        out = seqs.map((seq) => {
          const key = Math.ceil(seq / l.B) * l.B;
          const v = byKey.get(key);
          // The line of this event: the (seq - first)th of its block.
          let line = seq - (key - l.B) - 1;
          let text;
          if (l.kind === 'string') {
            let s = 0;
            while (line-- > 0) s = v.indexOf('\\n', s) + 1;
            const e = v.indexOf('\\n', s);
            text = v.slice(s, e === -1 ? v.length : e);
          } else {
            const bytes = new Uint8Array(v);
            let s = 0;
            while (line-- > 0) s = bytes.indexOf(10, s) + 1;
            const e = bytes.indexOf(10, s);
            text = dec.decode(bytes.subarray(s, e === -1 ? bytes.length : e));
          }
          return { ...Object.fromEntries(JSON.parse(text.slice(64))), seq, hash: text.slice(0, 64) };
        });
        out.blocks = keys.length;
      }
      const ms = performance.now() - t0;
      if (out.some((e, i) => !e || e.seq !== seqs[i] || typeof e.eventId !== 'string' || !Array.isArray(e.fields))) throw new Error(l.id + ': hydrated a wrong event');
      return { ms, blocks: out.blocks ?? seqs.length };
    },
    async close(name) {
      blk.db?.close();
      blk.db = null;
      blk.bytes = null;
      await req(indexedDB.deleteDatabase(name));
      return (await indexedDB.databases()).some((d) => d.name === name);
    },
  };
  globalThis.__blk = blk;
})()`;

function table(rows) {
  const head = ['layout', 'events/request', 'read ms', 'read ×raw', 'read+split+hash ms', '×raw'];
  const cells = rows.map((r) => [r.label, String(r.eventsPerRequest ?? ''), String(r.read ?? ''), r.readRatio === undefined ? '' : `×${r.readRatio}`, String(r.verify ?? ''), r.verifyRatio === undefined ? '' : `×${r.verifyRatio}`]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function pageTable(cells) {
  const head = ['layout', 'record filter ms', 'values read', 'actor filter ms', 'values read'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

async function main() {
  if (!existsSync(path.join(OUR_EXT, 'manifest.json'))) {
    throw new Error(`No built extension in ${OUR_EXT}. Build it first: ${process.env.CPG_OUT_DIR ? `CPG_OUT_DIR=${process.env.CPG_OUT_DIR} ` : ''}npx wxt build`);
  }
  if (N % CHUNK !== 0) throw new Error(`BENCH_BLOCK_EVENTS must be a multiple of ${CHUNK}`);
  const all = layouts();
  process.stderr.write(`chaining ${N.toLocaleString('en')} events…\n`);
  const events = chainedEvents({ first: 1, count: N, prev: GENESIS, t0: seedStart(), step: Math.floor((260 * DAY) / N) });
  const { context, extensionId } = await launchWithExtension({ extensionDir: OUR_EXT });
  const page = await context.newPage();
  let opened = false;
  try {
    await page.goto(`chrome-extension://${extensionId}/dashboard.html`);
    await page.evaluate(PAGE_LIB);
    const chromium = await page.evaluate(() => /Chrome\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? 'unknown');
    await page.evaluate(({ name, all }) => globalThis.__blk.open(name, all), { name: SCRATCH_DB, all });
    opened = true;

    process.stderr.write(`seeding ${all.length} layouts into the scratch database '${SCRATCH_DB}'…\n`);
    const seedMs = Object.fromEntries(all.map((l) => [l.id, 0]));
    let chars = 0;
    for (let i = 0; i < N; i += CHUNK) {
      const s = await page.evaluate(({ chunk, all }) => globalThis.__blk.seed(chunk, all), { chunk: events.slice(i, i + CHUNK), all });
      for (const [id, ms] of Object.entries(s.ms)) seedMs[id] += ms;
      chars += s.chars;
    }
    await page.evaluate(() => globalThis.__blk.prepareRaw());
    const head = events[events.length - 1].hash;

    // Every measure of a run; a run takes them in an order rotated by one from the last run's.
    const measures = [
      { key: 'raw', run: () => page.evaluate(() => globalThis.__blk.raw()) },
      ...all.map((l) => ({
        key: `read:${l.id}`,
        run: async () => {
          const r = await page.evaluate(({ l, n }) => globalThis.__blk.read(l, n), { l, n: N });
          if (r.events !== N) throw new Error(`${l.id}: read ${r.events} events of ${N}`);
          return r.ms;
        },
      })),
      ...all.map((l) => ({
        key: `verify:${l.id}`,
        run: async () => {
          const r = await page.evaluate(({ l, n, genesis }) => globalThis.__blk.verify(l, n, genesis), { l, n: N, genesis: GENESIS });
          if (r.head !== head) throw new Error(`${l.id}: verify ended on another head`);
          return r.ms;
        },
      })),
    ];
    // One page of the dashboard's table, newest first, as benchmark #5 seeds its log: a record's
    // events 250 seqs apart (250 records), an actor's 10 apart (10 actors). Each run starts the page
    // elsewhere, so that it does not read the same blocks again.
    const PAGE = 200;
    const blocksRead = {};
    let call = 0;
    // A page read costs ~5–50 ms, noisier than the long reads: three per run, each elsewhere.
    for (const [filter, gap] of [['record', 250], ['actor', 10]]) {
      for (const l of all.flatMap((l) => [l, l, l])) {
        measures.push({
          key: `page:${filter}:${l.id}`,
          run: async () => {
            const top = N - ((call++ * 37) % gap);
            const seqs = Array.from({ length: PAGE }, (_, i) => top - i * gap).filter((s) => s > 0);
            const r = await page.evaluate(({ l, seqs }) => globalThis.__blk.hydrate(l, seqs), { l, seqs });
            blocksRead[`${filter}:${l.id}`] = r.blocks;
            return r.ms;
          },
        });
      }
    }
    const times = Object.fromEntries(measures.map((m) => [m.key, []]));
    const distinct = measures.filter((m, i) => measures.findIndex((x) => x.key === m.key) === i);
    process.stderr.write('warm-up round…\n');
    for (const m of distinct) await m.run();
    for (let r = 0; r < RUNS; r++) {
      process.stderr.write(`run ${r + 1}/${RUNS}…\n`);
      for (let k = 0; k < measures.length; k++) {
        const m = measures[(k + r) % measures.length];
        times[m.key].push(await m.run());
      }
    }

    const raw = median(times.raw);
    const rows = [{ label: 'raw SHA-256 of the canonical bytes (256 in flight)', read: round(raw) }];
    const results = [];
    for (const l of all) {
      const read = median(times[`read:${l.id}`]);
      const verify = median(times[`verify:${l.id}`]);
      const row = {
        id: l.id,
        label: l.label,
        blockEvents: l.B,
        eventsPerRequest: l.per * l.B,
        requests: Math.ceil(N / (l.per * l.B)),
        read: round(read),
        readRatio: round(read / raw, 2),
        verify: round(verify),
        verifyRatio: round(verify / raw, 2),
        runs: { read: times[`read:${l.id}`].map((x) => round(x)), verify: times[`verify:${l.id}`].map((x) => round(x)) },
        seedMs: round(seedMs[l.id]),
        page: Object.fromEntries(
          ['record', 'actor'].map((f) => [f, { ms: round(median(times[`page:${f}:${l.id}`]), 1), blocks: blocksRead[`${f}:${l.id}`], runs: times[`page:${f}:${l.id}`].map((x) => round(x, 1)) }]),
        ),
      };
      rows.push(row);
      results.push(row);
    }
    console.log(table(rows));
    console.log(`\nOne page of the dashboard's table (${PAGE} events, newest first, full events rebuilt from storage):`);
    console.log(
      pageTable(results.map((r) => [r.label, `${r.page.record.ms}`, `${r.page.record.blocks}`, `${r.page.actor.ms}`, `${r.page.actor.blocks}`])),
    );
    console.log(`\n${N.toLocaleString('en')} events, ${round(chars / N, 1)} characters per event (hash + canonical form); medians of ${RUNS} runs; Chromium ${chromium}; ${cpus().length} cores`);
    const out = {
      at: new Date().toISOString(),
      events: N,
      runs: RUNS,
      charsPerEvent: round(chars / N, 1),
      machine: { cores: cpus().length, node: process.version, chromium },
      raw: { ms: round(raw), runs: times.raw.map((x) => round(x)) },
      layouts: results,
    };
    mkdirSync(path.join(root, 'bench/results'), { recursive: true });
    writeFileSync(path.join(root, 'bench/results/log-blocks.json'), `${JSON.stringify(out, null, 2)}\n`);
    console.log('bench/results/log-blocks.json written');
  } finally {
    if (opened) {
      const left = await page.evaluate((name) => globalThis.__blk.close(name), SCRATCH_DB).catch(() => true);
      if (left) console.error(`the scratch database '${SCRATCH_DB}' could not be deleted (the browser profile is temporary)`);
    }
    await context.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
