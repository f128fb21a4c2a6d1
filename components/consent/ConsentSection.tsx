import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { t, type Lang } from '@/lib/i18n';
import { CONSENT_CHANNELS, CONSENT_METHODS, WITHDRAWAL_METHODS, type ConsentChannel, type ConsentEntry, type ConsentMethod, type WithdrawalMethod } from '@/lib/consent/model';
import type { PrivacyView } from '@/lib/consent/views';
import type { PurposeOption } from '@/lib/messaging/protocol';
import type { PopupApi } from '@/entrypoints/popup/store';
import { formatDay } from '@/lib/features/badge-ui';
import { ActionMessages, buttonClass, dangerButtonClass, dateError, described, Field, FieldError, fieldClass, focusFirst, useAction, type Errors } from './fields';
import { DraftNotice, useFormDraft } from '@/components/form-draft';
import { channelLabel, methodLabel } from './labels';

const isWithdrawalMethod = (m: string): m is WithdrawalMethod => (WITHDRAWAL_METHODS as readonly string[]).includes(m);

interface Props {
  lang: Lang;
  tabId: number;
  privacy: PrivacyView;
  purposes: PurposeOption[];
  api: Pick<PopupApi, 'giveConsent' | 'withdrawConsent'>;
  onChange(view: PrivacyView): void;
}

/**
 * Consent per purpose and channel with its proof (Art. 7(1)), and withdrawal in one action
 * (Art. 7(3)): one button per consent, or one for all.
 */
