import { useState, type ReactNode } from 'react';
import { errorInfo, errorText, t, type ErrorInfo, type Lang } from '@/lib/i18n';

/** Form controls of the consent and request panels: a label, a described error, nothing else. */
export const fieldClass =
  'mt-1 block w-full rounded border border-slate-400 bg-white px-2 py-1 text-slate-900 focus:outline-none focus:ring-2 focus:ring-blue-700 aria-[invalid=true]:border-red-700';
export const buttonClass =
  'rounded bg-blue-800 px-3 py-1 font-semibold text-white hover:bg-blue-900 focus:outline-none focus:ring-2 focus:ring-blue-700 focus:ring-offset-2 disabled:opacity-60';
export const dangerButtonClass =
  'rounded border border-red-800 bg-white px-2 py-0.5 font-semibold text-red-800 hover:bg-red-50 focus:outline-none focus:ring-2 focus:ring-red-700 focus:ring-offset-1 disabled:opacity-60';

export type Errors = Record<string, string | undefined>;

/** aria props that tie a control to its error (and hint) so screen readers read them. */
export function described(id: string, error: string | undefined, hintId?: string) {
  const ids = [hintId, error ? `${id}-err` : undefined].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined } as const;
}

/** `alert`: said at once (role=alert), for an error raised by a control away from its field. */
export function FieldError({ id, error, alert }: { id: string; error: string | undefined; alert?: boolean }) {
  return error ? (
    <p id={`${id}-err`} role={alert ? 'alert' : undefined} className="mt-1 text-red-800">
      {error}
    </p>
  ) : null;
}

export function Field({ id, label, error, alert, children }: { id: string; label: string; error?: string; alert?: boolean; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {children}
      <FieldError id={id} error={error} alert={alert} />
    </div>
  );
}

/** Moves focus to the first control with an error (in the order given). */
export function focusFirst(errors: Errors, order: [string, string][]): void {
  const first = order.find(([name]) => errors[name]);
  if (first) document.getElementById(first[1])?.focus(); // rendered: the form is on screen
}

export type ActionStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'done'; message: string } | ({ kind: 'error' } & ErrorInfo);

/** Runs one background action for a form: saving, then a message or the background's error. */
export function useAction(): [ActionStatus, (run: () => Promise<string>) => Promise<boolean>, () => void] {
  const [status, setStatus] = useState<ActionStatus>({ kind: 'idle' });
  const run = async (work: () => Promise<string>): Promise<boolean> => {
    setStatus({ kind: 'saving' });
    try {
      setStatus({ kind: 'done', message: await work() });
      return true;
    } catch (error) {
      setStatus({ kind: 'error', ...errorInfo(error) });
      return false;
    }
  };
  return [status, run, () => setStatus({ kind: 'idle' })];
}

/** The polite status line and the error alert of one form. */
export function ActionMessages({ lang, status, testId }: { lang: Lang; status: ActionStatus; testId: string }) {
  return (
    <>
      <div role="status" aria-live="polite" className="min-h-5" data-testid={`${testId}-status`}>
        {status.kind === 'done' && <p className="text-green-800">{status.message}</p>}
      </div>
      {status.kind === 'error' && (
        <p role="alert" className="text-red-800" data-testid={`${testId}-error`}>
          {t(lang, 'errorGeneric', { message: errorText(lang, status) })}
        </p>
      )}
    </>
  );
}

/** Checks a typed date: present, not after today, not before `notBefore`. */
export function dateError(lang: Lang, value: string, today: string, notBefore?: string): string | undefined {
  if (!value) return t(lang, 'dateMissing');
  if (value > today) return t(lang, 'dateFuture');
  if (notBefore && value < notBefore) return t(lang, 'dateBefore', { date: notBefore });
  return undefined;
}
