import type { MessageType, Request } from '@/lib/messaging/protocol';
import type { ClassifiedSender } from '@/lib/messaging/sender';
import { HandlerError, refuse, tabPage, type Deps, type Handler } from '../deps';
import { requestsTable } from './consent';
import { maskServices } from '../mask-state';

/**
 * Extension pages framed inside a tab (the in-page record panel `popup.html?tab=N&embed=1`, the
 * reveal dialog `reveal.html`) are web-accessible, so any page can embed them and try to make the
 * user click in them. Such a frame acts on its own tab only, and on the record that tab shows.
 *
 * Each message a frame may send has a rule here (and `extension-frame` in its allowedSenders): which
 * of our pages may send it, and what it names:
 * - `none`: nothing of a tab or record (the policy's reveal reasons, the storage flag);
 * - `tab`: `tabId` must be the frame's tab (the handler then acts on the record that tab registered);
 * - `record`: that, and `key` must be the record the frame's tab shows now;
 * - `request`: the request `id` must be one of the record the frame's tab shows now.
 * A message without a rule is refused, whatever allowedSenders says.
 */
export const PANEL_PAGE = '/popup.html';
export const REVEAL_PAGE = '/reveal.html';

type FrameTarget = 'none' | 'tab' | 'record' | 'request';
export interface FrameRule {
  pages: readonly string[];
  target: FrameTarget;
}

const panel = (target: FrameTarget): FrameRule => ({ pages: [PANEL_PAGE], target });
const reveal = (target: FrameTarget): FrameRule => ({ pages: [REVEAL_PAGE], target });

export const FRAME_RULES: Partial<Record<MessageType, FrameRule>> = {
  // The in-page record panel: what the toolbar popup does, for its own tab's record.
  'tab.get': panel('tab'),
  'log.status': panel('none'),
  'mask.tab.get': panel('tab'),
  'mask.tab.set': panel('tab'),
  'basis.set': panel('record'),
  'privacy.get': panel('record'),
  'consent.give': panel('record'),
  'consent.withdraw': panel('record'),
  'subject.set': panel('record'),
  'notice.log': panel('record'),
  'request.open': panel('record'),
  'export.log': panel('record'),
  'request.extend': panel('request'),
  'request.close': panel('request'),
  // Escape pressed inside the panel (the CRM page never sees keys pressed in the frame): close it.
  'panel.close': panel('tab'),
  // The reveal dialog: the policy's reasons, then the reveal (or its cancellation) in its own tab.
  'policy.active': reveal('none'),
  'field.reveal': reveal('tab'),
  'field.revealClose': reveal('tab'),
};

type FrameSender = Extract<ClassifiedSender, { kind: 'extension-frame' }>;

/**
 * Throws a `forbidden` HandlerError unless the framed page `sender` may send this message with this
 * payload. Runs in the router after the payload schema, before the handler: nothing is written for
 * a refused message.
 */
export async function checkFrame<T extends MessageType>(type: T, payload: Request<T>, sender: FrameSender, deps: Deps): Promise<void> {
  const rule = FRAME_RULES[type];
  if (!rule) throw new HandlerError('forbidden', `"${type}" may not be sent from a frame inside a page.`);
  if (!rule.pages.includes(sender.page)) throw new HandlerError('forbidden', `"${type}" may not be sent from ${sender.page || 'this frame'}.`);
  // Whatever the rule, a tab or a record a frame names is its own (belt and braces for new messages).
  const named = payload as { tabId?: unknown; key?: unknown; id?: unknown };
  const namesTab = rule.target === 'tab' || rule.target === 'record' || 'tabId' in named;
  if (namesTab && named.tabId !== sender.tabId) {
    throw new HandlerError(
      'forbidden',
      `This panel is shown in tab ${sender.tabId}: it may act on that tab only, not on ${typeof named.tabId === 'number' ? `tab ${named.tabId}` : 'another tab'}.`,
    );
  }
  if (rule.target !== 'record' && rule.target !== 'request' && !('key' in named)) return;
  const page = await tabPage(sender.tabId, deps);
  if (page.kind !== 'record') {
    throw refuse('forbidden', 'errPanelNoRecord');
  }
  if ((rule.target === 'record' || 'key' in named) && named.key !== page.key) {
    throw refuse('forbidden', 'errPanelOtherRecord');
  }
  if (rule.target === 'request') {
    const request = typeof named.id === 'string' ? await requestsTable(deps).get(named.id) : undefined;
    if (!request || request.recordKey !== page.key) {
      throw refuse('forbidden', 'errPanelOtherRequest');
    }
  }
}

/**
 * The in-page record panel asks to be closed (Escape pressed inside its frame, which the CRM page
 * never sees): the tab's content script closes it and gives focus back to the badge. Framed, it may
 * only close the panel of its own tab (checkFrame, rule `tab`); nothing else may send it.
 */
export const panelClose: Handler<'panel.close'> = async (payload, sender, deps) => {
  if (sender.kind !== 'extension-frame' || sender.page !== PANEL_PAGE || sender.tabId !== payload.tabId) {
    throw new HandlerError('forbidden', 'Only the panel shown in a tab may close it.');
  }
  await maskServices(deps).push(payload.tabId, { type: 'panel.close' });
  return { closed: true };
};
