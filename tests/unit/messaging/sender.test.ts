import { classifySender } from '@/lib/messaging/sender';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;

describe('classifySender', () => {
  test('our content script in a tab, top frame', () => {
    const s = classifySender(
      { id: ID, origin: 'https://acme.lightning.force.com', url: 'https://acme.lightning.force.com/lightning/r/Contact/003/view', tab: { id: 7 }, frameId: 0 },
      ID,
      ORIGIN,
    );
    expect(s).toEqual({ kind: 'content', tabId: 7, frameUrl: 'https://acme.lightning.force.com/lightning/r/Contact/003/view' });
  });

  test('an extension page: the popup (no tab) and the in-page panel frame (in a tab)', () => {
    expect(classifySender({ id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html` }, ID, ORIGIN)).toEqual({ kind: 'extension-page' });
    expect(classifySender({ id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html?tab=3`, tab: { id: 3 }, frameId: 5 }, ID, ORIGIN)).toEqual({
      kind: 'extension-page',
      tabId: 3,
    });
  });

  test('Firefox has no sender.origin: the frame URL origin stands in', () => {
    expect(classifySender({ id: ID, url: `${ORIGIN}/popup.html` }, ID, ORIGIN).kind).toBe('extension-page');
  });

  test('another extension, a web page, a sub-frame, no tab: refused', () => {
    expect(classifySender({ id: 'other', origin: ORIGIN }, ID, ORIGIN).kind).toBe('unknown');
    expect(classifySender({ origin: 'https://evil.example' }, ID, ORIGIN).kind).toBe('unknown');
    expect(classifySender({ id: ID, origin: 'https://acme.lightning.force.com', url: 'https://acme.lightning.force.com/', tab: { id: 1 }, frameId: 3 }, ID, ORIGIN).kind).toBe('unknown');
    expect(classifySender({ id: ID, origin: 'https://acme.lightning.force.com', url: 'https://acme.lightning.force.com/' }, ID, ORIGIN).kind).toBe('unknown');
    expect(classifySender(undefined as never, ID, ORIGIN).kind).toBe('unknown');
  });

  test('a page that puts the extension URL in its own path is still a content sender', () => {
    const s = classifySender(
      { id: ID, origin: 'https://acme.lightning.force.com', url: `https://acme.lightning.force.com/${ORIGIN}/popup.html`, tab: { id: 2 }, frameId: 0 },
      ID,
      ORIGIN,
    );
    expect(s.kind).toBe('content');
  });
});
