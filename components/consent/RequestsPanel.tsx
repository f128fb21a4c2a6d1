import { useId, useState, type FormEvent } from 'react';
import { t, type Lang } from '@/lib/i18n';
import { IDENTITY_CHECKS, type IdentityCheck } from '@/lib/consent/model';
import type { PrivacyView, RequestView } from '@/lib/consent/views';
import { isRequestKind, requestKindsFor } from '@/lib/law/deadlines';
import type { PopupApi } from '@/entrypoints/popup/store';
import { formatDay } from '@/lib/features/badge-ui';
import { ActionMessages, buttonClass, dateError, described, Field, fieldClass, focusFirst, useAction, type Errors } from './fields';
import { identityLabel, kindLabel } from './labels';
import { DraftNotice, useFormDraft } from '@/components/form-draft';
import { canExtendRequest, CloseRequestForm, ExtendRequestForm } from './RequestForms';

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
  // Kept per record in the in-page panel until the request is logged or the draft discarded.
  const draft = useFormDraft('request', privacy.key, { kind: '', receivedOn: privacy.today, identity: '' as IdentityCheck | '', identityNote: '' });
  const { kind, receivedOn, identity, identityNote } = draft.values;
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
    if (ok) draft.saved({ kind: '', identity: '', identityNote: '' });
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
            <select id={`${ids}-k`} className={fieldClass} value={kind} onChange={(e) => draft.set({ kind: e.target.value })} {...described(`${ids}-k`, errors.kind)}>
              <option value="">{t(lang, 'requestChooseKind')}</option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {kindLabel(lang, k)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${ids}-r`} label={t(lang, 'requestReceived')} error={errors.receivedOn}>
            <input id={`${ids}-r`} type="date" className={fieldClass} value={receivedOn} max={privacy.today} onChange={(e) => draft.set({ receivedOn: e.target.value })} {...described(`${ids}-r`, errors.receivedOn)} />
          </Field>
          <Field id={`${ids}-i`} label={t(lang, 'requestIdentity')} error={errors.identity}>
            <select id={`${ids}-i`} className={fieldClass} value={identity} onChange={(e) => draft.set({ identity: e.target.value as IdentityCheck | '' })} {...described(`${ids}-i`, errors.identity)}>
              <option value="">{t(lang, 'requestChooseIdentity')}</option>
              {IDENTITY_CHECKS.map((i) => (
                <option key={i} value={i}>
                  {identityLabel(lang, i)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${ids}-in`} label={t(lang, 'requestIdentityNote')}>
            <input id={`${ids}-in`} className={fieldClass} value={identityNote} maxLength={300} onChange={(e) => draft.set({ identityNote: e.target.value })} />
          </Field>
          <button type="submit" className={buttonClass} disabled={status.kind === 'saving'}>
            {t(lang, 'requestOpen')}
          </button>
          <DraftNotice lang={lang} draft={draft} form={t(lang, 'requestOpen')} focusId={`${ids}-k`} />
          <ActionMessages lang={lang} status={status} testId="request" />
        </form>
      )}
    </section>
  );
}

function RequestItem({ lang, request: r, today, api, onChange }: { lang: Lang; request: RequestView; today: string; api: Props['api']; onChange: Props['onChange'] }) {
  const extendAction = useAction();
  const closeAction = useAction();
  const [extendStatus] = extendAction;
  const [closeStatus] = closeAction;
  const open = r.status !== 'closed';
  const lineId = `${useId()}-line`; // names this request's forms (each request has its own)

  return (
    <li className="rounded border border-slate-200 p-2" data-testid="request-item" data-request-kind={r.kind} data-request-status={r.status}>
      <p id={lineId} className="font-medium">
        {r.dueDate
          ? t(lang, 'requestLine', { kind: kindLabel(lang, r.kind), received: formatDay(lang, r.receivedOn), due: formatDay(lang, r.dueDate) })
          : t(lang, 'requestLineNoDue', { kind: kindLabel(lang, r.kind), received: formatDay(lang, r.receivedOn) })}
      </p>
      <p className={r.overdue ? 'font-semibold text-red-800' : 'text-slate-700'}>
        {statusText(lang, r)}
        {open && r.daysLeft !== undefined ? ` · ${daysText(lang, r)}` : ''}
      </p>
      {open && r.acknowledgeBy && <p className="text-slate-700">{t(lang, 'requestAck', { date: formatDay(lang, r.acknowledgeBy) })}</p>}
      {canExtendRequest(r) && <ExtendRequestForm lang={lang} request={r} action={extendAction} extend={(input) => api.extendRequest(input)} onSaved={onChange} titledBy={lineId} />}
      {/* Outside the form: a successful extension removes the form (one extension only), not its message. */}
      {(r.canExtend || extendStatus.kind !== 'idle') && <ActionMessages lang={lang} status={extendStatus} testId="extend" />}
      {open && <CloseRequestForm lang={lang} request={r} today={today} action={closeAction} close={(input) => api.closeRequest(input)} onSaved={onChange} titledBy={lineId} />}
      {/* Outside the form, which goes once the request is closed. */}
      {(open || closeStatus.kind !== 'idle') && <ActionMessages lang={lang} status={closeStatus} testId="close" />}
    </li>
  );
}
