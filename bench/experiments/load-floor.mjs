// Experiment for benchmark #2 (issue 7): what of our cost on a record page's load event is fixed by
// what masking must put in place before the first paint, and what is our script's work?
//
// Five browsers, each with one extension, load the same Salesforce record page (or the 2,000-row
// list: `node bench/experiments/load-floor.mjs list`) in turn, the order rotating round by round
// and each load after a 250 ms pause (as #2 in bench/run.mjs). Extensions, all with the built
// extension's host list and `document_start`:
//   noop   a content script doing one storage read (#2's baseline, toolchain.md);
//   css    noop + the pre-hiding stylesheet (content-scripts/crm.css), what hides values before paint;
//   hook   noop + the attachShadow hook in the page's world (content-scripts/cpg-shadow-hook.js);
//   dead   noop + the bytes of content-scripts/crm.js as dead code (parsed, never run);
//   ours   the built extension.
// Prints the median load event of each and its ratio to noop. Build first:
//   CPG_OUT_DIR=/tmp/x npx wxt build -b chrome && CPG_OUT_DIR=/tmp/x node bench/experiments/load-floor.mjs [record|list]
// BENCH_RUNS sets the loads per browser (default 30).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchWithExtension, routeFixtures } from '../../scripts/lib/chromium.mjs';
import { doNothingExtension } from '../noop-extension.mjs';
import { RECORD_URL, fixture, listPage, listUrl } from '../pages.mjs';
import { median } from '../stats.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const OUR = path.join(process.env.CPG_OUT_DIR ? path.resolve(process.env.CPG_OUT_DIR) : path.join(root, '.output'), 'chrome-mv3');
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const which = process.argv[2] ?? 'record';
const target = which === 'list' ? { url: listUrl(2000), body: listPage(2000) } : { url: RECORD_URL, body: fixture('sf-lex-contact.html') };

const crm = readFileSync(path.join(OUR, 'content-scripts/crm.js'), 'utf8');
const NOOP = "chrome.storage.local.get('x');\n";
const files = { 'crm.css': path.join(OUR, 'content-scripts/crm.css'), 'hook.js': path.join(OUR, 'content-scripts/cpg-shadow-hook.js') };
const variants = {
  noop: doNothingExtension(OUR),
  css: doNothingExtension(OUR, { extra: { css: ['crm.css'] }, files }),
  hook: doNothingExtension(OUR, { before: [{ js: ['hook.js'], world: 'MAIN' }], files }),
  dead: doNothingExtension(OUR, { js: `${NOOP}if (Math.random() < 0) {${crm}}\n` }),
  ours: OUR,
};

const browsers = {};
try {
  // Launched ours first, noop last: the first browser launched loaded slower in some runs here,
  // so any such bias goes against ours and the parts, never for them.
  for (const [name, dir] of Object.entries(variants).reverse()) {
    const { context } = await launchWithExtension({ extensionDir: dir });
    browsers[name] = { context, loads: [] };
    await routeFixtures(context, [target]);
    browsers[name].page = await context.newPage();
    await browsers[name].page.goto(target.url, { waitUntil: 'load' }); // warm-up
  }
  const names = Object.keys(variants);
  for (let i = 0; i < RUNS; i++) {
    for (let j = 0; j < names.length; j++) {
      const b = browsers[names[(i + j) % names.length]];
      await new Promise((resolve) => setTimeout(resolve, 250));
      await b.page.goto(target.url, { waitUntil: 'load' });
      b.loads.push(await b.page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd));
    }
  }
  const base = median(browsers.noop.loads);
  console.log(`${which} page, ${RUNS} loads each (median load event, ratio to noop):`);
  for (const name of names) console.log(`  ${name.padEnd(5)} ${median(browsers[name].loads).toFixed(1).padStart(7)} ms  ×${(median(browsers[name].loads) / base).toFixed(3)}`);
} finally {
  await Promise.all(Object.values(browsers).map((b) => b.context.close()));
}
