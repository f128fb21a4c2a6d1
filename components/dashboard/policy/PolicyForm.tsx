import { useId, useState } from 'react';
import { CATEGORIES, CATEGORY_IDS } from '@/lib/law/categories';
import { t, type Lang, type MessageKey } from '@/lib/i18n';
import { DETECTOR_IDS, RETENTION_ACTIONS } from '@/lib/policy/schema';
import { ACTION_LABELS } from './labels';
import { formatCustomDomains, formatIdLabels, get, maskedSet, parseCustomDomains, parseIdLabels, set, setMasked } from './form-model';

type Doc = Record<string, unknown>;

const input = 'mt-1 w-full rounded border border-slate-400 px-2 py-1 focus:outline-none focus:ring-2 focus:ring-blue-700 aria-[invalid=true]:border-red-700';

/** A textarea edited as lines: kept as typed while focused, written back to the document on every change. */
function LinesField({ label, value, onChange, error, disabled, rows = 4 }: { label: string; value: string; onChange: (text: string) => void; error?: string | undefined; disabled: boolean; rows?: number }) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <div>
      <label htmlFor={id} className="block font-medium">{label}</label>
      <textarea
        id={id}
        className={`${input} font-mono text-xs`}
        rows={rows}
        value={draft ?? value}
        readOnly={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-e` : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          onChange(e.target.value);
        }}
        onBlur={() => setDraft(null)}
      />
      {error && <p id={`${id}-e`} className="text-red-800">{error}</p>}
    </div>
  );
}

function TextField({ label, value, onChange, error, disabled, type = 'text' }: { label: string; value: string; onChange: (v: string) => void; error?: string | undefined; disabled: boolean; type?: string }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block font-medium">{label}</label>
      <input
        id={id}
        type={type}
        className={input}
        value={value}
        readOnly={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-e` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && <p id={`${id}-e`} className="text-red-800">{error}</p>}
    </div>
  );
}

const asNumber = (v: string): number | string => (/^\d+$/.test(v.trim()) ? Number(v) : v);
const str = (x: unknown): string => (typeof x === 'string' || typeof x === 'number' ? String(x) : '');

/**
 * The common parts of the policy as a form. Edits go straight into the document (the JSON tab
 * shows the same text); errors come from the same validation, keyed by path.
 */
