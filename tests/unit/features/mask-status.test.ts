import { ANNOUNCE_DELAY_MS, createStatusLine } from '@/lib/features/mask-ui';

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
  const hosts = document.querySelectorAll('[data-cpg="mask-status"]');
  expect(hosts.length).toBe(1);
  const line = hosts[0]?.shadowRoot?.querySelector('[role="status"]');
  expect(line?.getAttribute('aria-live')).toBe('polite');
  // The region is on the page empty first, so that screen readers hear the text change.
  expect(line?.textContent).toBe('');
  vi.advanceTimersByTime(ANNOUNCE_DELAY_MS);
  expect(line?.textContent).toBe('Copy blocked');
  // Once there, a message shows at once.
  status.say('Hidden again');
  expect(line?.textContent).toBe('Hidden again');
  vi.advanceTimersByTime(4000);
  expect(line?.textContent).toBe('');
  status.remove();
  expect(document.querySelector('[data-cpg="mask-status"]')).toBeNull();
  status.say('Again');
  expect(document.querySelectorAll('[data-cpg="mask-status"]').length).toBe(1);
});

test('a message said and replaced before the region shows is not shown late; remove() cancels it', () => {
  vi.useFakeTimers();
  const status = createStatusLine(document);
  status.say('First');
  status.remove();
  status.say('Second');
  const line = document.querySelector('[data-cpg="mask-status"]')?.shadowRoot?.querySelector('[role="status"]');
  vi.advanceTimersByTime(ANNOUNCE_DELAY_MS);
  expect(line?.textContent).toBe('Second');
  status.remove();
  status.say('Third');
  status.remove();
  vi.advanceTimersByTime(ANNOUNCE_DELAY_MS);
  expect(line?.textContent).toBe(''); // put back empty, removed before its text showed: nothing stale, nothing late
});