export function ConsentSection({ lang, tabId, privacy, purposes, api, onChange }: Props) {
  const ids = useId();
  const purposeLabel = (id: string) => purposes.find((p) => p.id === id)?.label[lang] ?? id;
  const given = privacy.current.filter((c) => c.action === 'given');
  const withdrawn = privacy.current.filter((c) => c.action === 'withdrawn');

  // How the withdrawal reached us is on record (Art. 7(3), 5(2)): the rep chooses it, there is no default.
  const withdrawDraft = useFormDraft('withdraw', privacy.key, { method: '', on: privacy.today });
  const { method: withdrawMethod, on: withdrawOn } = withdrawDraft.values;
  const [withdrawErrors, setWithdrawErrors] = useState<Errors>({});
  const [withdrawStatus, runWithdraw, clearWithdrawStatus] = useAction();
  const [status, run, clearStatus] = useAction();
  // A withdrawal removes the button it was asked from (and "Withdraw all" goes with the last
  // consent): focus goes to the list's heading instead of dropping to the page's body.
  const listHeading = useRef<HTMLHeadingElement>(null);
  const refocusAfterWithdraw = useRef(false);
  useEffect(() => {
    if (withdrawStatus.kind === 'saving' || !refocusAfterWithdraw.current) return;
    refocusAfterWithdraw.current = false;
    const active = document.activeElement;
    if (withdrawStatus.kind === 'done' && (!active || active === document.body)) listHeading.current?.focus();
  }, [withdrawStatus]);

  const withdraw = async (target: ConsentEntry | null) => {
    // Whatever comes of it, the consent form's last message ("Consent logged.") is old news.
    clearStatus();
    const latestGiven = (target ? [target] : given).reduce((max, c) => (c.on > max ? c.on : max), '');
    const next: Errors = {
      method: isWithdrawalMethod(withdrawMethod) ? undefined : t(lang, 'consentErrWithdrawMethod'),
      on: dateError(lang, withdrawOn, privacy.today, latestGiven || undefined),
    };
    setWithdrawErrors(next);
    if (next.method || next.on || !isWithdrawalMethod(withdrawMethod)) {
      clearWithdrawStatus(); // not an earlier withdrawal's "Consent withdrawn." beside these errors
      focusFirst(next, [['method', `${ids}-wm`], ['on', `${ids}-wd`]]); // rendered with the list
      return;
    }
    refocusAfterWithdraw.current = true;
    const ok = await runWithdraw(async () => {
      onChange(
        await api.withdrawConsent({
          tabId,
          key: privacy.key,
          method: withdrawMethod,
          withdrawnOn: withdrawOn,
          ...(target ? { purposeId: target.purposeId, channel: target.channel } : {}),
        }),
      );
      return t(lang, 'consentWithdrawn');
    });
    if (ok) withdrawDraft.saved(); // the choice stays on screen for the next withdrawal; nothing left to keep
  };

  const draft = useFormDraft('consent', privacy.key, { purposeId: '', channels: [] as ConsentChannel[], method: '' as ConsentMethod | '', wording: '', givenOn: privacy.today, doubleOptInOn: '' });
  const { purposeId, channels, method, wording, givenOn, doubleOptInOn } = draft.values;
  const [errors, setErrors] = useState<Errors>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clearWithdrawStatus(); // the last withdrawal's message is old news once a consent is logged or refused
    const next: Errors = {
      purpose: purposes.some((p) => p.id === purposeId) ? undefined : t(lang, 'popupErrorPurpose'),
      channels: channels.length > 0 ? undefined : t(lang, 'consentErrChannels'),
      method: method ? undefined : t(lang, 'consentErrMethod'),
      wording: wording.trim() ? undefined : t(lang, 'consentErrWording'),
      givenOn: dateError(lang, givenOn, privacy.today),
      doubleOptIn: doubleOptInOn ? dateError(lang, doubleOptInOn, privacy.today, givenOn) : undefined,
    };
    setErrors(next);
    if (Object.values(next).some(Boolean) || !method) {
      clearStatus(); // not the last "Consent logged." beside these errors
      focusFirst(next, [
        ['purpose', `${ids}-p`],
        ['channels', `${ids}-ch-email`],
        ['method', `${ids}-m`],
        ['wording', `${ids}-w`],
        ['givenOn', `${ids}-g`],
        ['doubleOptIn', `${ids}-d`],
      ]);
      return;
    }
    const ok = await run(async () => {
      onChange(
        await api.giveConsent({
          tabId,
          key: privacy.key,
          purposeId,
          channels,
          method,
          wording: wording.trim(),
          givenOn,
          ...(doubleOptInOn ? { doubleOptInOn } : {}),
        }),
      );
      return t(lang, 'consentSaved');
    });
    if (ok) draft.saved({ channels: [], wording: '', doubleOptInOn: '' });
  };

  return (
    <section aria-labelledby={`${ids}-h`} className="space-y-3 rounded border border-slate-300 p-3">
      <h2 id={`${ids}-h`} className="font-semibold">{t(lang, 'consentTitle')}</h2>
      <h3 ref={listHeading} tabIndex={-1} className="font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-700">
        {t(lang, 'consentCurrent')}
      </h3>
      {given.length + withdrawn.length === 0 && <p className="text-slate-700">{t(lang, 'consentNone')}</p>}
      <ul className="space-y-1" data-testid="consents">
        {given.map((c) => (
          <li key={`${c.purposeId}|${c.channel}`} className="flex items-start justify-between gap-2">
            <span>
              {t(lang, 'consentLineGiven', { purpose: purposeLabel(c.purposeId), channel: channelLabel(lang, c.channel), date: formatDay(lang, c.on), method: methodLabel(lang, c.method) })}
              {(c.wording || c.doubleOptInOn) && (
                // The proof (Art. 7(1)): what the person was shown, and the double opt-in.
                <span className="block text-xs text-slate-600" data-testid="consent-proof">
                  {[c.wording ? t(lang, 'consentProofWording', { wording: c.wording }) : '', c.doubleOptInOn ? t(lang, 'consentProofDoubleOptIn', { date: formatDay(lang, c.doubleOptInOn) }) : '']
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              )}
            </span>
            <button
              type="button"
              className={dangerButtonClass}
              aria-label={t(lang, 'consentWithdrawLabel', { purpose: purposeLabel(c.purposeId), channel: channelLabel(lang, c.channel) })}
              disabled={withdrawStatus.kind === 'saving'}
              onClick={() => void withdraw(c)}
            >
              {t(lang, 'consentWithdraw')}
            </button>
          </li>
        ))}
        {withdrawn.map((c) => (
          <li key={`${c.purposeId}|${c.channel}`} className="text-red-900">
            {t(lang, 'consentLineWithdrawn', { purpose: purposeLabel(c.purposeId), channel: channelLabel(lang, c.channel), date: formatDay(lang, c.on) })}
          </li>
        ))}
      </ul>
      {given.length > 0 && (
        <div className="space-y-2 rounded bg-slate-50 p-2">
          <div className="grid grid-cols-2 gap-2">
            <Field id={`${ids}-wm`} label={t(lang, 'consentWithdrawMethod')} error={withdrawErrors.method} alert>
              <select
                id={`${ids}-wm`}
                className={fieldClass}
                value={withdrawMethod}
                onChange={(e) => withdrawDraft.set({ method: e.target.value })}
                {...described(`${ids}-wm`, withdrawErrors.method)}
              >
                <option value="">{t(lang, 'consentChooseMethod')}</option>
                {WITHDRAWAL_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {methodLabel(lang, m)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={`${ids}-wd`} label={t(lang, 'consentWithdrawOn')} error={withdrawErrors.on}>
              <input id={`${ids}-wd`} type="date" className={fieldClass} value={withdrawOn} max={privacy.today} onChange={(e) => withdrawDraft.set({ on: e.target.value })} {...described(`${ids}-wd`, withdrawErrors.on)} />
            </Field>
          </div>
          <button type="button" className={dangerButtonClass} disabled={withdrawStatus.kind === 'saving'} onClick={() => void withdraw(null)}>
            {t(lang, 'consentWithdrawAll')}
          </button>
          <DraftNotice lang={lang} draft={withdrawDraft} form={t(lang, 'consentWithdrawMethod')} focusId={`${ids}-wm`} />
        </div>
      )}
      <ActionMessages lang={lang} status={withdrawStatus} testId="withdraw" />

      <form onSubmit={(e) => void submit(e)} noValidate aria-label={t(lang, 'consentGive')} className="space-y-2">
        <Field id={`${ids}-p`} label={t(lang, 'consentPurpose')} error={errors.purpose}>
          <select id={`${ids}-p`} className={fieldClass} value={purposeId} onChange={(e) => draft.set({ purposeId: e.target.value })} {...described(`${ids}-p`, errors.purpose)}>
            <option value="">{t(lang, 'popupChoosePurpose')}</option>
            {purposes.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label[lang]}
              </option>
            ))}
          </select>
        </Field>
        <fieldset aria-describedby={errors.channels ? `${ids}-ch-err` : undefined}>
          <legend className="font-medium">{t(lang, 'consentChannels')}</legend>
          <div className="flex flex-wrap gap-3">
            {CONSENT_CHANNELS.map((c) => (
              <label key={c} className="inline-flex items-center gap-1">
                <input
                  id={`${ids}-ch-${c}`}
                  type="checkbox"
                  checked={channels.includes(c)}
                  onChange={(e) => draft.set({ channels: e.target.checked ? [...channels, c] : channels.filter((x) => x !== c) })}
                  {...described(`${ids}-ch`, errors.channels)}
                />
                {channelLabel(lang, c)}
              </label>
            ))}
          </div>
          <FieldError id={`${ids}-ch`} error={errors.channels} />
        </fieldset>
        <Field id={`${ids}-m`} label={t(lang, 'consentMethod')} error={errors.method}>
          <select id={`${ids}-m`} className={fieldClass} value={method} onChange={(e) => draft.set({ method: e.target.value as ConsentMethod | '' })} {...described(`${ids}-m`, errors.method)}>
            <option value="">{t(lang, 'consentChooseMethod')}</option>
            {CONSENT_METHODS.map((m) => (
              <option key={m} value={m}>
                {methodLabel(lang, m)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${ids}-w`} label={t(lang, 'consentWording')} error={errors.wording}>
          <input id={`${ids}-w`} className={fieldClass} value={wording} maxLength={500} onChange={(e) => draft.set({ wording: e.target.value })} {...described(`${ids}-w`, errors.wording)} />
        </Field>
        <div className="grid grid-cols-2 gap-2">
          <Field id={`${ids}-g`} label={t(lang, 'consentGivenOn')} error={errors.givenOn}>
            <input id={`${ids}-g`} type="date" className={fieldClass} value={givenOn} max={privacy.today} onChange={(e) => draft.set({ givenOn: e.target.value })} {...described(`${ids}-g`, errors.givenOn)} />
          </Field>
          <Field id={`${ids}-d`} label={t(lang, 'consentDoubleOptIn')} error={errors.doubleOptIn}>
            <input id={`${ids}-d`} type="date" className={fieldClass} value={doubleOptInOn} max={privacy.today} onChange={(e) => draft.set({ doubleOptInOn: e.target.value })} {...described(`${ids}-d`, errors.doubleOptIn)} />
          </Field>
        </div>
        <button type="submit" className={buttonClass} disabled={status.kind === 'saving'}>
          {t(lang, 'consentGive')}
        </button>
        <DraftNotice lang={lang} draft={draft} form={t(lang, 'consentGive')} focusId={`${ids}-p`} />
        <ActionMessages lang={lang} status={status} testId="consent" />
      </form>
    </section>
  );
}
