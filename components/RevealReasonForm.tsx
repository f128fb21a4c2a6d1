import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { t, type Lang } from '@/lib/i18n';
import type { RevealReason } from '@/lib/messaging/protocol';
import type { Policy } from '@/lib/policy/schema';

export interface RevealReasonFormProps {
  lang: Lang;
  reasons: Policy['revealReasons'];
  /** Text of the submit button. */
  submitLabel: string;
  busy?: boolean;
  /** An error from the background, shown in an alert. */
  error?: string | null;
  autoFocus?: boolean;
  onSubmit(reason: RevealReason): void;
  onCancel(): void;
}

const OTHER = '__other__';

/** Pick one of the policy's reasons or write one (at least `minLength` characters). Keyboard: arrows, Enter, Escape. */
export function RevealReasonForm({ lang, reasons, submitLabel, busy = false, error, autoFocus = false, onSubmit, onCancel }: RevealReasonFormProps) {
  const ids = useId();
  const [choice, setChoice] = useState('');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const min = reasons.minLength;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (choice === OTHER) {
      if (text.trim().length < Math.max(min, 1)) {
        setProblem(t(lang, 'maskDialogTooShort', { min: Math.max(min, 1) }));
        document.getElementById(`${ids}-text`)?.focus(); // rendered while "other" is chosen
        return;
      }
      setProblem(null);
      onSubmit({ text: text.trim() });
      return;
    }
    if (!reasons.presets.some((p) => p.id === choice)) {
      setProblem(t(lang, 'maskDialogChoose'));
      document.getElementById(`${ids}-r0`)?.focus(); // the first radio always exists
      return;
    }
    setProblem(null);
    onSubmit({ presetId: choice });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  };

  const options = [
    ...reasons.presets.map((p) => ({ id: p.id, label: p.label[lang] })),
    ...(reasons.allowFreeText ? [{ id: OTHER, label: t(lang, 'maskDialogOther') }] : []),
  ];
  const message = problem ?? error ?? null;

  return (
    <form onSubmit={submit} onKeyDown={onKeyDown} noValidate className="space-y-3" aria-describedby={`${ids}-intro`}>
      <p id={`${ids}-intro`} className="text-slate-700">{t(lang, 'maskDialogIntro')}</p>
      <fieldset aria-invalid={problem !== null && choice !== OTHER ? true : undefined}>
        <legend className="font-medium mb-1">{t(lang, 'maskDialogReasons')}</legend>
        {options.map((o, i) => (
          <div key={o.id} className="flex items-center gap-2 py-0.5">
            <input
              id={`${ids}-r${i}`}
              type="radio"
              name={`${ids}-reason`}
              value={o.id}
              checked={choice === o.id}
              autoFocus={autoFocus && i === 0}
              onChange={() => setChoice(o.id)}
              className="h-4 w-4"
            />
            <label htmlFor={`${ids}-r${i}`}>{o.label}</label>
          </div>
        ))}
      </fieldset>
      {choice === OTHER && (
        <div>
          <label htmlFor={`${ids}-text`} className="block font-medium">{t(lang, 'maskDialogOtherText')}</label>
          <input
            id={`${ids}-text`}
            type="text"
            value={text}
            maxLength={500}
            aria-describedby={`${ids}-hint`}
            aria-invalid={problem !== null ? true : undefined}
            onChange={(e) => setText(e.target.value)}
            className="mt-1 block w-full rounded border border-slate-500 px-2 py-1 focus:outline-none focus:ring-2 focus:ring-blue-700"
          />
          <p id={`${ids}-hint`} className="text-slate-700 text-xs mt-1">{t(lang, 'maskDialogOtherHint', { min: Math.max(min, 1) })}</p>
        </div>
      )}
      {message && (
        <p role="alert" className="text-red-800">
          {message}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" disabled={busy} className="rounded bg-blue-800 px-3 py-1 font-semibold text-white focus:outline-none focus:ring-2 focus:ring-blue-400">
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel} className="rounded border border-slate-500 px-3 py-1 text-slate-900 focus:outline-none focus:ring-2 focus:ring-blue-700">
          {t(lang, 'maskDialogCancel')}
        </button>
      </div>
    </form>
  );
}
