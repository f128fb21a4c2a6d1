import { saveFile, textBlob } from '@/lib/ui/download';
import { useEffect, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { RecordPanel } from '@/components/RecordPanel';
import { errorText, t, type Lang } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import { MaskSection } from './MaskSection';
import { PolicyLine } from '@/components/dashboard/policy/PolicyLine';
import { loadPolicyStatus } from './policy';
import { usePopupStore, type PopupApi } from './store';
import { PopupStorageNotice } from './StorageNotice';
import { PrivacyPanels } from '@/components/consent/PrivacyPanels';
import { DraftsKept } from '@/components/form-draft';
import { FIELDS_READ, type FieldsReadAnswer } from '@/lib/features/record-export';
import { asPolicyChanged } from '@/lib/messaging/policy-changed';

export const browserApi: PopupApi = {
  async resolveTab() {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return typeof tab?.id === 'number' ? tab.id : null;
  },
  getTab: (tabId) => send('tab.get', { tabId }),
  async setBasis(input) {
    await send('basis.set', input);
  },
  getPrivacy: (tabId, key) => send('privacy.get', { tabId, key }),
  giveConsent: (input) => send('consent.give', input),
  withdrawConsent: (input) => send('consent.withdraw', input),
  setSubject: (input) => send('subject.set', input),
  logNotice: (input) => send('notice.log', input),
  openRequest: (input) => send('request.open', input),
  extendRequest: (input) => send('request.extend', input),
  closeRequest: (input) => send('request.close', input),
  async readFields(tabId) {
    // Straight to the tab's content script: the values never pass through the background.
    const answer = (await browser.tabs.sendMessage(tabId, { type: FIELDS_READ }, { frameId: 0 })) as FieldsReadAnswer | undefined;
    if (!answer?.ok) throw new Error('no answer from the record page');
    return answer;
  },
  async logExport(input) {
    await send('export.log', input);
  },
  saveFile: (name, mime, content) => saveFile(textBlob(content, mime), name),
  onPolicyChange(listener) {
    // Sent by the background to the extension's pages (lib/messaging/policy-changed.ts); checked, never answered.
    const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }): undefined => {
      const changed = asPolicyChanged(message, sender, browser.runtime.id);
      if (changed) listener(changed.policyVersion);
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  },
};

/** Asks the background to close this tab's in-page panel (its content script gives focus back to the badge). */
export async function closeThisPanel(tabId: number): Promise<void> {
  await send('panel.close', { tabId });
}

