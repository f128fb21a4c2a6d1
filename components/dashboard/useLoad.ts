import { useCallback, useEffect, useState } from 'react';
import { errorInfo, type ErrorInfo } from '@/lib/i18n/error-text';

/** An error keeps what lib/i18n/error-text.ts needs to show it in the page's language (`errorText(lang, loaded)`). */
export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | ({ state: 'error' } & ErrorInfo);

/** Loads on mount and on reload(); pass a stable (useCallback) `load`. The result is UI state only. */
export function useLoad<T>(load: () => Promise<T>): [Loaded<T>, () => void] {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setResult({ state: 'ready', value }),
      (error: unknown) => live && setResult({ state: 'error', ...errorInfo(error) }),
    );
    return () => {
      live = false;
    };
  }, [load, tick]);
  return [result, useCallback(() => setTick((n) => n + 1), [])];
}
