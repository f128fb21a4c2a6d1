import { saveFile, textBlob } from '@/lib/ui/download';
import { useEffect, useMemo } from 'react';
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
import { FIELDS_READ, type FieldsReadAnswer } from '@/lib/features/record-export';

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
};

export function App({ lang, tabId, embedded, api = browserApi }: { lang: Lang; tabId: number | null; embedded: boolean; api?: PopupApi }) {
  const view = usePopupStore((s) => s.view);
  const loadError = usePopupStore((s) => s.loadError);
  const save = usePopupStore((s) => s.save);
  const load = usePopupStore((s) => s.load);
  const submit = usePopupStore((s) => s.submit);
  const privacy = usePopupStore((s) => s.privacy);
  const setPrivacy = usePopupStore((s) => s.setPrivacy);
  const refreshPrivacy = usePopupStore((s) => s.refreshPrivacy);
  const shownTab = usePopupStore((s) => s.tabId);

  useEffect(() => {
    void load(api, tabId);
  }, [api, tabId, load]);

  const content = useMemo(() => {
    if (loadError === 'no-tab') return <p role="alert">{t(lang, 'errorNoTab')}</p>;
    if (loadError) return <p role="alert">{t(lang, 'errorGeneric', { message: errorText(lang, loadError) })}</p>;
    if (!view) return <p aria-live="polite">{t(lang, 'popupLoading')}</p>;
    return <RecordPanel lang={lang} view={view} save={save} onSave={(values) => void submit(api, values)} />;
  }, [api, lang, loadError, save, submit, view]);

  return (
    <main className={`p-4 text-sm text-slate-900 bg-white ${embedded ? '' : 'w-[360px]'}`}>
      {!embedded && <h1 className="text-base font-semibold mb-3">{t(lang, 'appName')}</h1>}
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
      {!embedded && <PolicyLine lang={lang} load={loadPolicyStatus} />}
    </main>
  );
}
