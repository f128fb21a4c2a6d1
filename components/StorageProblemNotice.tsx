import { useEffect, useState } from 'react';
import { formatDateTime, t, type Lang } from '@/lib/i18n';

/**
 * Says so when the browser refused to store access-log events (quota). Shows nothing otherwise,
 * nor when the background cannot be asked (the rest of the popup reports that).
 */
export function StorageProblemNotice({ lang, load }: { lang: Lang; load: () => Promise<{ storageProblem: number | null }> }) {
  const [since, setSince] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (s) => live && setSince(s.storageProblem),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [load]);
  if (since === null) return null;
  return (
    <p role="alert" className="mb-3 rounded border border-red-700 bg-red-50 p-2 text-red-900" data-testid="storage-problem">
      {t(lang, 'logStorageProblem', { when: formatDateTime(lang, since) })}
    </p>
  );
}
