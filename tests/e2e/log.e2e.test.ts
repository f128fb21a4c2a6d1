import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { createHash } from 'node:crypto';
import { canonicalEvent, verifyEvents, GENESIS_HASH } from '@/lib/audit/chain';
import type { AccessEvent } from '@/lib/db/schema';
import { wcagViolations, type Harness } from './harness';
import { allEvents, hsUrl, startLogDashboard } from './log-harness';

let h: Harness;
let dash: Page;

beforeAll(async () => {
  ({ h, dash } = await startLogDashboard());
});

afterAll(async () => {
  await h?.close();
});

async function openRecords(ids: number[]): Promise<Page[]> {
  return Promise.all(
    ids.map(async (id) => {
      const page = await h.context.newPage();
      await page.goto(hsUrl(id));
      return page;
    }),
  );
}

describe('access log in Chromium', () => {
  test('stopping the service worker in the middle of a burst loses nothing and duplicates nothing', async () => {
    const cdp = await h.context.newCDPSession(dash);
    const statuses: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { scriptURL: string; runningStatus: string }[] }) => {
      for (const v of e.versions) if (v.scriptURL.includes(h.extensionId)) statuses.push(v.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    const ids = Array.from({ length: 12 }, (_, i) => 700 + i);
    const before = (await allEvents(dash)).length;
    const burst = openRecords(ids);
    // Stop the worker back to back while the tabs report their views, so that stops land while
    // a message is being handled (its answer is then lost, and only a retry delivers it).
    let stopsMidBurst = 0;
    let done = false;
    void burst.finally(() => {
      done = true;
    });
    // Until the burst is over and the worker was stopped more than 20 times: under load one stop
    // takes up to ~1 s (4 stops in 4 s in one helper's run at load 10), so the bound is generous.
    const until = Date.now() + 20_000;
    while (Date.now() < until && !(done && stopsMidBurst > 20)) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      stopsMidBurst += 1;
    }
    const pages = await burst;
    await expect.poll(async () => (await allEvents(dash)).length - before, { timeout: 30_000 }).toBe(ids.length);
    expect(stopsMidBurst).toBeGreaterThan(20);
    expect(statuses).toContain('stopped');
    // Give late retries time to arrive: still exactly one view per record.
    await new Promise((r) => setTimeout(r, 2000));
    const events = await allEvents(dash);
    const views = events.filter((e) => e.action === 'view' && ids.some((id) => e.recordId === String(id)));
    expect(views.map((e) => e.recordId).sort()).toEqual(ids.map(String).sort());
    expect(new Set(views.map((e) => e.eventId)).size).toBe(ids.length);
    expect(await verifyEvents(events, GENESIS_HASH, events.at(-1)?.hash)).toMatchObject({ ok: true, count: events.length });
    await Promise.all(pages.map((p) => p.close()));
    await cdp.detach();
  });

  test('ten tabs logging at once produce one linear chain that verifies', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => 800 + i);
    const before = (await allEvents(dash)).length;
    const pages = await openRecords(ids);
    await expect.poll(async () => (await allEvents(dash)).length - before, { timeout: 30_000 }).toBe(10);
    const events = await allEvents(dash);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => (a ?? 0) - (b ?? 0)));
    for (let i = 1; i < events.length; i++) expect(events[i]?.prevHash).toBe(events[i - 1]?.hash);
    expect(await verifyEvents(events, GENESIS_HASH, events.at(-1)?.hash)).toMatchObject({ ok: true, count: events.length });
    await Promise.all(pages.map((p) => p.close()));
  });

  test('dashboard: integrity at a glance, filters, export and import round trip', async () => {
    await dash.reload();
    const total = (await allEvents(dash)).length;
    await expect.poll(() => dash.getByTestId('log-count').innerText()).toBe(`${total} events match`);

    // Verify now: the chain and the head kept outside the database agree.
    await dash.getByRole('button', { name: 'Verify now' }).click();
    await expect.poll(() => dash.getByTestId('integrity-status').innerText(), { timeout: 20_000 }).toContain(`the chain of ${total} events is intact`);

    // Filters: the text search on record ids, then the table shows that record only.
    await dash.getByLabel('Record id starts with').fill('805');
    await dash.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => dash.getByTestId('log-count').innerText()).toBe('1 event matches');
    const row = dash.getByTestId('events-table').locator('tbody tr').first();
    await expect.poll(() => row.innerText()).toContain('805');
    expect(await row.innerText()).toContain('view');
    await dash.getByLabel('Action').selectOption('reveal');
    await dash.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => dash.getByText('No event matches these filters.').count()).toBe(1);
    await dash.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => dash.getByTestId('log-count').innerText()).toBe(`${total} events match`);
    expect(await wcagViolations(dash)).toEqual([]);

    // Export the evidence bundle: a download, and a log-exported event.
    const [download] = await Promise.all([dash.waitForEvent('download'), dash.getByRole('button', { name: 'Export evidence bundle (JSON)' }).click()]);
    const path = await download.path();
    const bundle = JSON.parse(readFileSync(path, 'utf8')) as { count: number; events: AccessEvent[]; head: { hash: string } };
    expect(bundle.count).toBe(total);
    expect(bundle.events).toHaveLength(total);
    expect(bundle.head.hash).toBe(bundle.events.at(-1)?.hash);
    await expect.poll(async () => (await allEvents(dash)).at(-1)?.action).toBe('log-exported');
    expect((await allEvents(dash)).at(-1)?.detail).toBe(`format=json;count=${total};head=${bundle.head.hash}`);

    // CSV too.
    const [csv] = await Promise.all([dash.waitForEvent('download'), dash.getByRole('button', { name: 'Export as CSV' }).click()]);
    const csvText = readFileSync(await csv.path(), 'utf8');
    expect(csvText.split('\r\n')[0]).toMatch(/^seq,time,action,actor/);
    expect(csvText.split('\r\n').length).toBe(total + 3);
    // The CSV export is logged too; wait for that event before counting the local log.
    await expect.poll(async () => (await allEvents(dash)).at(-1)?.detail ?? '').toMatch(/^format=csv;/);

    // Import it back: verified, shown read-only with its origin, the local log untouched.
    const localBefore = (await allEvents(dash)).length;
    await dash.getByLabel('Import a colleague’s evidence bundle').setInputFiles(path);
    const imported = dash.getByTestId('imported-bundle');
    await expect.poll(() => imported.getByRole('heading').innerText()).toContain('Imported bundle (read-only) from');
    expect(await imported.innerText()).toContain(`${total} events, chain verified`);
    await expect.poll(() => imported.getByTestId('imported-table').locator('tbody tr').count()).toBeGreaterThan(5);
    expect((await allEvents(dash)).length).toBe(localBefore);

    // A tampered copy is refused with the event and the check, and nothing is imported.
    const tampered = readFileSync(path, 'utf8').replace('"action":"view"', '"action":"copy"');
    await dash.getByRole('button', { name: 'Close the imported bundle' }).click();
    await dash.getByLabel('Import a colleague’s evidence bundle').setInputFiles({ name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(tampered) });
    await expect.poll(() => dash.getByTestId('export-status').innerText()).toMatch(/Bundle refused, nothing imported: The chain breaks at event #\d+ \(changed\)/);
    expect(await dash.getByTestId('imported-bundle').count()).toBe(0);
    expect((await allEvents(dash)).length).toBe(localBefore);
  });

  test('Verify now reads and hashes the log in workers: an event edited in the database is named, and put back the chain is intact', async () => {
    await dash.reload();
    const events = await allEvents(dash);
    const target = events[Math.floor(events.length / 2)] as AccessEvent;
    const workers: string[] = [];
    dash.on('worker', (w) => workers.push(w.url()));
    // Someone with access to the profile edits one event in place (the background is not involved).
    const edit = (actor: string) =>
      dash.evaluate(
        ({ seq, actor }) =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('crm-privacy-guard');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction('events', 'readwrite');
              const store = tx.objectStore('events');
              const get = store.get(seq);
              get.onsuccess = () => store.put({ ...get.result, actor });
              tx.oncomplete = () => {
                open.result.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
          }),
        { seq: target.seq as number, actor },
      );
    await edit('someone else');
    await dash.getByRole('button', { name: 'Verify now' }).click();
    await expect.poll(() => dash.getByTestId('integrity-status').innerText(), { timeout: 20_000 }).toContain(`Event #${target.seq} was changed after it was logged.`);
    expect(await dash.getByTestId('integrity-status').innerText()).toContain('the log does NOT verify');
    expect(workers.filter((u) => u.includes('verify.worker')).length).toBeGreaterThan(0);

    await edit(target.actor);
    await dash.getByRole('button', { name: 'Verify now' }).click();
    await expect.poll(() => dash.getByTestId('integrity-status').innerText(), { timeout: 20_000 }).toContain(`the chain of ${events.length} events is intact`);
  });

  test('100,000 events: counted, scrolled to the oldest, filtered and verified through paged queries', async () => {
    const N = 100_000;
    // Seeded straight into IndexedDB, chained here the way AccessLog chains (lib/audit/chain's
    // canonical form; Node's synchronous SHA-256 is quicker than 100,000 awaited digests in the page).
    // The background has opened (and created) the database once the view shows a count.
    await expect.poll(() => dash.getByTestId('log-count').count(), { timeout: 20_000 }).toBe(1);
    const { head: startHead } = await dash.evaluate(
      () =>
        new Promise<{ head: string }>((resolve, reject) => {
          const open = indexedDB.open('crm-privacy-guard');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction('meta').objectStore('meta').get('chainHead');
            req.onerror = () => reject(req.error);
            req.onsuccess = () => {
              open.result.close();
              resolve({ head: (req.result as { value?: string } | undefined)?.value ?? GENESIS_HASH });
            };
          };
        }),
    );
    let seeded = startHead;
    const start = Date.now() - 20 * 86_400_000;
    for (let i = 0; i < N; i += 10_000) {
      const batch: AccessEvent[] = [];
      for (let j = i; j < Math.min(N, i + 10_000); j++) {
        const id = `003SEED${String(j).padStart(8, '0')}`;
        const e = {
          at: start + j * 1000, action: j % 10 === 0 ? ('reveal' as const) : ('view' as const), actor: `rep-${j % 25}`, crm: 'salesforce' as const,
          org: 'acme', object: 'Contact', recordId: id, recordKey: `sf:acme:Contact:${id}`, fields: [], reason: '', policyVersion: 'seed', path: '',
          detail: '', prevHash: seeded,
        };
        const hash = createHash('sha256').update(canonicalEvent(e)).digest('hex');
        batch.push({ ...e, hash });
        seeded = hash;
      }
      await dash.evaluate(
        ({ events, head }) =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('crm-privacy-guard');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction(['events', 'meta'], 'readwrite');
              for (const e of events) tx.objectStore('events').add(e);
              tx.objectStore('meta').put({ key: 'chainHead', value: head });
              tx.oncomplete = () => {
                open.result.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
          }),
        { events: batch, head: seeded },
      );
    }
    expect(seeded).toMatch(/^[0-9a-f]{64}$/);
    const total = await dash.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('crm-privacy-guard');
          open.onsuccess = () => {
            const req = open.result.transaction('events').objectStore('events').count();
            req.onsuccess = () => {
              open.result.close();
              resolve(req.result);
            };
          };
        }),
    );
    expect(total).toBeGreaterThanOrEqual(N);

    await dash.reload();
    await expect.poll(() => dash.getByTestId('log-count').innerText(), { timeout: 30_000 }).toBe(`${total} events match`);
    const table = dash.getByTestId('events-table');
    // Only a window of rows is in the DOM, however long the log.
    expect(await table.locator('tbody tr').count()).toBeLessThan(80);
    // Scroll to the very end: the oldest event arrives through a paged query.
    await table.locator('xpath=..').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => table.locator('tbody tr[data-seq="1"]').count(), { timeout: 20_000 }).toBe(1);
    expect(await table.locator('tbody tr').count()).toBeLessThan(80);

    // Filters on indexed fields at this size: one actor's reveals, and a record id search.
    await dash.getByLabel('Actor').fill('rep-0');
    await dash.getByLabel('Action').selectOption('reveal');
    await dash.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => dash.getByTestId('log-count').innerText(), { timeout: 20_000 }).toBe(`${N / 50} events match`);
    await dash.getByRole('button', { name: 'Clear filters' }).click();
    await dash.getByLabel('Record id starts with').fill('003seed0009999');
    await dash.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => dash.getByTestId('log-count').innerText(), { timeout: 20_000 }).toBe('10 events match');

    // Verify the whole long log, with progress on the way.
    await dash.getByRole('button', { name: 'Verify now' }).click();
    await expect.poll(() => dash.getByRole('progressbar').count()).toBe(1);
    await expect.poll(() => dash.getByTestId('integrity-status').innerText(), { timeout: 120_000 }).toContain(`the chain of ${total} events is intact`);
  }, 240_000);
});
