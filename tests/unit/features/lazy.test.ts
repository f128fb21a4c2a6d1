import type { Feature, PageContext } from '@/lib/features/types';

// The always-loaded stand-ins of the on-demand features (lib/features/lazy.ts): one `features.load`
// per document, the real feature started with the same context, nothing when the page went away.

type LazyModule = typeof import('@/lib/features/lazy');

let lazy: LazyModule;
let sent: string[];
let started: { id: string; ctx: PageContext }[];
let answer: () => Promise<unknown>;

function realFeature(id: string): Feature {
  return { id, include: ['record'], init: (ctx) => void started.push({ id, ctx }) };
}

function context(signal = new AbortController().signal): PageContext {
  return {
    doc: document, // jsdom: loaded, so the features start at once (see 'a page still loading')
    url: 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view',
    signal,
    send: (async (type: string) => {
      sent.push(type);
      if (type === 'instance.check') return { verdict: 'approved' };
      return answer();
    }) as PageContext['send'],
  } as PageContext;
}

beforeEach(async () => {
  vi.resetModules();
  delete (globalThis as Record<string, unknown>).__cpgLazyFeatures;
  delete (globalThis as Record<string, unknown>).__cpgLazyWaiting;
  lazy = await import('@/lib/features/lazy');
  sent = [];
  started = [];
  // What the background does: run crm-lazy.js, which registers its features.
  answer = async () => {
    lazy.registerLazyFeatures([realFeature('record-badge'), realFeature('retention')]);
    return { loaded: true };
  };
});

test('two stand-ins on one page: one request, each real feature started with the same context', async () => {
  const ctx = context();
  await Promise.all([lazy.lazyFeature('record-badge', ['record']).init(ctx), lazy.lazyFeature('retention', ['record']).init(ctx)]);
  expect(sent).toEqual(['features.load']);
  expect(started.map((s) => s.id).sort()).toEqual(['record-badge', 'retention']);
  expect(started.every((s) => s.ctx === ctx)).toBe(true);
  // The next page (SPA navigation) reuses what is loaded.
  await lazy.lazyFeature('record-badge', ['record']).init(context());
  expect(sent).toEqual(['features.load']);
  expect(lazy.lazyFeature('x', ['record']).onDemand).toBe(true);
});

test('a page whose `when` says no never asks for the script', async () => {
  const banner = lazy.lazyFeature('instance-banner', ['other'], async (ctx) => (await ctx.send('instance.check', { url: ctx.url })).verdict === 'not-approved');
  await banner.init(context());
  expect(sent).toEqual(['instance.check']);
  expect(started).toEqual([]);
});

test("a `when` that says yes starts the real feature told so (it need not ask the same again); no `when`, not told", async () => {
  const told: (boolean | undefined)[] = [];
  answer = async () => {
    lazy.registerLazyFeatures([
      { id: 'instance-banner', include: ['other'], init: (_ctx, checked) => void told.push(checked) },
      { id: 'record-badge', include: ['record'], init: (_ctx, checked) => void told.push(checked) },
    ]);
    return { loaded: true };
  };
  await lazy.lazyFeature('instance-banner', ['other'], async () => true).init(context());
  await lazy.lazyFeature('record-badge', ['record']).init(context());
  expect(told).toEqual([true, false]);
});

test('the instance banner asks the background once per page: not again after its stand-in asked', async () => {
  const { instanceBanner } = await import('@/lib/features/instance-banner');
  document.body.replaceChildren();
  const page = (verdict: string): PageContext =>
    ({
      ...context(),
      doc: document,
      lang: 'en',
      send: (async (type: string) => {
        sent.push(type);
        return { verdict };
      }) as PageContext['send'],
    }) as PageContext;
  // Told by its stand-in: no second instance.check, the banner shows.
  await instanceBanner.init(page('not-approved'), true);
  expect(sent).toEqual([]);
  expect(document.querySelectorAll('[data-cpg="banner"]')).toHaveLength(1);
  // Started on its own: it asks, and an approved instance gets no banner.
  document.body.replaceChildren();
  await instanceBanner.init(page('approved'));
  expect(sent).toEqual(['instance.check']);
  expect(document.querySelectorAll('[data-cpg="banner"]')).toHaveLength(0);
});

