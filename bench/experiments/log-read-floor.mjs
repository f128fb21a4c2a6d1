// Experiment for benchmark #6 (issue 7): how fast can IndexedDB hand back the 100,000 events that
// *Verify now* must check, however the reads are arranged and whatever shape a row has, against
// the raw SHA-256 of the same canonical bytes (#6's baseline) in the same page. If reading alone is
// near ×2 of the baseline, no hashing or scheduling change in Verify can bring #6 under ×2.
// In the built extension's dashboard page (same origin and database as the real log):
//   reads of the log's rows: one reader; 2, 4 and 8 readers at once on the page's thread; 1, 2
//   and 4 dedicated workers (Blob URL), each reading its part of the seqs; keys only (getAllKeys);
//   the same events copied into a scratch database as objects (today's rows), as one string each
//   (canonical form + hash), as index fields + that string, and as an ArrayBuffer, read 2 at once.
// Build first:
//   CPG_OUT_DIR=/tmp/x npx wxt build -b chrome && CPG_OUT_DIR=/tmp/x npm run bench:read-floor
// BENCH_RUNS sets the rounds (default 2); BENCH_LOG_VERIFY the events (default 100,000).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchWithExtension } from '../../scripts/lib/chromium.mjs';
import { helpers } from '../log.mjs';
import { median } from '../stats.mjs';

const { serviceWorker, clearLog, chainedEvents, storeChained, seedStart, openLogView, GENESIS, DAY } = helpers;
const root = fileURLToPath(new URL('../..', import.meta.url));
const OUR = path.join(process.env.CPG_OUT_DIR ? path.resolve(process.env.CPG_OUT_DIR) : path.join(root, '.output'), 'chrome-mv3');
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const N = Number(process.env.BENCH_LOG_VERIFY ?? 100_000);

const { context, extensionId } = await launchWithExtension({ extensionDir: OUR });
try {
  const sw = await serviceWorker(context, extensionId);
  await clearLog(sw);
  await storeChained(sw, chainedEvents({ first: 1, count: N, prev: GENESIS, t0: seedStart(), step: Math.floor((260 * DAY) / N) }));
  const page = await openLogView(context, extensionId, N);
  const rounds = await page.evaluate(
    async ({ N, RUNS }) => {
      const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
      const done = (tx) => new Promise((res, rej) => { tx.oncomplete = res; tx.onerror = () => rej(tx.error); });
      // The same reader in the page and in the workers: (lo, hi] in pages of 1,000, `k` parts at once.
      const reader = `
        const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
        async function readRange(db, store, lo, hi, keysOnly) {
          let n = 0;
          for (let after = lo; after < hi; after += 1000) {
            const s = db.transaction(store, 'readonly').objectStore(store);
            const range = IDBKeyRange.bound(after, hi, true, false);
            n += (await req(keysOnly ? s.getAllKeys(range, 1000) : s.getAll(range, 1000))).length;
          }
          return n;
        }
        async function readParts(db, store, lo, hi, k, keysOnly) {
          const span = (hi - lo) / k;
          const parts = await Promise.all(Array.from({ length: k }, (_, j) => readRange(db, store, Math.floor(lo + j * span), Math.floor(lo + (j + 1) * span), keysOnly)));
          return parts.reduce((a, b) => a + b, 0);
        }`;
      const { readParts } = new Function(`${reader}; return { readParts };`)();
      const workerUrl = URL.createObjectURL(new Blob([`${reader}
        self.onmessage = async ({ data }) => {
          const db = await req(indexedDB.open('crm-privacy-guard'));
          const n = await readParts(db, 'events', data.lo, data.hi, 1, false);
          db.close();
          self.postMessage(n);
        };`], { type: 'text/javascript' }));
      const log = await req(indexedDB.open('crm-privacy-guard'));
      const events = await req(log.transaction('events').objectStore('events').getAll());
      const canon = (e) => JSON.stringify(Object.keys(e).filter((k) => k !== 'seq' && k !== 'hash').sort().map((k) => [k, e[k]]));
      const enc = new TextEncoder();
      await req(indexedDB.deleteDatabase('cpg-read-floor'));
      const opening = indexedDB.open('cpg-read-floor', 1);
      const SHAPES = ['objects', 'string', 'fields+string', 'bytes'];
      opening.onupgradeneeded = () => { for (const s of SHAPES) opening.result.createObjectStore(s); };
      const scratch = await req(opening);
      for (let i = 0; i < N; i += 10_000) {
        const tx = scratch.transaction(SHAPES, 'readwrite');
        for (const e of events.slice(i, i + 10_000)) {
          const c = canon(e);
          tx.objectStore('objects').put(e, e.seq);
          tx.objectStore('string').put(c + e.hash, e.seq);
          tx.objectStore('fields+string').put({ seq: e.seq, recordKey: e.recordKey, actor: e.actor, at: e.at, action: e.action, c, hash: e.hash }, e.seq);
          tx.objectStore('bytes').put(enc.encode(c + e.hash).buffer, e.seq);
        }
        await done(tx);
      }
      const bytes = events.map((e) => enc.encode(canon(e)));
      const check = (n) => { if (n !== N) throw new Error(`read ${n} events, expected ${N}`); };
      const time = async (f) => { const t0 = performance.now(); check(await f()); return performance.now() - t0; };
      const workers = async (k) => {
        const ws = Array.from({ length: k }, () => new Worker(workerUrl));
        try {
          return await time(async () => (await Promise.all(ws.map((w, i) => new Promise((resolve, reject) => {
            w.onmessage = (e) => resolve(e.data);
            w.onerror = () => reject(new Error('worker failed'));
            w.postMessage({ lo: Math.floor((i * N) / k), hi: Math.floor(((i + 1) * N) / k) });
          })))).reduce((a, b) => a + b, 0));
        } finally {
          ws.forEach((w) => w.terminate());
        }
      };
      const out = [];
      for (let r = 0; r < RUNS; r++) {
        const row = {};
        let t0 = performance.now();
        for (let i = 0; i < bytes.length; i += 256) await Promise.all(bytes.slice(i, i + 256).map((b) => crypto.subtle.digest('SHA-256', b)));
        row['raw SHA-256 (baseline)'] = performance.now() - t0;
        row['log rows, 1 reader'] = await time(() => readParts(log, 'events', 0, N, 1, false));
        for (const k of [2, 4, 8]) row[`log rows, ${k} readers at once`] = await time(() => readParts(log, 'events', 0, N, k, false));
        for (const k of [1, 2, 4]) row[`log rows, ${k} worker${k > 1 ? 's' : ''}`] = await workers(k);
        row['log keys only (getAllKeys)'] = await time(() => readParts(log, 'events', 0, N, 1, true));
        for (const s of SHAPES) row[`scratch: ${s}, 2 readers`] = await time(() => readParts(scratch, s, 0, N, 2, false));
        out.push(row);
      }
      scratch.close();
      log.close();
      await req(indexedDB.deleteDatabase('cpg-read-floor'));
      return out;
    },
    { N, RUNS },
  );
  console.log(`${N.toLocaleString('en')} events, ${RUNS} rounds; medians in ms, and × the raw SHA-256 of the same round`);
  for (const key of Object.keys(rounds[0])) {
    const ms = median(rounds.map((r) => r[key]));
    const ratio = median(rounds.map((r) => r[key] / r['raw SHA-256 (baseline)']));
    console.log(`${key.padEnd(34)} ${String(Math.round(ms)).padStart(6)}   ×${ratio.toFixed(2)}`);
  }
} finally {
  await context.close();
}