export function PolicyForm({ lang, doc, onChange, errors, disabled }: { lang: Lang; doc: Doc; onChange: (doc: Doc) => void; errors: Map<string, string>; disabled: boolean }) {
  const ids = useId();
  const err = (path: string): string | undefined => errors.get(path);
  const field = (label: MessageKey, path: (string | number)[], type = 'text', numeric = false) => (
    <TextField
      label={t(lang, label)}
      type={type}
      value={str(get(doc, path))}
      disabled={disabled}
      error={err(path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join(''))}
      onChange={(v) => onChange(set(doc, path, numeric ? asNumber(v) : v))}
    />
  );
  const categories = new Set(maskedSet(doc, 'categories'));
  const retention = Array.isArray(doc['retention']) ? (doc['retention'] as Doc[]) : [];
  const detectors = (get(doc, ['masking', 'detectors']) ?? {}) as Record<string, unknown>;
  const presets = get(doc, ['sites', 'presets']);
  const anomalies = get(doc, ['anomalies']);
  // Several lines: the error names its path (sites.customDomains[1].org), so the line is clear.
  const domainError = [...errors].find(([p]) => p.startsWith('sites.customDomains'));

  return (
    <div className="space-y-4 text-sm" data-testid="policy-form">
      <div className="grid grid-cols-3 gap-3">
        {field('polFormName', ['name'])}
        {field('polFormVersion', ['policyVersion'])}
        {field('polFormEffective', ['effectiveDate'], 'date')}
      </div>
      <LinesField
        label={t(lang, 'polFormPurposes')}
        value={formatIdLabels(doc['purposes'])}
        disabled={disabled}
        error={[...errors].find(([p]) => p.startsWith('purposes'))?.[1]}
        onChange={(text) => onChange(set(doc, ['purposes'], parseIdLabels(text, doc['purposes'])))}
      />
      <fieldset>
        <legend className="font-medium">{t(lang, 'polFormCategories')}</legend>
        <div className="mt-1 grid grid-cols-2 gap-1">
          {CATEGORY_IDS.map((c) => (
            <label key={c} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={categories.has(c)}
                disabled={disabled}
                onChange={(e) => {
                  const next = new Set(categories);
                  if (e.target.checked) next.add(c);
                  else next.delete(c);
                  onChange(setMasked(doc, 'categories', [...next]));
                }}
              />
              {CATEGORIES[c].name[lang]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid grid-cols-2 gap-3">
        <LinesField label={t(lang, 'polFormFieldKeys')} value={maskedSet(doc, 'fieldKeys').join('\n')} disabled={disabled} onChange={(text) => onChange(setMasked(doc, 'fieldKeys', text.split('\n')))} />
        <LinesField label={t(lang, 'polFormLabels')} value={maskedSet(doc, 'labels').join('\n')} disabled={disabled} onChange={(text) => onChange(setMasked(doc, 'labels', text.split('\n')))} />
      </div>
      <fieldset>
        <legend className="font-medium">{t(lang, 'polFormDetectors')}</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {DETECTOR_IDS.map((d) => (
            <label key={d} className="flex items-center gap-2">
              <input type="checkbox" checked={detectors[d] === true} disabled={disabled} onChange={(e) => onChange(set(doc, ['masking', 'detectors', d], e.target.checked))} />
              {d}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="font-medium">{t(lang, 'polFormRetention')}</legend>
        <table className="mt-1 w-full text-left">
          <tbody>
            {retention.map((rule, i) => {
              const months = rule['maxAgeMonths'] !== undefined;
              const path = `retention[${i}].${months ? 'maxAgeMonths' : 'maxAgeDays'}`;
              const error = err(path) ?? err(`retention[${i}].maxAgeDays`) ?? err(`retention[${i}].maxAgeMonths`);
              const label = get(rule, ['label', lang]);
              return (
                <tr key={i}>
                  <th scope="row" className="py-1 pr-3 font-normal" id={`${ids}-r${i}`}>{str(label) || str(rule['id'])}</th>
                  <td className="py-1 pr-3">
                    <input
                      type="number"
                      min={1}
                      aria-labelledby={`${ids}-r${i}`}
                      className="w-24 rounded border border-slate-400 px-2 py-1 aria-[invalid=true]:border-red-700"
                      value={str(rule[months ? 'maxAgeMonths' : 'maxAgeDays'])}
                      readOnly={disabled}
                      aria-invalid={error ? true : undefined}
                      onChange={(e) => onChange(set(doc, ['retention', i, months ? 'maxAgeMonths' : 'maxAgeDays'], asNumber(e.target.value)))}
                    />
                  </td>
                  <td className="py-1 pr-3">
                    <select
                      aria-label={`${str(label) || str(rule['id'])}: ${t(lang, 'polFormMonths')} / ${t(lang, 'polFormDays')}`}
                      value={months ? 'months' : 'days'}
                      disabled={disabled}
                      className="rounded border border-slate-400 px-1 py-1"
                      onChange={(e) => {
                        const n = rule[months ? 'maxAgeMonths' : 'maxAgeDays'];
                        let next = set(doc, ['retention', i, months ? 'maxAgeMonths' : 'maxAgeDays'], undefined);
                        next = set(next, ['retention', i, e.target.value === 'months' ? 'maxAgeMonths' : 'maxAgeDays'], n);
                        onChange(next);
                      }}
                    >
                      <option value="months">{t(lang, 'polFormMonths')}</option>
                      <option value="days">{t(lang, 'polFormDays')}</option>
                    </select>
                  </td>
                  <td className="py-1 pr-3">
                    <input
                      type="number"
                      min={0}
                      aria-label={t(lang, 'polFormWarnDays', { rule: str(label) || str(rule['id']) })}
                      className="w-20 rounded border border-slate-400 px-2 py-1 aria-[invalid=true]:border-red-700"
                      value={str(rule['warnDays'])}
                      readOnly={disabled}
                      aria-invalid={err(`retention[${i}].warnDays`) ? true : undefined}
                      onChange={(e) => onChange(set(doc, ['retention', i, 'warnDays'], asNumber(e.target.value)))}
                    />
                  </td>
                  <td className="py-1 pr-3">
                    <select
                      aria-label={t(lang, 'polFormAction', { rule: str(label) || str(rule['id']) })}
                      value={str(rule['action'])}
                      disabled={disabled}
                      className="rounded border border-slate-400 px-1 py-1"
                      onChange={(e) => onChange(set(doc, ['retention', i, 'action'], e.target.value))}
                    >
                      {RETENTION_ACTIONS.map((a) => (
                        <option key={a} value={a}>{t(lang, ACTION_LABELS[a])}</option>
                      ))}
                    </select>
                  </td>
                  <td className="py-1 text-red-800">{error ?? err(`retention[${i}].warnDays`) ?? err(`retention[${i}].action`)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </fieldset>
      <LinesField
        label={t(lang, 'polFormReasons')}
        value={formatIdLabels(get(doc, ['revealReasons', 'presets']))}
        disabled={disabled}
        rows={3}
        error={[...errors].find(([p]) => p.startsWith('revealReasons'))?.[1]}
        onChange={(text) => onChange(set(doc, ['revealReasons', 'presets'], parseIdLabels(text, get(doc, ['revealReasons', 'presets']))))}
      />
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={get(doc, ['revealReasons', 'allowFreeText']) === true} disabled={disabled} onChange={(e) => onChange(set(doc, ['revealReasons', 'allowFreeText'], e.target.checked))} />
        {t(lang, 'polFormFreeText')}
      </label>
      <div className="grid grid-cols-3 gap-3">
        {field('polFormLogDays', ['logRetentionDays'], 'number', true)}
        {typeof anomalies === 'object' && anomalies !== null && (
          <>
            <TextField label={t(lang, 'polFormReveals')} type="number" value={str(get(doc, ['anomalies', 'revealsPerHour']))} disabled={disabled} error={err('anomalies.revealsPerHour')} onChange={(v) => onChange(set(doc, ['anomalies', 'revealsPerHour'], asNumber(v)))} />
            <TextField label={t(lang, 'polFormViews')} type="number" value={str(get(doc, ['anomalies', 'distinctViewsPerHour']))} disabled={disabled} error={err('anomalies.distinctViewsPerHour')} onChange={(v) => onChange(set(doc, ['anomalies', 'distinctViewsPerHour'], asNumber(v)))} />
          </>
        )}
      </div>
      {typeof presets === 'object' && presets !== null && (
        <fieldset>
          <legend className="font-medium">{t(lang, 'polFormPresets')}</legend>
          <div className="mt-1 flex gap-4">
            {Object.keys(presets).map((p) => (
              <label key={p} className="flex items-center gap-2">
                <input type="checkbox" checked={get(doc, ['sites', 'presets', p]) === true} disabled={disabled} onChange={(e) => onChange(set(doc, ['sites', 'presets', p], e.target.checked))} />
                {p}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <LinesField
        label={t(lang, 'polFormDomains')}
        value={formatCustomDomains(get(doc, ['sites', 'customDomains']))}
        disabled={disabled}
        rows={3}
        error={domainError ? `${domainError[0]}: ${domainError[1]}` : undefined}
        onChange={(text) => onChange(set(doc, ['sites', 'customDomains'], parseCustomDomains(text)))}
      />
      <p className="text-slate-700">{t(lang, 'polFormExtra')}</p>
    </div>
  );
}
