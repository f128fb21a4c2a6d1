import type { Page } from 'playwright-core';
import { wcagViolations, type Harness } from './harness';
import { allEvents, hsUrl, startLogDashboard } from './log-harness';

// The Record filter reads a pasted record address with the CRM adapters (a chunk loaded when an
// address is typed) and the active policy's sites; an export after new events says so.
let h: Harness;
let dash: Page;

beforeAll(async () => {
  ({ h, dash } = await startLogDashboard());
});

afterAll(async () => {
  await h?.close();
});

async function view(id: number): Promise<void> {
  const before = (await allEvents(dash)).length;
  const page = await h.context.newPage();
  await page.goto(hsUrl(id));
  await expect.poll(async () => (await allEvents(dash)).length - before, { timeout: 30_000 }).toBe(1);
  await page.close();
}

describe('access log: record addresses and exports after new events, in Chromium', () => {
  test('a pasted HubSpot address finds its record’s events; an unknown address is explained and not sent', async () => {
    await view(901);
    await view(902);
    await dash.reload();
    await expect.poll(() => dash.getByTestId('log-count').innerText()).toBe('2 events match');
    const field = dash.getByRole('textbox', { name: 'Record key' });
    await field.fill(hsUrl(901));
    await expect.poll(() => dash.getByTestId('record-key-understood').innerText(), { timeout: 10_000 }).toBe('Record key searched: hs:123456:0-1:901');
    await field.press('Enter');
    await expect.poll(() => dash.getByTestId('log-count').innerText()).toBe('1 event matches');
    // The count comes before the page of rows: the table may still say Loading… for a moment.
    await expect.poll(() => dash.getByTestId('events-table').locator('tbody tr').first().innerText()).toContain('901');
    expect(await wcagViolations(dash)).toEqual([]);

    await field.fill('https://example.com/contacts/901');
    await field.press('Enter');
    await expect.poll(() => dash.getByRole('alert').innerText()).toContain('This address is not on a CRM the extension runs on');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    // The table still shows the last applied filter.
    expect(await dash.getByTestId('log-count').innerText()).toBe('1 event matches');
    expect(await wcagViolations(dash)).toEqual([]);
  });

  test('verified, then a record viewed: the export warns that 1 event was added since', async () => {
    await dash.reload();
    await dash.getByRole('button', { name: 'Verify now' }).click();
    await expect.poll(() => dash.getByTestId('integrity-status').innerText(), { timeout: 20_000 }).toContain('is intact');
    await view(903);
    const [csv] = await Promise.all([dash.waitForEvent('download'), dash.getByRole('button', { name: 'Export as CSV' }).click()]);
    expect(await csv.path()).toBeTruthy();
    await expect.poll(() => dash.getByTestId('export-warning').innerText()).toMatch(/^1 event was added to the log since the last verification \(.+\): it is in the file but was not checked\. Use Verify now/);
  });
});
