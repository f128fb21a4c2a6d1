import { browser } from 'wxt/browser';
import type { RecordRef } from '@/lib/crm/types';
import type { MaskPush } from '@/lib/messaging/protocol';
import type { Deps } from './deps';
import { SessionTabMap } from './session-map';

/** Per-tab masking switches: "mask everything", the fields unmasked for the tab, and what the tab masks now. */
export interface MaskTab {
  maskAll: boolean;
  /** Record identity (`crm:org:id`, see `recordIdentity`) → field keys unmasked for this tab. */
  unmasked: Record<string, string[]>;
  /** The record the content script last reported masked fields for, and their labels. */
  reported?: { identity: string; fields: { key: string; label: string }[] };
}

/**
 * A record's identity for the tab switches: without the object, which a Salesforce URL can lack
 * until the page says it, so that the content script's early question and the popup agree.
 */
export function recordIdentity(ref: RecordRef): string {
  return `${ref.crm}:${ref.org}:${ref.id}`;
}

/** Tab → masking switches, mirrored in storage.session so that a restarted service worker keeps them. */
export class MaskTabs {
  // Losing the mirror falls back to "masked", never to "shown".
  private readonly map = new SessionTabMap<MaskTab>('maskTabs');

  async get(tabId: number): Promise<MaskTab> {
    return (await this.map.get(tabId)) ?? { maskAll: false, unmasked: {} };
  }

  async update(tabId: number, change: (tab: MaskTab) => MaskTab): Promise<MaskTab> {
    const next = change(await this.get(tabId));
    await this.map.set(tabId, next);
    return next;
  }

  delete(tabId: number): Promise<void> {
    return this.map.delete(tabId);
  }
}

export interface MaskServices {
  tabs: MaskTabs;
  /** Sends a push to the top frame's content script of a tab (errors ignored: the tab may be gone). */
  push(tabId: number, message: MaskPush): Promise<void>;
}

const services = new WeakMap<Deps, MaskServices>();

async function pushToTab(tabId: number, message: MaskPush): Promise<void> {
  try {
    await browser.tabs.sendMessage(tabId, message, { frameId: 0 });
  } catch {
    // No content script there any more.
  }
}

/**
 * The masking state that goes with a set of handler deps. Kept beside Deps rather than in it so
 * that masking adds no required member to the foundation's interface; tests swap `push`.
 */
export function maskServices(deps: Deps): MaskServices {
  let found = services.get(deps);
  if (!found) {
    found = { tabs: new MaskTabs(), push: pushToTab };
    services.set(deps, found);
  }
  return found;
}

export function setMaskServices(deps: Deps, value: MaskServices): void {
  services.set(deps, value);
}
