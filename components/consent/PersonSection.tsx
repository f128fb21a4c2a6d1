import { useId, useState, type FormEvent } from 'react';
import { t, type Lang } from '@/lib/i18n';
import { DATA_SOURCES, type DataSource } from '@/lib/consent/model';
import type { PrivacyView } from '@/lib/consent/views';
import { JURISDICTION_IDS, isJurisdictionId } from '@/lib/law/rights';
import type { PopupApi } from '@/entrypoints/popup/store';
import { formatDay } from '@/lib/features/badge-ui';
import { ActionMessages, buttonClass, dateError, described, Field, fieldClass, focusFirst, useAction, type Errors } from './fields';
import { jurisdictionName } from './labels';
import { DraftNotice, useFormDraft } from '@/components/form-draft';

interface Props {
  lang: Lang;
  tabId: number;
  privacy: PrivacyView;
  api: Pick<PopupApi, 'setSubject' | 'logNotice'>;
  onChange(view: PrivacyView): void;
}

/** The person: jurisdiction (drives rights and deadlines), source of the data, and the privacy notice given (Art. 13/14). */
export function PersonSection({ lang, tabId, privacy, api, onChange }: Props) {
  const ids = useId();
  const subject = privacy.subject;
  const [jurisdiction, setJurisdiction] = useState<string>(subject?.jurisdiction ?? '');
  const [source, setSource] = useState<DataSource>(subject?.source ?? 'direct');
  const [obtainedOn, setObtainedOn] = useState(subject?.obtainedOn ?? privacy.today);
  const [errors, setErrors] = useState<Errors>({});
  const [status, run, clearStatus] = useAction();

  // The notice form has typed text: kept per record in the in-page panel until saved or discarded.
  const noticeDraft = useFormDraft('notice', privacy.key, { version: '', givenOn: privacy.today, article: (subject?.source === 'indirect' ? '14' : '13') as '13' | '14' });
  const { version, givenOn, article } = noticeDraft.values;
  const [noticeErrors, setNoticeErrors] = useState<Errors>({});
  const [noticeStatus, runNotice, clearNoticeStatus] = useAction();

  const submitSubject = async (event: FormEvent) => {
    event.preventDefault();
    const next: Errors = {
      jurisdiction: isJurisdictionId(jurisdiction) ? undefined : t(lang, 'personChooseJurisdiction'),
      obtainedOn: dateError(lang, obtainedOn, privacy.today),
    };
    setErrors(next);
    if (next.jurisdiction || next.obtainedOn || !isJurisdictionId(jurisdiction)) {
      clearStatus(); // not the last "Saved." beside these errors
      focusFirst(next, [['jurisdiction', `${ids}-j`], ['obtainedOn', `${ids}-obt`]]);
      return;
    }
    await run(async () => {
      onChange(await api.setSubject({ tabId, key: privacy.key, jurisdiction, source, obtainedOn }));
      return t(lang, 'personSaved');
    });
  };

  const submitNotice = async (event: FormEvent) => {
    event.preventDefault();
    const next: Errors = {
      version: version.trim() ? undefined : t(lang, 'noticeErrVersion'),
      givenOn: dateError(lang, givenOn, privacy.today),
    };
    setNoticeErrors(next);
    if (next.version || next.givenOn) {
      clearNoticeStatus();
      focusFirst(next, [['version', `${ids}-nv`], ['givenOn', `${ids}-nd`]]);
      return;
    }
    const ok = await runNotice(async () => {
      onChange(await api.logNotice({ tabId, key: privacy.key, version: version.trim(), givenOn, article }));
      return t(lang, 'noticeSaved');
    });
    if (ok) noticeDraft.saved({ version: '' });
  };

  return (
    <section aria-labelledby={`${ids}-h`} className="space-y-3 rounded border border-slate-300 p-3">
      <h2 id={`${ids}-h`} className="font-semibold">{t(lang, 'personTitle')}</h2>
      <p data-testid="person-current" className="text-slate-700">
        {subject
          ? t(lang, 'personCurrent', {
              jurisdiction: jurisdictionName(lang, subject.jurisdiction),
              source: t(lang, subject.source === 'direct' ? 'personSourceDirect' : 'personSourceIndirect'),
              date: formatDay(lang, subject.obtainedOn),
            })
          : t(lang, 'personNone')}
      </p>
      <form onSubmit={(e) => void submitSubject(e)} noValidate aria-label={t(lang, 'personTitle')} className="space-y-2">
        <Field id={`${ids}-j`} label={t(lang, 'personJurisdiction')} error={errors.jurisdiction}>
          <select id={`${ids}-j`} className={fieldClass} value={jurisdiction} onChange={(e) => setJurisdiction(e.target.value)} {...described(`${ids}-j`, errors.jurisdiction)}>
            <option value="">{t(lang, 'personChooseJurisdiction')}</option>
            {JURISDICTION_IDS.map((j) => (
              <option key={j} value={j}>
                {jurisdictionName(lang, j)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${ids}-src`} label={t(lang, 'personSource')}>
          <select id={`${ids}-src`} className={fieldClass} value={source} onChange={(e) => setSource(e.target.value as DataSource)}>
            {DATA_SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(lang, s === 'direct' ? 'personSourceDirect' : 'personSourceIndirect')}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${ids}-obt`} label={t(lang, 'personObtained')} error={errors.obtainedOn}>
          <input id={`${ids}-obt`} type="date" className={fieldClass} value={obtainedOn} max={privacy.today} onChange={(e) => setObtainedOn(e.target.value)} {...described(`${ids}-obt`, errors.obtainedOn)} />
        </Field>
        <button type="submit" className={buttonClass} disabled={status.kind === 'saving'}>
          {t(lang, 'personSave')}
        </button>
        <ActionMessages lang={lang} status={status} testId="person" />
      </form>

      <h3 className="font-semibold">{t(lang, 'noticeTitle')}</h3>
      {privacy.summary.noticeMissing && (
        <p className="rounded border border-amber-700 bg-amber-50 p-2 text-amber-900" data-testid="notice-missing">
          {t(lang, 'noticeMissingWarning')}
        </p>
      )}
      <ul className="text-slate-700" data-testid="notices">
        {privacy.notices.length === 0 && <li>{t(lang, 'noticeNone')}</li>}
        {privacy.notices.map((n) => (
          <li key={n.at}>{t(lang, 'noticeLine', { version: n.version, date: formatDay(lang, n.on), article: n.article })}</li>
        ))}
      </ul>
      <form onSubmit={(e) => void submitNotice(e)} noValidate aria-label={t(lang, 'noticeTitle')} className="space-y-2">
        <Field id={`${ids}-nv`} label={t(lang, 'noticeVersion')} error={noticeErrors.version}>
          <input id={`${ids}-nv`} className={fieldClass} value={version} maxLength={80} onChange={(e) => noticeDraft.set({ version: e.target.value })} {...described(`${ids}-nv`, noticeErrors.version)} />
        </Field>
        <Field id={`${ids}-nd`} label={t(lang, 'noticeDate')} error={noticeErrors.givenOn}>
          <input id={`${ids}-nd`} type="date" className={fieldClass} value={givenOn} max={privacy.today} onChange={(e) => noticeDraft.set({ givenOn: e.target.value })} {...described(`${ids}-nd`, noticeErrors.givenOn)} />
        </Field>
        <Field id={`${ids}-na`} label={t(lang, 'noticeArticle')}>
          <select id={`${ids}-na`} className={fieldClass} value={article} onChange={(e) => noticeDraft.set({ article: e.target.value === '14' ? '14' : '13' })}>
            <option value="13">{t(lang, 'noticeArt13')}</option>
            <option value="14">{t(lang, 'noticeArt14')}</option>
          </select>
        </Field>
        <button type="submit" className={buttonClass} disabled={noticeStatus.kind === 'saving'}>
          {t(lang, 'noticeSave')}
        </button>
        <DraftNotice lang={lang} draft={noticeDraft} form={t(lang, 'noticeTitle')} focusId={`${ids}-nv`} />
        <ActionMessages lang={lang} status={noticeStatus} testId="notice" />
      </form>
    </section>
  );
}
