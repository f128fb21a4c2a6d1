import { createStatusLine } from '@/lib/features/mask-ui';

// Masking's live region (lib/features/mask-ui.ts): nothing is built while masking starts (work the
// CRM page's load would wait for, benchmark #2); the first message builds and shows it.

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

test('nothing is built or attached until the first message', () => {
  const created = vi.spyOn(document, 'createElement');
  const status = createStatusLine(document);
  expect(created).not.toHaveBeenCalled();
  expect(document.querySelector('[data-cpg="mask-status"]')).toBeNull();
  status.remove(); // never shown: nothing to take off, no throw
  expect(document.querySelector('[data-cpg="mask-status"]')).toBeNull();
  created.mockRestore();
});

test('a message shows in one polite status region, fades, and remove() takes the region off', () => {
  vi.useFakeTimers();
  const status = createStatusLine(document);
  status.say('Copy blocked');
  status.say('Hidden again');
  const hosts = document.querySelectorAll('[data-cpg="mask-status"]');
  expect(hosts.length).toBe(1);
  const line = hosts[0]?.shadowRoot?.querySelector('[role="status"]');
  expect(line?.getAttribute('aria-live')).toBe('polite');
  expect(line?.textContent).toBe('Hidden again');
  vi.advanceTimersByTime(4000);
  expect(line?.textContent).toBe('');
  status.remove();
  expect(document.querySelector('[data-cpg="mask-status"]')).toBeNull();
  status.say('Again');
  expect(document.querySelectorAll('[data-cpg="mask-status"]').length).toBe(1);
});
