import { listRows } from '@/lib/features/list-rows';
import type { PageContext } from '@/lib/features/types';
import type { Answers, MessageType, Request, RowSummary } from '@/lib/messaging/protocol';
import { hubspotRow as row, listPageContext, URL_HS } from '../pages/list-context';

/**
 * A policy change reaches an open list view (`policy.changed`, entrypoints/background/policy-push.ts):
 * the list asks its states again (`rows.known` and `rows.summaries`) and repaints its markers in
 * place, never through "pending", and asks nothing else (no `page.state`, so no `view` is logged).
 */

const KEY = (id: string) => `hs:123456:0-1:${id}`;

type Retention = RowSummary['retention'];

interface Setup {
  ctx: PageContext;
  /** Every message the list sent, in order: its type and, for batches, the ids asked. */
  sent: { type: string; ids?: string[] }[];
  /** The retention verdict the background gives each record now (the policy in force). */
  verdicts: Map<string, Retention>;
  push(type: string, message?: Record<string, unknown>): void;
  controller: AbortController;
}

function setup(): Setup {
  const sent: Setup['sent'] = [];
  const verdicts = new Map<string, Retention>([
    ['501', 'ok'],
    ['502', 'ok'],
    ['503', 'unknown'],
  ]);
  const summary = (id: string): RowSummary => ({ key: KEY(id), state: 'basis-logged', basis: 'f', retention: verdicts.get(id) ?? 'unknown' });
  const controller = new AbortController();
  const handlers = new Map<string, (message: Record<string, unknown>) => void>();
  const send = async <T extends MessageType>(type: T, payload: Request<T>): Promise<Answers[T]> => {
    if (type === 'rows.known') {
      sent.push({ type });
      // The list-wide answer holds 501 and 502 (stored), and says nothing about 503.
      const answer: Answers['rows.known'] = { prefix: KEY(''), complete: false, rows: [summary('501'), summary('502')], absent: { state: 'missing', retention: 'unknown' } };
      return answer as Answers[T];
    }
    if (type === 'rows.summaries') {
      const rows = (payload as Request<'rows.summaries'>).rows;
      sent.push({ type, ids: rows.map((r) => r.id) });
      return { rows: rows.map((r) => summary(r.id)) } as Answers[T];
    }
    sent.push({ type });
    throw new Error(`unexpected ${type}`);
  };
  const ctx = listPageContext(URL_HS, { send, signal: controller.signal, onPush: (type, handler) => handlers.set(type, handler) });
  const push = (type: string, message: Record<string, unknown> = { type }) => {
    const handler = handlers.get(type);
    if (!handler) throw new Error(`no handler for ${type}`);
    handler(message);
  };
  return { ctx, sent, verdicts, push, controller };
}

const settle = () => new Promise((r) => setTimeout(r, 120));
const marker = (id: string) => document.querySelector(`[data-cpg-key="${KEY(id)}"]`);
const shown = () => ['501', '502', '503'].map((id) => [marker(id)?.getAttribute('data-cpg-state'), marker(id)?.getAttribute('data-cpg-retention')]);

/** Every state a marker went through (attribute writes), from now on. */
function watchStates(): { states: string[]; stop(): void } {
  const states: string[] = [];
  const observer = new MutationObserver((records) => {
    for (const r of records) states.push((r.target as Element).getAttribute(r.attributeName ?? '') ?? '(none)');
  });
  for (const m of document.querySelectorAll('[data-cpg="row"]')) observer.observe(m, { attributes: true, attributeFilter: ['data-cpg-state', 'data-cpg-retention'] });
  return { states, stop: () => observer.disconnect() };
}

beforeEach(() => {
  document.body.innerHTML = `<table data-test-id="framework-data-table"><tbody>${row(501, 'Jane Doe')}${row(502, 'Bob Roe')}${row(503, 'Sam Poe')}</tbody></table>`;
});

