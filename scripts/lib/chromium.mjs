// Chromium for the extension's browser tests, benchmarks and demo: find (or install) Debian's
// Chromium, launch it with the built extension loaded, and serve fixture pages under real CRM URLs
// by request interception. Plain ESM with JSDoc types; TypeScript sees chromium.d.mts.
//
// Nothing here touches the network: routeFixtures() aborts every request to a non-CRM host and
// answers unknown CRM URLs with a 404 page.

import { accessSync, constants, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { chromium } from 'playwright-core';

/** The command a person runs to install Chromium on Debian/Ubuntu. */
export const INSTALL_COMMAND = 'sudo apt-get update && sudo apt-get install -y chromium';

const LIB_BINARY = '/usr/lib/chromium/chromium'; // the real binary (no wrapper-script noise)
const WRAPPER = '/usr/bin/chromium';

/**
 * Where Chromium is (or will be after `apt-get install chromium`): env CHROMIUM_PATH, else the
 * Debian binary when it exists, else the /usr/bin wrapper.
 * @returns {string}
 */
export function resolveChromiumPath() {
  const fromEnv = process.env.CHROMIUM_PATH?.trim();
  if (fromEnv) return fromEnv;
  return existsSync(LIB_BINARY) ? LIB_BINARY : WRAPPER;
}

/** Resolved once, at import time. ensureChromium() re-resolves after an install. */
export const CHROMIUM_PATH = resolveChromiumPath();

/** @param {string} file */
function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Returns the path of a usable Chromium. When it is missing: as root, runs
 * `apt-get update && apt-get install -y chromium` (output shown) and checks again; otherwise
 * throws an Error whose message holds the exact install command.
 * @returns {string}
 */
export function ensureChromium() {
  const fromEnv = process.env.CHROMIUM_PATH?.trim();
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(
      `CHROMIUM_PATH=${fromEnv} is not an executable file. Unset CHROMIUM_PATH to use Debian's Chromium ` +
        `(install it with: ${INSTALL_COMMAND}), or point it at a Chromium binary.`,
    );
  }
  let found = resolveChromiumPath();
  if (isExecutable(found)) return found;

  if (isRoot()) {
    console.error('Chromium is missing; running as root, so installing it: apt-get update && apt-get install -y chromium');
    const result = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    found = resolveChromiumPath();
    if (isExecutable(found)) return found;
    const why = result.error
      ? result.error.message
      : result.status === 0
        ? `apt-get succeeded but there is still no Chromium at ${LIB_BINARY} or ${WRAPPER}`
        : `exit status ${result.status}`;
    throw new Error(`Installing Chromium failed (${why}). Install it with: ${INSTALL_COMMAND}`);
  }
  throw new Error(`Chromium not found at ${LIB_BINARY} or ${WRAPPER}. Install it with: ${INSTALL_COMMAND}`);
}

/**
 * Chromium switches for every launch here: quiet, no background network (this machine's network is
 * closed, and tests must never touch it), sandbox off only as root.
 * @param {string[]} [extra]
 */
