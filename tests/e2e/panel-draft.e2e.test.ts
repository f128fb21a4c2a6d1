import type { Page } from 'playwright-core';
import { escapeInPanel, fixture, startBrowser, URLS, type Harness, openCrm } from './harness';

/**
 * The in-page panel's frame is removed when the panel closes: what the rep typed is kept in the
 * frame's sessionStorage (extension origin, this tab) per record, and comes back on reopening for
 * the same record, in a real Chromium (where the frame is third-party to the CRM page).
 */
let h: Harness;

beforeAll(async () => {
  h = await startBrowser([
    { url: URLS.sfContact, body: fixture('sf-lex-contact.html') },
    { url: URLS.sfLead, body: fixture('sf-lex-lead.html') },
  ]);
});

afterAll(async () => {
  await h?.close();
});

const badge = (page: Page) => page.locator('[data-cpg="badge"]');
const panelFrame = (page: Page) => page.frames().find((f) => f.url().startsWith(`chrome-extension://${h.extensionId}/popup.html`)) ?? null;
const NOTE = 'Asked by phone for the price list';

/** Opens the panel from the badge and waits for the record whose id is `id` to show. */
async function openPanel(page: Page, id: string): Promise<void> {
  await expect.poll(() => badge(page).count()).toBe(1);
  await badge(page).locator('button').click();
  await expect.poll(() => panelFrame(page)).not.toBeNull();
  await expect.poll(() => panelFrame(page)?.getByTestId('record-id').innerText({ timeout: 2_000 }), { timeout: 15_000 }).toBe(id);
}

describe('drafts in the in-page panel', () => {
  test('a note typed, then Escape: reopening the panel for the record brings it back; another record in the same tab gets a blank form', async () => {
    const { page, errors } = await openCrm(h, URLS.sfContact);
    page.setDefaultTimeout(5_000);
    await openPanel(page, '0035g00000AbCdEAAV');
    await panelFrame(page)!.getByLabel('Note (optional)').fill(NOTE);
    await expect.poll(() => panelFrame(page)?.getByTestId('draft-kept').count()).toBe(1);
    await escapeInPanel(panelFrame(page)!);
    await expect.poll(() => page.locator('[data-cpg="panel"]').count()).toBe(0);

    await openPanel(page, '0035g00000AbCdEAAV');
    await expect.poll(() => panelFrame(page)?.getByLabel('Note (optional)').inputValue({ timeout: 2_000 })).toBe(NOTE);

    // Another record in the same tab: nothing of the first one's draft.
    await escapeInPanel(panelFrame(page)!);
    await expect.poll(() => page.locator('[data-cpg="panel"]').count()).toBe(0);
    await page.goto(URLS.sfLead);
    await openPanel(page, '00Q5g00000LeAdXEAV');
    expect(await panelFrame(page)!.getByLabel('Note (optional)').inputValue()).toBe('');
    expect(await panelFrame(page)!.getByTestId('draft-kept').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
