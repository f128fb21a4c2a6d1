// Experiment for benchmark #6 (issue 7): would a sealed copy of the access log kept in the Origin
// Private File System (OPFS, navigator.storage.getDirectory()) let *Verify now* over 100,000 events
// meet ≤ 2× the raw SHA-256 of the same canonical bytes? Reading one IndexedDB row per event alone
// costs ×2.5–3.5 of it (docs/log-blocks.md); sealed blocks inside IndexedDB reached ×3.6 end to end.
//
// Everything runs in the dashboard page of the built extension (chrome-extension:// origin), with
// the same chained events as bench/experiments/log-blocks.mjs (bench/log.mjs chainedEvents). Seeded:
//   rows      a scratch IndexedDB database 'cpg-bench-log-opfs', one row per event with the v2
//             indexes (today's layout, for reference), and a small store of per-segment offsets;
//   segments  for each S (BENCH_OPFS_SEGMENTS, default 1000,5000,100000), the directory
//             cpg-bench-opfs/S<S>/ in OPFS holding N / S files, each the UTF-8 lines
//             `hash + canonicalEvent(e)` of S events joined by \n, written with createWritable().
// Timed, medians of BENCH_RUNS (default 3) interleaved runs after one untimed warm-up round:
//   a  raw        crypto.subtle.digest of the pre-encoded canonical bytes, 256 in flight (#6's baseline);
//   b  rows       the IndexedDB rows read back, getAll pages of 1,000 on the known seq range;
//   c  read       every segment read (getFileHandle → getFile → arrayBuffer), one after another;
//   d  verify     read + split on 0x0A + SHA-256 of each line's canonical part (after the 64 hex),
//                 compared in place with the stored hex, + prevHash link walk and a Set of hashes
//                 (as ChainVerifier), on the page's thread, 256 digests in flight, the next segment's
//                 read in flight meanwhile; also without the Set (d-noset);
//   e  workers    the same in W dedicated workers (BENCH_OPFS_WORKERS, default 1,2), each a contiguous
//                 range of seqs (whole segments, or byte ranges of one segment cut at a line through
//                 the offsets); each walks its own links (and keeps its own Set), the page joins the
//                 ranges' ends; the workers either started and ended inside the timing, or kept
//                 alive between verifies (started once, before the runs);
//   f  page       one page of the dashboard's table: 200 events 250 seqs apart (a record's events,
//                 as #5 spreads them), newest first, rebuilt as full events from the segments by
//                 File.slice of each line, the line offsets (Uint32Array per segment) either kept in
//                 memory or read from one IndexedDB row per segment; or through a worker kept alive
//                 that opens a sync access handle per distinct segment (read-only mode), reads each
//                 line at its offset and closes them (or keeps them open across pages, read-only
//                 mode, shared with the other readers), the page parsing what it gets back; the rows'
//                 page (200 gets in one transaction) beside.
// The worker is a small file added to a temporary copy of the built extension (a Blob-URL worker is
// tried and its refusal recorded: MV3's default CSP allows only 'self' scripts). With
// BENCH_OPFS_SYNC=1 (default) a dedicated worker also writes one layout with createSyncAccessHandle
// (timed once, just noted). Prints a table (ms and ×raw), writes bench/results/log-opfs.json (not
// committed), deletes the scratch database and the OPFS directory.
//
//   CPG_OUT_DIR=/tmp/x npx wxt build -b chrome && CPG_OUT_DIR=/tmp/x npm run bench:opfs
//
// BENCH_OPFS_EVENTS (default 100000, a multiple of 10,000 and of every S) changes the log's length,
// BENCH_OPFS_WINDOW (default 256) the digests in flight.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchWithExtension } from '../../scripts/lib/chromium.mjs';
import { helpers } from '../log.mjs';
import { median } from '../stats.mjs';

const { chainedEvents, seedStart, GENESIS, DAY } = helpers;

const root = fileURLToPath(new URL('../..', import.meta.url));
const OUR_EXT = path.join(process.env.CPG_OUT_DIR ? path.resolve(process.env.CPG_OUT_DIR) : path.join(root, '.output'), 'chrome-mv3');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const N = Number(process.env.BENCH_OPFS_EVENTS ?? 100_000);
const SEGMENTS = (process.env.BENCH_OPFS_SEGMENTS ?? '1000,5000,100000').split(',').map(Number);
const WORKERS = (process.env.BENCH_OPFS_WORKERS ?? '1,2').split(',').map(Number).filter((w) => w > 0);
const WINDOW = Number(process.env.BENCH_OPFS_WINDOW ?? 256);
const SYNC = (process.env.BENCH_OPFS_SYNC ?? '1') !== '0';
const CHUNK = 10_000;
const PER_REQUEST = 1000;
const PAGE = 200;
const GAP = 250;
const SCRATCH_DB = 'cpg-bench-log-opfs';
const OPFS_DIR = 'cpg-bench-opfs';
const WORKER_FILE = 'bench-opfs-worker.js';

