import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { errorText, t, type Lang } from '@/lib/i18n';
import { diffPolicies, type DiffItem } from '@/lib/policy/diff';
import { locatePath } from '@/lib/policy/locate';
import type { Policy } from '@/lib/policy/schema';
import { parseBundle } from '@/lib/policy/signing';
import { acceptPolicyText, isBundleValue } from '@/lib/policy/sources';
import type { ApplyAnswer } from '@/lib/policy/status';
import type { PolicyError } from '@/lib/policy/validate';
import { DiffList } from './DiffList';
import { loadDraft, saveDraft, type PolicyDraft } from './draft';
import { PolicyForm } from './PolicyForm';

type Doc = Record<string, unknown>;

/** "1 problem", "2 problems" (and French "0 problème", "1 problème"): the language's own plural rule. */
export function problemsHeading(lang: Lang, n: number): string {
  return t(lang, new Intl.PluralRules(lang).select(n) === 'one' ? 'polJsonErrorsOne' : 'polJsonErrors', { n });
}

/** What is about to be applied: the exact text sent, and the diff the lead reviews first. */
interface Pending {
  text: string;
  via: 'editor' | 'file';
  diff: DiffItem[];
  version: string;
}

const button = 'rounded px-3 py-1.5 font-semibold focus:outline-none focus:ring-2 focus:ring-blue-700 focus:ring-offset-2 disabled:opacity-50';
const primary = `${button} bg-blue-800 text-white hover:bg-blue-900`;
const secondary = `${button} border border-slate-500 bg-white hover:bg-slate-100`;

function parseDoc(text: string): Doc | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Doc) : null;
  } catch {
    return null;
  }
}

/**
 * The policy editor: a form for the common parts and the JSON, validated as you type (errors point
 * at the field), a readable diff before anything applies, file import, and the text to sign.
 */
