import { loadFixture } from '../crm/shadow';
import { hubspotRow as row, listPageContext, URL_HS } from './list-context';
import { listRows } from '@/lib/features/list-rows';
import type { PageContext } from '@/lib/features/types';
import type { CrmAdapter } from '@/lib/crm/types';
import type { Answers, MessageType, Request, RowSummary, RowsKnown } from '@/lib/messaging/protocol';

function setup(): { ctx: PageContext; batches: string[][]; controller: AbortController } {
  const batches: string[][] = [];
  const controller = new AbortController();
  const send = async <T extends MessageType>(type: T, payload: Request<T>): Promise<Answers[T]> => {
    if (type !== 'rows.summaries') throw new Error(`unexpected ${type}`);
    const rows = (payload as Request<'rows.summaries'>).rows;
    batches.push(rows.map((r) => r.id));
    const answer: Answers['rows.summaries'] = {
      rows: rows.map((r): RowSummary => ({ key: `hs:123456:0-1:${r.id}`, state: r.id === '502' ? 'basis-logged' : 'missing', ...(r.id === '502' ? { basis: 'f' as const } : {}), retention: r.id === '503' ? 'overdue' : 'unknown' })),
    };
    return answer as Answers[T];
  };
  const ctx = listPageContext(URL_HS, { send, signal: controller.signal });
  return { ctx, batches, controller };
}

const markers = () => Array.from(document.querySelectorAll('[data-cpg="row"]'));
const settle = () => new Promise((r) => setTimeout(r, 120));

beforeEach(() => {
  document.body.innerHTML = `<table data-test-id="framework-data-table"><tbody>${row(501, 'Jane Doe')}${row(502, 'Bob Roe')}${row(503, '&lt;img src=x onerror=alert(1)&gt;')}</tbody></table>`;
});

test('one marker per row, states from ONE batch, hostile names stay text', async () => {
  const { ctx, batches, controller } = setup();
  await listRows.init(ctx);
  await settle();
  expect(batches).toEqual([['501', '502', '503']]);
  expect(markers().map((m) => [m.getAttribute('data-cpg-key'), m.getAttribute('data-cpg-state'), m.getAttribute('data-cpg-retention')])).toEqual([
    ['hs:123456:0-1:501', 'missing', 'unknown'],
    ['hs:123456:0-1:502', 'basis-logged', 'unknown'],
    ['hs:123456:0-1:503', 'missing', 'overdue'],
  ]);
  expect(markers()[1]?.textContent).toBe('Basis (f)');
  expect(markers()[2]?.textContent).toContain('retention period over');
  expect(document.querySelector('img')).toBeNull();
  // Each marker sits right after the name link (README, DOM contract), in the light DOM.
  expect(markers()[0]?.previousElementSibling?.textContent).toBe('Jane Doe');
  expect(markers().map((m) => m.previousElementSibling?.localName)).toEqual(['a', 'a', 'a']);
  controller.abort();
  expect(markers()).toHaveLength(0);
});

test('virtual scrolling: a recycled row gets its new record; new rows come in one more batch; known rows are not asked again', async () => {
  const { ctx, batches, controller } = setup();
  await listRows.init(ctx);
  await settle();
  const first = document.querySelector('tr[data-test-id="row-501"]');
  first?.setAttribute('data-test-id', 'row-601');
  const tbody = document.querySelector('tbody');
  tbody?.insertAdjacentHTML('beforeend', row(602, 'New One') + row(603, 'New Two'));
  await settle();
  expect(batches).toEqual([['501', '502', '503'], ['601', '602', '603']]);
  expect(first?.querySelectorAll('[data-cpg="row"]')).toHaveLength(1);
  expect(first?.querySelector('[data-cpg="row"]')?.getAttribute('data-cpg-key')).toBe('hs:123456:0-1:601');
  expect(markers()).toHaveLength(5);
  // Recycled back to a record already known: no message at all.
  first?.setAttribute('data-test-id', 'row-502');
  await settle();
  expect(batches).toHaveLength(2);
  expect(first?.querySelector('[data-cpg="row"]')?.getAttribute('data-cpg-state')).toBe('basis-logged');
  controller.abort();
});

