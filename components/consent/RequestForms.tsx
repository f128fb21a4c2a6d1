import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { t, type Lang } from '@/lib/i18n';
import type { ErasureItem } from '@/lib/consent/model';
import type { RequestView } from '@/lib/consent/views';
import type { Request } from '@/lib/messaging/protocol';
import { formatDay } from '@/lib/features/badge-ui';
import { buttonClass, dateError, described, Field, FieldError, fieldClass, focusFirst, type ActionStatus, type Errors } from './fields';
import { erasureLabel } from './labels';
import { DraftNotice, useFormDraft } from '@/components/form-draft';

/**
 * The extension and closing forms of one data-subject request, shared by the popup (RequestsPanel)
 * and the dashboard (RequestsSection). The page owns the action (useAction) so that it says the
 * result where it fits: the popup beside the request, the dashboard in its table's live region.
 *
 * In the in-page panel (DraftsKept), what was typed is kept per request (`extend:<id>`,
 * `close:<id>`, under the request's record key) until it is saved or the draft discarded; the
 * toolbar popup and the dashboard keep nothing and say nothing about it.
 */
interface FormProps {
  lang: Lang;
  request: RequestView;
  /** The page's `useAction()` for this form: saving state, runner, reset. */
  action: [ActionStatus, (work: () => Promise<string>) => Promise<boolean>, () => void];
  /** Once the background said yes, before the result is shown: the page reloads what it lists. */
  onSaved?(message: string): Promise<void> | void;
  /** More buttons after the submit button (the dashboard's Cancel). */
  extraButtons?: ReactNode;
  /** Id of a text that says which request this form is about (the dashboard's table). */
  describedBy?: string;
  /**
   * Id of a text that names the request (the popup's request line): it is added to the form's name,
   * so that the forms of two requests are two landmarks a screen reader tells apart.
   */
  titledBy?: string;
}

/**
 * The form's name: its label, then the request's line when there is one. The label is then a hidden
 * text of the form (referenced, so still read), not the form itself: a form that names itself would
 * be named by all of its text in tools that read `aria-labelledby` as text.
 */
function formName(nameId: string, label: string, titledBy: string | undefined) {
  return titledBy ? ({ 'aria-labelledby': `${nameId} ${titledBy}` } as const) : ({ 'aria-label': label } as const);
}

function FormNameText({ id, label, titledBy }: { id: string; label: string; titledBy: string | undefined }) {
  return titledBy ? (
    <span id={id} hidden>
      {label}
    </span>
  ) : null;
}

export interface ExtendRequestFormProps extends FormProps {
  extend(input: Request<'request.extend'>): Promise<{ request: RequestView }>;
}

export interface CloseRequestFormProps extends FormProps {
  today: string;
  close(input: Request<'request.close'>): Promise<{ request: RequestView }>;
}

/** Whether a request may be extended now: open, the law allows it, inside the first period, none yet (the background's `canExtend`). */
export function canExtendRequest(r: RequestView): boolean {
  return r.status !== 'closed' && r.canExtend;
}

/** GDPR Art. 12(3) and alike: one extension, with the reason told to the person, decided inside the first period. */
export function ExtendRequestForm({ lang, request: r, action: [status, run, clearStatus], extend, onSaved, extraButtons, describedBy, titledBy }: ExtendRequestFormProps) {
  const ids = useId();
  const draft = useFormDraft(`extend:${r.id}`, r.recordKey, { reason: '' });
  const { reason } = draft.values;
  const [reasonError, setReasonError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const error = reason.trim().length >= 10 ? undefined : t(lang, 'requestErrReason');
    setReasonError(error);
    if (error) {
      clearStatus();
      document.getElementById(`${ids}-reason`)?.focus(); // in this form
      return;
    }
    const ok = await run(async () => {
      const answer = await extend({ id: r.id, reason: reason.trim() });
      const message = t(lang, 'requestExtendedTo', { due: formatDay(lang, answer.request.dueDate ?? '') });
      await onSaved?.(message);
      return message;
    });
    if (ok) draft.saved({ reason: '' });
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate {...formName(`${ids}-name`, t(lang, 'requestExtend'), titledBy)} aria-describedby={describedBy} className="mt-2 space-y-1">
      <FormNameText id={`${ids}-name`} label={t(lang, 'requestExtend')} titledBy={titledBy} />
      <p className="text-xs text-slate-700">{t(lang, 'requestExtendBy', { date: formatDay(lang, r.extendBy ?? '') })}</p>
      <Field id={`${ids}-reason`} label={t(lang, 'requestExtendReason')} error={reasonError}>
        <input id={`${ids}-reason`} className={fieldClass} value={reason} maxLength={1000} onChange={(e) => draft.set({ reason: e.target.value })} {...described(`${ids}-reason`, reasonError)} />
      </Field>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass} disabled={status.kind === 'saving'}>
          {t(lang, 'requestExtendSave')}
        </button>
        {extraButtons}
      </div>
      <DraftNotice lang={lang} draft={draft} form={t(lang, 'requestExtend')} focusId={`${ids}-reason`} />
    </form>
  );
}

