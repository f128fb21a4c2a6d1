import { browser } from 'wxt/browser';

/**
 * A tab id → value map mirrored in storage.session (content scripts cannot read it by default, and
 * it is gone when the browser closes), so that a restarted service worker still knows its tabs.
 * Writes are best effort: losing the mirror only costs what the content script reports again.
 */
export class SessionTabMap<T> {
  private readonly tabs = new Map<number, T>();
  private loaded: Promise<void> | undefined;

  constructor(private readonly sessionKey: string) {}

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      try {
        const stored = (await browser.storage.session.get(this.sessionKey))[this.sessionKey] as Record<string, T> | undefined;
        for (const [id, value] of Object.entries(stored ?? {})) {
          if (!this.tabs.has(Number(id))) this.tabs.set(Number(id), value);
        }
      } catch {
        // storage.session missing (old browser): the in-memory map is all we have.
      }
    })();
    return this.loaded;
  }

  private async persist(): Promise<void> {
    try {
      await browser.storage.session.set({ [this.sessionKey]: Object.fromEntries(this.tabs) });
    } catch {
      // Best effort (see above).
    }
  }

  async get(tabId: number): Promise<T | undefined> {
    await this.load();
    return this.tabs.get(tabId);
  }

  async set(tabId: number, value: T): Promise<void> {
    await this.load();
    this.tabs.set(tabId, value);
    await this.persist();
  }

  async delete(tabId: number): Promise<void> {
    await this.load();
    if (this.tabs.delete(tabId)) await this.persist();
  }

  async entries(): Promise<[number, T][]> {
    await this.load();
    return [...this.tabs.entries()];
  }
}
