import { useEffect, useId, useRef, useState } from 'react';
import { t, type Lang, type MessageKey } from '@/lib/i18n';
import type { LogFilter } from '@/lib/audit/query';
import { loadAddressReader, readRecordInput, type AddressReader, type RecordInput } from '@/lib/crm/record-input';
import type { SitesPolicy } from '@/lib/policy/sites-schema';
import { ACCESS_ACTIONS, type AccessAction } from '@/lib/db/schema';
import { actionLabel, crmLabel, CRMS } from './labels';

/** yyyy-mm-dd (local) ↔ time: the start of the day for "from", its end for "to". */
function toDateInput(at: number | undefined): string {
  if (at === undefined) return '';
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
function fromDateInput(value: string, end: boolean): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), end ? 23 : 0, end ? 59 : 0, end ? 59 : 0, end ? 999 : 0);
  return d.getTime();
}

interface Draft {
  from: string;
  to: string;
  actor: string;
  action: string;
  crm: string;
  org: string;
  object: string;
  recordKey: string;
  recordIdPrefix: string;
}

function draftOf(f: LogFilter): Draft {
  return {
    from: toDateInput(f.from),
    to: toDateInput(f.to),
    actor: f.actor ?? '',
    action: f.action ?? '',
    crm: f.crm ?? '',
    org: f.org ?? '',
    object: f.object ?? '',
    recordKey: f.recordKey ?? '',
    recordIdPrefix: f.recordIdPrefix ?? '',
  };
}

/** `record`: the Record field read (a key as typed, or the key of a pasted record page's address). */
function filterOf(d: Draft, record: RecordInput): LogFilter {
  const f: LogFilter = {};
  const from = fromDateInput(d.from, false);
  const to = fromDateInput(d.to, true);
  if (from !== undefined) f.from = from;
  if (to !== undefined) f.to = to;
  if (d.actor.trim()) f.actor = d.actor.trim();
  if ((ACCESS_ACTIONS as readonly string[]).includes(d.action)) f.action = d.action as AccessAction;
  if (d.crm) f.crm = d.crm;
  if (d.org.trim()) f.org = d.org.trim();
  if (d.object.trim()) f.object = d.object.trim();
  if (record.kind === 'key' || record.kind === 'url') f.recordKey = record.key;
  if (d.recordIdPrefix.trim()) f.recordIdPrefix = d.recordIdPrefix.trim();
  return f;
}

const RECORD_PROBLEM: Record<Extract<RecordInput, { kind: 'error' }>['problem'], MessageKey> = {
  'unknown-site': 'logRecordKeyUnknownSite',
  'not-record': 'logRecordKeyNotRecord',
  'no-object': 'logRecordKeyNoObject',
  'not-key': 'logRecordKeyNotKey',
};

const input = 'mt-1 block w-full rounded border border-slate-400 px-2 py-1 focus:outline-none focus:ring-2 focus:ring-blue-700';
const button = 'rounded border border-slate-400 px-3 py-1 hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-700';

/**
 * The table's filters: a form, applied with Enter or the button (not on every key stroke). The
 * Record field takes a record key or a record page's address (read by lib/crm/record-input.ts with
 * the active policy's sites, from `loadSites`): the key searched is shown under it, and text that is
 * neither is explained there (on submit or paste) and not sent.
 */
