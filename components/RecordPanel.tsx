import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { BASIS_LETTERS, LAWFUL_BASES, isBasisLetter, type BasisLetter } from '@/lib/law/bases';
import { errorText, formatDateTime, t, type ErrorInfo, type Lang, type MessageKey } from '@/lib/i18n';
import type { BasisEntryWithRef } from '@/lib/consent/model';
import { crmName } from '@/lib/crm/names';
import type { TabView } from '@/lib/messaging/protocol';
import { DraftNotice, useFormDraft } from './form-draft';

export const NOTE_MAX = 1000;

/** The reference each basis needs on record: contract (b), the law (c), the LIA (f). */
const REFERENCE_LABEL: Partial<Record<BasisLetter, MessageKey>> = { b: 'basisRefB', c: 'basisRefC', f: 'basisRefF' };

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | ({ kind: 'error' } & ErrorInfo);

export interface RecordPanelProps {
  lang: Lang;
  view: TabView;
  save: SaveState;
  onSave(values: { basis: BasisLetter; purposeId: string; reference: string; note: string }): void;
  /** The form refused the attempt (a field error): the last save's "Saved." or error must not stay beside it. */
  onRefused?(): void;
  /** Purposes with a consent given and not withdrawn (any channel); undefined while not known. */
  consented?: readonly string[];
}

/** HubSpot's standard object type ids (a custom object, `2-…`, shows its id). */
const HUBSPOT_OBJECTS: Record<string, MessageKey> = { '0-1': 'hsObject01', '0-2': 'hsObject02', '0-3': 'hsObject03', '0-5': 'hsObject05' };

function objectName(lang: Lang, crm: string, object: string): string {
  const known = crm === 'hubspot' ? HUBSPOT_OBJECTS[object] : undefined;
  return known ? `${t(lang, known)} (${object})` : object || '—';
}

