import { useEffect, useMemo } from 'react';
import { browser } from 'wxt/browser';
import { RecordPanel } from '@/components/RecordPanel';
import { t, type Lang } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import { usePopupStore, type PopupApi } from './store';

export const browserApi: PopupApi = {
  async resolveTab() {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return typeof tab?.id === 'number' ? tab.id : null;
  },
  getTab: (tabId) => send('tab.get', { tabId }),
  async setBasis(input) {
    await send('record.setBasis', input);
  },
};

export function App({ lang, tabId, embedded, api = browserApi }: { lang: Lang; tabId: number | null; embedded: boolean; api?: PopupApi }) {
  const view = usePopupStore((s) => s.view);
  const loadError = usePopupStore((s) => s.loadError);
  const save = usePopupStore((s) => s.save);
  const load = usePopupStore((s) => s.load);
  const submit = usePopupStore((s) => s.submit);

  useEffect(() => {
    void load(api, tabId);
  }, [api, tabId, load]);

  const content = useMemo(() => {
    if (loadError === 'no-tab') return <p role="alert">{t(lang, 'errorNoTab')}</p>;
    if (loadError) return <p role="alert">{t(lang, 'errorGeneric', { message: loadError })}</p>;
    if (!view) return <p aria-live="polite">{t(lang, 'popupLoading')}</p>;
    return <RecordPanel lang={lang} view={view} save={save} onSave={(values) => void submit(api, values)} />;
  }, [api, lang, loadError, save, submit, view]);

  return (
    <main className={`p-4 text-sm text-slate-900 bg-white ${embedded ? '' : 'w-[360px]'}`}>
      {!embedded && <h1 className="text-base font-semibold mb-3">{t(lang, 'appName')}</h1>}
      {content}
    </main>
  );
}
