#!/usr/bin/env node
// The demo: the built extension (.output/chrome-mv3) in Debian's Chromium on the bundled demo CRM,
// served under real Salesforce and HubSpot URLs by request interception (nothing goes to the
// network). Run it through `bash scripts/demo.sh`, which installs and builds first.
//
//   node scripts/demo.mjs              headed when DISPLAY is set, else headless screenshots
//   node scripts/demo.mjs --headless   always headless: screenshots in demo-screenshots/
//
// Headless writes full-page screenshots of each demo start page and of the extension popup for the
// Salesforce contact tab, prints their paths and exits 0 (1 with a message on any error).

import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium, launchWithExtension, routeFixtures } from './lib/chromium.mjs';
import { DEMO_START_URLS, demoRoutes } from './demo-crm/render.mjs';
import { sfContacts } from './demo-crm/data.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXTENSION_DIR = path.join(ROOT, '.output', 'chrome-mv3');
const SHOT_DIR = path.join(ROOT, 'demo-screenshots');
const BADGE = '[data-cpg="badge"]';
const BADGE_WAIT_MS = 5_000;
const DEADLINE_MS = 58_000;

/** Pages of the headless run, in screenshot order. `record`: a badge may appear. */
const HEADLESS_PAGES = [
  { name: 'sf-contact-list', url: DEMO_START_URLS.sfContactList, record: false },
  { name: 'sf-contact', url: DEMO_START_URLS.sfContact, record: true },
  { name: 'sf-lead', url: DEMO_START_URLS.sfLead, record: true },
  { name: 'sf-account-related-contacts', url: DEMO_START_URLS.sfAccountContacts, record: false },
  { name: 'hubspot-index', url: DEMO_START_URLS.hsIndex, record: false },
  { name: 'hubspot-contact', url: DEMO_START_URLS.hsContact, record: true },
  { name: 'sf-hostile-name', url: DEMO_START_URLS.hostile, record: true },
];

const HOSTILE_NAME = sfContacts.find((c) => c.lastName.includes('<'))?.lastName ?? '';

class DemoError extends Error {}

function usage() {
  console.log(`Usage: node scripts/demo.mjs [--headless]
  Headed (DISPLAY set, no --headless): opens the demo CRM in Chromium with the extension; close the browser to end.
  Headless: screenshots of the demo pages and the popup in demo-screenshots/.`);
}

const rel = (/** @type {string} */ p) => path.relative(process.cwd(), p) || p;

async function main() {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    usage();
    return 0;
  }
  const unknown = argv.filter((a) => !['--headless', '--headed'].includes(a));
  if (unknown.length) throw new DemoError(`Unknown argument(s): ${unknown.join(' ')} (try --help)`);

  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new DemoError(
      `No built extension at ${rel(EXTENSION_DIR)}/manifest.json. Build it first: npx wxt build (or run: bash scripts/demo.sh)`,
    );
  }
  try {
    ensureChromium();
  } catch (error) {
    throw new DemoError(error instanceof Error ? error.message : String(error));
  }

  const headed = !argv.includes('--headless') && (argv.includes('--headed') || Boolean(process.env.DISPLAY));
  if (argv.includes('--headed') && !process.env.DISPLAY) {
    throw new DemoError('--headed needs an X display (DISPLAY is not set). Run it under an X server (e.g. xvfb-run from the xvfb package), or use --headless.');
  }
  return headed ? runHeaded() : runHeadless();
}

async function runHeaded() {
  const { context, extensionId } = await launchWithExtension({ extensionDir: EXTENSION_DIR, headless: false });
  await routeFixtures(context, demoRoutes());
  const stop = async () => {
    await context.close().catch(() => undefined);
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(143)));

  const first = context.pages()[0] ?? (await context.newPage());
  await first.goto(DEMO_START_URLS.sfContactList);
  for (const url of [DEMO_START_URLS.sfContact, DEMO_START_URLS.hsContact]) {
    const page = await context.newPage();
    await page.goto(url);
  }
  console.log(`CRM Privacy Guard demo (extension id ${extensionId}). Fake data only; nothing leaves this machine.

Open tabs:
  Salesforce contact list  ${DEMO_START_URLS.sfContactList}
  Salesforce contact       ${DEMO_START_URLS.sfContact}
  HubSpot contact          ${DEMO_START_URLS.hsContact}

Things to try:
  - Next to each record's name: the lawful-basis badge. Click it to open the record panel.
  - Click around the Salesforce list and nav bar (Contacts, Leads, Accounts): pages change in place
    like Lightning (the previous page stays hidden in the DOM); Back/Forward work.
  - Tobias Renner's Description holds an IBAN; Dr. Priya Natarajan has Health Notes; the contact named
    ${HOSTILE_NAME} must show that text literally, never run it.
  - HubSpot: Contacts index, records with "Legal basis for processing contact's data"; the EU portal
    (${DEMO_START_URLS.hsEuIndex}) via the left nav.
  - The toolbar button opens the popup for the current tab.

Close the browser window (or press Ctrl+C) to end the demo.`);

  await new Promise((resolve) => {
    context.on('close', resolve);
    // Closing the last window does not always end a browser that runs an extension.
    context.on('page', (p) => p.on('close', () => context.pages().length === 0 && void stop()));
    for (const p of context.pages()) p.on('close', () => context.pages().length === 0 && void stop());
  });
  console.log('Browser closed.');
  return 0;
}

