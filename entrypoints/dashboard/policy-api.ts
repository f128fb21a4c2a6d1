import { saveFile, textBlob } from '@/lib/ui/download';
import { browser } from 'wxt/browser';
import type { PolicyApi } from '@/components/dashboard/policy/api';
import { send } from '@/lib/messaging/client';

/** The policy view's calls to the background and the browser; a fake stands in for it in component tests. */
export const browserPolicyApi: PolicyApi = {
  status: () => send('policy.status', {}),
  history: async () => (await send('policy.history', {})).entries,
  get: (id) => send('policy.get', { id }),
  apply: (text, via) => send('policy.apply', { text, via }),
  rollback: (id) => send('policy.rollback', { id }),
  setUrl: (url, publicKey) => send('policy.setUrl', { url, publicKey }),
  clearUrl: () => send('policy.setUrl', { clear: true }),
  refresh: () => send('policy.refresh', {}),
  async requestHost(origin) {
    // Asked from the dashboard, on the lead's click: the bundle's host only, never all sites.
    try {
      return await browser.permissions.request({ origins: [`${origin}/*`] });
    } catch {
      return false;
    }
  },
  download: (name, text) => saveFile(textBlob(text, 'application/json'), name),
};
