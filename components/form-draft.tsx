import { createContext, useContext, useRef, useState } from 'react';
import { t, type Lang } from '@/lib/i18n';

/**
 * What the rep has typed in a form of the popup page, kept per record until the form is saved or
 * the draft discarded. The in-page panel is this page in a frame that is removed when the panel is
 * closed (✕ in the bar, or Escape): the draft is written as it is typed, so closing drops nothing,
 * and opening the panel again for the same record brings it back.
 *
 * Kept in this page's sessionStorage only: the extension's origin (the CRM page cannot read it),
 * for this tab, gone with it. Never in chrome.storage or IndexedDB. A draft is stored under its
 * record's key and carries that key: a draft of another record never shows. Where storage is
 * refused, nothing is kept (the form works as before).
 */
const PREFIX = 'cpg.form-draft.';

/**
 * Whether this page keeps drafts: the in-page panel does. The toolbar popup does not: its
 * sessionStorage goes when the popup closes, so saying "draft kept" there would be untrue.
 */
export const DraftsKept = createContext(false);

export type DraftValues = Record<string, string | string[]>;

const storageKey = (form: string, record: string) => `${PREFIX}${form}|${record}`;

/** The stored draft of `form` for `record`, shaped like `blank` (what does not fit is dropped); null if none. */
export function readDraft<T extends DraftValues>(form: string, record: string, blank: T): T | null {
  if (!record) return null;
  let parsed: unknown;
  try {
    const text = sessionStorage.getItem(storageKey(form, record));
    if (text === null) return null;
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const { record: stored, values } = parsed as { record?: unknown; values?: unknown };
  if (stored !== record || !values || typeof values !== 'object') return null;
  const out: DraftValues = { ...blank };
  for (const [name, empty] of Object.entries(blank)) {
    const v = (values as Record<string, unknown>)[name];
    if (Array.isArray(empty) ? Array.isArray(v) && v.every((x) => typeof x === 'string') : typeof v === 'string') out[name] = v as string | string[];
  }
  return out as T;
}

/** Keeps `values` as the draft of `form` for `record`, or forgets it (null). */
export function writeDraft(form: string, record: string, values: DraftValues | null): void {
  if (!record) return;
  try {
    if (values === null) sessionStorage.removeItem(storageKey(form, record));
    else sessionStorage.setItem(storageKey(form, record), JSON.stringify({ record, values }));
  } catch {
    // Storage refused or full: the draft lives as long as the form, as before.
  }
}

const same = (a: DraftValues, b: DraftValues) => JSON.stringify(a) === JSON.stringify(b);

interface DraftState<T> {
  record: string;
  values: T;
  /** What the form shows with nothing to keep: the blank form, or what a save left in it. */
  baseline: T;
  blank: T;
}

function start<T extends DraftValues>(form: string, record: string, blank: T, keep: boolean): DraftState<T> {
  return { record, values: (keep && readDraft(form, record, blank)) || blank, baseline: blank, blank };
}

export interface FormDraft<T extends DraftValues> {
  values: T;
  /** The rep changed some fields: kept as the record's draft (forgotten if the form is back to its baseline). */
  set(patch: Partial<T>): void;
  /** The form was saved: the draft is forgotten; `patch` holds the fields the form empties after a save. */
  saved(patch?: Partial<T>): void;
  /** The rep discarded the draft: the form is blank again. */
  discard(): void;
  /** Something typed is kept for this record (restored, or changed since the last save or discard). */
  kept: boolean;
}

/**
 * One form's values with their draft. `blank` is read when the form first shows a record (later
 * changes to it are ignored); when `record` changes, the form shows that record's draft or blank.
 */
export function useFormDraft<T extends DraftValues>(form: string, record: string, blank: T): FormDraft<T> {
  const keep = useContext(DraftsKept) && record !== '';
  const [state, setState] = useState(() => start(form, record, blank, keep));
  let current = state;
  if (state.record !== record) {
    // Another record in the same form: its own draft or a blank form, never the last record's.
    // (Without drafts, in the toolbar popup, the form still starts again.)
    current = start(form, record, blank, keep);
    setState(current);
  }
  // Several changes in one event each build on the last (React applies the state later).
  const latest = useRef(current);
  latest.current = current;
  const apply = (next: DraftState<T>) => {
    latest.current = next;
    setState(next);
    if (keep) writeDraft(form, next.record, same(next.values, next.baseline) ? null : next.values);
  };
  return {
    values: current.values,
    kept: keep && !same(current.values, current.baseline),
    set: (patch) => apply({ ...latest.current, values: { ...latest.current.values, ...patch } }),
    saved: (patch) => {
      const values = { ...latest.current.values, ...patch };
      apply({ ...latest.current, values, baseline: values });
    },
    discard: () => apply({ ...latest.current, values: latest.current.blank, baseline: latest.current.blank }),
  };
}

/**
 * Said under a form while a draft is kept, with the control that discards it. `form` names the
 * form for the button's accessible name; focus goes to `focusId` (the form's first control) once
 * the button is gone.
 */
export function DraftNotice({ lang, draft, form, focusId }: { lang: Lang; draft: Pick<FormDraft<DraftValues>, 'kept' | 'discard'>; form: string; focusId: string }) {
  if (!draft.kept) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-slate-700" data-testid="draft-kept">
      <span>{t(lang, 'draftKept')}</span>
      <button
        type="button"
        className="rounded border border-slate-500 bg-white px-2 py-0.5 font-semibold text-slate-800 hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-700 focus:ring-offset-1"
        aria-label={t(lang, 'draftDiscardLabel', { form })}
        onClick={() => {
          draft.discard();
          document.getElementById(focusId)?.focus(); // in the same form, still on screen
        }}
      >
        {t(lang, 'draftDiscard')}
      </button>
    </div>
  );
}
