import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { errorText, t, type Lang } from '@/lib/i18n';
import type { Answers, Request } from '@/lib/messaging/protocol';
import type { RequestView } from '@/lib/consent/views';
import { send } from '@/lib/messaging/client';
import { formatDay } from '@/lib/features/badge-ui';
import { daysText, statusText } from '@/components/consent/RequestsPanel';
import { canExtendRequest, CloseRequestForm, ExtendRequestForm } from '@/components/consent/RequestForms';
import { useAction } from '@/components/consent/fields';
import { jurisdictionName, kindLabel } from '@/components/consent/labels';
import { crmLabel } from './log/labels';
import { useLoad } from './useLoad';

export interface RequestsApi {
  listRequests(): Promise<Answers['request.list']>;
}

/** The same messages as the popup's request forms (the background allows both extension pages). */
export interface RequestActionsApi {
  extendRequest(input: Request<'request.extend'>): Promise<Answers['request.extend']>;
  closeRequest(input: Request<'request.close'>): Promise<Answers['request.close']>;
}

export const browserRequestsApi: RequestsApi = { listRequests: () => send('request.list', {}) };

export const browserRequestActionsApi: RequestActionsApi = {
  extendRequest: (input) => send('request.extend', input),
  closeRequest: (input) => send('request.close', input),
};

type Editing = { id: string; action: 'extend' | 'close' };

const actionButtonClass =
  'rounded border border-slate-400 px-2 py-0.5 text-sm hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-700 aria-expanded:bg-slate-200';

/** "HubSpot 0-1 501": the CRM by its product name (lib/crm/names.ts), the object and the record id. */
function recordText(lang: Lang, r: RequestView): string {
  return `${crmLabel(lang, r.crm)} ${r.object} ${r.recordId}`;
}

/**
 * Every data-subject request, overdue first, with status, due date and days left. An open request
 * can be extended (when its law allows it and it was not yet) or closed here, in a form under its
 * row, with the popup's own forms (components/consent/RequestForms.tsx).
 */