test('a policy change: the list asks its states again and repaints the markers in place, never through "pending"', async () => {
  const s = setup();
  await listRows.init(s.ctx);
  await settle();
  expect(shown()).toEqual([
    ['basis-logged', 'ok'],
    ['basis-logged', 'ok'],
    ['basis-logged', 'unknown'],
  ]);
  const before = s.sent.length;
  expect(s.sent.map((m) => m.type)).toEqual(['rows.known', 'rows.summaries']);

  // The dashboard shortens a period: 501 is now overdue, 502 due soon.
  s.verdicts.set('501', 'overdue');
  s.verdicts.set('502', 'due-soon');
  const watch = watchStates();
  s.push('policy.changed');
  await settle();
  watch.stop();
  expect(shown()).toEqual([
    ['basis-logged', 'overdue'],
    ['basis-logged', 'due-soon'],
    ['basis-logged', 'unknown'],
  ]);
  expect(marker('501')?.textContent).toContain('retention period over');
  // Repainted in place: the same marker elements, one each, and none went back to "pending".
  expect(document.querySelectorAll('[data-cpg="row"]')).toHaveLength(3);
  expect(watch.states).not.toContain('pending');
  expect(watch.states).toContain('overdue');
  // Asked again: the list-wide answer and every row shown, in one batch; nothing else (no page.state).
  expect(s.sent.slice(before)).toEqual([{ type: 'rows.known' }, { type: 'rows.summaries', ids: ['501', '502', '503'] }]);
  s.controller.abort();
});

test('an answer asked for under the old policy that comes in after the change does not paint over the new one', async () => {
  const s = setup();
  const base = s.ctx.send;
  // The first batch is held back until after the policy change.
  let release: () => void = () => undefined;
  let held = true;
  s.ctx.send = (async (type: MessageType, payload: never) => {
    if (type === 'rows.summaries' && held) {
      held = false;
      const old = await base(type, payload); // answered under the old policy…
      await new Promise<void>((r) => (release = r)); // …but delivered late
      return old;
    }
    return base(type, payload);
  }) as PageContext['send'];
  await listRows.init(s.ctx);
  await settle();
  s.verdicts.set('501', 'overdue');
  s.push('policy.changed');
  await settle();
  expect(marker('501')?.getAttribute('data-cpg-retention')).toBe('overdue');
  release();
  await settle();
  expect(marker('501')?.getAttribute('data-cpg-retention')).toBe('overdue');
  s.controller.abort();
});

test('a record pushed after the change was asked keeps its pushed state over the refresh answer', async () => {
  const s = setup();
  await listRows.init(s.ctx);
  await settle();
  const base = s.ctx.send;
  let release: () => void = () => undefined;
  s.ctx.send = (async (type: MessageType, payload: never) => {
    const answer = await base(type, payload);
    if (type === 'rows.summaries') await new Promise<void>((r) => (release = r));
    return answer;
  }) as PageContext['send'];
  s.verdicts.set('502', 'due-soon');
  s.push('policy.changed');
  await settle();
  // Meanwhile the record's own page says overdue (rows.update): newer than the refresh's answer.
  s.push('rows.update', { type: 'rows.update', rows: [{ key: KEY('502'), state: 'consent-withdrawn', retention: 'overdue' }] });
  release();
  await settle();
  expect(marker('502')?.getAttribute('data-cpg-retention')).toBe('overdue');
  expect(marker('502')?.getAttribute('data-cpg-state')).toBe('consent-withdrawn');
  // The other rows took the refresh's answer.
  expect(marker('501')?.getAttribute('data-cpg-retention')).toBe('ok');
  s.controller.abort();
});

test('a failed refresh keeps what the markers show; a page left asks nothing', async () => {
  const s = setup();
  await listRows.init(s.ctx);
  await settle();
  s.ctx.send = (async () => {
    throw new Error('service worker stopped');
  }) as PageContext['send'];
  s.push('policy.changed');
  await settle();
  expect(shown()).toEqual([
    ['basis-logged', 'ok'],
    ['basis-logged', 'ok'],
    ['basis-logged', 'unknown'],
  ]);
  const count = s.sent.length;
  s.controller.abort();
  s.push('policy.changed');
  await settle();
  expect(s.sent.length).toBe(count);
});