test('a page that went away meanwhile starts nothing', async () => {
  const controller = new AbortController();
  answer = async () => {
    controller.abort();
    lazy.registerLazyFeatures([realFeature('record-badge')]);
    return { loaded: true };
  };
  await lazy.lazyFeature('record-badge', ['record']).init(context(controller.signal));
  expect(started).toEqual([]);
});

const noWait = { sleep: async () => undefined };

test('the real feature starts as soon as crm-lazy.js has registered, not when the background answers after it', async () => {
  // The background answers only once the browser has told it the script ran: here, never.
  answer = () => {
    lazy.registerLazyFeatures([realFeature('record-badge')]);
    return new Promise(() => undefined);
  };
  const done = lazy.lazyFeature('record-badge', ['record']).init(context());
  await vi.waitFor(() => expect(started.map((s) => s.id)).toEqual(['record-badge']), { timeout: 500 });
  await done;
  expect(sent).toEqual(['features.load']);
  // Nothing is left waiting on the isolated world's global.
  expect((globalThis as Record<string, unknown>).__cpgLazyWaiting).toBeUndefined();
});

test('a loader of another bundle (crm.js) is woken by the registration of crm-lazy.js on the shared global', async () => {
  // Both bundles carry their own copy of lib/features/lazy.ts: the crm.js copy waits, the crm-lazy.js copy registers.
  const crmJs = lazy;
  vi.resetModules();
  const crmLazyJs = await import('@/lib/features/lazy');
  expect(crmLazyJs).not.toBe(crmJs);
  answer = () => {
    crmLazyJs.registerLazyFeatures([realFeature('record-badge')]);
    return new Promise(() => undefined);
  };
  const features = await crmJs.loadLazyFeatures(context().send, noWait);
  expect(features.map((f) => f.id)).toEqual(['record-badge']);
});

test('a lost answer (the service worker stopped) is retried, but the script is never injected twice', async () => {
  let calls = 0;
  answer = async () => {
    calls += 1;
    if (calls === 1) throw new Error('no answer from the extension'); // the worker stopped before answering
    lazy.registerLazyFeatures([realFeature('record-badge')]);
    throw new Error('The message port closed before a response was received.'); // it ran, the answer was lost
  };
  const features = await lazy.loadLazyFeatures(context().send, noWait);
  expect(features.map((f) => f.id)).toEqual(['record-badge']);
  // Third attempt: the features are there, nothing is sent (no second injection).
  expect(sent).toEqual(['features.load', 'features.load']);
});

test('a refusal, after the retries, fails this page (the runner drops the error) and is asked again on the next one', async () => {
  answer = async () => {
    throw new Error('This frame is not on a CRM page.');
  };
  await expect(lazy.loadLazyFeatures(context().send, { ...noWait, attempts: 3 })).rejects.toThrow('not on a CRM page');
  expect(sent).toEqual(['features.load', 'features.load', 'features.load']);
  answer = async () => {
    lazy.registerLazyFeatures([realFeature('record-badge')]);
    return { loaded: true };
  };
  await lazy.lazyFeature('record-badge', ['record']).init(context());
  expect(sent).toHaveLength(4);
  expect(started.map((s) => s.id)).toEqual(['record-badge']);
});

test('an answer without the registered features is an error, not a silent success, and is asked again later', async () => {
  answer = async () => ({ loaded: true });
  await expect(lazy.loadLazyFeatures(context().send, noWait)).rejects.toThrow('did not register');
  await expect(lazy.loadLazyFeatures(context().send, noWait)).rejects.toThrow('did not register');
  expect(sent).toEqual(['features.load', 'features.load']);
});

