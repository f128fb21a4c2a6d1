// Hand-written types for chromium.mjs (keep the two in step).
import type { BrowserContext, Worker } from 'playwright-core';

/** `sudo apt-get update && sudo apt-get install -y chromium` */
export declare const INSTALL_COMMAND: string;

/** env CHROMIUM_PATH, else '/usr/lib/chromium/chromium' when it exists, else '/usr/bin/chromium' (resolved at import). */
export declare const CHROMIUM_PATH: string;

/** The same rule as CHROMIUM_PATH, evaluated now. */
export declare function resolveChromiumPath(): string;

/**
 * The path of a usable Chromium. When missing: as root, installs it with apt-get (output shown) and
 * checks again; otherwise throws an Error whose message holds INSTALL_COMMAND.
 */
export declare function ensureChromium(): string;

/** Chromium switches used by every launch here (quiet, no background network), plus `extra`. */
export declare function chromiumArgs(extra?: string[]): string[];

/** Chromium without any extension (a benchmark baseline). */
export declare function launchPlain(options?: { headless?: boolean; args?: string[]; timeoutMs?: number }): Promise<BrowserContext>;

export interface LaunchWithExtensionOptions {
  /** Unpacked extension folder (with manifest.json), e.g. `.output/chrome-mv3`. */
  extensionDir: string;
  /** Default true. Headed needs an X server. */
  headless?: boolean;
  /** Default '': a fresh temporary profile that Playwright deletes on close. */
  userDataDir?: string;
  /** Extra Chromium switches, appended after the defaults. */
  args?: string[];
  /** Launch and service-worker wait timeout. Default 15000. */
  timeoutMs?: number;
}

export interface LaunchedExtension {
  context: BrowserContext;
  /** Host of the service worker's chrome-extension:// URL. */
  extensionId: string;
  serviceWorker: Worker;
}

export declare function launchWithExtension(options: LaunchWithExtensionOptions): Promise<LaunchedExtension>;

export interface FixtureRoute {
  /** Glob (Playwright dialect: `**`, `*`, `{a,b}`; `?` is literal) or RegExp, matched against the whole URL. */
  url: string | RegExp;
  /** The response body, or a function called on every request. */
  body: string | (() => string);
  /** Default 'text/html; charset=utf-8'. */
  contentType?: string;
  /** Default 200. */
  status?: number;
}

/**
 * Fulfils matching requests (first match wins); other https requests to CRM hosts get a 404 text
 * page; requests to every other host are aborted; chrome-extension:, data:, blob: and about: URLs
 * (the extension's own files) go on untouched. Repeated calls add routes in front.
 */
export declare function routeFixtures(context: BrowserContext, routes: readonly FixtureRoute[]): Promise<void>;

/** True for a host the content script runs on (mirror of lib/crm/hosts.ts). */
export declare function isCrmHost(host: string): boolean;

/** Playwright-style URL glob to an anchored RegExp. */
export declare function globToRegExp(glob: string): RegExp;
