import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Frame, Page, Worker } from 'playwright-core';
import { ensureChromium, launchWithExtension, routeFixtures, type FixtureRoute } from '../../scripts/lib/chromium.mjs';

// The parts of the extension API these tests call inside the service worker.
declare const chrome: {
  tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
};

const root = fileURLToPath(new URL('../..', import.meta.url));
export const EXTENSION_DIR = `${process.env.CPG_OUT_DIR || `${root}.output`}/chrome-mv3`;

export function fixture(name: string): string {
  return readFileSync(`${root}tests/fixtures/${name}`, 'utf8');
}

/** Real CRM URLs each fixture is served under (tests/fixtures/README.md). */
export const URLS = {
  sfContact: 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view',
  sfContactNative: 'https://acme--uat.sandbox.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view',
  sfLead: 'https://acme.lightning.force.com/lightning/r/00Q5g00000LeAdXEAV/view',
  sfList: 'https://acme.lightning.force.com/lightning/o/Contact/list?filterName=AllContacts',
  sfUnknown: 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000QqQqQEAA/view',
  hsContact: 'https://app.hubspot.com/contacts/123456/record/0-1/501',
  hsIndex: 'https://app.hubspot.com/contacts/123456/objects/0-1/views/all/list',
} as const;

export interface Harness {
  context: BrowserContext;
  extensionId: string;
  sw: () => Promise<Worker>;
  close(): Promise<void>;
}

export async function startBrowser(routes: FixtureRoute[]): Promise<Harness> {
  ensureChromium();
  const { context, extensionId } = await launchWithExtension({ extensionDir: EXTENSION_DIR, headless: true });
  await routeFixtures(context, routes);
  // The service worker may be stopped and restarted: always ask for the live one.
  const sw = async (): Promise<Worker> => {
    const live = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
    return live ?? (await context.waitForEvent('serviceworker'));
  };
  return { context, extensionId, sw, close: () => context.close() };
}

export async function tabIdOf(h: Harness, url: string): Promise<number> {
  const worker = await h.sw();
  const id = await worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? null;
  }, url);
  if (id === null) throw new Error(`no tab with ${url}`);
  return id;
}

/**
 * Opens a CRM page in a new tab and collects what must never happen there: page errors, and any
 * dialog (a hostile value that ran would typically alert). `init` runs in the page before its scripts.
 */
export async function openCrm(h: Harness, url: string, init?: () => void): Promise<{ page: Page; errors: string[] }> {
  const page = await h.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  if (init) await page.addInitScript(init);
  await page.goto(url);
  return { page, errors };
}

export async function openPopup(h: Harness, tabId: number, lang?: string): Promise<Page> {
  const page = lang ? await pageIn(h, lang) : await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/popup.html?tab=${tabId}`);
  return page;
}

/**
 * A new page whose navigator.language is `lang` (through DevTools, as Playwright's own locale
 * emulation does: headless Chromium on Linux ignores --lang and the environment).
 */
export async function pageIn(h: Harness, lang: string): Promise<Page> {
  const page = await h.context.newPage();
  const cdp = await h.context.newCDPSession(page);
  const userAgent = await page.evaluate(() => navigator.userAgent);
  await cdp.send('Emulation.setUserAgentOverride', { userAgent, acceptLanguage: lang });
  await cdp.send('Emulation.setLocaleOverride', { locale: lang });
  return page;
}

export interface StoredEvent {
  seq: number;
  action: string;
  recordKey: string;
  recordId: string;
  object: string;
  fields: string[];
  detail: string;
  path: string;
}

/** Reads the access log straight from the extension's IndexedDB, in the service worker. */
export async function readEvents(h: Harness): Promise<StoredEvent[]> {
  const worker = await h.sw();
  return worker.evaluate(
    () =>
      new Promise<StoredEvent[]>((resolve, reject) => {
        const open = indexedDB.open('crm-privacy-guard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('events')) {
            db.close();
            resolve([]);
            return;
          }
          const req = db.transaction('events').objectStore('events').getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result as StoredEvent[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

export async function toolbarBadge(h: Harness, tabId: number): Promise<string> {
  const worker = await h.sw();
  return worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Runs axe-core in the page (optionally on one selector) and returns serious and critical violations. */
export async function seriousA11yViolations(page: Page, include?: string): Promise<AxeViolation[]> {
  // evaluate() goes through the DevTools protocol, so extension pages' CSP does not block it.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(sel ? { include: [[sel]] } : document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  }, include ?? null);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Escape pressed in the in-page panel's frame, as the keydown its document gets: the panel's own
 * handler (entrypoints/popup/App.tsx) asks for it to be closed. Not through Playwright's keyboard:
 * a CDP key event to that frame, which the keydown removes, hung in some runs until the test's
 * timeout (session 12: 2 runs of 6 under load, at `keyboard.press`, `down` or `up`).
 */
export async function escapeInPanel(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true, cancelable: true, composed: true }));
  });
}
