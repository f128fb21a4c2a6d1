import { describe, expect, test } from 'vitest';
import { knownTabId, rememberTabId, senderMayRead } from '@/lib/features/tab-id';

describe('senderMayRead: which extension context may read a record page', () => {
  test('before the background reported the tab, a framed page is refused; tab-less and whole-tab pages are not', () => {
    expect(knownTabId()).toBeUndefined();
    expect(senderMayRead({ id: 'x', url: 'chrome-extension://x/background.js' })).toBe(true);
    expect(senderMayRead({ id: 'x', url: 'chrome-extension://x/popup.html?tab=4', tab: { id: 9 }, frameId: 0 })).toBe(true);
    expect(senderMayRead({ id: 'x', url: 'chrome-extension://x/popup.html?tab=4&embed=1', tab: { id: 4 }, frameId: 3 })).toBe(false);
  });

  test('a panel framed in this tab may read it; one framed in another tab, or with no frame id, may not', () => {
    rememberTabId(4);
    expect(knownTabId()).toBe(4);
    expect(senderMayRead({ url: 'chrome-extension://x/popup.html?tab=4&embed=1', tab: { id: 4 }, frameId: 3 })).toBe(true);
    expect(senderMayRead({ url: 'chrome-extension://x/popup.html?tab=4&embed=1', tab: { id: 7 }, frameId: 3 })).toBe(false);
    expect(senderMayRead({ url: 'chrome-extension://x/popup.html?tab=4&embed=1', tab: { id: 7 } })).toBe(false);
  });

  test('a nonsense tab id from the background is not remembered', () => {
    rememberTabId(-1);
    rememberTabId(Number.NaN);
    expect(knownTabId()).toBe(4);
  });
});
