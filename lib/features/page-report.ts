import { sendDurably } from './durable-send';
import type { Feature } from './types';

/**
 * Tells the background what this tab shows when no badge will: a list, an unknown page, or a
 * record's related list in full (its view is logged and its rows get pushes even when no record
 * title renders there for the badge; when one does, the badge's report of the same visit adds it).
 */
export const pageReport: Feature = {
  id: 'page-report',
  include: ['list', 'other', 'record'],
  init(ctx) {
    const { page } = ctx;
    if (page.kind === 'record' && !page.related) return; // the badge reports, with the title
    const kind = page.kind;
    void sendDurably(ctx.send, 'page.state', { visitId: ctx.visitId, kind, url: ctx.url }, { signal: ctx.signal }).catch(() => undefined);
  },
};
