import { lifecycleOf, decidePageRetention, type PageField, type PageRetentionDecision } from '@/lib/crm/page-retention';
import type { DateProblem } from '@/lib/crm/dates';
import type { GenericAdapter } from '@/lib/crm/generic';
import type { CrmAdapter } from '@/lib/crm/types';
import { t, type Lang, type MessageKey } from '@/lib/i18n/page';
import type { RecordLifecycle } from '@/lib/policy/decide';
import type { RetentionAction, RetentionRule } from '@/lib/policy/schema';
import { watchDom } from './dom-watch';
import { guardHost } from './host-guard';
import { waitFor } from './navigation';
import type { Feature, PageContext } from './types';
import { shadowHost } from './shadow-host';

/**
 * Retention warning on record pages (GDPR Art. 5(1)(e)): `[data-cpg="retention"]` right after the
 * badge, with `data-cpg-state` due-soon | overdue | unknown (nothing when ok or when no rule
 * applies). The verdict is computed here, from dates read on the page in its locale, so field
 * values never leave the page; the background gives the rule and the first-seen date, and stores
 * the verdict (state and expiry day) for list views. Fields that render later (Details tab, lazy
 * cards, shadow roots attached later) re-evaluate it, and so does a change of the policy in force
 * (the `policy.changed` push): the rule is asked for again, in the same visit (no new `view`).
 */

const STYLE = `
:host { all: initial; display: block; margin: 4px 0; max-width: 720px; }
p { font: 12px/16px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; padding: 4px 8px;
  border-left: 4px solid; border-radius: 4px; }
p[data-state="due-soon"] { background: #fef3c7; color: #78350f; border-color: #b45309; }
p[data-state="overdue"] { background: #fee2e2; color: #7f1d1d; border-color: #b91c1c; }
p[data-state="unknown"] { background: #f1f5f9; color: #1e293b; border-color: #475569; }
`;

const ACTION_KEYS: Record<RetentionAction, MessageKey> = {
  're-consent': 'retentionActionReConsent',
  anonymise: 'retentionActionAnonymise',
  delete: 'retentionActionDelete',
  review: 'retentionActionReview',
};

const PROBLEM_KEYS: Record<DateProblem, MessageKey> = {
  empty: 'dateProblemEmpty',
  'too-long': 'dateProblemTooLong',
  'not-a-date': 'dateProblemNotADate',
  'two-digit-year': 'dateProblemTwoDigitYear',
  ambiguous: 'dateProblemAmbiguous',
  'out-of-range': 'dateProblemOutOfRange',
};

const DAY_MS = 86_400_000;

function ymd(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function formatDay(lang: Lang, d: Date): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium' }).format(d);
}

/** The sentence a retention host shows; only our strings and the policy's, as text. */
export function retentionText(lang: Lang, rule: RetentionRule, decision: PageRetentionDecision, today: Date): string {
  const ruleName = rule.label[lang];
  if (decision.state === 'unknown' || !decision.expiresOn) {
    const u = decision.unreadable;
    const reason = u
      ? t(lang, 'retentionUnreadable', { field: u.field, text: u.text, problem: t(lang, PROBLEM_KEYS[u.problem]) })
      : t(lang, 'retentionNoStart', { fields: [...rule.clock.fields, ...rule.clock.fallback].join(', ') });
    return t(lang, 'retentionUnknown', { rule: ruleName, reason });
  }
  const vars = {
    rule: ruleName,
    date: formatDay(lang, decision.expiresOn),
    days: Math.max(0, Math.round((decision.expiresOn.getTime() - today.getTime()) / DAY_MS)),
    action: t(lang, ACTION_KEYS[rule.action]),
    legal: rule.legalRef,
  };
  const main = t(lang, decision.state === 'overdue' ? 'retentionOverdue' : 'retentionDueSoon', vars);
  const from = decision.startedFromLabel ?? decision.startedFrom;
  return from ? `${main} ${t(lang, 'retentionFrom', { field: from })}` : main;
}

