import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { AccessLog } from '@/lib/audit/log';
import { storageLocalMirror, storageLocalStatus } from '@/lib/audit/outside';
import { pruneByPolicy } from './handlers/log';
import { classifyUrl, configureSites } from '@/lib/crm/registry';
import { recordKey } from '@/lib/crm/types';
import { getDb } from '@/lib/db/db';
import { pickLang, t } from '@/lib/i18n';
import type { BadgeSummary, BadgeUpdatePush, RowsUpdatePush } from '@/lib/messaging/protocol';
import { answerOnPort } from '@/lib/messaging/port';
import { originOf } from '@/lib/messaging/sender';
import { handleMessage, type Deps } from './handlers';
import { syncSiteScripts } from './site-scripts';
import { PolicyStore } from './policy';
import { startPolicySources } from './policy-sources';
import { TabRegistry } from './tabs';
import { maskServices } from './mask-state';
import { pushPolicyChange } from './policy-push';
import { tellExtensionPages } from '@/lib/messaging/policy-changed';

async function setIcon(tabId: number, summary: BadgeSummary | undefined): Promise<void> {
  const lang = pickLang(navigator.language);
  try {
    if (!summary) {
      await browser.action.setBadgeText({ tabId, text: '' });
      await browser.action.setTitle({ tabId, title: t(lang, 'appName') });
      return;
    }
    const missing = summary.state === 'missing';
    // Withdrawn consent or restricted processing must not look like "all fine" (issue 5).
    const stop = summary.state === 'restricted' || summary.state === 'consent-withdrawn';
    await browser.action.setBadgeText({ tabId, text: missing ? '!' : stop ? '✕' : '✓' });
    await browser.action.setBadgeBackgroundColor({ tabId, color: missing ? '#b45309' : stop ? '#b91c1c' : '#15803d' });
    await browser.action.setTitle({
      tabId,
      title: t(lang, missing ? 'iconMissing' : summary.state === 'restricted' ? 'iconRestricted' : stop ? 'iconWithdrawn' : 'iconLogged'),
    });
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
    // Access log (issue 4): head also kept in storage.local; quota refusals flagged for the popup.
    log: new AccessLog(db, { mirror: storageLocalMirror, status: storageLocalStatus }),
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
    pushRows: async (tabId, rows) => {
      const push: RowsUpdatePush = { type: 'rows.update', rows };
      try {
        await browser.tabs.sendMessage(tabId, push, { frameId: 0 });
      } catch {
        // No content script there any more.
      }
    },
    setIcon,
    // The page features loaded on demand, into the content script's isolated world (handlers/features.ts
    // checked the sender). documentIds pins the very document that asked, where the browser reports it;
    // injectImmediately: the page is still loading (the default would wait for document_idle).
    injectFeatures: async ({ tabId, frameId, documentId }) => {
      await browser.scripting.executeScript({
        target: documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [frameId] },
        files: ['/crm-lazy.js'],
        injectImmediately: true,
      });
    },
  };

  browser.runtime.onMessage.addListener((message, sender) => handleMessage(message, sender, deps));
  // Content scripts send over one open connection (lib/messaging/port.ts): the same checks and handlers.
  browser.runtime.onConnect.addListener((port) => answerOnPort(port, (message, sender) => handleMessage(message, sender, deps)));
  // Pages (issue 3): the policy's sites in the registry, and the content script on granted custom domains.
  const syncSites = (): void => {
    void deps.policies.active().then((policy) => {
      configureSites(policy.sites);
      return syncSiteScripts(policy);
    }).catch(() => undefined);
  };
  syncSites();
  // A policy change reaches the open CRM tabs at once, not at their next load: masking, the retention
  // warning and the record badge follow it without restarting the page (no new `view`: policy-push.ts).
  policies.onChange((row) => {
    void browser.tabs.query({}).then((tabs) => pushPolicyChange(deps, tabs), () => undefined);
    // The extension's own pages too (popup, in-page panel, dashboard): they ask again for what they show of it.
    void tellExtensionPages((message) => browser.runtime.sendMessage(message), row.doc.policyVersion);
  });
  browser.permissions.onAdded.addListener(syncSites);
  browser.permissions.onRemoved.addListener(syncSites);
  // Policy deployment (issue 6): managed storage, signed bundle URL and its refresh alarm.
  startPolicySources(deps);

  // Access log retention (issue 4): prune daily by the policy's logRetentionDays, leaving a checkpoint.
  // Created once: re-creating it on every service-worker start would keep pushing the run back.
  void browser.alarms.get('access-log-prune').then((existing) => {
    if (!existing) void browser.alarms.create('access-log-prune', { delayInMinutes: 1, periodInMinutes: 24 * 60 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === 'access-log-prune') void pruneByPolicy(deps).catch(() => undefined);
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    void deps.tabs.delete(tabId);
    void maskServices(deps).tabs.delete(tabId);
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
