import { classifyUrl } from '@/lib/crm/registry';
import { pageReport } from '@/lib/features/page-report';
import type { PageContext } from '@/lib/features/types';
import type { Answers, MessageType, Request } from '@/lib/messaging/protocol';

function ctxFor(url: string): { ctx: PageContext; sent: Array<[string, unknown]> } {
  const classified = classifyUrl(url);
  const sent: Array<[string, unknown]> = [];
  const send = async <T extends MessageType>(type: T, payload: Request<T>): Promise<Answers[T]> => {
    sent.push([type, payload]);
    return { tabId: 7 } as Answers[T];
  };
  const ctx: PageContext = {
    doc: document,
    win: window,
    lang: 'en',
    url,
    adapter: classified?.adapter ?? null,
    page: classified?.page ?? { kind: 'other' },
    signal: new AbortController().signal,
    visitId: 'visit-0001',
    send,
    onPush: () => undefined,
    panelUrl: () => '',
  };
  return { ctx, sent };
}

test('lists and unknown pages report their kind; a related list in full reports its record (no title needed); a plain record page leaves it to the badge', async () => {
  const cases: Array<[string, string | null]> = [
    ['https://acme.lightning.force.com/lightning/o/Contact/list', 'list'],
    ['https://acme.lightning.force.com/lightning/page/home', 'other'],
    ['https://acme.lightning.force.com/lightning/r/Account/0015g00000XyZaBAAV/related/Contacts/view', 'record'],
    ['https://acme.lightning.force.com/lightning/r/Account/0015g00000XyZaBAAV/view', null],
  ];
  for (const [url, kind] of cases) {
    const { ctx, sent } = ctxFor(url);
    await pageReport.init(ctx);
    await new Promise((r) => setTimeout(r, 0));
    expect(sent).toEqual(kind === null ? [] : [['page.state', { visitId: 'visit-0001', kind, url }]]);
  }
});
