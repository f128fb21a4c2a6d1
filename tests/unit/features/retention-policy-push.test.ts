import { format, subMonths } from 'date-fns';
import type { CrmAdapter, FieldInfo } from '@/lib/crm/types';
import { retention } from '@/lib/features/retention';
import type { PageContext } from '@/lib/features/types';
import type { RetentionRule } from '@/lib/policy/schema';
import { sampleRetentionRule } from '../policy/helpers';

/**
 * The retention warning follows a policy change without a reload (`policy.changed` push): it asks
 * for its rule again and gives its verdict anew, in the same page visit. It never sends `page.state`
 * (the request that logs a `view`): a policy change must not add access events.
 */

const URL_ = 'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000LeAd1/view';
/** Last Activity 13 months ago: fine under a 36-month rule, a month overdue under a 12-month one. */
const ACTIVITY = format(subMonths(new Date(), 13), 'yyyy-MM-dd');

const rule = (maxAgeMonths: number): RetentionRule =>
  sampleRetentionRule({ id: 'prospects', appliesTo: { lifecycle: 'prospect' }, clock: { fields: ['Last Activity'], fallback: [] }, maxAgeMonths, warnDays: 30 });

const adapter = {
  id: 'salesforce',
  name: 'Test CRM',
  matchesHost: () => true,
  classify: () => ({ kind: 'other' }),
  activeRoot: (doc: Document) => doc.body,
  findTitle: () => null,
  findFields: (root: ParentNode): FieldInfo[] =>
    [...root.querySelectorAll<HTMLElement>('[data-field]')].map((el) => ({ key: el.dataset.field ?? '', label: el.dataset.field ?? '', valueEl: el, readValue: () => el.textContent ?? '' })),
} as unknown as CrmAdapter;

interface Setup {
  ctx: PageContext;
  controller: AbortController;
  sent: string[];
  /** Delivers a background push to the handlers the feature registered, as the runner does. */
  push(type: string): void;
  /** The rule the background answers `retention.context` with, changed by the test as a policy change would. */
  policy: { rule: RetentionRule | null; hold?: Promise<void> };
}

function setup(): Setup {
  document.documentElement.setAttribute('lang', 'en-US');
  document.body.innerHTML = `<h1>Ada Lovelace</h1><span data-cpg="badge"></span><p data-field="Last Activity">${ACTIVITY}</p>`;
  const controller = new AbortController();
  const handlers = new Map<string, ((message: Record<string, unknown>) => void)[]>();
  const sent: string[] = [];
  const policy: Setup['policy'] = { rule: rule(36) };
  const ctx = {
    doc: document,
    win: window,
    lang: 'en',
    url: URL_,
    adapter,
    page: { kind: 'record', ref: { crm: 'salesforce', org: 'acme', object: 'Lead', id: '00Q5g00000LeAd1' } },
    signal: controller.signal,
    visitId: 'visit-1',
    async send(type: string) {
      sent.push(type);
      if (type === 'retention.context') {
        // The answer is the policy in force when the background read it (before any hold).
        const answered = policy.rule;
        await policy.hold;
        return { key: 'sf:acme:Lead:00Q5g00000LeAd1', policyVersion: '1', ...(answered ? { rule: answered } : {}) };
      }
      if (type === 'retention.report') return { stored: true };
      throw new Error(`unexpected ${type}`);
    },
    onPush(type: string, handler: (message: Record<string, unknown>) => void) {
      handlers.set(type, [...(handlers.get(type) ?? []), handler]);
    },
    panelUrl: () => '',
  } as unknown as PageContext;
  return { ctx, controller, sent, policy, push: (type) => handlers.get(type)?.forEach((h) => h({ type })) };
}

const warning = (): HTMLElement | null => document.querySelector('[data-cpg="retention"]');

let current: Setup | undefined;
afterEach(() => {
  current?.controller.abort();
  current = undefined;
  document.body.innerHTML = '';
});

test('a shortened retention period reaches the open page: ok becomes overdue, and back, without a new visit or page.state', async () => {
  const s = (current = setup());
  await retention.init(s.ctx);
  expect(warning()).toBeNull(); // 13 months under a 36-month rule: nothing to say
  expect(s.sent.filter((t) => t === 'retention.context')).toHaveLength(1);

  s.policy.rule = rule(12);
  s.push('policy.changed');
  await vi.waitFor(() => expect(warning()?.getAttribute('data-cpg-state')).toBe('overdue'));
  expect(warning()?.getAttribute('data-cpg-rule')).toBe('prospects');
  expect(warning()?.textContent).toContain('the period ended on');

  // The lead lengthens it again: the warning goes.
  s.policy.rule = rule(36);
  s.push('policy.changed');
  await vi.waitFor(() => expect(warning()).toBeNull());

  // One question per policy, the verdicts reported for list views, and never the request that logs a view.
  expect(s.sent.filter((t) => t === 'retention.context')).toHaveLength(3);
  expect(s.sent).toContain('retention.report');
  expect(s.sent).not.toContain('page.state');
  // Taking its own warning away is no fight with the page: no page warning.
  expect(s.sent).not.toContain('pages.warn');
});

test('a policy change that lands while the first question is out is not lost: the rule is asked for again', async () => {
  const s = (current = setup());
  let release!: () => void;
  s.policy.hold = new Promise<void>((resolve) => (release = resolve));
  const started = retention.init(s.ctx);
  await vi.waitFor(() => expect(s.sent).toContain('retention.context'));
  // The background answered under the old policy; the new one is in force before the answer arrives.
  s.policy.rule = rule(12);
  s.policy.hold = undefined;
  s.push('policy.changed');
  release();
  await started;
  expect(warning()?.getAttribute('data-cpg-state')).toBe('overdue');
  expect(s.sent.filter((t) => t === 'retention.context')).toHaveLength(2);
});

test('a rule the new policy no longer has takes the warning away', async () => {
  const s = (current = setup());
  s.policy.rule = rule(12);
  await retention.init(s.ctx);
  expect(warning()?.getAttribute('data-cpg-state')).toBe('overdue');
  s.policy.rule = null;
  s.push('policy.changed');
  await vi.waitFor(() => expect(warning()).toBeNull());
});

test('a warning shown after a policy change is still guarded: the page removing it gets it back once', async () => {
  const s = (current = setup());
  await retention.init(s.ctx);
  s.policy.rule = rule(12);
  s.push('policy.changed');
  await vi.waitFor(() => expect(warning()?.getAttribute('data-cpg-state')).toBe('overdue'));
  warning()?.remove();
  await vi.waitFor(() => expect(warning()?.getAttribute('data-cpg-state')).toBe('overdue'));
  expect(s.sent).not.toContain('pages.warn');
});