async function runHeadless() {
  const started = Date.now();
  const watchdog = setTimeout(() => {
    console.error(`demo: gave up after ${DEADLINE_MS / 1000} s`);
    process.exit(1);
  }, DEADLINE_MS);
  watchdog.unref();

  const { context, extensionId, serviceWorker } = await launchWithExtension({ extensionDir: EXTENSION_DIR, headless: true });
  try {
    await routeFixtures(context, demoRoutes());
    mkdirSync(SHOT_DIR, { recursive: true });
    console.log(`Chromium started with the extension (id ${extensionId}); demo pages are served by request interception.`);

    /** @type {string[]} */
    const dialogs = [];
    /** @type {string[]} */
    const pageErrors = [];
    const newPage = async () => {
      const page = await context.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      page.on('dialog', (d) => {
        dialogs.push(`${d.type()} "${d.message()}" on ${page.url()}`);
        void d.dismiss().catch(() => undefined);
      });
      page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
      return page;
    };

    /** Waits for the badge up to BADGE_WAIT_MS; never fails. @param {import('playwright-core').Page} page */
    const badgeState = async (page) => {
      const found = await page
        .waitForSelector(BADGE, { state: 'attached', timeout: BADGE_WAIT_MS })
        .then(() => true)
        .catch(() => false);
      if (!found) return 'no badge (yet)';
      await page.waitForTimeout(400); // the state arrives from the service worker just after
      const state = await page.getAttribute(BADGE, 'data-cpg-state').catch(() => null);
      return `badge shown (state ${state ?? '?'})`;
    };

    /** @param {import('playwright-core').Page} page */
    const rowMarkers = async (page) => {
      await page.waitForSelector('[data-cpg="row"]', { state: 'attached', timeout: BADGE_WAIT_MS }).catch(() => undefined);
      return `list: ${await page.locator('[data-cpg="row"]').count()} row markers`;
    };

    // All start pages at once, each in its own tab (they stay open: the popup needs the tab id).
    const visited = await Promise.all(
      HEADLESS_PAGES.map(async (spec, i) => {
        const page = await newPage();
        const response = await page.goto(spec.url, { waitUntil: 'load', timeout: 15_000 });
        if (!response || response.status() !== 200) {
          throw new DemoError(`${spec.url} answered ${response ? response.status() : 'nothing'}`);
        }
        await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
        const badge = spec.record ? await badgeState(page) : await rowMarkers(page);
        return { spec, page, badge, file: path.join(SHOT_DIR, `${String(i + 1).padStart(2, '0')}-${spec.name}.png`) };
      }),
    );
    for (const v of visited) {
      await v.page.screenshot({ path: v.file, fullPage: true });
      console.log(`${rel(v.file)}  ${v.spec.url}  [${v.badge}]`);
    }
    let n = visited.length;

    // The hostile name must be text on the page (and nothing may have opened a dialog).
    const hostile = visited.find((v) => v.spec.name === 'sf-hostile-name');
    if (hostile) {
      const check = await hostile.page.evaluate(() => ({
        title: document.querySelector('.windowViewMode-normal.active lightning-formatted-name[slot="primaryField"]')?.textContent ?? null,
        injected: document.querySelectorAll('[onerror], [onload], img[src="x"]').length,
      }));
      if (check.title !== HOSTILE_NAME || check.injected > 0) {
        throw new DemoError(`Hostile-name page: expected the literal title ${JSON.stringify(HOSTILE_NAME)}, got ${JSON.stringify(check.title)} (${check.injected} injected element(s))`);
      }
      console.log('Hostile name stays text: ok');
    }

    // The popup, opened as a page for the Salesforce contact tab.
    const sfContact = visited.find((v) => v.spec.name === 'sf-contact');
    n += 1;
    const popupFile = path.join(SHOT_DIR, `${String(n).padStart(2, '0')}-popup-sf-contact.png`);
    if (!existsSync(path.join(EXTENSION_DIR, 'popup.html'))) {
      console.log(`${rel(popupFile)}  skipped: the build has no popup.html yet`);
    } else if (sfContact) {
      const tabId = await findTabId(context, serviceWorker, sfContact.spec.url);
      if (tabId === null) throw new DemoError(`chrome.tabs.query did not list the tab of ${sfContact.spec.url}`);
      const popup = await newPage();
      await popup.setViewportSize({ width: 420, height: 640 });
      const popupUrl = `chrome-extension://${extensionId}/popup.html?tab=${tabId}`;
      popup.on('console', (m) => m.type() === 'error' && pageErrors.push(`${popupUrl}: console: ${m.text()}`));
      await popup.goto(popupUrl, { waitUntil: 'load', timeout: 10_000 });
      // Past the loading state: the record panel, a form or an alert (whatever the popup has today).
      await popup
        .waitForSelector('[data-testid="record-title"], form, [role="alert"]', { state: 'attached', timeout: 5_000 })
        .catch(() => undefined);
      await popup.waitForTimeout(300);
      await popup.screenshot({ path: popupFile, fullPage: true });
      console.log(`${rel(popupFile)}  ${popupUrl}`);
    }

    // SPA navigation of the demo itself: list → record in place, old page kept hidden, Back works.
    const list = visited.find((v) => v.spec.name === 'sf-contact-list');
    if (list) {
      n += 1;
      const spaFile = path.join(SHOT_DIR, `${String(n).padStart(2, '0')}-sf-spa-navigation.png`);
      const { page } = list;
      const link = page.locator('.windowViewMode-normal.active tr[data-row-key-value] a[data-navigation="enable"]').first();
      const href = await link.getAttribute('href');
      await link.click();
      await page.waitForURL((u) => u.pathname === href, { timeout: 5_000 });
      await page.locator('.windowViewMode-normal.active records-highlights2 h1').waitFor({ timeout: 5_000 });
      const dom = await page.evaluate(() => ({
        active: document.querySelectorAll('.windowViewMode-normal.active').length,
        hidden: [...document.querySelectorAll('.windowViewMode-normal:not(.active)')].filter((e) => /** @type {HTMLElement} */ (e).style.display === 'none').length,
        listKept: Boolean(document.querySelector('.windowViewMode-normal:not(.active) lst-object-home')),
      }));
      if (dom.active !== 1 || !dom.listKept) throw new DemoError(`SPA navigation: expected one active page and the list kept hidden, got ${JSON.stringify(dom)}`);
      const badge = await badgeState(page);
      await page.screenshot({ path: spaFile, fullPage: true });
      console.log(`${rel(spaFile)}  ${page.url()}  [clicked in the list: ${badge}]`);
      await page.goBack();
      await page.waitForURL((u) => u.pathname.startsWith('/lightning/o/Contact/list'), { timeout: 5_000 });
      const back = await page.evaluate(() => Boolean(document.querySelector('.windowViewMode-normal.active lst-object-home')));
      if (!back) throw new DemoError('SPA navigation: Back did not show the list again');
      console.log(`SPA navigation: ok (one active page, ${dom.hidden} hidden, Back restores the list)`);
    }

    if (dialogs.length) throw new DemoError(`A page opened a dialog (script injection?): ${dialogs.join('; ')}`);
    for (const e of pageErrors) console.warn(`warning: page error: ${e}`);
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return 0;
  } finally {
    clearTimeout(watchdog);
    await context.close().catch(() => undefined);
  }
}

/**
 * The tab id of the tab showing `url`, from chrome.tabs.query in the service worker (fetched again
 * when the worker was restarted).
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('playwright-core').Worker} worker
 * @param {string} url
 * @returns {Promise<number | null>}
 */
async function findTabId(context, worker, url) {
  const query = (/** @type {import('playwright-core').Worker} */ w) =>
    w.evaluate(async (wanted) => {
      // @ts-ignore chrome is the extension API in the service worker
      const tabs = /** @type {{ id?: number, url?: string }[]} */ (await chrome.tabs.query({}));
      const exact = tabs.find((t) => t.url === wanted);
      const prefix = tabs.find((t) => t.url && t.url.split(/[?#]/)[0] === wanted.split(/[?#]/)[0]);
      return (exact ?? prefix)?.id ?? null;
    }, url);
  try {
    return await query(worker);
  } catch {
    const again = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return again ? query(again) : null;
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    const msg = error instanceof DemoError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`demo failed: ${msg}`);
    process.exit(1);
  },
);
