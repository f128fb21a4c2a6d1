import { guardHost } from '@/lib/features/host-guard';

const tick = () => new Promise((r) => setTimeout(r, 0));

test('a removed host comes back once; the second removal stands the feature down', async () => {
  document.body.innerHTML = '<h1>Title</h1>';
  const anchor = document.querySelector('h1') as HTMLElement;
  const host = document.createElement('div');
  host.setAttribute('data-cpg', 'retention');
  anchor.after(host);
  const gaveUp: string[] = [];
  const controller = new AbortController();
  guardHost(host, () => (anchor.after(host), true), () => gaveUp.push('stood down'), controller.signal);
  host.remove();
  await tick();
  expect(host.isConnected).toBe(true);
  expect(gaveUp).toEqual([]);
  host.remove();
  await tick();
  expect(host.isConnected).toBe(false);
  expect(gaveUp).toEqual(['stood down']);
  controller.abort();
});

test('a restyled host is restored once, then removed for good', async () => {
  document.body.innerHTML = '<h1>Title</h1>';
  const host = document.createElement('div');
  document.body.append(host);
  const gaveUp: string[] = [];
  guardHost(host, () => true, () => gaveUp.push('stood down'), new AbortController().signal);
  host.setAttribute('style', 'display:none');
  await tick();
  expect(host.hasAttribute('style')).toBe(false);
  host.setAttribute('hidden', '');
  await tick();
  expect(host.isConnected).toBe(false);
  expect(gaveUp).toEqual(['stood down']);
});

test('after the page is left (abort), nothing is watched any more', async () => {
  document.body.innerHTML = '<h1>Title</h1>';
  const host = document.createElement('div');
  document.body.append(host);
  const controller = new AbortController();
  let reinserts = 0;
  guardHost(host, () => (reinserts++, true), () => undefined, controller.signal);
  controller.abort();
  host.remove();
  await tick();
  expect(reinserts).toBe(0);
});
