import { browser } from 'wxt/browser';
import type { GuardDB } from '@/lib/db/db';
import { keyFingerprint } from '@/lib/policy/signing';
import { acceptBundleValue, acceptPolicyText, readManagedConfig, type ManagedConfig } from '@/lib/policy/sources';
import { MAX_POLICY_BYTES, type PolicyError as ValidationError } from '@/lib/policy/validate';
import { errorMessage, errorText, type ErrorKey, type ErrorParams } from '@/lib/i18n/error-text';
import type { Lang } from '@/lib/i18n/translate';
import type { Deps } from './deps';
import { PolicyError, type PolicyStore } from './policy';

export const REFRESH_ALARM = 'cpg-policy-refresh';
const URL_CONFIG_KEY = 'policy.urlConfig';
const URL_STATE_KEY = 'policy.urlState';
const DEFAULT_REFRESH_MINUTES = 60;
/** A bundle holds the policy as escaped JSON text: allow for the escaping. */
const MAX_BUNDLE_BYTES = MAX_POLICY_BYTES * 2 + 4096;

export interface UrlConfig {
  url: string;
  publicKey: string;
  refreshMinutes?: number;
}

export interface UrlState {
  etag?: string;
  lastFetchAt?: number;
  lastOkAt?: number;
  lastError?: string;
  /** The last error's catalogue key and params (lib/i18n/messages/errors.ts), '' and {} once a fetch succeeds. */
  lastErrorKey?: string;
  lastErrorParams?: ErrorParams;
  /** HTTP status or outcome of the last attempt: 200 (new policy), 304 (unchanged), or an error. */
  lastOutcome?: 'updated' | 'unchanged' | 'failed';
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** The first problems of a refused bundle, in both languages (each problem in its own words when it has a key). */
function describe(errors: readonly ValidationError[]): Record<Lang, string> {
  const inLang = (lang: Lang) =>
    errors
      .slice(0, 3)
      .map((e) => `${e.path}: ${errorText(lang, e)}`)
      .join('; ');
  return { en: inLang('en'), fr: inLang('fr') };
}

/**
 * The network and browser-management sources: the managed storage area and the signed bundle at a
 * URL. This fetch is the only network request the extension makes; it sends no cookies and
 * follows no redirect to another place.
 */
export class PolicySources {
  /** Called after the URL source changes (the background re-schedules its alarm). */
  onConfigChanged: () => Promise<void> = async () => undefined;

  constructor(
    private readonly db: GuardDB,
    private readonly store: PolicyStore,
    private readonly fetchFn: FetchLike,
    private readonly now: () => number = Date.now,
  ) {}

  /** The URL to fetch from: the managed one wins over the one set in the dashboard. */
  async urlConfig(): Promise<(UrlConfig & { managed: boolean }) | null> {
    const managed = (await this.store.managed()).config;
    if (managed?.policyUrl && managed.publicKey) {
      return { url: managed.policyUrl, publicKey: managed.publicKey, managed: true, ...(managed.refreshMinutes ? { refreshMinutes: managed.refreshMinutes } : {}) };
    }
    const row = await this.db.meta.get(URL_CONFIG_KEY);
    const local = row?.value as UrlConfig | undefined;
    return local ? { ...local, managed: false } : null;
  }

  async urlState(): Promise<UrlState> {
    return ((await this.db.meta.get(URL_STATE_KEY))?.value as UrlState | undefined) ?? {};
  }

  private async setUrlState(patch: UrlState): Promise<UrlState> {
    const next = { ...(await this.urlState()), ...patch };
    await this.db.meta.put({ key: URL_STATE_KEY, value: next });
    return next;
  }

  refreshMinutes(config: UrlConfig | null): number {
    return config?.refreshMinutes ?? DEFAULT_REFRESH_MINUTES;
  }

  /** Applies what browser management set (called at start and whenever storage.managed changes). */
  async applyManaged(raw: unknown): Promise<void> {
    const read = readManagedConfig(raw);
    if (!read.ok) {
      // A broken managed value must not unlock anything: keep the last good one, record why.
      const previous = await this.store.managed();
      await this.store.setManaged({ config: previous.config, error: read.message });
      return;
    }
    const config: ManagedConfig | null = read.config;
    const previousUrl = (await this.store.managed()).config?.policyUrl;
    await this.store.setManaged({ config });
    if (config?.policyJson !== undefined) {
      const accepted = acceptPolicyText(config.policyJson, { predecessor: await this.store.predecessor('managed') });
      if (!accepted.ok) {
        await this.store.setManaged({ config, error: `managed policyJson refused: ${describe(accepted.errors).en}` });
        return;
      }
      await this.store.offer('managed', { source: 'managed', policy: accepted.policy, receivedAt: this.now() }, 'managed');
      return;
    }
    // No managed policy text any more: withdraw it (a lower source, or the default, takes over).
    await this.store.offer('managed', undefined, 'managed');
    if (previousUrl !== config?.policyUrl) {
      // Another URL is another publisher: forget the last ETag and the previous URL's policy.
      await this.db.meta.put({ key: URL_STATE_KEY, value: {} });
      if (!config?.policyUrl) await this.store.offer('url', undefined, 'url');
    }
  }