test('a row keyed by its cells only (no row id) is marked, and re-marked when the CRM recycles it for another record', async () => {
  document.body.innerHTML = `<table data-test-id="framework-data-table"><tbody>${row(501, 'Jane Doe').replace(' data-test-id="row-501"', '')}</tbody></table>`;
  const { ctx, batches, controller } = setup();
  await listRows.init(ctx);
  await settle();
  expect(batches).toEqual([['501']]);
  // Recycled: only the cell's id and the link change.
  const cell = document.querySelector('td[data-table-external-id]');
  cell?.setAttribute('data-table-external-id', 'cell-0-1-name-777');
  await settle();
  expect(batches).toEqual([['501'], ['777']]);
  expect(markers().map((m) => m.getAttribute('data-cpg-key'))).toEqual(['hs:123456:0-1:777']);
  controller.abort();
});

test('a record changed elsewhere: its row repaints from the push and keeps that state; a malformed push changes nothing', async () => {
  const { ctx, controller } = setup();
  const pushes = new Map<string, (message: Record<string, unknown>) => void>();
  ctx.onPush = (type, handler) => pushes.set(type, handler);
  await listRows.init(ctx);
  await settle();
  const push = pushes.get('rows.update');
  expect(push).toBeDefined();
  const stateOf = (id: number) => document.querySelector(`[data-cpg-key="hs:123456:0-1:${id}"]`)?.getAttribute('data-cpg-state');
  push?.({ type: 'rows.update', rows: [{ key: 'hs:123456:0-1:501', state: 'consent-withdrawn', retention: 'due-soon' }] });
  expect(stateOf(501)).toBe('consent-withdrawn');
  expect(document.querySelector('[data-cpg-key="hs:123456:0-1:501"]')?.getAttribute('data-cpg-retention')).toBe('due-soon');
  expect(markers()[0]?.textContent).toContain('Consent withdrawn');
  // Not a state, not a retention verdict, not an array: ignored.
  push?.({ type: 'rows.update', rows: [{ key: 'hs:123456:0-1:502', state: 'pwned', retention: 'ok' }, { key: 'hs:123456:0-1:503', state: 'missing' }] });
  push?.({ type: 'rows.update', rows: 'hs:123456:0-1:502' });
  expect(stateOf(502)).toBe('basis-logged');
  expect(document.querySelector('[data-cpg-key="hs:123456:0-1:503"]')?.getAttribute('data-cpg-retention')).toBe('overdue');
  // The row re-rendered by the CRM keeps the pushed state (no older answer wins).
  const first = document.querySelector('tr[data-test-id="row-501"]');
  first?.setAttribute('data-test-id', 'row-502');
  first?.setAttribute('data-test-id', 'row-501');
  await settle();
  expect(stateOf(501)).toBe('consent-withdrawn');
  controller.abort();
});

test('an answer asked for before a push does not paint over the pushed state', async () => {
  const { ctx, controller } = setup();
  let answer: (value: Answers['rows.summaries']) => void = () => undefined;
  ctx.send = (() =>
    new Promise((resolve) => {
      answer = resolve as (value: Answers['rows.summaries']) => void;
    })) as PageContext['send'];
  const pushes = new Map<string, (message: Record<string, unknown>) => void>();
  ctx.onPush = (type, handler) => pushes.set(type, handler);
  await listRows.init(ctx);
  await settle(); // the batch is asked, its answer not there yet
  pushes.get('rows.update')?.({ type: 'rows.update', rows: [{ key: 'hs:123456:0-1:501', state: 'consent-given', retention: 'ok' }] });
  answer({ rows: ['501', '502'].map((id): RowSummary => ({ key: `hs:123456:0-1:${id}`, state: 'missing', retention: 'unknown' })) });
  await settle();
  const state = (id: number) => document.querySelector(`[data-cpg-key="hs:123456:0-1:${id}"]`)?.getAttribute('data-cpg-state');
  expect(state(501)).toBe('consent-given');
  expect(state(502)).toBe('missing');
  controller.abort();
});

