import { create } from 'zustand';
import type { BasisLetter } from '@/lib/law/bases';
import type { TabView } from '@/lib/messaging/protocol';

export type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

export interface PopupApi {
  resolveTab(): Promise<number | null>;
  getTab(tabId: number): Promise<TabView>;
  setBasis(input: { tabId: number; key: string; purposeId: string; basis: BasisLetter; note: string }): Promise<void>;
}

interface PopupState {
  tabId: number | null;
  view: TabView | null;
  loadError: string | null;
  save: SaveStatus;
  load(api: PopupApi, tabId: number | null): Promise<void>;
  submit(api: PopupApi, values: { purposeId: string; basis: BasisLetter; note: string }): Promise<void>;
}

/** Short-lived UI state of the popup (and of the in-page panel, which is the same page). */
export const usePopupStore = create<PopupState>((set, get) => ({
  tabId: null,
  view: null,
  loadError: null,
  save: { kind: 'idle' },
  async load(api, requested) {
    try {
      const tabId = requested ?? (await api.resolveTab());
      if (tabId === null) {
        set({ tabId: null, view: null, loadError: 'no-tab' });
        return;
      }
      const view = await api.getTab(tabId);
      set({ tabId, view, loadError: null });
    } catch (error) {
      set({ loadError: error instanceof Error ? error.message : String(error) });
    }
  },
  async submit(api, values) {
    const { tabId, view } = get();
    if (tabId === null || view?.page.kind !== 'record') return;
    set({ save: { kind: 'saving' } });
    try {
      await api.setBasis({ tabId, key: view.page.key, ...values });
      const fresh = await api.getTab(tabId);
      set({ view: fresh, save: { kind: 'saved' } });
    } catch (error) {
      set({ save: { kind: 'error', message: error instanceof Error ? error.message : String(error) } });
    }
  },
}));
