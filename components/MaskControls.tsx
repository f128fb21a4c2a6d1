import { useId, useState } from 'react';
import { t, type Lang } from '@/lib/i18n';
import type { MaskTabView, RevealReason } from '@/lib/messaging/protocol';
import { RevealReasonForm } from './RevealReasonForm';

export interface MaskControlsProps {
  lang: Lang;
  view: MaskTabView;
  busy?: boolean;
  error?: string | null;
  onMaskAll(on: boolean): void;
  onUnmask(fieldKey: string, reason: RevealReason): void;
  onRemask(fieldKey: string): void;
}

/** The popup's masking controls: mask everything (screen sharing), and unmask one field for this tab, with a reason. */
export function MaskControls({ lang, view, busy = false, error = null, onMaskAll, onUnmask, onRemask }: MaskControlsProps) {
  const ids = useId();
  const [asking, setAsking] = useState<string | null>(null);
  const unmasked = new Set(view.unmasked);
  const locked = view.maskAll || view.restricted;

  return (
    <section aria-labelledby={`${ids}-title`} className="mt-4 rounded border border-slate-300 p-3" data-testid="mask-controls">
      <h2 id={`${ids}-title`} className="font-semibold mb-2">{t(lang, 'maskControlsTitle')}</h2>
      <div className="flex items-start gap-3">
        <button
          type="button"
          role="switch"
          id={`${ids}-all`}
          aria-checked={view.maskAll}
          aria-describedby={`${ids}-all-hint`}
          disabled={busy}
          onClick={() => onMaskAll(!view.maskAll)}
          className={`mt-0.5 inline-flex h-5 w-9 shrink-0 items-center rounded-full border border-slate-600 focus:outline-none focus:ring-2 focus:ring-blue-700 ${view.maskAll ? 'bg-blue-800' : 'bg-slate-200'}`}
        >
          <span aria-hidden="true" className={`block h-4 w-4 rounded-full bg-white border border-slate-600 transition-transform ${view.maskAll ? 'translate-x-4' : 'translate-x-0'}`} />
          <span className="sr-only">{t(lang, 'maskAllLabel')}</span>
        </button>
        <div>
          <label htmlFor={`${ids}-all`} className="font-medium">{t(lang, 'maskAllLabel')}</label>
          <p id={`${ids}-all-hint`} className="text-xs text-slate-700">{t(lang, 'maskAllHint')}</p>
        </div>
      </div>
      {view.restricted && <p className="mt-2 text-red-800" role="note">{t(lang, 'maskRestricted')}</p>}
      {!view.record ? (
        <p className="mt-2 text-slate-700">{t(lang, 'maskNoRecord')}</p>
      ) : (
        <>
          <h3 className="mt-3 font-medium">{t(lang, 'maskFieldsTitle')}</h3>
          {view.fields.length === 0 ? (
            <p className="text-slate-700" data-testid="mask-no-fields">{t(lang, 'maskNoFields')}</p>
          ) : (
            <ul className="mt-1 space-y-2" data-testid="mask-fields">
              {view.fields.map((field) => {
                const isUnmasked = unmasked.has(field.key);
                return (
                  <li key={field.key} className="rounded border border-slate-200 p-2">
                    <div className="flex items-center justify-between gap-2">
                      <span>
                        {field.label}
                        {isUnmasked && <span className="ml-1 text-xs text-slate-700">({t(lang, 'maskUnmaskedTab')})</span>}
                      </span>
                      {isUnmasked ? (
                        <button type="button" disabled={busy} onClick={() => onRemask(field.key)} className="rounded border border-slate-600 px-2 py-0.5 text-xs focus:outline-none focus:ring-2 focus:ring-blue-700">
                          {t(lang, 'maskRemaskTab')}
                        </button>
                      ) : (
                        !locked &&
                        asking !== field.key && (
                          <button
                            type="button"
                            disabled={busy}
                            aria-label={`${t(lang, 'maskUnmaskTab')}: ${field.label}`}
                            onClick={() => setAsking(field.key)}
                            className="rounded border border-slate-600 px-2 py-0.5 text-xs focus:outline-none focus:ring-2 focus:ring-blue-700"
                          >
                            {t(lang, 'maskUnmaskTab')}
                          </button>
                        )
                      )}
                    </div>
                    {asking === field.key && !isUnmasked && !locked && (
                      <div className="mt-2" role="group" aria-label={t(lang, 'maskUnmaskReason', { label: field.label })}>
                        <RevealReasonForm
                          lang={lang}
                          reasons={view.reasons}
                          submitLabel={t(lang, 'maskUnmaskConfirm', { label: field.label })}
                          busy={busy}
                          error={error}
                          autoFocus
                          onSubmit={(reason) => {
                            onUnmask(field.key, reason);
                            setAsking(null);
                          }}
                          onCancel={() => setAsking(null)}
                        />
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
      {error && asking === null && (
        <p role="alert" className="mt-2 text-red-800">
          {t(lang, 'errorGeneric', { message: error })}
        </p>
      )}
    </section>
  );
}
