import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { AccessLog } from '@/lib/audit/log';
import { classifyUrl } from '@/lib/crm/registry';
import { recordKey } from '@/lib/crm/types';
import { getDb } from '@/lib/db/db';
import { pickLang, t } from '@/lib/i18n';
import type { BadgeSummary, BadgeUpdatePush } from '@/lib/messaging/protocol';
import { originOf } from '@/lib/messaging/sender';
import { handleMessage, type Deps } from './handlers';
import { PolicyStore } from './policy';
import { TabRegistry } from './tabs';

async function setIcon(tabId: number, summary: BadgeSummary | undefined): Promise<void> {
  const lang = pickLang(navigator.language);
  try {
    if (!summary) {
      await browser.action.setBadgeText({ tabId, text: '' });
      await browser.action.setTitle({ tabId, title: t(lang, 'appName') });
      return;
    }
    const missing = summary.state === 'missing';
    await browser.action.setBadgeText({ tabId, text: missing ? '!' : '✓' });
    await browser.action.setBadgeBackgroundColor({ tabId, color: missing ? '#b45309' : '#15803d' });
    await browser.action.setTitle({ tabId, title: t(lang, missing ? 'iconMissing' : 'iconLogged') });
  } catch {
    // The tab closed meanwhile.
  }
}

export default defineBackground(() => {
  // Synchronous main: every listener is registered in the first turn so that a woken service
  // worker gets the event that woke it.
  const db = getDb();
  const policies = new PolicyStore(db);
  const deps: Deps = {
    db,
    log: new AccessLog(db),
    tabs: new TabRegistry(),
    policies,
    extensionId: browser.runtime.id,
    extensionOrigin: originOf(browser.runtime.getURL('/')) ?? '',
    now: () => Date.now(),
    tabUrl: async (tabId) => {
      try {
        return (await browser.tabs.get(tabId)).url;
      } catch {
        return undefined;
      }
    },
    pushBadge: async (tabId, summary) => {
      const push: BadgeUpdatePush = { type: 'badge.update', summary };
      try {
        await browser.tabs.sendMessage(tabId, push, { frameId: 0 });
      } catch {
        // No content script there any more.
      }
    },
    setIcon,
  };

  browser.runtime.onMessage.addListener((message, sender) => handleMessage(message, sender, deps));

  browser.tabs.onRemoved.addListener((tabId) => {
    void deps.tabs.delete(tabId);
  });

  // A tab that leaves the CRM has no content script to say so: forget its record.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (!change.url) return;
    void (async () => {
      const known = await deps.tabs.get(tabId);
      if (known?.kind !== 'record') return;
      const now = classifyUrl(change.url ?? '');
      if (now?.page.kind === 'record' && recordKey(now.page.ref) === known.key) return;
      if (now?.page.kind === 'record' && !now.page.ref.object && known.ref.id === now.page.ref.id) return;
      await deps.tabs.delete(tabId);
      await setIcon(tabId, undefined);
    })();
  });
});
