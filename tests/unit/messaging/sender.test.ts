import { classifySender, isKind, type ClassifiedSender, type SenderLike } from '@/lib/messaging/sender';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const FF_ORIGIN = 'moz-extension://6f1d2c3b-0a9e-4d7c-8b1a-2e3f4a5b6c7d';
const SF = 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view';

/**
 * What the browsers report (Chromium 156 probed with the built extension; Firefox per its
 * MessageSender docs and tests): the toolbar popup has neither `tab` nor `frameId`; a page that is
 * the top frame of its own tab has frameId 0; a frame inside a page has frameId > 0 and the tab of
 * the page around it. Firefox may leave `origin` out: the URL's origin stands in.
 */
const cases: [name: string, sender: SenderLike, extensionOrigin: string, expected: ClassifiedSender][] = [
  ['toolbar popup (Chrome)', { id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html` }, ORIGIN, { kind: 'extension-page' }],
  ['toolbar popup (Firefox, no origin)', { id: ID, url: `${FF_ORIGIN}/popup.html` }, FF_ORIGIN, { kind: 'extension-page' }],
  [
    'dashboard opened as a tab',
    { id: ID, origin: ORIGIN, url: `${ORIGIN}/dashboard.html`, tab: { id: 12, url: `${ORIGIN}/dashboard.html` }, frameId: 0 },
    ORIGIN,
    { kind: 'extension-page', tabId: 12 },
  ],
  [
    'popup page opened as a tab (top frame)',
    { id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html?tab=3`, tab: { id: 13 }, frameId: 0 },
    ORIGIN,
    { kind: 'extension-page', tabId: 13 },
  ],
  [
    'in-page record panel framed in a CRM tab',
    { id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html?tab=3&embed=1`, tab: { id: 3, url: SF }, frameId: 7, documentId: 'D1' },
    ORIGIN,
    { kind: 'extension-frame', tabId: 3, page: '/popup.html' },
  ],
  [
    'in-page record panel framed by any page, naming another tab',
    { id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html?tab=99&embed=1`, tab: { id: 4, url: 'https://evil.example/' }, frameId: 2 },
    ORIGIN,
    { kind: 'extension-frame', tabId: 4, page: '/popup.html' },
  ],
  [
    'reveal dialog framed in a CRM tab (Firefox, no origin)',
    { id: ID, url: `${FF_ORIGIN}/reveal.html?tab=5&field=x`, tab: { id: 5, url: SF }, frameId: 11 },
    FF_ORIGIN,
    { kind: 'extension-frame', tabId: 5, page: '/reveal.html' },
  ],
  [
    'extension page in a tab without a frame id: counted as framed',
    { id: ID, origin: ORIGIN, url: `${ORIGIN}/reveal.html`, tab: { id: 6 } },
    ORIGIN,
    { kind: 'extension-frame', tabId: 6, page: '/reveal.html' },
  ],
  [
    'extension page in a tab the browser gives no id',
    { id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html`, tab: { id: -1 }, frameId: 3 },
    ORIGIN,
    { kind: 'unknown', why: 'an extension page in a tab without an id' },
  ],
  [
    'our content script, top frame',
    { id: ID, origin: 'https://acme.lightning.force.com', url: SF, tab: { id: 7, url: SF }, frameId: 0, documentId: 'D2' },
    ORIGIN,
    { kind: 'content', tabId: 7, frameUrl: SF, documentId: 'D2' },
  ],
  [
    'our content script in a sub-frame',
    { id: ID, origin: 'https://acme.lightning.force.com', url: 'https://acme.lightning.force.com/', tab: { id: 1 }, frameId: 3 },
    ORIGIN,
    { kind: 'unknown', why: 'not the top frame' },
  ],
  ['our id, a web origin, no tab', { id: ID, origin: 'https://acme.lightning.force.com', url: 'https://acme.lightning.force.com/' }, ORIGIN, { kind: 'unknown', why: 'no tab' }],
  ['another extension, even with our origin', { id: 'other', origin: ORIGIN, url: `${ORIGIN}/popup.html` }, ORIGIN, { kind: 'unknown', why: 'not this extension' }],
  ['a web page (no extension id)', { origin: 'https://evil.example', url: 'https://evil.example/', tab: { id: 2 }, frameId: 0 }, ORIGIN, { kind: 'unknown', why: 'not this extension' }],
  ['no sender at all', undefined as never, ORIGIN, { kind: 'unknown', why: 'not this extension' }],
  [
    'a page that puts the extension URL in its own path is still a content sender',
    { id: ID, origin: 'https://acme.lightning.force.com', url: `https://acme.lightning.force.com/${ORIGIN}/popup.html`, tab: { id: 2 }, frameId: 0 },
    ORIGIN,
    { kind: 'content', tabId: 2, frameUrl: `https://acme.lightning.force.com/${ORIGIN}/popup.html` },
  ],
];

describe('classifySender', () => {
  test.each(cases)('%s', (_name, sender, extensionOrigin, expected) => {
    expect(classifySender(sender, ID, extensionOrigin)).toEqual(expected);
  });

  test('a frame is not an extension page: allowedSenders must name it', () => {
    const frame = classifySender({ id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html`, tab: { id: 3 }, frameId: 7 }, ID, ORIGIN);
    expect(isKind(frame, ['extension-page'])).toBe(false);
    expect(isKind(frame, ['extension-page', 'extension-frame'])).toBe(true);
    expect(isKind({ kind: 'unknown', why: 'x' }, ['content', 'extension-page', 'extension-frame'])).toBe(false);
  });
});
