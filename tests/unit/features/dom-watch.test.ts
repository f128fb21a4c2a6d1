import { watchDom } from '@/lib/features/dom-watch';

/** Makes `document.readyState` say 'loading' until `done()` (jsdom has parsed its document long ago). */
function pretendLoading(): { done(): void } {
  Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'loading' });
  return {
    done() {
      delete (document as { readyState?: unknown }).readyState;
      document.dispatchEvent(new Event('DOMContentLoaded'));
    },
  };
}

const microtask = () => new Promise<void>((resolve) => queueMicrotask(resolve));

beforeEach(() => {
  document.body.innerHTML = '<main></main>';
});

test('while the document is parsed nothing is watched; at DOMContentLoaded one call reads the page once', async () => {
  const parse = pretendLoading();
  const calls: number[] = [];
  const controller = new AbortController();
  watchDom(document, (records) => calls.push(records.length), controller.signal, { sync: true });
  const main = document.querySelector('main') as HTMLElement;
  // What a parser does: one element at a time, over several chunks.
  for (let chunk = 0; chunk < 5; chunk++) {
    for (let i = 0; i < 100; i++) main.append(document.createElement('p'));
    await microtask();
  }
  expect(calls).toEqual([]);
  parse.done();
  expect(calls).toEqual([0]);
  // From then on, changes are seen: in the observer's callback with `sync`.
  main.append(document.createElement('p'));
  await microtask();
  expect(calls).toEqual([0, 1]);
  controller.abort();
});

test('sync: the records of one task come in one call, before any timer or frame; our own hosts do not wake it up', async () => {
  const calls: MutationRecord[][] = [];
  const controller = new AbortController();
  watchDom(document, (records) => calls.push(records), controller.signal, { sync: true });
  const main = document.querySelector('main') as HTMLElement;
  for (let i = 0; i < 50; i++) main.append(document.createElement('p'));
  const ours = document.createElement('span');
  ours.setAttribute('data-cpg', 'row');
  main.append(ours);
  await microtask();
  expect(calls).toHaveLength(1);
  expect(calls[0]).toHaveLength(50);
  ours.remove();
  await microtask();
  expect(calls).toHaveLength(1);
  controller.abort();
});

test('without sync: the records of several tasks come together once per frame', async () => {
  const calls: number[] = [];
  const controller = new AbortController();
  watchDom(document, (records) => calls.push(records.length), controller.signal);
  const main = document.querySelector('main') as HTMLElement;
  main.append(document.createElement('p'));
  await microtask();
  main.append(document.createElement('p'));
  await microtask();
  expect(calls).toEqual([]);
  await new Promise((r) => setTimeout(r, 120));
  expect(calls).toEqual([2]);
  controller.abort();
});

test('startInFrame: the first read of a page that was parsing waits for the frame after DOMContentLoaded', async () => {
  const parse = pretendLoading();
  const calls: number[] = [];
  const controller = new AbortController();
  watchDom(document, (records) => calls.push(records.length), controller.signal, { sync: true, startInFrame: true });
  parse.done();
  // Not in the DOMContentLoaded handler (the page's own handlers and its load event come first)…
  expect(calls).toEqual([]);
  // …but at the next frame (jsdom: requestAnimationFrame is a timer), and changes are watched from then on.
  await vi.waitFor(() => expect(calls).toEqual([0]));
  (document.querySelector('main') as HTMLElement).append(document.createElement('p'));
  await microtask();
  expect(calls).toEqual([0, 1]);
  controller.abort();
});

test('a parser-like batch (one record per node) delivers only the records that add its topmost elements', async () => {
  const calls: MutationRecord[][] = [];
  const controller = new AbortController();
  watchDom(document, (records) => calls.push(records), controller.signal, { sync: true });
  const main = document.querySelector('main') as HTMLElement;
  for (let i = 0; i < 20; i++) {
    const row = document.createElement('div');
    main.append(row);
    // Then its content, node by node, as the parser fills what it has just added.
    const cell = document.createElement('span');
    row.append(cell);
    cell.append(document.createTextNode(`cell ${i}`));
    const link = document.createElement('a');
    cell.append(link);
    link.append(document.createTextNode('name'));
  }
  await microtask();
  expect(calls).toHaveLength(1);
  expect(calls[0]).toHaveLength(20);
  expect(calls[0]?.every((r) => r.target === main)).toBe(true);
  controller.abort();
});

test("what onChange changes itself (e.g. markers it inserts) is not delivered back; the page's later changes are", async () => {
  const calls: number[] = [];
  const controller = new AbortController();
  const main = document.querySelector('main') as HTMLElement;
  watchDom(
    document,
    (records) => {
      calls.push(records.length);
      // A feature writing into the page from its callback, not only into `data-cpg` hosts.
      for (const r of records) if (r.target === main) main.setAttribute('data-seen', String(calls.length));
    },
    controller.signal,
    { sync: true, attributeFilter: ['data-seen'] },
  );
  main.append(document.createElement('p'));
  await microtask();
  await microtask();
  expect(calls).toEqual([1]);
  main.append(document.createElement('p'));
  await microtask();
  await microtask();
  expect(calls).toEqual([1, 1]);
  controller.abort();
});

describe('one walk per batch of added rows (regression guard, benchmark #1)', () => {
  test('a deep query on the table body in onChange reuses the walk dom-watch made for new shadow roots, and still sees into them', async () => {
    const { querySelectorAllDeep } = await import('@/lib/dom/deep');
    document.body.innerHTML = '<table><tbody id="rows"></tbody></table>';
    const tbody = document.getElementById('rows') as HTMLElement;
    const controller = new AbortController();
    const found: string[][] = [];
    watchDom(document, () => found.push(querySelectorAllDeep(tbody, '[data-x]').map((el) => el.getAttribute('data-x') ?? '')), controller.signal, { sync: true, pollMs: 60_000 });
    const rows: HTMLElement[] = [];
    for (let i = 0; i < 200; i++) {
      const tr = document.createElement('tr');
      tr.innerHTML = `<th><a data-x="light-${i}">r</a></th><td><span></span></td>`;
      rows.push(tr);
    }
    // Row 7 holds its link inside an open shadow root (native-shadow lists).
    const cell = rows[7]?.querySelector('span') as HTMLElement;
    cell.attachShadow({ mode: 'open' }).innerHTML = '<a data-x="shadow-7">s</a>';
    const walkers = vi.spyOn(document, 'createTreeWalker');
    tbody.append(...rows);
    await microtask();
    // One walk of the new rows (dom-watch's, through their parent), none by the deep query; one inside the row's shadow root.
    expect(walkers.mock.calls.filter(([root]) => root === tbody)).toHaveLength(1);
    expect(found).toHaveLength(1);
    expect(found[0]).toHaveLength(201);
    expect(found[0]?.slice(7, 10)).toEqual(['light-7', 'shadow-7', 'light-8']);
    walkers.mockRestore();
    // Outside onChange nothing is taken as given: the query walks again.
    const again = vi.spyOn(document, 'createTreeWalker');
    expect(querySelectorAllDeep(tbody, '[data-x]')).toHaveLength(201);
    expect(again.mock.calls.filter(([root]) => root === tbody)).toHaveLength(1);
    again.mockRestore();
    controller.abort();
  });
});
