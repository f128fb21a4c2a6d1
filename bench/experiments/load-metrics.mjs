// Experiment for benchmark #2 (issue 7): what kind of work ours adds to a record page by its load
// event. Two browsers (ours, and the do-nothing extension of #2) load the Salesforce record page in
// turn, 400 ms apart; right after each load event, DevTools' Performance.getMetrics gives the new
// document's task, script, style and layout time and the style and layout pass counts. Prints the
// medians. Build first:
//   CPG_OUT_DIR=/tmp/x npx wxt build -b chrome && CPG_OUT_DIR=/tmp/x node bench/experiments/load-metrics.mjs
// BENCH_RUNS sets the loads per browser (default 20).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchWithExtension, routeFixtures } from '../../scripts/lib/chromium.mjs';
import { doNothingExtension } from '../noop-extension.mjs';
import { RECORD_URL, fixture } from '../pages.mjs';
import { median } from '../stats.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const OUR = path.join(process.env.CPG_OUT_DIR ? path.resolve(process.env.CPG_OUT_DIR) : path.join(root, '.output'), 'chrome-mv3');
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const KEYS = ['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration', 'RecalcStyleCount', 'LayoutCount'];

const noop = doNothingExtension(OUR);

const browsers = {};
try {
  for (const [name, dir] of [['ours', OUR], ['noop', noop]]) {
    const { context } = await launchWithExtension({ extensionDir: dir });
    await routeFixtures(context, [{ url: RECORD_URL, body: fixture('sf-lex-contact.html') }]);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(RECORD_URL, { waitUntil: 'load' }); // warm-up
    browsers[name] = { context, page, cdp, values: Object.fromEntries(KEYS.map((k) => [k, []])) };
  }
  for (let i = 0; i < RUNS; i++) {
    for (const name of i % 2 ? ['ours', 'noop'] : ['noop', 'ours']) {
      const b = browsers[name];
      await new Promise((resolve) => setTimeout(resolve, 400));
      await b.page.goto(RECORD_URL, { waitUntil: 'load' });
      // The metrics start again with each document: read right after its load event.
      const metrics = Object.fromEntries((await b.cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
      for (const k of KEYS) b.values[k].push(k.endsWith('Count') ? metrics[k] : metrics[k] * 1000);
    }
  }
  console.log(`record page, ${RUNS} loads each, medians at the load event (ms, or passes):`);
  for (const k of KEYS) console.log(`  ${k.padEnd(20)} noop ${median(browsers.noop.values[k]).toFixed(2).padStart(7)}   ours ${median(browsers.ours.values[k]).toFixed(2).padStart(7)}`);
} finally {
  await Promise.all(Object.values(browsers).map((b) => b.context.close()));
}