export function chromiumArgs(extra = []) {
  return [
    ...(isRoot() ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-features=Translate,OptimizationHints,MediaRouter',
    ...extra,
  ];
}

/**
 * Launches Chromium without any extension (a baseline for benchmarks).
 * @param {{ headless?: boolean, args?: string[], timeoutMs?: number }} [options]
 */
export async function launchPlain({ headless = true, args = [], timeoutMs = 15_000 } = {}) {
  return chromium.launchPersistentContext('', { executablePath: ensureChromium(), headless, timeout: timeoutMs, args: chromiumArgs(args) });
}

/**
 * Launches Chromium with one unpacked extension in a persistent context.
 * @param {{ extensionDir: string, headless?: boolean, userDataDir?: string, args?: string[], timeoutMs?: number }} options
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, extensionId: string, serviceWorker: import('playwright-core').Worker }>}
 */
export async function launchWithExtension({ extensionDir, headless = true, userDataDir, args = [], timeoutMs = 15_000 }) {
  const dir = path.resolve(extensionDir);
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`No manifest.json in ${dir}: build the extension first (npx wxt build).`);
  }
  const executablePath = ensureChromium();
  const context = await chromium.launchPersistentContext(userDataDir ?? '', {
    executablePath,
    headless,
    timeout: timeoutMs,
    args: chromiumArgs([`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, ...args]),
  });
  try {
    const isExtensionWorker = (/** @type {import('playwright-core').Worker} */ w) => w.url().startsWith('chrome-extension://');
    let serviceWorker = context.serviceWorkers().find(isExtensionWorker);
    if (!serviceWorker) {
      serviceWorker = await context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: timeoutMs });
    }
    const extensionId = new URL(serviceWorker.url()).host;
    return { context, extensionId, serviceWorker };
  } catch (error) {
    await context.close().catch(() => undefined);
    const msg = error instanceof Error ? error.message : String(error);
    throw new Error(`The extension in ${dir} did not start a service worker within ${timeoutMs} ms: ${msg}`);
  }
}

/** Hosts the extension runs on (mirror of lib/crm/hosts.ts, which this .mjs cannot import). */
const CRM_HOSTS = [
  /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.lightning\.force\.com$/,
  /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.my\.salesforce\.com$/,
  /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.my\.salesforce-setup\.com$/,
  /^app(?:-(?:eu1|na2|na3|ap1))?\.hubspot\.com$/,
];

/**
 * True for a host the content script runs on.
 * @param {string} host
 */
export function isCrmHost(host) {
  const h = host.toLowerCase();
  return CRM_HOSTS.some((re) => re.test(h));
}

/**
 * A glob in Playwright's URL-glob dialect to a RegExp over the whole URL: `**` any characters,
 * `*` any characters but `/`, `{a,b}` alternatives; everything else (including `?`) is literal.
 * @param {string} glob
 * @returns {RegExp}
 */
export function globToRegExp(glob) {
  let re = '^';
  let inGroup = false;
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += '.*';
        i += 1;
      } else {
        re += '[^/]*';
      }
    } else if (c === '{') {
      inGroup = true;
      re += '(?:';
    } else if (c === '}' && inGroup) {
      inGroup = false;
      re += ')';
    } else if (c === ',' && inGroup) {
      re += '|';
    } else if (c === '\\' && i + 1 < glob.length) {
      i += 1;
      re += escapeRegExp(glob[i]);
    } else {
      re += escapeRegExp(c);
    }
  }
  return new RegExp(`${re}$`);
}

/** @param {string} s */
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * @typedef {{ url: string | RegExp, body: string | (() => string), contentType?: string, status?: number }} FixtureRoute
 * @typedef {{ test: (url: string) => boolean, route: FixtureRoute }} CompiledRoute
 */

/** Schemes that never reach the network (Playwright also routes extension pages' requests). */
const LOCAL_SCHEMES = new Set(['chrome-extension:', 'data:', 'blob:', 'about:']);

/** @type {WeakMap<import('playwright-core').BrowserContext, CompiledRoute[]>} */
const installed = new WeakMap();

/** @param {FixtureRoute} route @returns {CompiledRoute} */
function compile(route) {
  if (route.url instanceof RegExp) {
    const re = new RegExp(route.url.source, route.url.flags.replace(/[gy]/g, '')); // no lastIndex state
    return { test: (u) => re.test(u), route };
  }
  const re = globToRegExp(route.url);
  return { test: (u) => re.test(u), route };
}

/**
 * Serves fixture pages under real CRM URLs. A request goes to the first route whose `url` (glob or
 * RegExp, matched against the whole URL) matches; any other https request to a CRM host gets a 404
 * text page; every request to any other host is aborted. chrome-extension:, data:, blob: and about:
 * requests (the extension's own files) go on untouched. Calling it again on the same context adds
 * routes in front of the earlier ones. Pages and the extension's service worker are both covered.
 * @param {import('playwright-core').BrowserContext} context
 * @param {readonly FixtureRoute[]} routes
 * @returns {Promise<void>}
 */
export async function routeFixtures(context, routes) {
  const compiled = routes.map(compile);
  const existing = installed.get(context);
  if (existing) {
    existing.unshift(...compiled);
    return;
  }
  const table = compiled;
  installed.set(context, table);
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      return route.abort('blockedbyclient');
    }
    // The extension's own pages and files (popup.html and its chunks) are no network: let them load.
    if (LOCAL_SCHEMES.has(parsed.protocol)) return route.fallback();
    const hit = table.find((r) => r.test(url));
    if (hit) {
      const { body, contentType = 'text/html; charset=utf-8', status = 200 } = hit.route;
      let text;
      try {
        text = typeof body === 'function' ? body() : body;
      } catch (error) {
        const msg = error instanceof Error ? error.stack ?? error.message : String(error);
        return route.fulfill({ status: 500, contentType: 'text/plain; charset=utf-8', body: `Fixture error for ${url}\n${msg}` });
      }
      return route.fulfill({ status, contentType, body: text });
    }
    if (parsed.protocol === 'https:' && isCrmHost(parsed.hostname)) {
      return route.fulfill({
        status: 404,
        contentType: 'text/plain; charset=utf-8',
        body: `404 Not Found (test fixture): no fixture is routed for ${url}`,
      });
    }
    return route.abort('blockedbyclient');
  });
}
