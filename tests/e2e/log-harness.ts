import type { Page } from 'playwright-core';
import type { AccessEvent } from '@/lib/db/schema';
import { fixture, startBrowser, type Harness } from './harness';

// The access-log tests (log.e2e.test.ts, log-record-url.e2e.test.ts): any HubSpot contact id is
// served the contact fixture, so each test opens as many records as it needs, one tab per record.
export const HS_RECORD = /^https:\/\/app\.hubspot\.com\/contacts\/123456\/record\/0-1\/\d+$/;
export const hsUrl = (id: number) => `https://app.hubspot.com/contacts/123456/record/0-1/${id}`;

/** A browser serving any HubSpot contact record, and the dashboard open on its Log tab. */
export async function startLogDashboard(): Promise<{ h: Harness; dash: Page }> {
  const h = await startBrowser([{ url: HS_RECORD, body: fixture('hubspot-contact.html') }]);
  const dash = await h.context.newPage();
  await dash.goto(`chrome-extension://${h.extensionId}/dashboard.html#log`);
  return { h, dash };
}

/** The whole log, read from IndexedDB in an extension page (the worker may be stopped). */
export async function allEvents(dash: Page): Promise<AccessEvent[]> {
  return dash.evaluate(
    () =>
      new Promise<AccessEvent[]>((resolve, reject) => {
        const open = indexedDB.open('crm-privacy-guard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('events').objectStore('events').getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result as AccessEvent[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}