interface RetentionHost {
  host: HTMLElement;
  show(rule: RetentionRule, decision: PageRetentionDecision, today: Date): void;
}

function createHost(doc: Document, lang: Lang): RetentionHost {
  const { host, root } = shadowHost(doc, 'div', { 'data-cpg': 'retention' }, STYLE);
  const p = doc.createElement('p');
  p.setAttribute('role', 'note');
  // The text is a light-DOM node slotted in: QA tools read it with innerText, page CSS has no element to target.
  const label = doc.createTextNode('');
  host.append(label);
  p.append(doc.createElement('slot'));
  root.append(p);
  return {
    host,
    show(rule, decision, today) {
      host.setAttribute('data-cpg-state', decision.state);
      host.setAttribute('data-cpg-rule', rule.id);
      host.setAttribute('data-cpg-action', rule.action);
      if (decision.expiresOn) host.setAttribute('data-cpg-expires', ymd(decision.expiresOn));
      else host.removeAttribute('data-cpg-expires');
      p.dataset.state = decision.state;
      label.data = retentionText(lang, rule, decision, today);
    },
  };
}

function isGeneric(adapter: CrmAdapter): adapter is GenericAdapter {
  return typeof (adapter as Partial<GenericAdapter>).health === 'function';
}

/** The page's locale for reading dates: `<html lang>`; '' when the page does not say. */
export function pageLocale(doc: Document): string {
  return (doc.documentElement.getAttribute('lang') ?? '').trim().slice(0, 35);
}

function readFields(adapter: CrmAdapter, doc: Document): PageField[] {
  const root = adapter.activeRoot(doc);
  if (!root) return [];
  // Values stay in this function's caller: they are parsed here and never sent.
  return adapter.findFields(root).map((f) => ({ key: f.key, label: f.label, value: f.readValue(), ...(f.otherRecord ? { otherRecord: true } : {}) }));
}

export const retention: Feature = {
  id: 'retention',
  include: ['record'],
  async init(ctx) {
    await runRetention(ctx);
  },
};

