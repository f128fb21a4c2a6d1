import { useId, useState, type FormEvent } from 'react';
import { t, type Lang } from '@/lib/i18n';
import { IDENTITY_CHECKS, type ErasureItem, type IdentityCheck } from '@/lib/consent/model';
import type { PrivacyView, RequestView } from '@/lib/consent/views';
import { isRequestKind, requestKindsFor } from '@/lib/law/deadlines';
import type { PopupApi } from '@/entrypoints/popup/store';
import { formatDay } from '@/lib/features/badge-ui';
import { ActionMessages, buttonClass, dateError, described, Field, FieldError, fieldClass, focusFirst, useAction, type Errors } from './fields';
import { erasureLabel, identityLabel, kindLabel } from './labels';

interface Props {
  lang: Lang;
  tabId: number;
  privacy: PrivacyView;
  api: Pick<PopupApi, 'openRequest' | 'extendRequest' | 'closeRequest'>;
  onChange(): Promise<void> | void;
  onOpened(view: PrivacyView): void;
}

export function daysText(lang: Lang, r: RequestView): string {
  if (r.daysLeft === undefined) return '';
  if (r.daysLeft < 0) return t(lang, 'requestOverdue', { n: -r.daysLeft });
  if (r.daysLeft === 0) return t(lang, 'requestDueToday');
  return t(lang, 'requestDaysLeft', { n: r.daysLeft });
}

export function statusText(lang: Lang, r: RequestView): string {
  return t(lang, r.status === 'open' ? 'requestStatusOpen' : r.status === 'extended' ? 'requestStatusExtended' : 'requestStatusClosed');
}

/** Data-subject requests of this record: log one, then extend (inside the first period) or close it. */
export function RequestsPanel({ lang, tabId, privacy, api, onChange, onOpened }: Props) {
  const ids = useId();
  const jurisdiction = privacy.subject?.jurisdiction;
  const kinds = jurisdiction ? requestKindsFor(jurisdiction) : [];
  const [kind, setKind] = useState('');
  const [receivedOn, setReceivedOn] = useState(privacy.today);
  const [identity, setIdentity] = useState<IdentityCheck | ''>('');
  const [identityNote, setIdentityNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [status, run, clearStatus] = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: Errors = {
      kind: isRequestKind(kind) && kinds.includes(kind) ? undefined : t(lang, 'requestErrKind'),
      receivedOn: dateError(lang, receivedOn, privacy.today),
      identity: identity ? undefined : t(lang, 'requestErrIdentity'),
    };
    setErrors(next);
    if (Object.values(next).some(Boolean) || !isRequestKind(kind) || !identity) {
      clearStatus(); // not the last request's message beside these errors
      focusFirst(next, [['kind', `${ids}-k`], ['receivedOn', `${ids}-r`], ['identity', `${ids}-i`]]);
      return;
    }
    const ok = await run(async () => {
      const view = await api.openRequest({ tabId, key: privacy.key, kind, receivedOn, identity, identityNote: identityNote.trim() });
      onOpened(view);
      const opened = view.requests.find((r) => r.kind === kind && r.receivedOn === receivedOn && r.status === 'open');
      return opened?.dueDate ? t(lang, 'requestOpened', { due: formatDay(lang, opened.dueDate) }) : t(lang, 'requestOpenedNoDue');
    });
    if (ok) {
      setKind('');
      setIdentity('');
      setIdentityNote('');
    }
  };

  return (
    <section aria-labelledby={`${ids}-h`} className="space-y-3 rounded border border-slate-300 p-3">
      <h2 id={`${ids}-h`} className="font-semibold">{t(lang, 'requestsTitle')}</h2>
      {privacy.requests.length === 0 && <p className="text-slate-700">{t(lang, 'requestNone')}</p>}
      <ul className="space-y-3" data-testid="requests">
        {privacy.requests.map((r) => (
          <RequestItem key={r.id} lang={lang} request={r} today={privacy.today} api={api} onChange={onChange} />
        ))}
      </ul>
      {!jurisdiction ? (
        <p className="text-slate-700" data-testid="request-needs-jurisdiction">{t(lang, 'requestNeedsJurisdiction')}</p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate aria-label={t(lang, 'requestOpen')} className="space-y-2">
          <Field id={`${ids}-k`} label={t(lang, 'requestKind')} error={errors.kind}>
            <select id={`${ids}-k`} className={fieldClass} value={kind} onChange={(e) => setKind(e.target.value)} {...described(`${ids}-k`, errors.kind)}>
              <option value="">{t(lang, 'requestChooseKind')}</option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {kindLabel(lang, k)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${ids}-r`} label={t(lang, 'requestReceived')} error={errors.receivedOn}>
            <input id={`${ids}-r`} type="date" className={fieldClass} value={receivedOn} max={privacy.today} onChange={(e) => setReceivedOn(e.target.value)} {...described(`${ids}-r`, errors.receivedOn)} />
          </Field>
          <Field id={`${ids}-i`} label={t(lang, 'requestIdentity')} error={errors.identity}>
            <select id={`${ids}-i`} className={fieldClass} value={identity} onChange={(e) => setIdentity(e.target.value as IdentityCheck | '')} {...described(`${ids}-i`, errors.identity)}>
              <option value="">{t(lang, 'requestChooseIdentity')}</option>
              {IDENTITY_CHECKS.map((i) => (
                <option key={i} value={i}>
                  {identityLabel(lang, i)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${ids}-in`} label={t(lang, 'requestIdentityNote')}>
            <input id={`${ids}-in`} className={fieldClass} value={identityNote} maxLength={300} onChange={(e) => setIdentityNote(e.target.value)} />
          </Field>
          <button type="submit" className={buttonClass} disabled={status.kind === 'saving'}>
            {t(lang, 'requestOpen')}
          </button>
          <ActionMessages lang={lang} status={status} testId="request" />
        </form>
      )}
    </section>
  );
}

