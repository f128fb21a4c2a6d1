import { afterLoad } from './dom-watch';
import { sendDurably, type DurableOptions } from './durable-send';
import type { Feature, PageContext } from './types';

/**
 * Features loaded on demand (size budget, benchmark #8). The content script on every CRM page
 * (content-scripts/crm.js) holds the runner, the adapters and field masking, which must act before
 * paint; the other features live in crm-lazy.js (entrypoints/crm-lazy.ts, list in lazy-features.ts).
 * Each of those is represented here by a stand-in with the same id and page kinds: on a page that
 * needs one, the stand-in asks the background (`features.load`) to run crm-lazy.js in this frame's
 * isolated world, where it leaves its features under LAZY_GLOBAL, then starts the real feature with
 * the same context. One request per document; the CRM page cannot see the isolated world's globals.
 * On a page still loading, the real feature starts after the load event (at most LOAD_WAIT_CAP_MS
 * after DOMContentLoaded, `afterLoad` in dom-watch.ts); the script itself is asked for at once.
 */

/** Where crm-lazy.js leaves its features (a property of the isolated world's global object). */
export const LAZY_GLOBAL = '__cpgLazyFeatures';

let pending: Promise<readonly Feature[]> | null = null;

function registered(): readonly Feature[] | null {
  const value = (globalThis as Record<string, unknown>)[LAZY_GLOBAL];
  return Array.isArray(value) ? (value as readonly Feature[]) : null;
}

/**
 * Where a loader of crm.js waiting for crm-lazy.js leaves its wake-up call: the two bundles have a copy
 * of this module each and share only the isolated world's global.
 */
const LAZY_WAITING = '__cpgLazyWaiting';

/** Called by crm-lazy.js, while it runs: the loaders waiting for it go on at once. */
export function registerLazyFeatures(features: readonly Feature[]): void {
  const g = globalThis as Record<string, unknown>;
  g[LAZY_GLOBAL] = features;
  const waiting = g[LAZY_WAITING];
  delete g[LAZY_WAITING];
  if (Array.isArray(waiting)) for (const wake of waiting as (() => void)[]) wake();
}

/**
 * The features of crm-lazy.js, injected once per document. Sent durably (the service worker may stop
 * mid-message and the answer be lost: the badge's `view` must still be logged), but never injected
 * twice: a retry finds the features already there when the script ran. Given up → the next page asks again.
 * Resolves as soon as crm-lazy.js has registered its features, without waiting for the background's
 * answer, which only comes after the browser has told the service worker that the script ran: a
 * trip of 15–25 ms on a page still loading (the record badge's latency, benchmark #2).
 */
export function loadLazyFeatures(send: PageContext['send'], options: DurableOptions = {}): Promise<readonly Feature[]> {
  const ready = registered();
  if (ready) return Promise.resolve(ready);
  const ask = ((type: 'features.load', payload: Record<string, never>) =>
    registered() ? Promise.resolve({ loaded: true }) : send(type, payload)) as PageContext['send'];
  // One wake-up call for both ways in: crm-lazy.js registering (it calls it) and the answer. A call
  // left behind by a failed request only settles a promise already settled.
  pending ??= new Promise<readonly Feature[]>((resolve, reject) => {
    const wake = (): void => {
      const features = registered();
      if (features) resolve(features);
    };
    const g = globalThis as Record<string, unknown>;
    g[LAZY_WAITING] = [...(Array.isArray(g[LAZY_WAITING]) ? g[LAZY_WAITING] : []), wake];
    sendDurably(ask, 'features.load', {}, options).then(() => {
      wake();
      reject(new Error('crm-lazy.js did not register its features'));
    }, reject);
  }).catch((error: unknown) => {
    pending = null;
    throw error;
  });
  return pending;
}

/**
 * The always-loaded stand-in of a feature of crm-lazy.js: same id and page kinds (a unit test holds
 * them equal). `when`, if given, decides first whether this page needs the feature at all, so that
 * pages that do not pay nothing (e.g. the instance banner: only when the instance is not approved).
 * The real feature is then told that its `when` said yes, so that it does not ask the same again.
 * `decideAfterLoad`: `when` itself waits for the page's load event (the instance banner's question).
 */
export function lazyFeature(
  id: string,
  include: Feature['include'],
  when?: (ctx: PageContext) => Promise<boolean>,
  { decideAfterLoad = false }: { decideAfterLoad?: boolean } = {},
): Feature {
  return {
    id,
    include,
    onDemand: true,
    async init(ctx) {
      // A `when` that asks the background can wait for the page's load event when nothing hurries:
      // one message less while the CRM page loads (benchmark #2).
      if (decideAfterLoad) {
        await afterLoad(ctx.doc, ctx.signal);
        if (ctx.signal.aborted) return;
      }
      if (when && !(await when(ctx))) return;
      if (ctx.signal.aborted) return;
      // The script is asked for at once (the round trip and its evaluation overlap the page's
      // parse), but the feature starts only after the page's load event: none of these hides a
      // value, and their DOM work would hold the CRM's load up (benchmark #2).
      const loading = loadLazyFeatures(ctx.send);
      loading.catch(() => undefined);
      // Waited for already when the decision did (a second wait would start its caps over).
      if (!decideAfterLoad) await afterLoad(ctx.doc, ctx.signal);
      if (ctx.signal.aborted) return;
      const feature = (await loading).find((f) => f.id === id);
      if (!feature || ctx.signal.aborted) return;
      await feature.init(ctx, when !== undefined);
    },
  };
}
