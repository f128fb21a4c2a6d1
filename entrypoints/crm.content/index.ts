import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CONTENT_SCRIPT_MATCHES } from '@/lib/crm/hosts';
import { FEATURES } from '@/lib/features';
import { startRunner, type Runner } from '@/lib/features/runner';
import { ADAPTERS, configureSites } from '@/lib/crm/registry';
import { pickLang } from '@/lib/i18n/content';
import { MESSAGE_PORT, portSender } from '@/lib/messaging/port';
import type { Answer, Answers, MessageType, Request } from '@/lib/messaging/protocol';

// This script loads on every CRM page (size budget, benchmark #8; tests/unit/features/bundle-graph.test.ts):
// runner, adapters, masking. Features only some pages need are stand-ins that load crm-lazy.js on demand
// (lib/features/lazy.ts). Type-only imports from the protocol keep zod out: the background validates
// everything, and features check pushes by hand.

// Messages go over one open connection to the background, not a one-off message each (benchmark #4).
const sendOnPort = portSender(() => browser.runtime.connect({ name: MESSAGE_PORT }));

async function send<T extends MessageType>(type: T, payload: Request<T>): Promise<Answers[T]> {
  const answer = (await sendOnPort({ type, payload })) as Answer<T> | undefined;
  if (!answer?.ok) throw new Error(answer ? answer.error.message : 'no answer from the extension');
  return answer.data;
}

export default defineContentScript({
  matches: [...CONTENT_SCRIPT_MATCHES],
  // document_start: masking must hide values before paint; other features wait for their nodes.
  runAt: 'document_start',
  allFrames: false,
  // WXT's context tells an older copy of this script to stop with a CustomEvent on the document; by
  // default it also posts the same to the CRM page's window, where every `message` listener of the
  // page (and any script watching for extensions) sees it, before the page's load. The event is enough.
  noScriptStartedPostMessage: true,
  main(ctx) {
    const startedAt = performance.now();
    // WXT's context also ends when a document event named '<extension id>:crm:wxt:content-script-
    // started' announces a newer copy of this script. The CRM page's own scripts can dispatch that
    // event (a store install's id is public), and ending the features takes every mask and the badge
    // down. A newer copy only ever starts after the extension reloaded, which leaves this copy without
    // a runtime: so the features end only then.
    const life = new AbortController();
    ctx.onInvalidated(() => {
      if (!browser.runtime?.id) life.abort();
    });
    let runner: Runner | null = null;
    const start = (): void => {
      runner = startRunner({
        doc: document,
        win: window,
        lang: pickLang(navigator.language),
        features: FEATURES,
        send,
        panelUrl: (tabId) => `${browser.runtime.getURL('/popup.html')}?tab=${tabId}&embed=1`,
        newVisitId: () => crypto.randomUUID(),
        signal: life.signal,
      });
      // Benchmark builds (`wxt build --mode bench`) time the start-up on the page's timeline; others never touch it.
      if (import.meta.env.MODE === 'bench') performance.measure('cpg:startup', { start: startedAt });
    };
    // Salesforce and HubSpot start at once; other hosts (presets, custom domains) follow the policy's sites.
    if (ADAPTERS.some((a) => a.matchesHost(location.hostname))) start();
    else void send('sites.config', {}).then(({ sites }) => configureSites(sites), () => undefined).finally(start);
    // Pushes come from the service worker only: a sender with a tab (an extension page framed in
    // some tab, or one open as a tab) never drives the page's features. The id check is belt and braces.
    browser.runtime.onMessage.addListener((message: unknown, sender) => {
      if (sender.id === browser.runtime.id && !sender.tab) runner?.push(message);
    });
  },
});