async function runRetention(ctx: PageContext): Promise<void> {
  const { doc, adapter, page, signal } = ctx;
  if (!adapter || page.kind !== 'record') return;
  const warn = (code: 'selector-none' | 'selector-too-many' | 'hosts-removed', detail: string): void => {
    void ctx.send('pages.warn', { url: ctx.url, feature: 'retention', code, detail: detail.slice(0, 300) }).catch(() => undefined);
  };
  // A policy-defined adapter whose selectors match too much (or are invalid) decorates nothing: one warning, then stand down.
  if (isGeneric(adapter)) {
    if (doc.readyState === 'loading') await new Promise((resolve) => doc.addEventListener('DOMContentLoaded', resolve, { once: true, signal }));
    const problem = adapter.health(doc);
    if (signal.aborted) return;
    if (problem) return warn(problem.code, problem.detail);
  }
  // The badge arrives once the background has the visit (and so the record's first-seen date).
  const badge = await waitFor(doc, () => doc.querySelector<HTMLElement>('[data-cpg="badge"]'), signal, 30_000);
  if (signal.aborted) return;
  if (!badge) {
    const problem = isGeneric(adapter) ? adapter.health(doc) : null;
    if (problem) warn(problem.code, problem.detail);
    else if (isGeneric(adapter)) warn('selector-none', `${adapter.name}: the title selector matched nothing`);
    return;
  }

  const ref = page.ref;
  const object = ref.object || (adapter.objectFromDom?.(adapter.activeRoot(doc) ?? doc) ?? '');
  const view = createHost(doc, ctx.lang);
  let context: { lifecycle: RecordLifecycle; rule?: RetentionRule; firstSeen?: number } | null = null;
  let asking: Promise<void> | null = null;
  let lastShown = '';
  let lastReported = '';
  let stoodDown = false;
  // Whether the warning should be on the page: one the feature took away itself (ok, or no rule any
  // more) is not the page fighting it (host-guard.ts).
  let wanted = false;
  // The policy in force changed since the rule was asked for (`policy.changed` push): ask again.
  let stale = false;

  const place = (): boolean => {
    const current = doc.querySelector('[data-cpg="badge"]');
    if (!current) return false;
    current.after(view.host);
    return true;
  };

  const ask = (lifecycle: RecordLifecycle): Promise<void> => {
    stale = false;
    return ctx
      .send('retention.context', { url: ctx.url, lifecycle, ...(/^[A-Za-z][A-Za-z0-9_]{0,79}$/.test(object) && !ref.object ? { objectHint: object } : {}) })
      .then((answer) => {
        context = { lifecycle, ...(answer.rule ? { rule: answer.rule } : {}), ...(answer.firstSeen ? { firstSeen: answer.firstSeen } : {}) };
      });
  };

  const evaluate = async (): Promise<void> => {
    if (signal.aborted || stoodDown) return;
    const fields = readFields(adapter, doc);
    const lifecycle = lifecycleOf(ref.crm, object, fields);
    // Until the answer is for this lifecycle and for the policy now in force: a policy change may
    // land while a question (under the old policy) is out.
    while (!signal.aborted && (stale || context?.lifecycle !== lifecycle)) {
      asking ??= ask(lifecycle).finally(() => (asking = null));
      await asking;
    }
    if (signal.aborted) return;
    const rule = context?.rule;
    if (!rule) {
      wanted = false;
      view.host.remove();
      return;
    }
    const today = new Date();
    const decision = decidePageRetention(rule, {
      fields,
      locale: pageLocale(doc),
      ...(context?.firstSeen ? { firstSeen: new Date(context.firstSeen) } : {}),
      today,
    });
    const reportKey = `${rule.id}|${decision.state}|${decision.expiresOn ? ymd(decision.expiresOn) : ''}`;
    if (reportKey !== lastReported) {
      lastReported = reportKey;
      void ctx
        .send('retention.report', { url: ctx.url, ruleId: rule.id, state: decision.state, ...(decision.expiresOn ? { expiresOn: ymd(decision.expiresOn) } : {}) })
        .catch(() => undefined);
    }
    if (decision.state === 'ok') {
      wanted = false;
      view.host.remove();
      lastShown = '';
      return;
    }
    wanted = true;
    const shown = `${reportKey}|${decision.reason ?? ''}|${decision.startedFrom ?? ''}`;
    // Only write when the verdict changed: CRMs re-render constantly.
    if (shown !== lastShown) {
      lastShown = shown;
      view.show(rule, decision, today);
    }
    if (!view.host.isConnected) {
      place();
      guardOnce();
    }
  };

  let guarded = false;
  const guardOnce = (): void => {
    if (guarded) return;
    guarded = true;
    guardHost(view.host, place, () => {
      stoodDown = true;
      warn('hosts-removed', `the page removed or restyled the retention warning twice on ${new URL(ctx.url).pathname}`);
    }, signal, { wanted: () => wanted });
  };

  signal.addEventListener('abort', () => view.host.remove(), { once: true });
  // A policy change (the dashboard shortens a period, adds a rule…) re-judges this page with the
  // rule now in force, without a reload: the page's features are not restarted, so no `view` is
  // logged again. A push during the first verdict is picked up by its question loop.
  let started = false;
  ctx.onPush('policy.changed', () => {
    stale = true;
    if (started) run();
  });
  await evaluate();
  started = true;
  // Late fields (Details tab, lazy cards, shadow roots that appear later) re-run the verdict: once per frame
  // at most, and no more than every 250 ms on pages that never stop mutating (timelines, Zoho).
  let running = false;
  let again = false;
  let lastRun = 0;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    const wait = lastRun + 250 - Date.now();
    if (wait > 0) {
      running = true;
      setTimeout(() => {
        running = false;
        run();
      }, wait);
      return;
    }
    running = true;
    void (async () => {
      do {
        again = false;
        lastRun = Date.now();
        await evaluate().catch(() => undefined);
      } while (again && !signal.aborted);
      running = false;
    })();
  };
  watchDom(doc, run, signal, { pollMs: 1000 });
}
