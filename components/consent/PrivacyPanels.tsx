import type { Lang } from '@/lib/i18n';
import type { RecordRef } from '@/lib/crm/types';
import type { PrivacyView } from '@/lib/consent/views';
import type { PurposeOption } from '@/lib/messaging/protocol';
import type { PopupApi } from '@/entrypoints/popup/store';
import { BasesList } from './BasesList';
import { ConsentSection } from './ConsentSection';
import { ExportSection } from './ExportSection';
import { PersonSection } from './PersonSection';
import { RequestsPanel } from './RequestsPanel';

interface Props {
  lang: Lang;
  tabId: number;
  recordRef: RecordRef;
  purposes: PurposeOption[];
  privacy: PrivacyView;
  api: PopupApi;
  onChange(view: PrivacyView): void;
  refresh(): Promise<void>;
}

/** The record's person, consents, requests and export, below the lawful-basis form of the popup. */
export function PrivacyPanels({ lang, tabId, recordRef, purposes, privacy, api, onChange, refresh }: Props) {
  return (
    <div className="mt-4 space-y-4">
      <BasesList lang={lang} privacy={privacy} purposes={purposes} />
      <ConsentSection lang={lang} tabId={tabId} privacy={privacy} purposes={purposes} api={api} onChange={onChange} />
      <PersonSection lang={lang} tabId={tabId} privacy={privacy} api={api} onChange={onChange} />
      <RequestsPanel lang={lang} tabId={tabId} privacy={privacy} api={api} onChange={refresh} onOpened={onChange} />
      <ExportSection lang={lang} tabId={tabId} recordRef={recordRef} privacy={privacy} api={api} />
    </div>
  );
}
