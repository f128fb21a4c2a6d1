import { create } from 'zustand';
import type { BasisLetter } from '@/lib/law/bases';
import type { PrivacyView, RequestView } from '@/lib/consent/views';
import type { FieldsReadAnswer } from '@/lib/features/record-export';
import { errorInfo, type ErrorInfo } from '@/lib/i18n/error-text';
import type { Request, TabView } from '@/lib/messaging/protocol';

export type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | ({ kind: 'error' } & ErrorInfo);

export interface BasisInput {
  tabId: number;
  key: string;
  purposeId: string;
  basis: BasisLetter;
  reference: string;
  note: string;
}

/** Everything the popup asks of the extension; a fake stands in for it in component tests. */
export interface PopupApi {
  resolveTab(): Promise<number | null>;
  getTab(tabId: number): Promise<TabView>;
  setBasis(input: BasisInput): Promise<void>;
  getPrivacy(tabId: number, key: string): Promise<PrivacyView>;
  giveConsent(input: Request<'consent.give'>): Promise<PrivacyView>;
  withdrawConsent(input: Request<'consent.withdraw'>): Promise<PrivacyView>;
  setSubject(input: Request<'subject.set'>): Promise<PrivacyView>;
  logNotice(input: Request<'notice.log'>): Promise<PrivacyView>;
  openRequest(input: Request<'request.open'>): Promise<PrivacyView>;
  extendRequest(input: Request<'request.extend'>): Promise<{ request: RequestView }>;
  closeRequest(input: Request<'request.close'>): Promise<{ request: RequestView }>;
  /** The fields the record page shows (asked of the content script; values never reach the background). */
  readFields(tabId: number): Promise<FieldsReadAnswer>;
  logExport(input: Request<'export.log'>): Promise<void>;
  /** Hands a file to the browser's download. */
  saveFile(name: string, mime: string, content: string): void;
  /**
   * Calls `listener` each time the background says the policy in force changed (with its version);
   * returns the unsubscribe. Absent: the page does not follow policy changes (it shows what it loaded).
   */
  onPolicyChange?(listener: (policyVersion: string) => void): () => void;
}

interface PopupState {
  tabId: number | null;
  view: TabView | null;
  privacy: PrivacyView | null;
  /** 'no-tab', or the failure to show (lib/i18n/error-text.ts). */
  loadError: 'no-tab' | ErrorInfo | null;
  save: SaveStatus;
  load(api: PopupApi, tabId: number | null): Promise<void>;
  submit(api: PopupApi, values: { purposeId: string; basis: BasisLetter; reference: string; note: string }): Promise<void>;
  /** A new attempt was refused before it was sent: the last save's message no longer applies. */
  clearSave(): void;
  /** After any consent or request change: the fresh view of the record (badge summary included). */
  setPrivacy(privacy: PrivacyView): void;
  refreshPrivacy(api: PopupApi): Promise<void>;
  /**
   * The policy in force changed: the tab view (purposes, policy version) and the privacy view are
   * asked for again and replace what is shown. Nothing else is reset (the save status, the forms and
   * their drafts stay as they are); a failure keeps what is shown.
   */
  refreshPolicy(api: PopupApi): Promise<void>;
}

/** The tab's view and, on a record page, the record's privacy view: what the popup shows, asked together. */
async function viewsOf(api: PopupApi, tabId: number): Promise<{ view: TabView; privacy: PrivacyView | null }> {
  const view = await api.getTab(tabId);
  return { view, privacy: view.page.kind === 'record' ? await api.getPrivacy(tabId, view.page.key) : null };
}

/** Short-lived UI state of the popup (and of the in-page panel, which is the same page). */
export const usePopupStore = create<PopupState>((set, get) => ({
  tabId: null,
  view: null,
  privacy: null,
  loadError: null,
  save: { kind: 'idle' },
  async load(api, requested) {
    try {
      const tabId = requested ?? (await api.resolveTab());
      if (tabId === null) {
        set({ tabId: null, view: null, privacy: null, loadError: 'no-tab' });
        return;
      }
      set({ tabId, ...(await viewsOf(api, tabId)), loadError: null });
    } catch (error) {
      set({ loadError: errorInfo(error) });
    }
  },
  async submit(api, values) {
    const { tabId, view } = get();
    if (tabId === null || view?.page.kind !== 'record') return;
    set({ save: { kind: 'saving' } });
    try {
      await api.setBasis({ tabId, key: view.page.key, ...values });
      set({ ...(await viewsOf(api, tabId)), save: { kind: 'saved' } });
    } catch (error) {
      set({ save: { kind: 'error', ...errorInfo(error) } });
    }
  },
  clearSave() {
    if (get().save.kind !== 'saving') set({ save: { kind: 'idle' } });
  },
  setPrivacy(privacy) {
    const { view } = get();
    // The badge summary in the tab view follows the privacy view (one source of truth).
    set({ privacy, view: view ? { ...view, summary: privacy.summary } : view });
  },
  async refreshPrivacy(api) {
    const { tabId, view } = get();
    if (tabId === null || view?.page.kind !== 'record') return;
    get().setPrivacy(await api.getPrivacy(tabId, view.page.key));
  },
  async refreshPolicy(api) {
    const { tabId } = get();
    if (tabId === null) return;
    try {
      const views = await viewsOf(api, tabId);
      // Another tab shown meanwhile (a new load): its own answers win.
      if (get().tabId !== tabId) return;
      set(views);
    } catch {
      // Keep what is shown: the next change, or opening the panel again, asks again.
    }
  },
}));