const round = (x, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * The checker shared by the page (d) and the workers (e), as source text (no eval under the
 * extension's CSP: the page gets it through page.evaluate, the worker in its file).
 * checkLines(next, { window, head, useSet }): `next()` resolves to the next Uint8Array of lines
 * (or null at the end) and is called again as soon as a buffer arrives, so that one read is in
 * flight while a buffer is hashed. Every line is `hash(64 hex) + canonical JSON`; its digest is
 * compared in place with its hex, its prevHash (found at `["prevHash","`) with the previous line's
 * hash (`head`, bytes; null: take the first line's prevHash as given and return it), and its hash
 * added to a Set (`useSet`). Throws at the first failure.
 */
const CORE = String.raw`
const HEX = new Uint8Array(512);
for (let i = 0; i < 256; i++) { const h = i.toString(16).padStart(2, '0'); HEX[2 * i] = h.charCodeAt(0); HEX[2 * i + 1] = h.charCodeAt(1); }
const PREV = Array.from('["prevHash","', (c) => c.charCodeAt(0));
const H_AT = 6; // index of 'H' in the pattern: a rarer byte than '[' to search for
const latin1 = (b) => String.fromCharCode.apply(null, b);
/** Start of the 64 hex of the line's prevHash (line [s, e)), or -1. */
function prevAt(b, s, e) {
  let p = s + 64 + H_AT;
  for (;;) {
    p = b.indexOf(0x48, p);
    if (p === -1 || p >= e) return -1;
    const q = p - H_AT;
    let k = 0;
    while (k < PREV.length && b[q + k] === PREV[k]) k++;
    if (k === PREV.length) return q + k;
    p += 1;
  }
}
async function checkLines(next, { window, head, useSet }) {
  let firstPrev = null;
  const seen = useSet ? new Set() : null;
  let count = 0, waitMs = 0, lines = 0;
  const pb = [], ps = [], pe = [], pd = [];
  const flush = async () => {
    const digests = await Promise.all(pd);
    for (let i = 0; i < digests.length; i++) {
      const b = pb[i], s = ps[i], e = pe[i];
      const d = new Uint8Array(digests[i]);
      for (let j = 0; j < 32; j++) {
        if (b[s + 2 * j] !== HEX[2 * d[j]] || b[s + 2 * j + 1] !== HEX[2 * d[j] + 1]) throw new Error('hash mismatch at line ' + (count + 1));
      }
      const p = prevAt(b, s, e);
      if (p < 0) throw new Error('no prevHash at line ' + (count + 1));
      if (head === null) { head = b.subarray(p, p + 64); firstPrev = latin1(head); }
      for (let j = 0; j < 64; j++) if (b[p + j] !== head[j]) throw new Error('broken link at line ' + (count + 1));
      head = b.subarray(s, s + 64);
      if (seen) { const h = latin1(head); if (seen.has(h)) throw new Error('repeated hash at line ' + (count + 1)); seen.add(h); }
      count += 1;
    }
    pb.length = 0; ps.length = 0; pe.length = 0; pd.length = 0;
  };
  let t = performance.now();
  let bytes = await next();
  waitMs += performance.now() - t;
  while (bytes) {
    const pending = next();
    const n = bytes.length;
    for (let s = 0; s < n; ) {
      let e = bytes.indexOf(10, s);
      if (e === -1) e = n;
      pb.push(bytes); ps.push(s); pe.push(e);
      pd.push(crypto.subtle.digest('SHA-256', bytes.subarray(s + 64, e)));
      lines += 1;
      if (pd.length === window) await flush();
      s = e + 1;
    }
    t = performance.now();
    bytes = await pending;
    waitMs += performance.now() - t;
  }
  if (pd.length) await flush();
  return { count, lines, firstPrev, lastHash: head ? latin1(head) : null, waitMs };
}
/** A reader of items { name, start, end } (end null: to the end of the file) in a directory handle. */
function itemReader(dir, items) {
  let i = 0;
  return async () => {
    if (i >= items.length) return null;
    const it = items[i++];
    const file = await (await dir.getFileHandle(it.name)).getFile();
    const blob = it.start === 0 && it.end === null ? file : file.slice(it.start, it.end === null ? undefined : it.end);
    return new Uint8Array(await blob.arrayBuffer());
  };
}
`;

/** The dedicated worker's file (classic script): check a range, or write files with sync access handles. */
const WORKER_SOURCE = `${CORE}
/** Sync access handles kept open across 'page' calls with keep (read-only mode, so shared). */
const kept = new Map();
const dirOf = async (names) => { let d = await navigator.storage.getDirectory(); for (const n of names) d = await d.getDirectoryHandle(n, { create: true }); return d; };
onmessage = async ({ data }) => {
  try {
    if (data.op === 'ping') { postMessage({ ok: true, pong: true, sync: typeof FileSystemFileHandle !== 'undefined' && 'createSyncAccessHandle' in FileSystemFileHandle.prototype }); return; }
    if (data.op === 'check') {
      const t0 = performance.now();
      const dir = await dirOf(data.dir);
      const r = await checkLines(itemReader(dir, data.items), { window: data.window, head: null, useSet: data.useSet });
      postMessage({ ok: true, result: { ...r, ms: performance.now() - t0 } });
      return;
    }
    if (data.op === 'page') {
      // f through sync access handles: one per distinct segment (read-only mode where supported),
      // opened, read synchronously at each line's offset, closed; the lines handed back in one buffer.
      const t0 = performance.now();
      const dir = await dirOf(data.dir);
      const key = (name) => data.dir.join('/') + '/' + name;
      const handles = data.keep ? kept : new Map();
      for (const r of data.reads) if (!handles.has(key(r.name))) handles.set(key(r.name), await (await dir.getFileHandle(r.name)).createSyncAccessHandle({ mode: 'read-only' }));
      const out = new Uint8Array(data.reads.reduce((a, r) => a + r.len, 0));
      let at = 0;
      try {
        for (const r of data.reads) {
          const n = handles.get(key(r.name)).read(out.subarray(at, at + r.len), { at: r.start });
          if (n !== r.len) throw new Error('short read');
          at += n;
        }
      } finally { if (!data.keep) for (const h of handles.values()) h.close(); }
      postMessage({ ok: true, result: { buffer: out.buffer, ms: performance.now() - t0 } }, [out.buffer]);
      return;
    }
    if (data.op === 'release') {
      for (const h of kept.values()) h.close();
      kept.clear();
      postMessage({ ok: true, result: null });
      return;
    }
    if (data.op === 'syncWrite') {
      const dir = await dirOf(data.dir);
      const t0 = performance.now();
      let bytes = 0;
      for (const f of data.files) {
        const h = await (await dir.getFileHandle(f.name, { create: true })).createSyncAccessHandle();
        h.truncate(0);
        const n = h.write(new Uint8Array(f.buffer), { at: 0 });
        if (n !== f.buffer.byteLength) throw new Error('short write');
        h.flush();
        h.close();
        bytes += n;
      }
      postMessage({ ok: true, result: { ms: performance.now() - t0, bytes, files: data.files.length } });
      return;
    }
    throw new Error('unknown op ' + data.op);
  } catch (error) {
    postMessage({ ok: false, error: String(error && error.stack || error) });
  }
};
`;

/** Page code: the scratch database, the OPFS segments, the timed measures (globalThis.__opfs). */
const PAGE_LIB = `(() => {
  ${CORE}
  const req = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const done = (tx) => new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); tx.onabort = () => reject(tx.error); });
  const enc = new TextEncoder();
  let shape;
  /** lib/audit/chain.ts canonicalEvent: keys sorted, seq and hash left out. */
  const canonical = (e) => {
    const own = Object.keys(e);
    if (!shape || shape.own.length !== own.length || shape.own.some((k, i) => k !== own[i])) shape = { own, keys: own.filter((k) => k !== 'seq' && k !== 'hash').sort() };
    return JSON.stringify(shape.keys.map((k) => [k, e[k]]));
  };
  const segName = (i) => 'seg-' + String(i).padStart(6, '0');
  /** A worker running the extension's bench file; resolves once it answered a ping. */
  const startWorker = (url) => new Promise((resolve, reject) => {
    let w;
    try { w = new Worker(url); } catch (error) { reject(error); return; }
    const timer = setTimeout(() => { w.terminate(); reject(new Error('no answer within 3 s')); }, 3000);
    w.onerror = (ev) => { clearTimeout(timer); w.terminate(); reject(new Error('worker error event: ' + (ev.message || 'no message'))); };
    w.onmessage = ({ data }) => { clearTimeout(timer); w.onerror = null; resolve({ w, sync: data.sync }); };
    w.postMessage({ op: 'ping' });
  });
  const call = (w, msg, transfer) => new Promise((resolve, reject) => {
    w.onmessage = ({ data }) => (data.ok ? resolve(data.result) : reject(new Error(data.error)));
    w.onerror = (ev) => reject(new Error('worker error: ' + ev.message));
    w.postMessage(msg, transfer ?? []);
  });

  const o = {
    db: null, lines: [], bytes: [], offsets: {}, dirs: {}, root: null,
    async open(name) {
      await req(indexedDB.deleteDatabase(name));
      const open = indexedDB.open(name, 1);
      open.onupgradeneeded = () => {
        const db = open.result;
        const s = db.createObjectStore('rows', { keyPath: 'seq', autoIncrement: true });
        for (const ix of ['at', 'action', 'recordKey', 'actor', 'recordId']) s.createIndex(ix, ix);
        s.createIndex('[crm+org]', ['crm', 'org']);
        s.createIndex('[recordKey+at]', ['recordKey', 'at']);
        s.createIndex('[actor+at]', ['actor', 'at']);
        s.createIndex('[action+at]', ['action', 'at']);
        s.createIndex('[crm+org+object]', ['crm', 'org', 'object']);
        s.createIndex('eventId', 'eventId', { unique: true });
        db.createObjectStore('offsets');
      };
      o.db = await req(open);
      o.root = await navigator.storage.getDirectory();
      await o.root.removeEntry('${OPFS_DIR}', { recursive: true }).catch(() => undefined);
    },
    /** A chunk of events: rows written, lines and raw bytes kept. */
    async seedChunk(chunk) {
      const t0 = performance.now();
      const tx = o.db.transaction('rows', 'readwrite');
      const s = tx.objectStore('rows');
      for (const e of chunk) s.put(e);
      await done(tx);
      const ms = performance.now() - t0;
      for (const e of chunk) { const c = canonical(e); o.lines.push(e.hash + c); o.bytes.push(enc.encode(c)); }
      return ms;
    },
    /** Segments of S lines written with createWritable, offsets kept (memory) and stored (IndexedDB). */
    async seedSegments(S) {
      const dir = await (await o.root.getDirectoryHandle('${OPFS_DIR}', { create: true })).getDirectoryHandle('S' + S, { create: true });
      o.dirs[S] = dir;
      const offs = [];
      let writeMs = 0, bytesTotal = 0;
      const t0 = performance.now();
      for (let i = 0; i * S < o.lines.length; i++) {
        const bytes = enc.encode(o.lines.slice(i * S, (i + 1) * S).join('\\n'));
        const off = new Uint32Array(S + 1);
        let k = 0;
        off[k++] = 0;
        for (let p = bytes.indexOf(10); p !== -1; p = bytes.indexOf(10, p + 1)) off[k++] = p + 1;
        off[k] = bytes.length + 1; // a virtual newline after the last line: line j is [off[j], off[j + 1] - 1)
        if (k !== S) throw new Error('segment ' + i + ': ' + k + ' lines, not ' + S);
        offs.push(off);
        const w0 = performance.now();
        const w = await (await dir.getFileHandle(segName(i), { create: true })).createWritable();
        await w.write(bytes);
        await w.close();
        writeMs += performance.now() - w0;
        bytesTotal += bytes.length;
      }
      const totalMs = performance.now() - t0;
      o.offsets[S] = offs;
      const tx = o.db.transaction('offsets', 'readwrite');
      offs.forEach((off, i) => tx.objectStore('offsets').put(off.buffer, S + ':' + i));
      await done(tx);
      return { writeMs, totalMs, bytes: bytesTotal, files: offs.length };
    },
    /** Is a Blob-URL worker allowed in this page? */
    async blobWorker() {
      const url = URL.createObjectURL(new Blob(['onmessage = () => postMessage({ sync: false });'], { type: 'text/javascript' }));
      try { const { w } = await startWorker(url); w.terminate(); return 'allowed'; }
      catch (error) { return 'refused: ' + (error && error.message || error); }
      finally { URL.revokeObjectURL(url); }
    },
    /** createSyncAccessHandle in a dedicated worker: write the segments of S again in another directory, timed in the worker. */
    async syncWrite(S) {
      const { w, sync } = await startWorker('/${WORKER_FILE}');
      try {
        if (!sync) return { available: false };
        const files = [];
        for (let i = 0; i * S < o.lines.length; i++) files.push({ name: segName(i), buffer: enc.encode(o.lines.slice(i * S, (i + 1) * S).join('\\n')).buffer });
        const t0 = performance.now();
        const r = await call(w, { op: 'syncWrite', dir: ['${OPFS_DIR}', 'sync-S' + S], files }, files.map((f) => f.buffer));
        const wall = performance.now() - t0;
        // Read back and compare sizes with the createWritable copy.
        const dir = await (await o.root.getDirectoryHandle('${OPFS_DIR}')).getDirectoryHandle('sync-S' + S);
        for (let i = 0; i < files.length; i++) {
          const a = await (await dir.getFileHandle(segName(i))).getFile();
          const b = await (await o.dirs[S].getFileHandle(segName(i))).getFile();
          if (a.size !== b.size) throw new Error('sync copy differs in size at ' + i);
        }
        await (await o.root.getDirectoryHandle('${OPFS_DIR}')).removeEntry('sync-S' + S, { recursive: true });
        return { available: true, workerMs: r.ms, wallMs: wall, bytes: r.bytes, files: r.files };
      } finally { w.terminate(); }
    },
    prepare() { o.lines = []; },
    pool: {},
    /** Workers kept alive between verifies (started once, outside any timing). */
    keeper: null,
    async warm(W) {
      o.keeper ??= await startWorker('/${WORKER_FILE}'); o.pool[W] ??= await Promise.all(Array.from({ length: W }, () => startWorker('/${WORKER_FILE}'))); },
    async estimate() { const e = await navigator.storage.estimate(); return { usage: e.usage, quota: e.quota, persisted: await navigator.storage.persisted() }; },

    /** a: raw digest, 256 in flight. */
    async raw() {
      const bytes = o.bytes;
      const t0 = performance.now();
      for (let i = 0; i < bytes.length; i += 256) await Promise.all(bytes.slice(i, i + 256).map((b) => crypto.subtle.digest('SHA-256', b)));
      return performance.now() - t0;
    },
    /** b: the rows, getAll pages of 1,000 on the known seq range. */
    async readRows(n) {
      const t0 = performance.now();
      let events = 0;
      for (let after = 0; after < n; after += ${PER_REQUEST}) {
        const v = await req(o.db.transaction('rows', 'readonly').objectStore('rows').getAll(IDBKeyRange.bound(after, Math.min(n, after + ${PER_REQUEST}), true, false), ${PER_REQUEST}));
        events += v.length;
      }
      return { ms: performance.now() - t0, events };
    },
    /** c: every segment of S read, one after another. */
    async readSegments(S, n) {
      const t0 = performance.now();
      let bytes = 0;
      for (let i = 0; i * S < n; i++) {
        const file = await (await o.dirs[S].getFileHandle(segName(i))).getFile();
        bytes += (await file.arrayBuffer()).byteLength;
      }
      return { ms: performance.now() - t0, bytes };
    },
    /** d: read + split + hash + walk on this thread. */
    async verify(S, n, genesis, useSet) {
      const t0 = performance.now();
      const items = [];
      for (let i = 0; i * S < n; i++) items.push({ name: segName(i), start: 0, end: null });
      const r = await checkLines(itemReader(o.dirs[S], items), { window: ${WINDOW}, head: enc.encode(genesis), useSet });
      if (r.count !== n) throw new Error('verified ' + r.count + ' of ' + n);
      return { ms: performance.now() - t0, head: r.lastHash, waitMs: r.waitMs };
    },
    /**
     * e: W workers, each a contiguous range of seqs: whole segments, or byte ranges cut at a line
     * through the in-memory offsets. Started and ended inside the timing.
     */
    async verifyWorkers(S, n, genesis, W, warm) {
      const t0 = performance.now();
      const ranges = [];
      for (let k = 0; k < W; k++) {
        const a = Math.floor((k * n) / W), b = Math.floor(((k + 1) * n) / W); // seqs (a, b]
        const items = [];
        for (let i = Math.floor(a / S); i * S < b; i++) {
          const from = Math.max(a, i * S) - i * S, to = Math.min(b, (i + 1) * S) - i * S; // lines [from, to) of segment i
          if (from === 0 && to === S) items.push({ name: segName(i), start: 0, end: null });
          else { const off = o.offsets[S][i]; items.push({ name: segName(i), start: off[from], end: to === S ? null : off[to] - 1 }); }
        }
        ranges.push({ items, count: b - a });
      }
      const workers = warm ? o.pool[W] : await Promise.all(ranges.map(() => startWorker('/${WORKER_FILE}')));
      const started = performance.now() - t0;
      try {
        const rs = await Promise.all(ranges.map((r, k) => call(workers[k].w, { op: 'check', dir: ['${OPFS_DIR}', 'S' + S], items: r.items, window: ${WINDOW}, useSet: true })));
        let prev = genesis, count = 0;
        rs.forEach((r, k) => {
          if (r.count !== ranges[k].count) throw new Error('worker ' + k + ' checked ' + r.count + ' of ' + ranges[k].count);
          if (r.firstPrev !== prev) throw new Error('range ' + k + ' does not link to the previous one');
          prev = r.lastHash; count += r.count;
        });
        if (count !== n) throw new Error('verified ' + count + ' of ' + n);
        return { ms: performance.now() - t0, head: prev, startMs: started, workerMs: rs.map((r) => r.ms), waitMs: rs.map((r) => r.waitMs) };
      } finally { if (!warm) for (const { w } of workers) w.terminate(); }
    },
    /**
     * f: one page of the table from the segments: distinct segments' offsets (memory, or one
     * IndexedDB get each in one transaction), their File (getFileHandle + getFile), then one
     * File.slice(...).text() per event, all in flight, parsed back into full events.
     */
    async pageOpfs(S, seqs, fromDb) {
      const t0 = performance.now();
      const segs = [...new Set(seqs.map((s) => Math.floor((s - 1) / S)))];
      let offs;
      if (fromDb) {
        const store = o.db.transaction('offsets', 'readonly').objectStore('offsets');
        const bufs = await Promise.all(segs.map((i) => req(store.get(S + ':' + i))));
        offs = new Map(segs.map((i, k) => [i, new Uint32Array(bufs[k])]));
      } else offs = new Map(segs.map((i) => [i, o.offsets[S][i]]));
      const files = new Map(await Promise.all(segs.map(async (i) => [i, await (await o.dirs[S].getFileHandle(segName(i))).getFile()])));
      const texts = await Promise.all(seqs.map((seq) => {
        const i = Math.floor((seq - 1) / S), j = (seq - 1) % S, off = offs.get(i);
        return files.get(i).slice(off[j], off[j + 1] - 1).text();
      }));
      const out = texts.map((t, k) => ({ ...Object.fromEntries(JSON.parse(t.slice(64))), seq: seqs[k], hash: t.slice(0, 64) }));
      const ms = performance.now() - t0;
      if (out.some((e, k) => e.seq !== seqs[k] || typeof e.eventId !== 'string' || !Array.isArray(e.fields) || !/^[0-9a-f]{64}$/.test(e.hash))) throw new Error('S' + S + ': a wrong event');
      return { ms, segments: segs.length };
    },
    /**
     * f through a worker kept alive (o.pool[1]) reading the lines with sync access handles, the
     * offsets in memory; the page decodes and parses the lines it gets back.
     */
    async pageSync(S, seqs, keep) {
      const t0 = performance.now();
      const reads = seqs.map((seq) => {
        const i = Math.floor((seq - 1) / S), j = (seq - 1) % S, off = o.offsets[S][i];
        return { name: segName(i), start: off[j], len: off[j + 1] - 1 - off[j] };
      });
      const r = await call(keep ? o.keeper.w : o.pool[1][0].w, { op: 'page', dir: ['${OPFS_DIR}', 'S' + S], reads, keep });
      let at = 0;
      const bytes = new Uint8Array(r.buffer);
      const out = reads.map((rd, k) => {
        const t = new TextDecoder().decode(bytes.subarray(at, at + rd.len));
        at += rd.len;
        return { ...Object.fromEntries(JSON.parse(t.slice(64))), seq: seqs[k], hash: t.slice(0, 64) };
      });
      const ms = performance.now() - t0;
      if (out.some((e, k) => e.seq !== seqs[k] || typeof e.eventId !== 'string' || !Array.isArray(e.fields) || !/^[0-9a-f]{64}$/.test(e.hash))) throw new Error('S' + S + ': a wrong event (sync)');
      return { ms, segments: new Set(reads.map((x) => x.name)).size, workerMs: r.ms };
    },
    /** f, reference: the rows' page, one get per event in one transaction (Dexie bulkGet). */
    async pageRows(seqs) {
      const t0 = performance.now();
      const store = o.db.transaction('rows', 'readonly').objectStore('rows');
      const out = await Promise.all(seqs.map((s) => req(store.get(s))));
      const ms = performance.now() - t0;
      if (out.some((e, k) => !e || e.seq !== seqs[k])) throw new Error('rows: a wrong event');
      return { ms, segments: seqs.length };
    },
    async close(name) {
      for (const ws of Object.values(o.pool)) for (const { w } of ws) w.terminate();
      // The kept sync handles are closed before the worker ends, or removeEntry may find them still open.
      if (o.keeper) await call(o.keeper.w, { op: 'release' }).catch(() => undefined);
      o.keeper?.w.terminate();
      o.pool = {};
      o.keeper = null;
      o.db?.close();
      o.db = null; o.bytes = []; o.lines = []; o.offsets = {}; o.dirs = {};
      await req(indexedDB.deleteDatabase(name));
      let opfsLeft = false;
      try { await (o.root ?? await navigator.storage.getDirectory()).removeEntry('${OPFS_DIR}', { recursive: true }); }
      catch (error) { opfsLeft = error && error.name !== 'NotFoundError'; }
      return { dbLeft: (await indexedDB.databases()).some((d) => d.name === name), opfsLeft };
    },
  };
  globalThis.__opfs = o;
})()`;

function table(head, cells) {
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

async function main() {
  if (!existsSync(path.join(OUR_EXT, 'manifest.json'))) {
    throw new Error(`No built extension in ${OUR_EXT}. Build it first: ${process.env.CPG_OUT_DIR ? `CPG_OUT_DIR=${process.env.CPG_OUT_DIR} ` : ''}npx wxt build -b chrome`);
  }
  if (N % CHUNK !== 0) throw new Error(`BENCH_OPFS_EVENTS must be a multiple of ${CHUNK}`);
  for (const S of SEGMENTS) if (!(S > 0) || N % S !== 0) throw new Error(`BENCH_OPFS_SEGMENTS: ${S} does not divide ${N}`);
  const load = loadavg().map((x) => round(x, 2));
  process.stderr.write(`load average ${load.join(' ')}; chaining ${N.toLocaleString('en')} events…\n`);
  const events = chainedEvents({ first: 1, count: N, prev: GENESIS, t0: seedStart(), step: Math.floor((260 * DAY) / N) });
  const head = events[events.length - 1].hash;

  // A temporary copy of the built extension with the bench worker's file added (the build is left untouched).
  const extDir = path.join(mkdtempSync(path.join(tmpdir(), 'cpg-opfs-')), 'chrome-mv3');
  cpSync(OUR_EXT, extDir, { recursive: true });
  writeFileSync(path.join(extDir, WORKER_FILE), WORKER_SOURCE);

  const { context, extensionId } = await launchWithExtension({ extensionDir: extDir });
  const page = await context.newPage();
  const ev = (fn, arg) => page.evaluate(fn, arg);
  let opened = false;
  try {
    await page.goto(`chrome-extension://${extensionId}/dashboard.html`);
    await page.evaluate(PAGE_LIB);
    const chromium = await ev(() => /Chrome\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? 'unknown');
    await ev((name) => globalThis.__opfs.open(name), SCRATCH_DB);
    opened = true;

    process.stderr.write(`seeding ${N.toLocaleString('en')} rows into '${SCRATCH_DB}'…\n`);
    let rowsSeedMs = 0;
    for (let i = 0; i < N; i += CHUNK) rowsSeedMs += await ev((chunk) => globalThis.__opfs.seedChunk(chunk), events.slice(i, i + CHUNK));
    const seeding = {};
    for (const S of SEGMENTS) {
      process.stderr.write(`writing OPFS segments of ${S}…\n`);
      seeding[S] = await ev((S) => globalThis.__opfs.seedSegments(S), S);
    }
    const blobWorker = await ev(() => globalThis.__opfs.blobWorker());
    let syncWrite = null;
    if (SYNC) {
      const S = SEGMENTS.includes(5000) ? 5000 : SEGMENTS[0];
      process.stderr.write(`writing segments of ${S} again with createSyncAccessHandle in a worker…\n`);
      syncWrite = await ev((S) => globalThis.__opfs.syncWrite(S), S).catch((e) => ({ error: String(e?.message ?? e) }));
      if (syncWrite) syncWrite.S = S;
    }
    await ev(() => globalThis.__opfs.prepare());
    const storage = await ev(() => globalThis.__opfs.estimate());

    const extra = {};
    const note = (key, value) => (extra[key] ??= []).push(value);
    const measures = [
      { key: 'raw', run: () => ev(() => globalThis.__opfs.raw()) },
      {
        key: 'rows',
        run: async () => {
          const r = await ev((n) => globalThis.__opfs.readRows(n), N);
          if (r.events !== N) throw new Error(`rows: read ${r.events} of ${N}`);
          return r.ms;
        },
      },
    ];
    for (const W of new Set([1, ...WORKERS])) await ev((W) => globalThis.__opfs.warm(W), W);
    for (const S of SEGMENTS) {
      measures.push({ key: `read:${S}`, run: async () => (await ev(({ S, n }) => globalThis.__opfs.readSegments(S, n), { S, n: N })).ms });
      for (const useSet of [true, false]) {
        const key = `verify${useSet ? '' : '-noset'}:${S}`;
        measures.push({
          key,
          run: async () => {
            const r = await ev((a) => globalThis.__opfs.verify(a.S, a.n, a.genesis, a.useSet), { S, n: N, genesis: GENESIS, useSet });
            if (r.head !== head) throw new Error(`${key}: ended on another head`);
            note(`${key}:wait`, r.waitMs);
            return r.ms;
          },
        });
      }
      for (const [W, warm] of WORKERS.flatMap((W) => [[W, false], [W, true]])) {
        const key = `workers${W}${warm ? 'warm' : ''}:${S}`;
        measures.push({
          key,
          run: async () => {
            const r = await ev((a) => globalThis.__opfs.verifyWorkers(a.S, a.n, a.genesis, a.W, a.warm), { S, n: N, genesis: GENESIS, W, warm });
            if (r.head !== head) throw new Error(`${key}: ended on another head`);
            note(`${key}:start`, r.startMs);
            note(`${key}:worker`, Math.max(...r.workerMs));
            note(`${key}:wait`, Math.max(...r.waitMs));
            return r.ms;
          },
        });
      }
    }
    // f: three table pages per run for each variant, each starting elsewhere.
    const segmentsRead = {};
    let call = 0;
    const seqsOfPage = () => {
      const top = N - ((call++ * 37) % GAP);
      return Array.from({ length: PAGE }, (_, i) => top - i * GAP).filter((s) => s > 0);
    };
    const pageVariants = [{ key: 'page:rows', fn: (seqs) => ev((seqs) => globalThis.__opfs.pageRows(seqs), seqs) }];
    for (const S of SEGMENTS) {
      for (const fromDb of [false, true]) {
        pageVariants.push({ key: `page:${fromDb ? 'idb' : 'mem'}:${S}`, fn: (seqs) => ev((a) => globalThis.__opfs.pageOpfs(a.S, a.seqs, a.fromDb), { S, seqs, fromDb }) });
      }
      pageVariants.push({ key: `page:sync:${S}`, fn: (seqs) => ev((a) => globalThis.__opfs.pageSync(a.S, a.seqs, false), { S, seqs }) });
      pageVariants.push({ key: `page:kept:${S}`, fn: (seqs) => ev((a) => globalThis.__opfs.pageSync(a.S, a.seqs, true), { S, seqs }) });
    }
    for (const v of pageVariants.flatMap((v) => [v, v, v])) {
      measures.push({
        key: v.key,
        run: async () => {
          const r = await v.fn(seqsOfPage());
          segmentsRead[v.key] = r.segments;
          return r.ms;
        },
      });
    }

    const times = Object.fromEntries(measures.map((m) => [m.key, []]));
    const distinct = measures.filter((m, i) => measures.findIndex((x) => x.key === m.key) === i);
    process.stderr.write('warm-up round…\n');
    for (const m of distinct) await m.run();
    for (const k of Object.keys(extra)) extra[k] = [];
    const runLoad = [];
    for (let r = 0; r < RUNS; r++) {
      runLoad.push(loadavg().map((x) => round(x, 2)));
      process.stderr.write(`run ${r + 1}/${RUNS} (load ${runLoad[r].join(' ')})…\n`);
      for (let k = 0; k < measures.length; k++) {
        const m = measures[(k + r) % measures.length];
        times[m.key].push(await m.run());
      }
    }

    const raw = median(times.raw);
    const med = (key) => median(times[key]);
    // Also the median of the per-run ratios (each run's time over that run's raw digest): steadier
    // when the machine's load changes between runs.
    const perRun = (key) => median(times[key].map((t, r) => t / times.raw[r]));
    const cell = (key) => (times[key] ? [String(round(med(key))), `×${round(med(key) / raw, 2)}`, `×${round(perRun(key), 2)}`] : ['', '', '']);
    const longRows = [
      ['a  raw SHA-256 of the canonical bytes (256 in flight)', ...cell('raw')],
      ['b  IndexedDB rows, getAll pages of 1,000', ...cell('rows')],
    ];
    for (const S of SEGMENTS) {
      const files = N / S;
      longRows.push([`c  OPFS read, segments of ${S} (${files} file${files > 1 ? 's' : ''})`, ...cell(`read:${S}`)]);
      longRows.push([`d  read+split+hash+walk, page, S=${S}`, ...cell(`verify:${S}`)]);
      longRows.push([`d' same without the Set of hashes, S=${S}`, ...cell(`verify-noset:${S}`)]);
      for (const W of WORKERS) {
        longRows.push([`e  same in ${W} worker${W > 1 ? 's' : ''} (started inside), S=${S}`, ...cell(`workers${W}:${S}`)]);
        longRows.push([`e  same in ${W} worker${W > 1 ? 's' : ''} kept alive, S=${S}`, ...cell(`workers${W}warm:${S}`)]);
      }
    }
    console.log(table([`measure (${N.toLocaleString('en')} events)`, 'ms', '×raw', 'per-run ×raw'], longRows));
    console.log(`\nf  one table page (${PAGE} events ${GAP} seqs apart, newest first, full events):`);
    console.log(
      table(
        ['variant', 'ms', 'values/segments read'],
        pageVariants.map((v) => [
          v.key === 'page:rows'
            ? 'rows, 200 gets in one transaction'
            : v.key.startsWith('page:sync:')
              ? `OPFS S=${v.key.split(':')[2]}, sync handles opened per page, live worker`
              : v.key.startsWith('page:kept:')
                ? `OPFS S=${v.key.split(':')[2]}, sync handles kept open, live worker`
              : `OPFS S=${v.key.split(':')[2]}, File.slice, offsets ${v.key.split(':')[1] === 'mem' ? 'in memory' : 'from IndexedDB'}`,
          String(round(med(v.key), 1)),
          String(segmentsRead[v.key]),
        ]),
      ),
    );
    const sMb = (b) => round(b / 1e6, 1);
    console.log('\nseeding (createWritable, in the page):');
    for (const S of SEGMENTS) {
      const s = seeding[S];
      console.log(`  S=${S}: ${s.files} files, ${sMb(s.bytes)} MB, write ${round(s.writeMs)} ms (${round(s.bytes / 1e3 / s.writeMs, 1)} MB/s), with encoding ${round(s.totalMs)} ms`);
    }
    console.log(`  IndexedDB rows (v2 indexes): ${round(rowsSeedMs)} ms`);
    console.log(`  createSyncAccessHandle in a dedicated worker: ${syncWrite ? JSON.stringify({ ...syncWrite, workerMs: round(syncWrite.workerMs ?? 0), wallMs: round(syncWrite.wallMs ?? 0) }) : 'not tried'}`);
    console.log(`  Blob-URL worker: ${blobWorker}`);
    console.log(`  storage.estimate(): usage ${sMb(storage.usage)} MB of quota ${sMb(storage.quota)} MB, persisted ${storage.persisted}`);
    const details = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, round(median(v))]));
    console.log(`  medians inside e/d (ms): ${Object.entries(details).map(([k, v]) => `${k}=${v}`).join(' ')}`);
    console.log(`\n${N.toLocaleString('en')} events; medians of ${RUNS} runs; Chromium ${chromium}; ${cpus().length} cores; load at start ${load.join(' ')}, per run ${runLoad.map((l) => l[0]).join(' / ')}`);

    const out = {
      at: new Date().toISOString(),
      events: N,
      runs: RUNS,
      window: WINDOW,
      machine: { cores: cpus().length, node: process.version, chromium, load, runLoad },
      raw: round(raw),
      medians: Object.fromEntries(Object.keys(times).map((k) => [k, { ms: round(med(k), 1), ratio: round(med(k) / raw, 2), perRunRatio: round(perRun(k), 2), runs: times[k].map((x) => round(x, 1)) }])),
      details,
      segmentsRead,
      seeding: { rowsMs: round(rowsSeedMs), opfs: seeding, syncAccessHandle: syncWrite, blobWorker, storage },
    };
    mkdirSync(path.join(root, 'bench/results'), { recursive: true });
    writeFileSync(path.join(root, 'bench/results/log-opfs.json'), `${JSON.stringify(out, null, 2)}\n`);
    console.log('bench/results/log-opfs.json written');
  } finally {
    if (opened) {
      const left = await ev((name) => globalThis.__opfs.close(name), SCRATCH_DB).catch(() => ({ dbLeft: true, opfsLeft: true }));
      if (left.dbLeft || left.opfsLeft) console.error('the scratch database or OPFS directory could not be deleted (the browser profile is temporary)');
    }
    await context.close();
    rmSync(path.dirname(extDir), { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
