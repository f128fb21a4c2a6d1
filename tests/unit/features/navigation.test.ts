import { watchNavigation } from '@/lib/features/navigation';

/**
 * Issue 3, SPA navigation: a URL change without a reload is seen through the Navigation API's
 * `navigatesuccess`, `popstate`, or the poll when neither fires (pushState from the page's world
 * fires no event at all). An event alone, with the URL unchanged, is no navigation.
 */

afterEach(() => {
  vi.useRealTimers();
  history.replaceState({}, '', '/');
  delete (window as { navigation?: unknown }).navigation;
});

function withNavigation(): EventTarget {
  const nav = new EventTarget();
  Object.defineProperty(window, 'navigation', { value: nav, configurable: true });
  return nav;
}

describe('watchNavigation', () => {
  test('navigatesuccess reports the new URL at once, once', () => {
    const nav = withNavigation();
    const seen: string[] = [];
    const ctl = new AbortController();
    watchNavigation(window, (url) => seen.push(url), ctl.signal, 60_000);
    history.pushState({}, '', '/lightning/r/Contact/0035g00000AbCdEAAV/view');
    nav.dispatchEvent(new Event('navigatesuccess'));
    nav.dispatchEvent(new Event('navigatesuccess'));
    expect(seen).toEqual([`${location.origin}/lightning/r/Contact/0035g00000AbCdEAAV/view`]);
    ctl.abort();
  });

  test('popstate (back/forward) reports the URL; a popstate with the URL unchanged is nothing', () => {
    const seen: string[] = [];
    const ctl = new AbortController();
    watchNavigation(window, (url) => seen.push(url), ctl.signal, 60_000);
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(seen).toEqual([]);
    history.pushState({}, '', '/lightning/o/Contact/list');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(seen).toEqual([`${location.origin}/lightning/o/Contact/list`]);
    ctl.abort();
  });

  test('without the Navigation API, a pushState no event reports is found by the poll', () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    const ctl = new AbortController();
    watchNavigation(window, (url) => seen.push(url), ctl.signal, 1000);
    history.pushState({}, '', '/contacts/123456/record/0-1/501');
    vi.advanceTimersByTime(999);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual([`${location.origin}/contacts/123456/record/0-1/501`]);
    vi.advanceTimersByTime(5000);
    expect(seen).toHaveLength(1);
  });

  test('after the signal aborts, nothing is reported', () => {
    vi.useFakeTimers();
    const nav = withNavigation();
    const seen: string[] = [];
    const ctl = new AbortController();
    watchNavigation(window, (url) => seen.push(url), ctl.signal, 1000);
    ctl.abort();
    history.pushState({}, '', '/lightning/r/Lead/00Q5g00000LeAdXEAV/view');
    nav.dispatchEvent(new Event('navigatesuccess'));
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.advanceTimersByTime(5000);
    expect(seen).toEqual([]);
  });
});