export function Editor({
  lang,
  active,
  predecessor,
  locked,
  apply,
  onApplied,
  onTextChange,
}: {
  lang: Lang;
  active: Policy;
  /** The local policy a new one replaces (not backdatable), as the background sees it. */
  predecessor: Policy | undefined;
  locked: boolean;
  apply: (text: string, via: 'editor' | 'file') => Promise<ApplyAnswer>;
  onApplied: (version: string) => void;
  /** The editor's text when it is a valid policy (for signing), else null. */
  onTextChange?: (text: string | null) => void;
}) {
  const ids = useId();
  const activeText = useMemo(() => JSON.stringify(active, null, 2), [active]);
  // An unapplied draft survives a visit to another section (this view is unmounted) and a reload.
  const [restored] = useState(() => {
    const draft = locked ? null : loadDraft();
    return draft !== null && draft.text !== activeText ? draft : null;
  });
  const [text, setText] = useState(restored?.text ?? activeText);
  // The policy in force when the draft was started (unknown for a draft stored without it).
  const [base, setBase] = useState<PolicyDraft['base']>(restored ? restored.base : { version: active.policyVersion, text: activeText });
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const discardButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  const focusDiscard = useRef(false);
  const [tab, setTab] = useState<'form' | 'json'>('form');
  const [pending, setPending] = useState<Pending | null>(null);
  const [outcome, setOutcome] = useState<
    { kind: 'refused'; errors: PolicyError[] } | { kind: 'error'; message: string } | { kind: 'file'; name: string; errors: PolicyError[] } | null
  >(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const reviewButton = useRef<HTMLButtonElement>(null);
  const importInput = useRef<HTMLInputElement>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const dirty = !locked && text !== activeText;
  // The policy in force changed under the draft (another tab, a managed push, a rollback).
  const stale = dirty && base !== undefined && base.text !== activeText ? base : undefined;
  const confirming = dirty && confirmDiscard;

  const checked = useMemo(() => acceptPolicyText(text, { predecessor }), [text, predecessor]);
  const errors = checked.ok ? [] : checked.errors;
  // Problems carry a catalogue key: shown in the page's language (the path is JSON, as is).
  const byPath = useMemo(() => new Map(errors.map((e) => [e.path, errorText(lang, e)])), [errors, lang]);
  const doc = useMemo(() => parseDoc(text), [text]);

  // A restored draft is what the signing card signs, as if just typed.
  useEffect(() => {
    if (text !== activeText && checked.ok) onTextChange?.(text);
    // On mount only: later changes report through change().
  }, []);

  // Closing or reloading the tab with an unapplied draft asks first.
  useEffect(() => {
    if (!dirty) return;
    const guard = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [dirty]);

  // The confirmation takes the focus when it opens (a screen reader reads its heading).
  const pendingOpen = pending !== null;
  useEffect(() => {
    if (pendingOpen) confirmHeading.current?.focus();
  }, [pendingOpen]);

  // "Discard the draft" asks first, in the page: focus on "Keep editing"; back on the button once answered.
  useEffect(() => {
    if (confirming) keepButton.current?.focus();
    else if (focusDiscard.current) discardButton.current?.focus();
    focusDiscard.current = false;
  }, [confirming]);

  const change = (next: string) => {
    setText(next);
    setPending(null);
    setOutcome(null);
    // Back to the policy in force: no draft, and the next one starts from this policy.
    if (next === activeText) {
      setBase({ version: active.policyVersion, text: activeText });
      setConfirmDiscard(false);
    }
    saveDraft(next === activeText ? null : { text: next, base });
    const result = acceptPolicyText(next, { predecessor });
    onTextChange?.(result.ok ? next : null);
  };

  const discard = () => {
    change(activeText);
    reviewButton.current?.focus();
  };

  const keepEditing = () => {
    focusDiscard.current = true;
    setConfirmDiscard(false);
  };

  /** Closes the confirmation; the focus goes back to what opened it. */
  const closePending = (via: 'editor' | 'file') => {
    setPending(null);
    setTimeout(() => (via === 'file' ? importInput.current : reviewButton.current)?.focus(), 0);
  };

  const point = (path: string) => {
    setTab('json');
    // After the tab switch renders the textarea.
    setTimeout(() => {
      const el = area.current;
      if (!el) return;
      const at = path === '(file)' || path === '(root)' ? 0 : locatePath(text, path);
      el.focus();
      el.setSelectionRange(at, at);
    }, 0);
  };

  const review = () => {
    if (!checked.ok) return;
    setPending({ text, via: 'editor', diff: diffPolicies(active, checked.policy), version: checked.policy.policyVersion });
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setOutcome(null);
    setPending(null);
    const content = await file.text();
    // A file that is not a valid policy changes nothing: not the policy, not the draft in the editor.
    const refuse = (errors: PolicyError[]) => setOutcome({ kind: 'file', name: file.name, errors });
    let value: unknown;
    try {
      value = JSON.parse(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content);
    } catch {
      const result = acceptPolicyText(content, { predecessor });
      refuse(result.ok ? [] : result.errors);
      return;
    }
    if (isBundleValue(value)) {
      const bundle = parseBundle(value);
      const inner = bundle.ok ? acceptPolicyText(bundle.bundle.policy, { predecessor }) : null;
      if (!bundle.ok || !inner?.ok) {
        refuse(bundle.ok ? (inner && !inner.ok ? inner.errors : []) : [bundle]);
        return;
      }
      // The signature is checked by the background against the pinned key when applying.
      setPending({ text: content, via: 'file', diff: diffPolicies(active, inner.policy), version: inner.policy.policyVersion });
      return;
    }
    const result = acceptPolicyText(content, { predecessor });
    if (!result.ok) {
      refuse(result.errors);
      return;
    }
    setPending({ text: content, via: 'file', diff: diffPolicies(active, result.policy), version: result.policy.policyVersion });
  };

  const confirm = async () => {
    if (!pending) return;
    try {
      const answer = await apply(pending.text, pending.via);
      if (answer.applied) {
        setPending(null);
        // The draft is now the policy in force: nothing left to keep.
        if (pending.via === 'editor') saveDraft(null);
        onApplied(pending.version);
      } else {
        closePending(pending.via);
        setOutcome({ kind: 'refused', errors: answer.errors });
      }
    } catch (error) {
      closePending(pending.via);
      setOutcome({ kind: 'error', message: errorText(lang, error) });
    }
  };

  return (
    <section aria-labelledby={`${ids}-h`} className="rounded border border-slate-300 bg-white p-4 text-sm">
      <h2 id={`${ids}-h`} className="font-semibold">{t(lang, 'polEditorTitle')}</h2>
      {locked && <p className="mt-1 text-blue-900" data-testid="editor-locked">{t(lang, 'polLocked')}</p>}
      {stale && (
        <p className="mt-2 rounded border border-amber-500 bg-amber-50 p-2 text-amber-950" data-testid="policy-draft-stale">
          {stale.version === active.policyVersion
            ? t(lang, 'polDraftStaleSame', { version: active.policyVersion })
            : t(lang, 'polDraftStale', { from: stale.version, now: active.policyVersion })}
        </p>
      )}
      <div role="tablist" aria-label={t(lang, 'polEditorTitle')} className="mt-3 flex gap-2">
        {(['form', 'json'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`${ids}-tab-${k}`}
            aria-selected={tab === k}
            aria-controls={`${ids}-panel`}
            tabIndex={tab === k ? 0 : -1}
            onKeyDown={(e) => {
              // The ARIA tabs pattern: arrow keys move between the two tabs.
              if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
              const other = k === 'form' ? 'json' : 'form';
              setTab(other);
              document.getElementById(`${ids}-tab-${other}`)?.focus();
            }}
            className={`${button} ${tab === k ? 'bg-slate-800 text-white' : 'border border-slate-400 bg-white'}`}
            onClick={() => setTab(k)}
          >
            {t(lang, k === 'form' ? 'polTabForm' : 'polTabJson')}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${ids}-panel`} aria-labelledby={`${ids}-tab-${tab}`} className="mt-3">
        {tab === 'form' && doc && <PolicyForm lang={lang} doc={doc} errors={byPath} disabled={locked} onChange={(d) => change(JSON.stringify(d, null, 2))} />}
        {tab === 'form' && !doc && <p className="text-red-800">{errors[0] && errorText(lang, errors[0])}</p>}
        {tab === 'json' && (
          <div>
            <label htmlFor={`${ids}-json`} className="block font-medium">{t(lang, 'polJsonLabel')}</label>
            <textarea
              id={`${ids}-json`}
              ref={area}
              data-testid="policy-json"
              className="mt-1 h-96 w-full rounded border border-slate-400 p-2 font-mono text-xs focus:outline-none focus:ring-2 focus:ring-blue-700"
              spellCheck={false}
              value={text}
              readOnly={locked}
              aria-invalid={errors.length > 0 ? true : undefined}
              aria-describedby={`${ids}-v`}
              onChange={(e) => change(e.target.value)}
            />
          </div>
        )}
      </div>
      <div id={`${ids}-v`} aria-live="polite" className="mt-2" data-testid="policy-validation">
        {checked.ok ? (
          <p className="text-green-800">{t(lang, 'polJsonValid')}</p>
        ) : (
          <>
            <p className="text-red-800">{problemsHeading(lang, errors.length)}</p>
            <ul className="list-disc pl-5">
              {errors.map((e, i) => (
                <li key={i}>
                  <button type="button" className="text-left text-red-800 underline" onClick={() => point(e.path)}>
                    <code>{e.path}</code>: {errorText(lang, e)}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button ref={reviewButton} type="button" className={primary} disabled={locked || !checked.ok} onClick={review}>
          {t(lang, 'polReview')}
        </button>
        {/* The input is visually hidden: its label shows the keyboard focus (WCAG 2.4.7). */}
        <label
          className={`${secondary} focus-within:ring-2 focus-within:ring-blue-700 focus-within:ring-offset-2 ${locked ? 'pointer-events-none opacity-50' : 'cursor-pointer'}`}
          data-testid="policy-file-label"
        >
          {t(lang, 'polImport')}
          <input ref={importInput} type="file" accept=".json,application/json" className="sr-only" disabled={locked} onChange={(e) => void importFile(e)} data-testid="policy-file" />
        </label>
        <span className="text-slate-700">{t(lang, 'polImportHelp')}</span>
      </div>
      {dirty && (
        <div className="mt-2 flex flex-wrap items-center gap-3" data-testid="policy-draft">
          <p className="text-slate-700">{t(lang, 'polDraftKept')}</p>
          {confirming ? (
            <div
              role="group"
              aria-labelledby={`${ids}-dq`}
              className="flex flex-wrap items-center gap-3 rounded border border-amber-500 bg-amber-50 p-2"
              data-testid="policy-discard-confirm"
              onKeyDown={(e) => {
                // Escape keeps the draft, as "Keep editing" does.
                if (e.key !== 'Escape') return;
                e.preventDefault();
                e.stopPropagation();
                keepEditing();
              }}
            >
              <p id={`${ids}-dq`} className="font-medium">{t(lang, 'polDiscardQuestion')}</p>
              <button type="button" className={secondary} onClick={discard}>{t(lang, 'polDiscardYes')}</button>
              <button ref={keepButton} type="button" className={primary} onClick={keepEditing}>{t(lang, 'polDiscardKeep')}</button>
            </div>
          ) : (
            <button ref={discardButton} type="button" className={secondary} onClick={() => setConfirmDiscard(true)}>{t(lang, 'polDraftDiscard')}</button>
          )}
        </div>
      )}
      {pending && (
        <div role="region" aria-labelledby={`${ids}-diff`} className="mt-4 rounded border border-amber-400 bg-amber-50 p-3">
          <h3 id={`${ids}-diff`} ref={confirmHeading} tabIndex={-1} className="font-semibold focus:outline-none focus:ring-2 focus:ring-blue-700">
            {t(lang, 'polDiffTitle')}
          </h3>
          <div className="mt-2">
            <DiffList lang={lang} items={pending.diff} />
          </div>
          <div className="mt-3 flex gap-3">
            <button type="button" className={primary} onClick={() => void confirm()}>{t(lang, 'polApply')}</button>
            <button type="button" className={secondary} onClick={() => closePending(pending.via)}>{t(lang, 'polCancel')}</button>
          </div>
        </div>
      )}
      {outcome && (
        <div role="alert" className="mt-3 text-red-800" data-testid="policy-refused">
          <p>{outcome.kind === 'error' ? outcome.message : outcome.kind === 'file' ? t(lang, 'polImportBad', { name: outcome.name }) : t(lang, 'polRefused')}</p>
          {outcome.kind !== 'error' && (
            <ul className="list-disc pl-5">
              {outcome.errors.map((e, i) => (
                <li key={i}>
                  <code>{e.path}</code>: {errorText(lang, e)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
