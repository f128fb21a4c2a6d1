import { sendDurably } from './durable-send';
import type { Feature } from './types';

/** Tells the background that this tab shows a list or an unknown page (no record, no view event). */
export const pageReport: Feature = {
  id: 'page-report',
  include: ['list', 'other'],
  init(ctx) {
    const kind = ctx.page.kind === 'list' ? 'list' : 'other';
    void sendDurably(ctx.send, 'page.state', { visitId: ctx.visitId, kind, url: ctx.url }, { signal: ctx.signal }).catch(() => undefined);
  },
};