test('own writes do not wake the feature up (no batch loops)', async () => {
  const { ctx, batches, controller } = setup();
  await listRows.init(ctx);
  await settle();
  await settle();
  await settle();
  expect(batches).toHaveLength(1);
  controller.abort();
});

test('5,000 rows: one batch, one marker each', async () => {
  document.body.innerHTML = `<table><tbody>${Array.from({ length: 5000 }, (_, i) => row(1000 + i, `P${i}`)).join('')}</tbody></table>`;
  const { ctx, batches, controller } = setup();
  await listRows.init(ctx);
  // Waits for the marking itself (a fixed pause is too short when the machine is busy), then checks it took one batch.
  await vi.waitFor(() => expect(markers()).toHaveLength(5000), { timeout: 20_000 });
  await settle();
  expect(batches.map((b) => b.length)).toEqual([5000]);
  expect(markers()).toHaveLength(5000);
  controller.abort();
  // jsdom builds 5,000 rows slowly on a shared machine: a budget for the set-up, not a timing assertion.
}, 30_000);

describe('marking from what the background has stored (rows.known)', () => {
  const KNOWN: RowsKnown = {
    prefix: 'hs:123456:0-1:',
    complete: true,
    rows: [{ key: 'hs:123456:0-1:502', state: 'basis-logged', basis: 'f', retention: 'unknown' }],
    absent: { state: 'missing', retention: 'unknown' },
  };

  /** A context whose `rows.known` answers `known` and whose batches never answer (so they cannot be what marks rows). */
  function setupKnown(known: RowsKnown, adapter?: CrmAdapter): { ctx: PageContext; batches: string[][]; controller: AbortController } {
    const { ctx, controller } = setup();
    const batches: string[][] = [];
    const send = async <T extends MessageType>(type: T, payload: Request<T>): Promise<Answers[T]> => {
      if (type === 'rows.known') return known as Answers[T];
      if (type !== 'rows.summaries') throw new Error(`unexpected ${type}`);
      batches.push((payload as Request<'rows.summaries'>).rows.map((r) => r.id));
      return new Promise<Answers[T]>(() => undefined);
    };
    return { ctx: { ...ctx, send, ...(adapter ? { adapter } : {}) }, batches, controller };
  }

  test('rows that render later are marked in the mutation callback, before any frame, without waiting for their batch', async () => {
    const { ctx, batches, controller } = setupKnown(KNOWN);
    await listRows.init(ctx);
    await vi.waitFor(() => expect(markers()).toHaveLength(3));
    await settle();
    // The first render: marked from the list-wide answer; its one batch went out and never came back.
    expect(markers().map((m) => m.getAttribute('data-cpg-state'))).toEqual(['missing', 'basis-logged', 'missing']);
    expect(batches).toEqual([['501', '502', '503']]);
    document.querySelector('tbody')?.insertAdjacentHTML('beforeend', row(604, 'Later'));
    await Promise.resolve(); // the observer's callback: a microtask, no frame, no timer
    const marker = document.querySelector('tr[data-test-id="row-604"] [data-cpg="row"]');
    expect(marker?.getAttribute('data-cpg-state')).toBe('missing');
    expect(marker?.getAttribute('data-cpg-retention')).toBe('unknown');
    expect(marker?.textContent).toBe('No basis');
    await vi.waitFor(() => expect(batches).toHaveLength(2));
    expect(batches).toEqual([['501', '502', '503'], ['604']]);
    controller.abort();
  });

  test('an incomplete answer marks only the records it holds; the others wait for their batch', async () => {
    const { ctx, controller } = setupKnown({ ...KNOWN, complete: false });
    await listRows.init(ctx);
    await settle();
    expect(markers().map((m) => m.getAttribute('data-cpg-state'))).toEqual(['pending', 'basis-logged', 'pending']);
    controller.abort();
  });

  test('records of another object than the list’s are not taken for "nothing stored"', async () => {
    const { ctx, controller } = setupKnown({ ...KNOWN, prefix: 'hs:123456:0-2:', rows: [] });
    await listRows.init(ctx);
    await settle();
    expect(markers().map((m) => m.getAttribute('data-cpg-state'))).toEqual(['pending', 'pending', 'pending']);
    controller.abort();
  });

  test('regression guard: 200 rows added one by one in one task are read in ONE scan, and asked in ONE batch', async () => {
    const base = setup().ctx.adapter as CrmAdapter;
    const scopes: ParentNode[] = [];
    const counting: CrmAdapter = {
      ...base,
      findRows: (root, list) => {
        scopes.push(root);
        return base.findRows?.(root, list) ?? [];
      },
    };
    const { ctx, batches, controller } = setupKnown(KNOWN, counting);
    await listRows.init(ctx);
    await settle();
    scopes.length = 0;
    const tbody = document.querySelector('tbody') as HTMLTableSectionElement;
    for (let i = 0; i < 200; i++) tbody.insertAdjacentHTML('beforeend', row(700 + i, `R${i}`));
    await Promise.resolve();
    expect(scopes).toEqual([tbody]);
    expect(markers()).toHaveLength(203);
    // A second mutation callback before the next frame: still one batch for the render.
    tbody.insertAdjacentHTML('beforeend', row(950, 'Next callback'));
    await Promise.resolve();
    expect(scopes).toEqual([tbody, tbody]);
    await settle();
    expect(batches.slice(1)).toEqual([[...Array.from({ length: 200 }, (_, i) => String(700 + i)), '950']]);
    controller.abort();
  });
});