/** Closing a request: outcome, date answered, note (reasons when refused); an erasure only with every checklist item ticked. */
export function CloseRequestForm({ lang, request: r, today, action: [status, run, clearStatus], close, onSaved, extraButtons, describedBy, titledBy }: CloseRequestFormProps) {
  const ids = useId();
  const draft = useFormDraft(`close:${r.id}`, r.recordKey, { outcome: 'completed' as 'completed' | 'refused', closedOn: today, confirmed: [] as ErasureItem[], note: '' });
  const { closedOn, note } = draft.values;
  // A restored draft is checked as it is read: only an outcome and checklist items of this form.
  const outcome = draft.values.outcome === 'refused' ? 'refused' : 'completed';
  const confirmed = draft.values.confirmed.filter((c) => r.checklist?.includes(c));
  const [errors, setErrors] = useState<Errors>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checklist = (r.checklist ?? []) as ErasureItem[];
    const next: Errors = {
      closedOn: dateError(lang, closedOn, today, r.receivedOn),
      checklist: outcome === 'completed' && checklist.some((c) => !confirmed.includes(c)) ? t(lang, 'requestChecklistMissing') : undefined,
      note: outcome === 'refused' && note.trim().length < 10 ? t(lang, 'requestErrNote') : undefined,
    };
    setErrors(next);
    if (Object.values(next).some(Boolean)) {
      clearStatus();
      const firstUnticked = checklist.find((c) => !confirmed.includes(c));
      focusFirst(next, [['closedOn', `${ids}-co`], ['checklist', `${ids}-cl-${firstUnticked ?? ''}`], ['note', `${ids}-cn`]]);
      return;
    }
    const ok = await run(async () => {
      await close({ id: r.id, outcome, closedOn, confirmed, note: note.trim() });
      const message = t(lang, 'requestClosed');
      await onSaved?.(message);
      return message;
    });
    if (ok) draft.saved();
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate {...formName(`${ids}-name`, t(lang, 'requestClose'), titledBy)} aria-describedby={describedBy} className="mt-2 space-y-1">
      <FormNameText id={`${ids}-name`} label={t(lang, 'requestClose')} titledBy={titledBy} />
      {r.checklist && (
        <fieldset aria-describedby={errors.checklist ? `${ids}-cl-err` : undefined}>
          <legend className="font-medium">{t(lang, 'requestChecklist')}</legend>
          {(r.checklist as ErasureItem[]).map((item) => (
            <label key={item} className="flex items-start gap-2">
              <input
                id={`${ids}-cl-${item}`}
                type="checkbox"
                className="mt-1"
                checked={confirmed.includes(item)}
                onChange={(e) => draft.set({ confirmed: e.target.checked ? [...confirmed, item] : confirmed.filter((x) => x !== item) })}
                {...described(`${ids}-cl`, errors.checklist)}
              />
              {erasureLabel(lang, item)}
            </label>
          ))}
          <FieldError id={`${ids}-cl`} error={errors.checklist} />
        </fieldset>
      )}
      <div className="grid grid-cols-2 gap-2">
        <Field id={`${ids}-oc`} label={t(lang, 'requestCloseOutcome')}>
          <select id={`${ids}-oc`} className={fieldClass} value={outcome} onChange={(e) => draft.set({ outcome: e.target.value === 'refused' ? 'refused' : 'completed' })}>
            <option value="completed">{t(lang, 'requestOutcomeCompleted')}</option>
            <option value="refused">{t(lang, 'requestOutcomeRefused')}</option>
          </select>
        </Field>
        <Field id={`${ids}-co`} label={t(lang, 'requestClosedOn')} error={errors.closedOn}>
          <input id={`${ids}-co`} type="date" className={fieldClass} value={closedOn} max={today} onChange={(e) => draft.set({ closedOn: e.target.value })} {...described(`${ids}-co`, errors.closedOn)} />
        </Field>
      </div>
      <Field id={`${ids}-cn`} label={t(lang, 'requestCloseNote')} error={errors.note}>
        <input id={`${ids}-cn`} className={fieldClass} value={note} maxLength={1000} onChange={(e) => draft.set({ note: e.target.value })} {...described(`${ids}-cn`, errors.note)} />
      </Field>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass} disabled={status.kind === 'saving'}>
          {t(lang, 'requestCloseSave')}
        </button>
        {extraButtons}
      </div>
      <DraftNotice lang={lang} draft={draft} form={t(lang, 'requestClose')} focusId={`${ids}-${r.checklist ? `cl-${r.checklist[0] ?? ''}` : 'oc'}`} />
    </form>
  );
}
