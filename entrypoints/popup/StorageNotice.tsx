import { StorageProblemNotice } from '@/components/StorageProblemNotice';
import type { Lang } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';

const loadLogStatus = () => send('log.status', {});

/** Access log (issue 4): the popup's "browser refused to store" notice. */
export function PopupStorageNotice({ lang }: { lang: Lang }) {
  return <StorageProblemNotice lang={lang} load={loadLogStatus} />;
}
