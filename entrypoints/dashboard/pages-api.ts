import { browser } from 'wxt/browser';
import { send } from '@/lib/messaging/client';
import type { PageWarning } from '@/lib/messaging/protocol';

/** What the page-warnings section asks of the browser; a fake stands in for it in component tests. */
export interface PagesApi {
  warnings(): Promise<PageWarning[]>;
  /** The policy's custom domains and whether each is granted. */
  customDomains(): Promise<{ host: string; granted: boolean }[]>;
  /** Asks the user for one host (must run in a click handler: permissions.request needs a user gesture). */
  grant(host: string): Promise<boolean>;
}

const origin = (host: string): string => `https://${host}/*`;

export const browserPagesApi: PagesApi = {
  warnings: async () => (await send('pages.warnings', {})).warnings,
  customDomains: async () => {
    // Each visit re-registers the content script for what is granted now (policy changes have no other hook).
    await send('sites.sync', {});
    const { policy } = await send('policy.active', {});
    const hosts = (policy.sites?.customDomains ?? []).map((d) => d.host);
    return Promise.all(hosts.map(async (host) => ({ host, granted: await browser.permissions.contains({ origins: [origin(host)] }) })));
  },
  grant: async (host) => {
    const granted = await browser.permissions.request({ origins: [origin(host)] });
    if (granted) await send('sites.sync', {});
    return granted;
  },
};