export function RequestsSection({ lang, api = browserRequestsApi, actions = browserRequestActionsApi }: { lang: Lang; api?: RequestsApi; actions?: RequestActionsApi }) {
  const ids = useId();
  const [loaded, reload] = useLoad(useCallback(() => api.listRequests(), [api]));
  const [editing, setEditing] = useState<Editing | null>(null);
  const [announced, setAnnounced] = useState('');
  // The result of an action, said once the reloaded list is in (the row then shows its new status).
  const pending = useRef<{ message: string; before: unknown } | null>(null);
  const value = loaded.state === 'ready' ? loaded.value : undefined;

  useEffect(() => {
    if (pending.current && value && value !== pending.current.before) {
      setAnnounced(pending.current.message);
      pending.current = null;
    }
  }, [value]);

  const rowId = (r: RequestView, part: string) => `${ids}-${r.id}-${part}`;
  const focusById = (id: string) => document.getElementById(id)?.focus();

  const openForm = (next: Editing) => {
    setEditing(next);
    setAnnounced('');
  };
  const cancel = (r: RequestView, action: Editing['action']) => {
    // Back to the button that opened the form (it stays: the request is still open), before the form goes.
    focusById(rowId(r, action));
    setEditing(null);
  };
  const saved = (r: RequestView, result: string) => {
    pending.current = { message: t(lang, 'dashRequestDone', { record: recordText(lang, r), kind: kindLabel(lang, r.kind), result }), before: value };
    // The status cell stays (the row is keyed by id): focus goes there before the form goes away.
    focusById(rowId(r, 'status'));
    setEditing(null);
    reload();
  };

  const live = (
    <div role="status" aria-live="polite" className="min-h-5 text-green-800" data-testid="requests-announce">
      {announced}
    </div>
  );

  if (loaded.state === 'loading') return <p aria-live="polite">{t(lang, 'popupLoading')}</p>;
  if (loaded.state === 'error') return <p role="alert">{t(lang, 'errorGeneric', { message: errorText(lang, loaded) })}</p>;
  const { requests, today } = loaded.value;
  const overdue = requests.filter((r) => r.overdue).length;
  return (
    <section aria-labelledby={`${ids}-h`} className="space-y-3 rounded border border-slate-300 bg-white p-4">
      <h2 id={`${ids}-h`} className="font-semibold">{t(lang, 'dashRequests')}</h2>
      <p className="text-sm text-slate-700">{t(lang, 'dashRequestsIntro')}</p>
      {overdue > 0 && (
        <p className="font-semibold text-red-800" data-testid="requests-overdue">
          {t(lang, 'dashOverdueCount', { n: overdue })}
        </p>
      )}
      <button type="button" onClick={reload} className="rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-700">
        <span aria-hidden="true">↻</span> {t(lang, 'dashRequestsReload')}
      </button>
      {live}
      {requests.length === 0 ? (
        <p>{t(lang, 'dashRequestsNone')}</p>
      ) : (
        <table className="w-full border-collapse text-sm" data-testid="requests-table">
          <caption className="sr-only">{t(lang, 'dashRequests')}</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="py-1 pr-3">{t(lang, 'dashColRecord')}</th>
              <th scope="col" className="py-1 pr-3">{t(lang, 'dashColKind')}</th>
              <th scope="col" className="py-1 pr-3">{t(lang, 'dashColJurisdiction')}</th>
              <th scope="col" className="py-1 pr-3">{t(lang, 'dashColReceived')}</th>
              <th scope="col" className="py-1 pr-3">{t(lang, 'dashColDue')}</th>
              <th scope="col" className="py-1 pr-3">{t(lang, 'dashColLeft')}</th>
              <th scope="col" className="py-1 pr-3">{t(lang, 'dashColStatus')}</th>
              <th scope="col" className="py-1 pr-3">{t(lang, 'dashColActions')}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => {
              const open = r.status !== 'closed';
              const form = editing?.id === r.id && open && (editing.action === 'close' || canExtendRequest(r)) ? editing.action : undefined;
              return [
                <tr
                  key={r.id}
                  className={`border-b border-slate-200 ${r.overdue ? 'bg-red-50' : ''}`}
                  data-testid="request-row"
                  data-request-id={r.id}
                  data-overdue={r.overdue ? 'true' : 'false'}
                >
                  <td id={rowId(r, 'record')} className="py-1 pr-3 font-mono text-xs">{recordText(lang, r)}</td>
                  <td id={rowId(r, 'kind')} className="py-1 pr-3">{kindLabel(lang, r.kind)}</td>
                  <td className="py-1 pr-3">{jurisdictionName(lang, r.jurisdiction)}</td>
                  <td className="py-1 pr-3">{formatDay(lang, r.receivedOn)}</td>
                  <td className="py-1 pr-3">{r.dueDate ? formatDay(lang, r.dueDate) : '—'}</td>
                  <td className={`py-1 pr-3 ${r.overdue ? 'font-semibold text-red-800' : ''}`}>{r.status === 'closed' ? '—' : daysText(lang, r) || '—'}</td>
                  <td id={rowId(r, 'status')} tabIndex={-1} className="py-1 pr-3 focus:outline-none focus:ring-2 focus:ring-blue-700" data-testid="request-status">
                    {statusText(lang, r)}
                  </td>
                  <td className="py-1 pr-3">
                    {open && (
                      <span className="flex gap-1">
                        {canExtendRequest(r) && (
                          <button
                            id={rowId(r, 'extend')}
                            type="button"
                            className={actionButtonClass}
                            aria-expanded={form === 'extend'}
                            aria-controls={form === 'extend' ? rowId(r, 'form') : undefined}
                            aria-describedby={`${rowId(r, 'kind')} ${rowId(r, 'record')}`}
                            onClick={() => (form === 'extend' ? cancel(r, 'extend') : openForm({ id: r.id, action: 'extend' }))}
                          >
                            {t(lang, 'dashRequestExtendOpen')}
                          </button>
                        )}
                        <button
                          id={rowId(r, 'close')}
                          type="button"
                          className={actionButtonClass}
                          aria-expanded={form === 'close'}
                          aria-controls={form === 'close' ? rowId(r, 'form') : undefined}
                          aria-describedby={`${rowId(r, 'kind')} ${rowId(r, 'record')}`}
                          onClick={() => (form === 'close' ? cancel(r, 'close') : openForm({ id: r.id, action: 'close' }))}
                        >
                          {t(lang, 'dashRequestCloseOpen')}
                        </button>
                      </span>
                    )}
                  </td>
                </tr>,
                form && (
                  <tr key={`${r.id}-form`} id={rowId(r, 'form')} className="border-b border-slate-200 bg-slate-50" data-testid="request-form-row">
                    <td colSpan={8} className="p-3">
                      <RequestActionForm
                        key={form}
                        lang={lang}
                        request={r}
                        today={today}
                        action={form}
                        actions={actions}
                        labelId={rowId(r, 'form-for')}
                        label={t(lang, 'dashRequestFormFor', { kind: kindLabel(lang, r.kind), record: recordText(lang, r), received: formatDay(lang, r.receivedOn) })}
                        onCancel={() => cancel(r, form)}
                        onSaved={(result) => saved(r, result)}
                      />
                    </td>
                  </tr>
                ),
              ];
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One open form under a row: the popup's form, a Cancel button (and Escape), and the background's refusal as an alert. */
function RequestActionForm(props: {
  lang: Lang;
  request: RequestView;
  today: string;
  action: Editing['action'];
  actions: RequestActionsApi;
  labelId: string;
  label: string;
  onCancel(): void;
  onSaved(result: string): void;
}) {
  const { lang, request, today, action, actions, labelId, label, onCancel, onSaved } = props;
  const state = useAction();
  const [status] = state;
  const box = useRef<HTMLDivElement>(null);

  // Focus the form's first control as it opens (the keyboard user is where the form is).
  useEffect(() => {
    box.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  };

  const cancelButton = (
    <button type="button" onClick={onCancel} className={actionButtonClass}>
      {t(lang, 'dashRequestCancel')}
    </button>
  );

  return (
    <div ref={box} onKeyDown={onKeyDown} className="space-y-1">
      <p id={labelId} className="font-medium">
        {label}
      </p>
      {action === 'extend' ? (
        <ExtendRequestForm lang={lang} request={request} action={state} extend={(input) => actions.extendRequest(input)} onSaved={onSaved} extraButtons={cancelButton} describedBy={labelId} />
      ) : (
        <CloseRequestForm lang={lang} request={request} today={today} action={state} close={(input) => actions.closeRequest(input)} onSaved={onSaved} extraButtons={cancelButton} describedBy={labelId} />
      )}
      {status.kind === 'error' && (
        <p role="alert" className="text-red-800" data-testid="request-action-error">
          {t(lang, 'errorGeneric', { message: errorText(lang, status) })}
        </p>
      )}
    </div>
  );
}
