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
  // WXT's wrapper hands main a context: for this script it is lib/features/script-context.ts (aliased
  // in wxt.config.ts), which announces nothing to the page and is never invalidated (see the file).
  main() {
    const startedAt = performance.now();
    // Nothing ends the features here: a copy left behind by an extension reload or update keeps its
    // masks until the page reloads with the new one (lib/features/script-context.ts).
    const life = new AbortController();
    let runner: Runner | null = null;
    const start = (): void => {
      runner = startRunner({
        doc: document,
        win: window,
        lang: pickLang(navigator.language),
        features: FEATURES,
        send,
        panelUrl: (tabId) => `${browser.runtime.getURL('/popup.html')}?tab=${tabId}&embed=1&lang=${pickLang(navigator.language)}`,
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