/** What can take the keyboard in the panel, in document order. */
const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function App({
  lang,
  tabId,
  embedded,
  api = browserApi,
  closePanel = closeThisPanel,
}: {
  lang: Lang;
  tabId: number | null;
  embedded: boolean;
  api?: PopupApi;
  /** The in-page panel (embedded): Escape asks for it to be closed. */
  closePanel?: (tabId: number) => Promise<void>;
}) {
  const view = usePopupStore((s) => s.view);
  const loadError = usePopupStore((s) => s.loadError);
  const save = usePopupStore((s) => s.save);
  const load = usePopupStore((s) => s.load);
  const submit = usePopupStore((s) => s.submit);
  const clearSave = usePopupStore((s) => s.clearSave);
  const privacy = usePopupStore((s) => s.privacy);
  const setPrivacy = usePopupStore((s) => s.setPrivacy);
  const refreshPrivacy = usePopupStore((s) => s.refreshPrivacy);
  const shownTab = usePopupStore((s) => s.tabId);
  const refreshPolicy = usePopupStore((s) => s.refreshPolicy);

  useEffect(() => {
    void load(api, tabId);
  }, [api, tabId, load]);

  // The policy in force changes while this page is open (dashboard, rollback, managed settings): what
  // it shows from the policy is asked for again in place. The forms are not remounted, so what the
  // rep is typing stays (and the panel's drafts with it).
  const [policyChanged, setPolicyChanged] = useState<{ version: string; count: number } | null>(null);
  useEffect(() => {
    if (!api.onPolicyChange) return;
    return api.onPolicyChange((version) => {
      void refreshPolicy(api);
      setPolicyChanged((last) => ({ version, count: (last?.count ?? 0) + 1 }));
    });
  }, [api, refreshPolicy]);

  // The in-page panel, by keyboard: once the record is shown, focus goes to its first control (the
  // content script focuses the frame when it has loaded), and Escape closes it. The CRM page never
  // sees keys pressed in this frame, so the panel asks the background, which tells its tab.
  const mainRef = useRef<HTMLElement>(null);
  const focusedOnce = useRef(false);
  const ready = view !== null || loadError !== null;
  useEffect(() => {
    if (!embedded || !ready || focusedOnce.current) return;
    focusedOnce.current = true;
    const main = mainRef.current;
    (main?.querySelector<HTMLElement>(FOCUSABLE) ?? main)?.focus();
  }, [embedded, ready]);
  useEffect(() => {
    if (!embedded || tabId === null) return;
    const onKeyDown = (event: KeyboardEvent) => {
      // A control that uses Escape itself (the reveal-reason form cancels with it) keeps it.
      if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
      event.preventDefault();
      void closePanel(tabId).catch(() => undefined); // the ✕ of the panel still closes it
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [embedded, tabId, closePanel]);

  const content = useMemo(() => {
    if (loadError === 'no-tab') return <p role="alert">{t(lang, 'errorNoTab')}</p>;
    if (loadError) return <p role="alert">{t(lang, 'errorGeneric', { message: errorText(lang, loadError) })}</p>;
    if (!view) return <p aria-live="polite">{t(lang, 'popupLoading')}</p>;
    const consented = privacy?.key === (view.page.kind === 'record' ? view.page.key : undefined) ? privacy?.current.filter((c) => c.action === 'given').map((c) => c.purposeId) : undefined;
    return <RecordPanel lang={lang} view={view} save={save} onSave={(values) => void submit(api, values)} onRefused={clearSave} consented={consented} />;
  }, [api, clearSave, lang, loadError, privacy, save, submit, view]);

  // The in-page panel keeps what is typed per record (components/form-draft.tsx): closing it (✕ or
  // Escape) removes this page, and opening it again for the same record brings the drafts back.
  return (
    <DraftsKept.Provider value={embedded}>
      <main ref={mainRef} tabIndex={embedded ? -1 : undefined} className={`p-4 text-sm text-slate-900 bg-white focus:outline-none ${embedded ? '' : 'w-[360px]'}`}>
        {embedded ? (
          <>
            <h1 className="sr-only">{t(lang, 'appName')}</h1>
            <p className="mb-2 text-xs text-slate-600" data-testid="panel-key-hint">{t(lang, 'panelKeyHint')}</p>
          </>
        ) : (
          <h1 className="text-base font-semibold mb-3">{t(lang, 'appName')}</h1>
        )}
        <PopupStorageNotice lang={lang} />
        {content}
        {view?.page.kind === 'record' && privacy && shownTab !== null && (
          <PrivacyPanels
            lang={lang}
            tabId={shownTab}
            recordRef={view.page.ref}
            purposes={view.policy.purposes}
            privacy={privacy}
            api={api}
            onChange={setPrivacy}
            refresh={() => refreshPrivacy(api)}
          />
        )}
        {view?.page.kind === 'record' && <MaskSection lang={lang} />}
        <p aria-live="polite" className={policyChanged ? 'mb-2 text-xs text-slate-700' : 'sr-only'} data-testid="policy-changed">
          {policyChanged ? t(lang, 'popupPolicyChanged', { version: policyChanged.version }) : ''}
        </p>
        {/* Keyed by the changes seen: a policy change mounts it anew, so it loads again. */}
        {!embedded && <PolicyLine key={policyChanged?.count ?? 0} lang={lang} load={loadPolicyStatus} />}
      </main>
    </DraftsKept.Provider>
  );
}