function RequestItem({ lang, request: r, today, api, onChange }: { lang: Lang; request: RequestView; today: string; api: Props['api']; onChange: Props['onChange'] }) {
  const ids = useId();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [extendStatus, runExtend, clearExtendStatus] = useAction();
  const [outcome, setOutcome] = useState<'completed' | 'refused'>('completed');
  const [closedOn, setClosedOn] = useState(today);
  const [confirmed, setConfirmed] = useState<ErasureItem[]>([]);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [closeStatus, runClose, clearCloseStatus] = useAction();
  const open = r.status !== 'closed';

  const extend = async (event: FormEvent) => {
    event.preventDefault();
    const error = reason.trim().length >= 10 ? undefined : t(lang, 'requestErrReason');
    setReasonError(error);
    if (error) {
      clearExtendStatus();
      document.getElementById(`${ids}-reason`)?.focus(); // in this form
      return;
    }
    const ok = await runExtend(async () => {
      const answer = await api.extendRequest({ id: r.id, reason: reason.trim() });
      await onChange();
      return t(lang, 'requestExtendedTo', { due: formatDay(lang, answer.request.dueDate ?? '') });
    });
    if (ok) setReason('');
  };

  const close = async (event: FormEvent) => {
    event.preventDefault();
    const checklist = (r.checklist ?? []) as ErasureItem[];
    const next: Errors = {
      closedOn: dateError(lang, closedOn, today, r.receivedOn),
      checklist: outcome === 'completed' && checklist.some((c) => !confirmed.includes(c)) ? t(lang, 'requestChecklistMissing') : undefined,
      note: outcome === 'refused' && note.trim().length < 10 ? t(lang, 'requestErrNote') : undefined,
    };
    setErrors(next);
    if (Object.values(next).some(Boolean)) {
      clearCloseStatus();
      const firstUnticked = checklist.find((c) => !confirmed.includes(c));
      focusFirst(next, [['closedOn', `${ids}-co`], ['checklist', `${ids}-cl-${firstUnticked ?? ''}`], ['note', `${ids}-cn`]]);
      return;
    }
    await runClose(async () => {
      await api.closeRequest({ id: r.id, outcome, closedOn, confirmed, note: note.trim() });
      await onChange();
      return t(lang, 'requestClosed');
    });
  };

  return (
    <li className="rounded border border-slate-200 p-2" data-testid="request-item" data-request-kind={r.kind} data-request-status={r.status}>
      <p className="font-medium">
        {r.dueDate
          ? t(lang, 'requestLine', { kind: kindLabel(lang, r.kind), received: formatDay(lang, r.receivedOn), due: formatDay(lang, r.dueDate) })
          : t(lang, 'requestLineNoDue', { kind: kindLabel(lang, r.kind), received: formatDay(lang, r.receivedOn) })}
      </p>
      <p className={r.overdue ? 'font-semibold text-red-800' : 'text-slate-700'}>
        {statusText(lang, r)}
        {open && r.daysLeft !== undefined ? ` · ${daysText(lang, r)}` : ''}
      </p>
      {open && r.acknowledgeBy && <p className="text-slate-700">{t(lang, 'requestAck', { date: formatDay(lang, r.acknowledgeBy) })}</p>}
      {open && r.canExtend && (
        <form onSubmit={(e) => void extend(e)} noValidate aria-label={t(lang, 'requestExtend')} className="mt-2 space-y-1">
          <p className="text-xs text-slate-700">{t(lang, 'requestExtendBy', { date: formatDay(lang, r.extendBy ?? '') })}</p>
          <Field id={`${ids}-reason`} label={t(lang, 'requestExtendReason')} error={reasonError}>
            <input id={`${ids}-reason`} className={fieldClass} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} {...described(`${ids}-reason`, reasonError)} />
          </Field>
          <button type="submit" className={buttonClass} disabled={extendStatus.kind === 'saving'}>
            {t(lang, 'requestExtendSave')}
          </button>
        </form>
      )}
      {/* Outside the form: a successful extension removes the form (one extension only), not its message. */}
      {(r.canExtend || extendStatus.kind !== 'idle') && <ActionMessages lang={lang} status={extendStatus} testId="extend" />}
      {open && (
        <form onSubmit={(e) => void close(e)} noValidate aria-label={t(lang, 'requestClose')} className="mt-2 space-y-1">
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
                    onChange={(e) => setConfirmed(e.target.checked ? [...confirmed, item] : confirmed.filter((x) => x !== item))}
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
              <select id={`${ids}-oc`} className={fieldClass} value={outcome} onChange={(e) => setOutcome(e.target.value === 'refused' ? 'refused' : 'completed')}>
                <option value="completed">{t(lang, 'requestOutcomeCompleted')}</option>
                <option value="refused">{t(lang, 'requestOutcomeRefused')}</option>
              </select>
            </Field>
            <Field id={`${ids}-co`} label={t(lang, 'requestClosedOn')} error={errors.closedOn}>
              <input id={`${ids}-co`} type="date" className={fieldClass} value={closedOn} max={today} onChange={(e) => setClosedOn(e.target.value)} {...described(`${ids}-co`, errors.closedOn)} />
            </Field>
          </div>
          <Field id={`${ids}-cn`} label={t(lang, 'requestCloseNote')} error={errors.note}>
            <input id={`${ids}-cn`} className={fieldClass} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} {...described(`${ids}-cn`, errors.note)} />
          </Field>
          <button type="submit" className={buttonClass} disabled={closeStatus.kind === 'saving'}>
            {t(lang, 'requestCloseSave')}
          </button>
        </form>
      )}
      {/* Outside the form, which goes once the request is closed. */}
      {(open || closeStatus.kind !== 'idle') && <ActionMessages lang={lang} status={closeStatus} testId="close" />}
    </li>
  );
}
