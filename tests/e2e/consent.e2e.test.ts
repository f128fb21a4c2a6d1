import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { fixture, openPopup, readEvents, seriousA11yViolations, startBrowser, tabIdOf, toolbarBadge, URLS, type Harness, openCrm } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startBrowser([
    { url: URLS.sfContact, body: fixture('sf-lex-contact.html') },
    { url: URLS.sfLead, body: fixture('sf-lex-lead.html') },
    { url: URLS.hsContact, body: fixture('hubspot-contact.html') },
  ]);
});

afterAll(async () => {
  await h?.close();
});


const badge = (page: Page) => page.locator('[data-cpg="badge"]');
const SF_KEY = 'sf:acme:Contact:0035g00000AbCdEAAV';
const LEAD_KEY = 'sf:acme:Lead:00Q5g00000LeAdXEAV';

/** Today where the browser runs, as the popup's date fields default to it. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('consent', () => {
  test('consent given then withdrawn in one click: both open tabs of the record turn consent-withdrawn at once and say what may no longer be done', async () => {
    const a = await openCrm(h, URLS.sfContact);
    const b = await openCrm(h, URLS.sfContact);
    for (const { page } of [a, b]) await expect.poll(() => badge(page).getAttribute('data-cpg-state')).toBe('missing');
    const popup = await openPopup(h, await tabIdOf(h, URLS.sfContact));

    await popup.getByLabel('Purpose of the consent').selectOption('newsletter');
    await popup.getByRole('checkbox', { name: 'email' }).check();
    await popup.getByLabel('How it was collected').selectOption('form');
    await popup.getByLabel('Wording shown, or notice version').fill('Newsletter sign-up form, notice 2026-03');
    await popup.getByRole('button', { name: 'Log consent' }).click();
    await expect.poll(() => popup.getByTestId('consent-status').innerText()).toContain('Consent logged.');
    for (const { page } of [a, b]) await expect.poll(() => badge(page).getAttribute('data-cpg-state')).toBe('consent-given');

    await popup.getByRole('button', { name: 'Withdraw consent for Newsletter by email' }).click();
    for (const { page } of [a, b]) {
      await expect.poll(() => badge(page).getAttribute('data-cpg-state')).toBe('consent-withdrawn');
      expect(await badge(page).innerText()).toContain('no longer: newsletter by email');
    }
    expect(await popup.getByTestId('consents').innerText()).toContain('Newsletter by email: withdrawn');
    // The toolbar icon of the tab no longer says "fine".
    expect(await toolbarBadge(h, await tabIdOf(h, URLS.sfContact))).toBe('✕');

    const events = (await readEvents(h)).filter((e) => e.recordKey === SF_KEY && e.action.startsWith('consent-'));
    expect(events.map((e) => e.action)).toEqual(['consent-given', 'consent-withdrawn']);
    expect(JSON.stringify(events)).not.toContain('Newsletter sign-up form');
    // A reload keeps it: the state is stored, not just pushed.
    await a.page.reload();
    await expect.poll(() => badge(a.page).getAttribute('data-cpg-state')).toBe('consent-withdrawn');
    expect(await seriousA11yViolations(popup)).toEqual([]);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await Promise.all([popup.close(), a.page.close(), b.page.close()]);
  });

  test("HubSpot's own legal basis property shows on the badge, with where it came from", async () => {
    const { page, errors } = await openCrm(h, URLS.hsContact);
    await expect.poll(() => badge(page).getAttribute('data-cpg-state')).toBe('basis-logged');
    expect(await badge(page).getAttribute('data-cpg-basis')).toBe('f');
    expect(await badge(page).innerText()).toContain('from HubSpot');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('data-subject requests', () => {
  test('a restriction request turns the badge restricted with its due date until it is closed; a future received date is refused', async () => {
    const { page, errors } = await openCrm(h, URLS.sfLead);
    await expect.poll(() => badge(page).getAttribute('data-cpg-state')).toBe('missing');
    const masked = () => page.locator('[data-cpg-masked="true"]').count();
    const maskedBefore = await masked();
    const popup = await openPopup(h, await tabIdOf(h, URLS.sfLead));
    await popup.getByLabel('Jurisdiction of the person').selectOption('eu');
    await popup.getByRole('button', { name: 'Save person' }).click();
    await expect.poll(() => popup.getByTestId('person-current').innerText()).toContain('European Union');

    await popup.getByLabel('Kind of request').selectOption('restriction');
    await popup.getByLabel('Date received').fill('2099-01-01');
    await popup.getByLabel('How the identity was checked').selectOption('known-contact');
    await popup.getByRole('button', { name: 'Log request' }).click();
    expect(await popup.getByLabel('Date received').getAttribute('aria-invalid')).toBe('true');
    expect(await popup.getByTestId('request-item').count()).toBe(0);

    await popup.getByLabel('Date received').fill(today());
    await popup.getByRole('button', { name: 'Log request' }).click();
    await expect.poll(() => popup.getByTestId('request-status').innerText()).toContain('Request logged. Due');
    await expect.poll(() => badge(page).getAttribute('data-cpg-state')).toBe('restricted');
    const text = await badge(page).innerText();
    expect(text).toContain('Open request: Restriction (Art. 18), due');
    expect(text).toContain('no processing until the request is closed');
    // The masking feature (issue 3) masks every field of a restricted record.
    await expect.poll(masked).toBeGreaterThan(maskedBefore);

    const item = popup.getByTestId('request-item');
    await item.getByRole('button', { name: 'Close request' }).click();
    await expect.poll(() => badge(page).getAttribute('data-cpg-state')).toBe('missing');
    await expect.poll(masked).toBe(maskedBefore);
    const actions = (await readEvents(h)).filter((e) => e.recordKey === LEAD_KEY).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['request-opened', 'request-closed']));
    expect(errors).toEqual([]);
    await Promise.all([popup.close(), page.close()]);
  });

  test('the portability export: the downloaded JSON and CSV hold the fields shown on the record; the log holds field keys only', async () => {
    const { page } = await openCrm(h, URLS.sfContact);
    await expect.poll(() => badge(page).count()).toBe(1);
    const popup = await openPopup(h, await tabIdOf(h, URLS.sfContact));
    await expect.poll(() => popup.getByTestId('record-title').innerText()).toBe('Ms. Jane Doe');

    const [json] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: 'Export JSON' }).click()]);
    expect(json.suggestedFilename()).toMatch(/^personal-data-salesforce-0035g00000AbCdEAAV-\d{4}-\d{2}-\d{2}\.json$/);
    const doc = JSON.parse(readFileSync((await json.path())!, 'utf8')) as { record: { id: string }; fields: { key: string; label: string; value: string }[] };
    expect(doc.record.id).toBe('0035g00000AbCdEAAV');
    const email = doc.fields.find((f) => f.key === 'sfdc:RecordField.Contact.Email');
    expect(email).toEqual({ key: 'sfdc:RecordField.Contact.Email', label: 'Email', value: 'jane@example.com' });
    // A field the policy masks on screen (birth date) is still exported with its value: it is the person's own data.
    expect(doc.fields.find((f) => f.key === 'sfdc:RecordField.Contact.Birthdate')?.value).toBe('5/17/1984');
    // The stale page's contact is not exported (active page only).
    expect(JSON.stringify(doc)).not.toContain('john.stale@example.com');

    const [csv] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: 'Export CSV' }).click()]);
    const csvText = readFileSync((await csv.path())!, 'utf8');
    expect(csvText.split('\r\n')[0]).toBe('\ufefffield,label,value');
    expect(csvText).toContain('sfdc:RecordField.Contact.Email,Email,jane@example.com\r\n');

    const exports = (await readEvents(h)).filter((e) => e.action === 'export' && e.recordKey === SF_KEY);
    expect(exports).toHaveLength(2);
    expect(exports[0]?.fields).toContain('sfdc:RecordField.Contact.Email');
    expect(JSON.stringify(exports)).not.toContain('jane@example.com');
    await Promise.all([popup.close(), page.close()]);
  });
});

describe('dashboard', () => {
  test('requests list and the accountability report: figures, JSON download, print view, no serious a11y issue', async () => {
    const dash = await h.context.newPage();
    await dash.goto(`chrome-extension://${h.extensionId}/dashboard.html#requests`);
    const rows = dash.getByTestId('requests-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await rows.first().innerText()).toContain('Restriction (Art. 18)');
    expect(await seriousA11yViolations(dash)).toEqual([]);

    await dash.goto(`chrome-extension://${h.extensionId}/dashboard.html#report`);
    await expect.poll(() => dash.getByTestId('fig-requests').innerText()).toBe('1');
    expect(await dash.getByTestId('fig-withdrawals').innerText()).toBe('1');
    expect(await dash.getByTestId('fig-on-time').innerText()).toBe('1');
    expect(await dash.getByTestId('fig-exports').innerText()).toBe('2');
    expect(await dash.getByTestId('fig-integrity').innerText()).toMatch(/^Verified: \d+ events, chain intact$/);
    expect(await dash.getByTestId('report-purposes').innerText()).toContain('Newsletter');
    expect(await seriousA11yViolations(dash)).toEqual([]);

    const [file] = await Promise.all([dash.waitForEvent('download'), dash.getByRole('button', { name: 'Download JSON' }).click()]);
    const report = JSON.parse(readFileSync((await file.path())!, 'utf8')) as { figures: { requests: { total: number } }; processing: { purposes: unknown[] } };
    expect(report.figures.requests.total).toBe(1);
    expect(report.processing.purposes.length).toBeGreaterThan(0);

    // Printed, the report stands alone: navigation and buttons are hidden.
    await dash.emulateMedia({ media: 'print' });
    expect(await dash.locator('nav').isVisible()).toBe(false);
    expect(await dash.getByRole('button', { name: 'Download JSON' }).isVisible()).toBe(false);
    expect(await dash.getByTestId('fig-requests').isVisible()).toBe(true);
    await dash.close();
  });
});
