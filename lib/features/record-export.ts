import { browser } from 'wxt/browser';
import type { SenderLike } from '@/lib/messaging/sender';
import { senderMayRead } from './tab-id';
import type { Feature } from './types';

/** Asked by the popup (an extension page) for the fields the record page shows, for the person's export. */
export const FIELDS_READ = 'cpg.fields.read';

export interface FieldsReadAnswer {
  ok: true;
  recordId: string;
  fields: { key: string; label: string; value: string }[];
}

/**
 * Answers the popup's export request with the visible fields of this record page. The values go
 * straight to the extension page that saves the file: never to the background, never to the log.
 */
export const recordExport: Feature = {
  id: 'record-export',
  include: ['record'],
  init(ctx) {
    const { adapter, page, doc, signal } = ctx;
    if (!adapter || page.kind !== 'record') return;
    const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
    const listener = (message: unknown, sender: SenderLike, sendResponse: (answer: FieldsReadAnswer) => void): undefined => {
      if ((message as { type?: unknown } | null)?.type !== FIELDS_READ) return undefined;
      // Only our own extension pages can reach a content script with tabs.sendMessage; checked anyway.
      if (sender.id !== browser.runtime.id || !sender.url || new URL(sender.url).origin !== extensionOrigin) return undefined;
      // The in-page panel framed in another tab (a page that embeds it) never reads this one.
      if (!senderMayRead(sender)) return undefined;
      const root = adapter.activeRoot(doc);
      const fields = root ? adapter.findFields(root) : [];
      sendResponse({
        ok: true,
        recordId: page.ref.id,
        fields: fields.map((f) => ({ key: f.key, label: f.label, value: f.readValue() })),
      });
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener), { once: true });
  },
};
