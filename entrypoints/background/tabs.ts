import { browser } from 'wxt/browser';
import type { ListRef, RecordRef } from '@/lib/crm/types';

/** What the background knows of a tab's page, as its content script last reported it. */
export type TabPage =
  | { kind: 'record'; ref: RecordRef; key: string; title: string; path: string; visitId: string }
  | { kind: 'list'; ref: ListRef; visitId: string }
  | { kind: 'other'; visitId: string };

const SESSION_KEY = 'tabs';

/**
 * Tab → page map. Mirrored in storage.session (not readable by content scripts by default, and
 * gone when the browser closes) so that a restarted service worker still knows its tabs.
 */
export class TabRegistry {
  private tabs = new Map<number, TabPage>();
  private loaded: Promise<void> | undefined;

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      try {
        const stored = (await browser.storage.session.get(SESSION_KEY))[SESSION_KEY] as
          | Record<string, TabPage>
          | undefined;
        for (const [id, page] of Object.entries(stored ?? {})) {
          if (!this.tabs.has(Number(id))) this.tabs.set(Number(id), page);
        }
      } catch {
        // storage.session missing (old browser): the in-memory map is all we have.
      }
    })();
    return this.loaded;
  }

  private async persist(): Promise<void> {
    try {
      await browser.storage.session.set({ [SESSION_KEY]: Object.fromEntries(this.tabs) });
    } catch {
      // Best effort; the content script reports again on its next page.
    }
  }

  async get(tabId: number): Promise<TabPage | undefined> {
    await this.load();
    return this.tabs.get(tabId);
  }

  async set(tabId: number, page: TabPage): Promise<void> {
    await this.load();
    this.tabs.set(tabId, page);
    await this.persist();
  }

  async delete(tabId: number): Promise<void> {
    await this.load();
    if (this.tabs.delete(tabId)) await this.persist();
  }

  /** Tabs currently showing the record `key`. */
  async tabsShowing(key: string): Promise<number[]> {
    await this.load();
    return [...this.tabs.entries()].filter(([, p]) => p.kind === 'record' && p.key === key).map(([id]) => id);
  }
}
