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