  async setLocalUrl(config: UrlConfig | null): Promise<void> {
    if ((await this.store.managed()).config?.policyUrl) {
      throw new PolicyError('forbidden', 'errPolicyUrlManaged');
    }
    if (config === null) {
      await this.db.meta.delete(URL_CONFIG_KEY);
      await this.db.meta.put({ key: URL_STATE_KEY, value: {} });
      await this.store.offer('url', undefined, 'url');
      await this.onConfigChanged();
      return;
    }
    await this.db.meta.put({ key: URL_CONFIG_KEY, value: config });
    await this.db.meta.put({ key: URL_STATE_KEY, value: {} });
    await this.onConfigChanged();
  }

  /**
   * Fetches the bundle (conditional on the last accepted ETag) and activates it when its signature
   * verifies and the policy inside is valid. Any failure keeps the last good policy and is recorded.
   */
  async refresh(): Promise<UrlState> {
    const config = await this.urlConfig();
    if (!config) return this.urlState();
    const state = await this.urlState();
    const at = this.now();
    // The English text for logs and older pages, the key and params for the page's language.
    const fail = (key: ErrorKey, params?: ErrorParams) =>
      this.setUrlState({ lastFetchAt: at, lastError: errorMessage('en', key, params), lastErrorKey: key, lastErrorParams: params ?? {}, lastOutcome: 'failed' });
    let response: Response;
    try {
      response = await this.fetchFn(config.url, {
        method: 'GET',
        cache: 'no-store',
        credentials: 'omit',
        redirect: 'error',
        headers: state.etag ? { 'If-None-Match': state.etag } : {},
      });
    } catch (error) {
      return fail('errUrlFetch', { detail: error instanceof Error ? error.message : String(error) });
    }
    if (response.status === 304) {
      return this.setUrlState({ lastFetchAt: at, lastOkAt: at, lastOutcome: 'unchanged', lastError: '', lastErrorKey: '', lastErrorParams: {} });
    }
    if (!response.ok) return fail('errUrlHttp', { status: response.status });
    const length = Number(response.headers.get('Content-Length') ?? '0');
    if (length > MAX_BUNDLE_BYTES) return fail('errUrlTooLarge', { kb: Math.ceil(length / 1024) });
    const text = await response.text();
    if (text.length > MAX_BUNDLE_BYTES) return fail('errUrlTooLargeBody');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return fail('errUrlNotJson');
    }
    const accepted = await acceptBundleValue(value, config.publicKey, { predecessor: await this.store.predecessor('url') });
    if (!accepted.ok) return fail('errUrlRefused', { detail: describe(accepted.errors) });
    await this.store.offer('url', { source: 'url', policy: accepted.policy, signer: await keyFingerprint(config.publicKey), receivedAt: at }, 'url');
    const etag = response.headers.get('ETag');
    return this.setUrlState({ lastFetchAt: at, lastOkAt: at, lastOutcome: 'updated', lastError: '', lastErrorKey: '', lastErrorParams: {}, ...(etag ? { etag } : { etag: '' }) });
  }
}

/** A service worker wakes often; it refetches at start only when the last attempt is older than this. */
const START_REFETCH_MS = 5 * 60 * 1000;

/**
 * Wires the sources into the background: reads storage.managed now and on every change, fetches
 * the URL bundle at start and on a periodic alarm. Listeners are registered synchronously.
 */
export function startPolicySources(deps: Deps): PolicySources {
  deps.policies.useLog(deps.log);
  const sources = new PolicySources(deps.db, deps.policies, (url, init) => fetch(url, init), deps.now);
  deps.policies.sources = sources;

  const schedule = async (): Promise<void> => {
    const config = await sources.urlConfig();
    if (!config) {
      await browser.alarms.clear(REFRESH_ALARM);
      return;
    }
    const period = sources.refreshMinutes(config);
    const existing = await browser.alarms.get(REFRESH_ALARM);
    if (existing?.periodInMinutes !== period) await browser.alarms.create(REFRESH_ALARM, { delayInMinutes: period, periodInMinutes: period });
  };
  sources.onConfigChanged = schedule;

  const readManaged = async (): Promise<void> => {
    let raw: unknown = null;
    try {
      raw = await browser.storage.managed.get();
    } catch {
      // Firefox rejects when no enterprise policy names the extension: that is "not managed".
      raw = null;
    }
    await sources.applyManaged(raw);
  };

  browser.storage.onChanged.addListener((_changes, area) => {
    if (area !== 'managed') return;
    void (async () => {
      await readManaged();
      await sources.refresh();
      await schedule();
    })().catch(() => undefined);
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) void sources.refresh().catch(() => undefined);
  });
  void (async () => {
    await readManaged();
    const state = await sources.urlState();
    if (state.lastFetchAt === undefined || deps.now() - state.lastFetchAt > START_REFETCH_MS) await sources.refresh();
    await schedule();
  })().catch(() => undefined);
  return sources;
}
