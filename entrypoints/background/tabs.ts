import { listKeyPrefix, listOf, type ListRef, type RecordRef } from '@/lib/crm/types';
import { SessionTabMap } from './session-map';

/** What the background knows of a tab's page, as its content script last reported it. */
export type TabPage =
  | { kind: 'record'; ref: RecordRef; key: string; title: string; path: string; visitId: string; related?: ListRef }
  | { kind: 'list'; ref: ListRef; visitId: string }
  | { kind: 'other'; visitId: string };

/** Tab → page map, mirrored in storage.session so that a restarted service worker still knows its tabs. */
export class TabRegistry {
  private readonly map = new SessionTabMap<TabPage>('tabs');

  get(tabId: number): Promise<TabPage | undefined> {
    return this.map.get(tabId);
  }

  set(tabId: number, page: TabPage): Promise<void> {
    return this.map.set(tabId, page);
  }

  delete(tabId: number): Promise<void> {
    return this.map.delete(tabId);
  }

  /** Tabs currently showing the record `key`. */
  async tabsShowing(key: string): Promise<number[]> {
    return (await this.map.entries()).filter(([, p]) => p.kind === 'record' && p.key === key).map(([id]) => id);
  }

  /** Tabs showing a list (or a record's related list) of the record `key`'s CRM, org and object (its row may be on screen there). */
  async tabsListing(key: string): Promise<number[]> {
    return (await this.map.entries())
      .filter(([, p]) => {
        const list = listOf(p);
        return list !== undefined && key.startsWith(listKeyPrefix(list));
      })
      .map(([id]) => id);
  }
}