describe('a Salesforce related list in full (tests/fixtures/sf-lex-account-related-contacts.html)', () => {
  const RELATED = 'https://acme.lightning.force.com/lightning/r/Account/0015g00000XyZaBAAV/related/Contacts/view';

  function relatedCtx(url: string, doc: Document): { ctx: PageContext; asked: string[][]; controller: AbortController } {
    const asked: string[][] = [];
    const controller = new AbortController();
    const send = async <T extends MessageType>(type: T, payload: Request<T>): Promise<Answers[T]> => {
      if (type === 'rows.known') throw new Error('offline'); // then the batches say it all
      if (type !== 'rows.summaries') throw new Error(`unexpected ${type}`);
      const rows = (payload as Request<'rows.summaries'>).rows;
      asked.push(rows.map((r) => `${r.object}:${r.id}`));
      return { rows: rows.map((r): RowSummary => ({ key: `sf:acme:${r.object}:${r.id}`, state: 'missing', retention: 'unknown' })) } as Answers[T];
    };
    const ctx = listPageContext(url, { send, signal: controller.signal, doc });
    return { ctx, asked, controller };
  }

  test('the contacts are marked (their objects from the name links), inside the datatable’s shadow root; a plain record page marks nothing', async () => {
    const doc = loadFixture('sf-lex-account-related-contacts.html');
    const { ctx, asked, controller } = relatedCtx(RELATED, doc);
    expect(ctx.page).toMatchObject({ kind: 'record', ref: { object: 'Account' }, related: { object: '' } });
    await listRows.init(ctx);
    await settle();
    expect(asked).toEqual([['Contact:0035g00000AbCdEAAV', 'Contact:0035g00000BbCdEAAV']]);
    const table = doc.querySelector('lst-customized-datatable')?.shadowRoot;
    const found = Array.from(table?.querySelectorAll('[data-cpg="row"]') ?? []);
    expect(found.map((m) => [m.getAttribute('data-cpg-key'), m.previousElementSibling?.textContent])).toEqual([
      ['sf:acme:Contact:0035g00000AbCdEAAV', 'Jane Doe'],
      ['sf:acme:Contact:0035g00000BbCdEAAV', 'Bob Roe'],
    ]);
    controller.abort();

    const plain = loadFixture('sf-lex-account-related-contacts.html');
    const record = relatedCtx('https://acme.lightning.force.com/lightning/r/Account/0015g00000XyZaBAAV/view', plain);
    await listRows.init(record.ctx);
    await settle();
    expect(record.asked).toEqual([]);
    expect(plain.querySelector('lst-customized-datatable')?.shadowRoot?.querySelectorAll('[data-cpg="row"]')).toHaveLength(0);
    record.controller.abort();
  });
});