export function Filters({
  lang,
  value,
  onChange,
  loadSites,
}: {
  lang: Lang;
  value: LogFilter;
  onChange: (f: LogFilter) => void;
  loadSites?: () => Promise<SitesPolicy | undefined>;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(value));
  const [applied, setApplied] = useState(value);
  // The reader of pasted addresses: the CRM adapters with the policy's sites (custom domains, generic
  // adapters; unreadable: the built-in CRMs and presets), loaded once, when an address is first typed.
  const [reader, setReader] = useState<AddressReader | null>(null);
  // The reader's code could not be loaded (the extension was updated while this page stayed open):
  // said by the field on submit; asked again at the next try.
  const [readerFailed, setReaderFailed] = useState(false);
  const readerAsked = useRef<Promise<AddressReader> | null>(null);
  const askReader = (): Promise<AddressReader> =>
    (readerAsked.current ??= (loadSites ? loadSites().catch(() => undefined) : Promise.resolve(undefined))
      .then(loadAddressReader)
      .then(
        (read) => {
          setReader(() => read);
          setReaderFailed(false);
          return read;
        },
        (error: unknown) => {
          readerAsked.current = null;
          setReaderFailed(true);
          throw error;
        },
      ));
  // Whether the Record field's problem is shown: after a submit or a paste, until the next key stroke.
  const [recordChecked, setRecordChecked] = useState(false);
  const pasting = useRef(false);
  const recordInput = useRef<HTMLInputElement>(null);
  const record = readRecordInput(draft.recordKey, reader);
  const pending = record.kind === 'pending';
  useEffect(() => {
    if (pending) void askReader().catch(() => undefined);
  }, [pending]);
  if (applied !== value) {
    // The parent changed the filters (an anomaly's "show events", or this form applied): show them
    // in the form, keeping a pasted address whose key is the one applied.
    setApplied(value);
    const next = draftOf(value);
    if (record.kind === 'url' && record.key === value.recordKey) next.recordKey = draft.recordKey;
    setDraft(next);
  }
  const field = (key: keyof Draft, label: string, type = 'text', help?: string) => {
    const control = (
      <label htmlFor={`${id}-${key}`} className="block text-sm">
        {label}
        <input
          id={`${id}-${key}`}
          type={type}
          value={draft[key]}
          onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
          className={input}
          {...(help !== undefined ? { 'aria-describedby': `${id}-${key}-help` } : {})}
        />
      </label>
    );
    if (help === undefined) return control;
    // The hint outside the label: read as the field's description, not as part of its name.
    return (
      <div>
        {control}
        <p id={`${id}-${key}-help`} className="mt-1 text-xs text-slate-700">
          {help}
        </p>
      </div>
    );
  };
  return (
    <form
      aria-label={t(lang, 'logFilters')}
      className="grid grid-cols-2 gap-3 md:grid-cols-4"
      onSubmit={(e) => {
        e.preventDefault();
        const submitted = draft;
        const apply = (read: RecordInput) => {
          if (read.kind === 'error' || read.kind === 'pending') {
            // Not sent: the field says what to paste instead, and keyboard users land on it.
            setRecordChecked(true);
            recordInput.current?.focus();
            return;
          }
          onChange(filterOf(submitted, read));
        };
        // A typed key is applied at once; an address waits for its reader (loaded once).
        if (record.kind !== 'pending') apply(record);
        else
          void askReader().then(
            (read) => apply(readRecordInput(submitted.recordKey, read)),
            () => apply(record),
          );
      }}
    >
      {field('from', t(lang, 'logFrom'), 'date')}
      {field('to', t(lang, 'logTo'), 'date')}
      {field('actor', t(lang, 'logActor'), 'text', t(lang, 'logActorHelp'))}
      <label htmlFor={`${id}-action`} className="block text-sm">
        {t(lang, 'logActionFilter')}
        <select id={`${id}-action`} value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} className={input}>
          <option value="">{t(lang, 'logAnyAction')}</option>
          {ACCESS_ACTIONS.map((a) => (
            <option key={a} value={a} title={a}>{actionLabel(lang, a)}</option>
          ))}
        </select>
      </label>
      <label htmlFor={`${id}-crm`} className="block text-sm">
        {t(lang, 'logCrm')}
        <select id={`${id}-crm`} value={draft.crm} onChange={(e) => setDraft({ ...draft, crm: e.target.value })} className={input}>
          <option value="">{t(lang, 'logAnyCrm')}</option>
          {CRMS.map((c) => (
            <option key={c} value={c} title={c}>{crmLabel(lang, c)}</option>
          ))}
        </select>
      </label>
      {field('org', t(lang, 'logOrg'))}
      {field('object', t(lang, 'logObject'))}
      <div className="col-span-2">
        <label htmlFor={`${id}-recordKey`} className="block text-sm">
          {t(lang, 'logRecordKey')}
          <input
            ref={recordInput}
            id={`${id}-recordKey`}
            type="text"
            value={draft.recordKey}
            onPaste={() => {
              pasting.current = true;
            }}
            onChange={(e) => {
              setDraft({ ...draft, recordKey: e.target.value });
              setRecordChecked(pasting.current);
              pasting.current = false;
            }}
            className={input}
            aria-describedby={`${id}-recordKey-help ${id}-recordKey-status`}
            {...(recordChecked && (record.kind === 'error' || (pending && readerFailed)) ? { 'aria-invalid': true } : {})}
          />
        </label>
        <p id={`${id}-recordKey-help`} className="mt-1 text-xs text-slate-700">
          {t(lang, 'logRecordKeyHelp')}
        </p>
        <div id={`${id}-recordKey-status`} aria-live="polite" className="text-xs">
          {recordChecked && record.kind === 'error' ? (
            <p role="alert" className="mt-1 font-semibold text-red-800" data-testid="record-key-problem">
              {t(lang, RECORD_PROBLEM[record.problem])}
            </p>
          ) : recordChecked && pending && readerFailed ? (
            <p role="alert" className="mt-1 font-semibold text-red-800" data-testid="record-key-problem">
              {t(lang, 'logRecordKeyReaderFailed')}
            </p>
          ) : record.kind === 'url' ? (
            <p className="mt-1 break-all" data-testid="record-key-understood">
              {t(lang, 'logRecordKeyUnderstood', { key: record.key })}
            </p>
          ) : null}
        </div>
      </div>
      {field('recordIdPrefix', t(lang, 'logRecordSearch'), 'search')}
      <div className="col-span-2 flex items-end gap-2 md:col-span-3">
        <button type="submit" className={`${button} bg-blue-800 text-white hover:bg-blue-900`}>{t(lang, 'logApply')}</button>
        <button
          type="button"
          className={button}
          onClick={() => {
            setDraft(draftOf({}));
            setRecordChecked(false);
            onChange({});
          }}
        >
          {t(lang, 'logReset')}
        </button>
      </div>
    </form>
  );
}