/** The record panel of the popup: what the tab shows, its lawful basis, and the form to log one. */
export function RecordPanel({ lang, view, save, onSave, onRefused, consented }: RecordPanelProps) {
  const ids = useId();
  // What is typed is kept per record in the in-page panel until it is saved or discarded.
  const draft = useFormDraft('basis', view.page.kind === 'record' ? view.page.key : '', { basis: '', purposeId: '', reference: '', note: '' });
  const { basis, purposeId, reference, note } = draft.values;
  const submitted = useRef(false);
  useEffect(() => {
    if (!submitted.current || save.kind === 'saving') return;
    submitted.current = false;
    if (save.kind === 'saved') draft.saved(); // on record now: nothing left to keep
    // `draft` is a new object each render; its functions act on the latest values.
  }, [save.kind]);
  const [errors, setErrors] = useState<{ basis?: string; purpose?: string; reference?: string; note?: string }>({});
  const noConsent = basis === 'a' && purposeId !== '' && consented !== undefined && !consented.includes(purposeId);

  if (view.page.kind !== 'record') {
    return (
      <section aria-labelledby={`${ids}-none`}>
        <p id={`${ids}-none`} className="font-medium">{t(lang, 'popupNoRecord')}</p>
        <p className="mt-2 text-slate-700">{t(lang, 'popupNoRecordHint')}</p>
      </section>
    );
  }
  const { ref, title } = view.page;
  const purposes = view.policy.purposes;
  const purposeLabel = (id: string) => purposes.find((p) => p.id === id)?.label[lang] ?? id;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!isBasisLetter(basis)) next.basis = t(lang, 'popupErrorBasis');
    if (!purposes.some((p) => p.id === purposeId)) next.purpose = t(lang, 'popupErrorPurpose');
    const refKey = isBasisLetter(basis) ? REFERENCE_LABEL[basis] : undefined;
    if (refKey && !reference.trim()) {
      next.reference = t(lang, 'basisRefMissing', { what: t(lang, refKey).toLowerCase(), letter: basis });
    }
    if (note.length > NOTE_MAX) next.note = t(lang, 'popupErrorNote', { max: NOTE_MAX });
    setErrors(next);
    if (Object.keys(next).length > 0 || !isBasisLetter(basis)) {
      const firstInvalid = next.basis ? `${ids}-basis` : next.purpose ? `${ids}-purpose` : next.reference ? `${ids}-ref` : `${ids}-note`;
      document.getElementById(firstInvalid)?.focus(); // always rendered: the form is on screen
      onRefused?.();
      return;
    }
    submitted.current = true;
    onSave({ basis, purposeId, reference: reference.trim(), note });
  };

  // The latest basis logged here, else the one the CRM page states (said so).
  const logged = view.history[0];
  const fromCrm = !logged && view.summary?.basis && view.summary.source && view.summary.source !== 'log' ? view.summary : undefined;
  const current = logged ? { basis: logged.basis, purposeId: logged.purposeId } : fromCrm ? { basis: fromCrm.basis, purposeId: undefined } : undefined;
  const refLabel = isBasisLetter(basis) && REFERENCE_LABEL[basis] ? t(lang, REFERENCE_LABEL[basis]) : t(lang, 'basisRefOther');
  const fieldClass =
    'mt-1 block w-full rounded border border-slate-400 bg-white px-2 py-1 text-slate-900 focus:outline-none focus:ring-2 focus:ring-blue-700';

  return (
    <div className="space-y-4">
      <section aria-labelledby={`${ids}-rec`} className="rounded border border-slate-300 p-3">
        <h2 id={`${ids}-rec`} className="font-semibold" data-testid="record-title">
          {title || ref.id}
        </h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-slate-700">
          <dt>{t(lang, 'popupCrm')}</dt>
          <dd data-testid="record-crm">{crmName(ref.crm) ?? ref.crm}</dd>
          <dt>{t(lang, 'popupObject')}</dt>
          <dd data-testid="record-object">{objectName(lang, ref.crm, ref.object)}</dd>
          <dt>{t(lang, 'popupId')}</dt>
          <dd data-testid="record-id" className="break-all font-mono text-xs">{ref.id}</dd>
          <dt>{t(lang, 'popupCurrent')}</dt>
          <dd data-testid="current-basis">
            {current?.basis
              ? `(${current.basis}) ${LAWFUL_BASES[current.basis].name[lang]}${current.purposeId ? ` — ${purposeLabel(current.purposeId)}` : ''}${fromCrm?.source ? ` (${t(lang, 'badgeFromCrm', { crm: fromCrm.source === 'hubspot' ? 'HubSpot' : 'Salesforce' })})` : ''}`
              : t(lang, 'popupNone')}
          </dd>
        </dl>
      </section>

      <form onSubmit={submit} noValidate aria-labelledby={`${ids}-form`} className="space-y-3">
        <h2 id={`${ids}-form`} className="font-semibold">{t(lang, 'popupLogBasis')}</h2>
        <div>
          <label htmlFor={`${ids}-basis`} className="font-medium">{t(lang, 'popupBasis')}</label>
          <select
            id={`${ids}-basis`}
            className={fieldClass}
            value={basis}
            onChange={(e) => draft.set({ basis: e.target.value })}
            aria-invalid={errors.basis ? true : undefined}
            aria-describedby={[errors.basis ? `${ids}-basis-err` : '', noConsent ? `${ids}-basis-consent` : ''].filter(Boolean).join(' ') || undefined}
          >
            <option value="">{t(lang, 'popupChooseBasis')}</option>
            {BASIS_LETTERS.map((letter) => (
              <option key={letter} value={letter}>
                ({letter}) {LAWFUL_BASES[letter].name[lang]}
              </option>
            ))}
          </select>
          {errors.basis && <p id={`${ids}-basis-err`} className="mt-1 text-red-800">{errors.basis}</p>}
          {noConsent && (
            // Art. 7(1): a controller relying on consent must be able to show it. A warning, not a refusal:
            // the consent may be logged right after.
            <p id={`${ids}-basis-consent`} className="mt-1 text-amber-900" data-testid="basis-consent-missing">
              {t(lang, 'popupBasisNoConsent', { purpose: purposeLabel(purposeId) })}
            </p>
          )}
        </div>
        <div>
          <label htmlFor={`${ids}-purpose`} className="font-medium">{t(lang, 'popupPurpose')}</label>
          <select
            id={`${ids}-purpose`}
            className={fieldClass}
            value={purposeId}
            onChange={(e) => {
              const suggested = purposes.find((p) => p.id === e.target.value)?.defaultBasis;
              draft.set({ purposeId: e.target.value, ...(suggested && !basis ? { basis: suggested } : {}) });
            }}
            aria-invalid={errors.purpose ? true : undefined}
            aria-describedby={errors.purpose ? `${ids}-purpose-err` : undefined}
          >
            <option value="">{t(lang, 'popupChoosePurpose')}</option>
            {purposes.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label[lang]}
              </option>
            ))}
          </select>
          {errors.purpose && <p id={`${ids}-purpose-err`} className="mt-1 text-red-800">{errors.purpose}</p>}
        </div>
        <div>
          <label htmlFor={`${ids}-ref`} className="font-medium">{refLabel}</label>
          <input
            id={`${ids}-ref`}
            className={fieldClass}
            value={reference}
            maxLength={200}
            onChange={(e) => draft.set({ reference: e.target.value })}
            aria-invalid={errors.reference ? true : undefined}
            aria-describedby={errors.reference ? `${ids}-ref-err` : undefined}
          />
          {errors.reference && <p id={`${ids}-ref-err`} className="mt-1 text-red-800">{errors.reference}</p>}
        </div>
        <div>
          <label htmlFor={`${ids}-note`} className="font-medium">{t(lang, 'popupNote')}</label>
          <textarea
            id={`${ids}-note`}
            className={fieldClass}
            rows={3}
            value={note}
            onChange={(e) => draft.set({ note: e.target.value })}
            aria-invalid={errors.note ? true : undefined}
            aria-describedby={`${ids}-note-hint${errors.note ? ` ${ids}-note-err` : ''}`}
          />
          <p id={`${ids}-note-hint`} className="mt-1 text-xs text-slate-700">{t(lang, 'popupNoteHint')}</p>
          {errors.note && <p id={`${ids}-note-err`} className="mt-1 text-red-800">{errors.note}</p>}
        </div>
        <button
          type="submit"
          disabled={save.kind === 'saving'}
          className="rounded bg-blue-800 px-4 py-1.5 font-semibold text-white hover:bg-blue-900 focus:outline-none focus:ring-2 focus:ring-blue-700 focus:ring-offset-2 disabled:opacity-60"
        >
          {save.kind === 'saving' ? t(lang, 'popupSaving') : t(lang, 'popupSave')}
        </button>
        <DraftNotice lang={lang} draft={draft} form={t(lang, 'popupLogBasis')} focusId={`${ids}-basis`} />
        <div aria-live="polite" role="status" className="min-h-5">
          {save.kind === 'saved' && <p className="text-green-800">{t(lang, 'popupSaved')}</p>}
        </div>
        {save.kind === 'error' && (
          <p role="alert" className="text-red-800">
            {t(lang, 'errorGeneric', { message: errorText(lang, save) })}
          </p>
        )}
      </form>

      {view.history.length > 0 && (
        <section aria-labelledby={`${ids}-hist`}>
          <h2 id={`${ids}-hist`} className="font-semibold">{t(lang, 'popupHistory')}</h2>
          <ul className="mt-1 space-y-1 text-slate-700" data-testid="basis-history">
            {view.history.map((entry) => (
              <li key={`${entry.at}-${entry.purposeId}`}>
                {t(lang, 'popupLoggedBy', {
                  basis: `(${entry.basis}) ${LAWFUL_BASES[entry.basis].short[lang]}`,
                  purpose: purposeLabel(entry.purposeId),
                  when: formatDateTime(lang, entry.at),
                })}
                {(entry as BasisEntryWithRef).reference ? ` — ${t(lang, 'basisCurrentRef', { ref: (entry as BasisEntryWithRef).reference ?? '' })}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="text-xs text-slate-600">{t(lang, 'popupPolicy', { version: view.policy.version })}</p>
    </div>
  );
}