describe('a page still loading: the script is asked for at once, the feature starts after the load event', () => {
  /** A document mid-parse: readyState and the two events under the test's control. */
  function loadingPage() {
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { readyState: 'loading', defaultView: win }) as unknown as Document;
    const state = doc as unknown as { readyState: string };
    return {
      doc,
      parsed() {
        state.readyState = 'interactive';
        doc.dispatchEvent(new Event('DOMContentLoaded'));
      },
      loaded() {
        state.readyState = 'complete';
        win.dispatchEvent(new Event('load'));
      },
    };
  }
  /** The badge's stand-in started on a page still parsing, with fake timers. */
  function startBadge(signal?: AbortSignal) {
    vi.useFakeTimers();
    const page = loadingPage();
    return { page, done: lazy.lazyFeature('record-badge', ['record']).init({ ...context(signal), doc: page.doc }) };
  }
  const startedIds = () => started.map((s) => s.id);
  afterEach(() => vi.useRealTimers());

  test('asked for while parsing; started only in a task after the load event', async () => {
    const { page, done } = startBadge();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(['features.load']);
    page.parsed();
    await vi.advanceTimersByTimeAsync(20);
    expect(started).toEqual([]);
    page.loaded();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(started).toEqual([]); // not inside the load event: the page's own listeners run first
    await vi.advanceTimersByTimeAsync(0);
    await done;
    expect(startedIds()).toEqual(['record-badge']);
  });

  test('a load event held up (images) is waited for LOAD_WAIT_CAP_MS after DOMContentLoaded at most', async () => {
    const { LOAD_WAIT_CAP_MS } = await import('@/lib/features/dom-watch');
    const { page, done } = startBadge();
    await vi.advanceTimersByTimeAsync(100); // still parsing: no cap from DOMContentLoaded yet
    expect(started).toEqual([]);
    page.parsed();
    await vi.advanceTimersByTimeAsync(LOAD_WAIT_CAP_MS - 1);
    expect(started).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(startedIds()).toEqual(['record-badge']);
  });

  test('a page whose parse is held up (a script that hangs) starts the feature START_WAIT_CAP_MS after it asked', async () => {
    const { START_WAIT_CAP_MS } = await import('@/lib/features/dom-watch');
    const { page, done } = startBadge();
    await vi.advanceTimersByTimeAsync(START_WAIT_CAP_MS - 1);
    expect(started).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(startedIds()).toEqual(['record-badge']);
    page.parsed();
    page.loaded();
    await vi.advanceTimersByTimeAsync(100);
    expect(startedIds()).toEqual(['record-badge']); // once
  });

  test('a `when` that waits for the load event (the instance banner) asks nothing while the page loads', async () => {
    vi.useFakeTimers();
    const page = loadingPage();
    answer = async () => {
      lazy.registerLazyFeatures([realFeature('instance-banner')]);
      return { loaded: true };
    };
    const ctx = { ...context(), doc: page.doc };
    const asked = vi.fn(async () => true);
    const done = lazy.lazyFeature('instance-banner', ['record'], asked, { decideAfterLoad: true }).init(ctx);
    page.parsed();
    await vi.advanceTimersByTimeAsync(20);
    expect(asked).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
    page.loaded();
    await vi.advanceTimersByTimeAsync(0);
    await done;
    expect(asked).toHaveBeenCalledTimes(1);
    expect(sent).toEqual(['features.load']);
    expect(startedIds()).toEqual(['instance-banner']);
  });

  test('a page left before its load starts nothing', async () => {
    const controller = new AbortController();
    const { page, done } = startBadge(controller.signal);
    page.parsed();
    controller.abort();
    await done;
    page.loaded();
    await vi.advanceTimersByTimeAsync(100);
    expect(started).toEqual([]);
  });
});
