import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { fixture, openCopyOfClosedRoot, openCrm, openPopup, pageIn, startBrowser, tabIdOf, URLS, wcagViolations, type Harness } from './harness';

/**
 * Accessibility of every page of the extension, in real Chromium: axe-core's WCAG 2.1 A and AA rules
 * (and its best practices) on the dashboard (each section, English and French, with data), the
 * policy editor showing its errors and its changes, the log with a verification result (intact and
 * broken) and an imported bundle, the toolbar popup and the in-page panel on a record with their
 * forms open and their errors shown, and the reveal dialog. Moderate, serious and critical findings
 * fail the test, and so does what axe leaves "to review" unless measured here or excluded (EXCLUDED,
 * one rule on one element, with the reason); each is printed as `rule (impact) target: help`. The
 * runner, wcagViolations(), and EXCLUDED are in harness.ts: the e2e files scan the UI injected into
 * CRM pages with it too.
 */
let h: Harness;
const BIRTH_KEY = 'sfdc:RecordField.Contact.Birthdate';
const badge = (page: Page) => page.locator('[data-cpg="badge"]');
const dashboardUrl = (section: string) => `chrome-extension://${h.extensionId}/dashboard.html#${section}`;

/** Today where the browser runs, as the popup's date fields default to it. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Asks the background from an extension page, as the dashboard does. */
async function ask(page: Page, type: string, payload: unknown): Promise<{ ok: boolean; data?: unknown }> {
  return page.evaluate(
    ({ t, p }) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data?: unknown }> } } }).chrome.runtime.sendMessage({ type: t, payload: p }),
    { t: type, p: payload },
  );
}

/**
 * Data for every section: a policy applied in the editor (so the history has a rollback, and a
 * custom domain to grant), a page warning, a view of the contact in the log, and through the popup
 * as a rep does it: a consent given, the person's jurisdiction, an open access request and an
 * overdue rectification request.
 */
beforeAll(async () => {
  h = await startBrowser([
    { url: URLS.sfContact, body: fixture('sf-lex-contact.html') },
    { url: URLS.sfLead, body: fixture('sf-lex-lead.html') },
  ]);
  const dash = await h.context.newPage();
  await dash.goto(dashboardUrl('policy'));
  const policy = {
    ...structuredClone(DEFAULT_POLICY),
    policyVersion: '2026.2.0',
    effectiveDate: '2026-02-01',
    // A custom domain not granted yet: the Pages section offers to grant it.
    sites: { ...DEFAULT_POLICY.sites, customDomains: [{ host: 'crm.acme-corp.example', adapter: 'salesforce', org: 'acme' }] },
  };
  const applied = await ask(dash, 'policy.apply', { text: JSON.stringify(policy), via: 'editor' });
  expect(applied).toMatchObject({ ok: true, data: { applied: true } });
  // A page warning as the background stores it (handlers/sites-pages.ts, pagesWarn): the Pages section lists it.
  await dash.evaluate(
    (warning) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('crm-privacy-guard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('meta', 'readwrite');
          tx.objectStore('meta').put({ key: 'page-warnings', value: [warning] });
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    { host: 'acme.lightning.force.com', path: '/lightning/r/Lead/00Q5g00000LeAdXEAV/view', feature: 'retention', code: 'hosts-removed', detail: 'the warning was removed twice', at: Date.now() },
  );

  const { page } = await openCrm(h, URLS.sfContact);
  // No expect.poll() outside a test: Playwright's own waits.
  await page.locator('[data-cpg="badge"][data-cpg-state="missing"]').waitFor();
  const popup = await openPopup(h, await tabIdOf(h, URLS.sfContact));
  await popup.getByLabel('Purpose of the consent').selectOption('newsletter');
  await popup.getByRole('checkbox', { name: 'email' }).check();
  await popup.getByLabel('How it was collected').selectOption('form');
  await popup.getByLabel('Wording shown, or notice version').fill('Newsletter sign-up form, notice 2026-03');
  await popup.getByRole('button', { name: 'Log consent' }).click();
  await popup.getByTestId('consent-status').getByText('Consent logged.').waitFor();
  await popup.getByLabel('Jurisdiction of the person').selectOption('eu');
  await popup.getByRole('button', { name: 'Save person' }).click();
  await popup.getByTestId('person-current').getByText('European Union').waitFor();
  await popup.getByLabel('Kind of request').selectOption('access');
  await popup.getByLabel('Date received').fill(today());
  await popup.getByLabel('How the identity was checked').selectOption('known-contact');
  await popup.getByRole('button', { name: 'Log request' }).click();
  await popup.getByTestId('request-status').getByText('Request logged.').waitFor();
  // And one received three months ago: overdue (the month of Art. 12(3) is long past).
  const received = new Date();
  received.setMonth(received.getMonth() - 3);
  await popup.getByLabel('Kind of request').selectOption('rectification');
  await popup.getByLabel('Date received').fill(`${received.getFullYear()}-${String(received.getMonth() + 1).padStart(2, '0')}-${String(received.getDate()).padStart(2, '0')}`);
  await popup.getByLabel('How the identity was checked').selectOption('known-contact');
  await popup.getByRole('button', { name: 'Log request' }).click();
  await popup.locator('[data-testid="request-item"][data-request-kind="rectification"]').waitFor();
  await Promise.all([dash.close(), popup.close(), page.close()]);
});

afterAll(async () => {
  await h?.close();
});

// A test that failed half way leaves no tab behind (tabIdOf finds a record's first tab).
afterEach(async () => {
  for (const page of h?.context.pages() ?? []) await page.close();
});

/** What shows that each section has loaded its data. */
const LOADED: Record<string, (page: Page) => Promise<unknown>> = {
  overview: (p) => p.getByLabel(/Name or employee id|Nom ou matricule/).waitFor(),
  policy: (p) => p.getByTestId('policy-history').waitFor(),
  log: (p) => expect.poll(() => p.getByTestId('events-table').locator('tbody tr').count()).toBeGreaterThan(0),
  pages: (p) => p.getByRole('button', { name: /crm\.acme-corp\.example/ }).waitFor().then(() => p.getByTestId('page-warnings').waitFor()),
  requests: (p) => p.getByTestId('requests-overdue').waitFor(),
  report: (p) => p.getByTestId('report').waitFor(),
};
const SECTIONS = Object.keys(LOADED);

/** Opens a dashboard section and waits for its data (nothing still "Loading…"). */
async function showSection(dash: Page, section: string): Promise<void> {
  await dash.goto(dashboardUrl(section));
  await LOADED[section]!(dash);
  await expect.poll(() => dash.getByText(/^(Loading…|Chargement…)$/).count()).toBe(0);
}

describe('dashboard', () => {
  test.each(SECTIONS)('the %s section, with data, in English', async (section) => {
    const dash = await h.context.newPage();
    await showSection(dash, section);
    expect(await wcagViolations(dash)).toEqual([]);
    await dash.close();
  });

  test.each(SECTIONS)('the %s section, with data, in French', async (section) => {
    const dash = await pageIn(h, 'fr-FR');
    await showSection(dash, section);
    expect(await dash.locator('html').getAttribute('lang')).toBe('fr');
    expect(await wcagViolations(dash)).toEqual([]);
    await dash.close();
  });

  test('the overview with its profile saved', async () => {
    const dash = await h.context.newPage();
    await showSection(dash, 'overview');
    await dash.getByLabel('Name or employee id').fill('Ana Ruiz');
    await dash.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dash.getByRole('status').innerText()).toContain('Saved');
    expect(await wcagViolations(dash)).toEqual([]);
    await dash.close();
  });

  test('the policy editor showing a validation error, in the form and in the JSON tab', async () => {
    const dash = await h.context.newPage();
    await showSection(dash, 'policy');
    await dash.getByLabel('Policy version').fill('');
    await expect.poll(() => dash.getByTestId('policy-validation').innerText()).not.toContain('Valid policy.');
    expect(await wcagViolations(dash)).toEqual([]);

    await dash.getByRole('tab', { name: 'JSON' }).click();
    const json = dash.getByTestId('policy-json');
    const text = await json.inputValue();
    await json.fill(text.replace(/"logRetentionDays": \d+/, '"logRetentionDays": "forever"'));
    await expect.poll(() => dash.getByTestId('policy-validation').innerText()).toContain('logRetentionDays');
    expect(await wcagViolations(dash)).toEqual([]);
    await dash.close();
  });

  test('the access log with a verification result shown, the charts as tables, and a record address it cannot read', async () => {
    const dash = await h.context.newPage();
    await showSection(dash, 'log');
    await dash.getByRole('button', { name: 'Verify now' }).click();
    await expect.poll(() => dash.getByTestId('integrity-status').innerText(), { timeout: 20_000 }).toContain('is intact');
    for (const summary of await dash.getByTestId('log-charts').locator('summary').all()) await summary.click();
    expect(await wcagViolations(dash)).toEqual([]);
    // A bar of each chart pointed at: its tooltip names the action and the count.
    const bars = await dash.getByTestId('log-charts').locator('.recharts-bar-rectangle path').all();
    expect(bars.length).toBeGreaterThan(0);
    for (const bar of bars) {
      await bar.hover();
      await dash.getByTestId('log-charts').locator('.recharts-tooltip-item').first().waitFor();
      expect(await wcagViolations(dash)).toEqual([]);
    }

    const field = dash.getByRole('textbox', { name: 'Record key' });
    await field.fill('https://example.com/contacts/901');
    await field.press('Enter');
    await expect.poll(() => dash.getByRole('alert').innerText()).toContain('This address is not on a CRM the extension runs on');
    expect(await wcagViolations(dash)).toEqual([]);
    await dash.close();
  });

  test('the access log that does not verify (an event edited in the database), then put back', async () => {
    const dash = await h.context.newPage();
    await showSection(dash, 'log');
    const edit = (actor: string | null) =>
      dash.evaluate(
        (who) =>
          new Promise<string>((resolve, reject) => {
            const open = indexedDB.open('crm-privacy-guard');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction('events', 'readwrite');
              const store = tx.objectStore('events');
              let before = '';
              const cursor = store.openCursor();
              cursor.onsuccess = () => {
                const event = cursor.result?.value as { actor: string } | undefined;
                if (!event) return;
                before = event.actor;
                cursor.result!.update({ ...event, actor: who ?? `${event.actor} (edited)` });
              };
              tx.oncomplete = () => (open.result.close(), resolve(before));
              tx.onerror = () => reject(tx.error);
            };
          }),
        actor,
      );
    const actor = await edit(null);
    try {
      await dash.getByRole('button', { name: 'Verify now' }).click();
      await expect.poll(() => dash.getByTestId('integrity-status').innerText(), { timeout: 20_000 }).toContain('the log does NOT verify');
      expect(await wcagViolations(dash)).toEqual([]);
    } finally {
      await edit(actor);
    }
    await dash.getByRole('button', { name: 'Verify now' }).click();
    await expect.poll(() => dash.getByTestId('integrity-status').innerText(), { timeout: 20_000 }).toContain('is intact');
    await dash.close();
  });

  test('the access log showing an imported bundle, then a tampered one refused', async () => {
    const dash = await h.context.newPage();
    await showSection(dash, 'log');
    const [download] = await Promise.all([dash.waitForEvent('download'), dash.getByRole('button', { name: 'Export evidence bundle (JSON)' }).click()]);
    const path = await download.path();
    await dash.getByLabel('Import a colleague’s evidence bundle').setInputFiles(path);
    const imported = dash.getByTestId('imported-bundle');
    await expect.poll(() => imported.getByRole('heading').first().innerText()).toContain('Imported bundle (read-only) from');
    await expect.poll(() => imported.getByTestId('imported-table').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await wcagViolations(dash)).toEqual([]);

    await dash.getByRole('button', { name: 'Close the imported bundle' }).click();
    const tampered = readFileSync(path, 'utf8').replace('"action":"view"', '"action":"copy"');
    await dash.getByLabel('Import a colleague’s evidence bundle').setInputFiles({ name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(tampered) });
    await expect.poll(() => dash.getByTestId('export-status').innerText()).toContain('Bundle refused, nothing imported');
    expect(await wcagViolations(dash)).toEqual([]);
    await dash.close();
  });

  test('the policy editor showing the changes to review, and a rollback to confirm', async () => {
    const dash = await h.context.newPage();
    await showSection(dash, 'policy');
    await dash.getByLabel('Policy version').fill('2026.3.0');
    await dash.getByLabel('Keep the access log (days)').fill('400');
    await expect.poll(() => dash.getByTestId('policy-validation').innerText()).toContain('Valid policy.');
    await dash.getByRole('button', { name: 'Review changes' }).click();
    await expect.poll(() => dash.getByTestId('policy-diff').first().innerText()).toContain('2026.2.0 → 2026.3.0');
    expect(await wcagViolations(dash)).toEqual([]);

    await dash.reload();
    await dash.getByRole('button', { name: 'Roll back to 2026.1.0' }).click();
    await expect.poll(() => dash.getByTestId('policy-history').locator('..').getByTestId('policy-diff').innerText()).toContain('2026.2.0 → 2026.1.0');
    expect(await wcagViolations(dash)).toEqual([]);
    await dash.close();
  });

  test('the requests section with its extend and close forms open, and a form error shown', async () => {
    const dash = await h.context.newPage();
    await showSection(dash, 'requests');
    const row = dash.getByTestId('request-row').filter({ has: dash.getByRole('button', { name: 'Extend…' }) }).first();
    await row.getByRole('button', { name: 'Extend…' }).click();
    await dash.getByTestId('request-form-row').waitFor();
    await dash.getByRole('button', { name: 'Extend', exact: true }).click(); // no reason: refused
    await expect.poll(() => dash.getByTestId('request-form-row').getByText('10 characters').count()).toBeGreaterThan(0);
    expect(await wcagViolations(dash)).toEqual([]);

    await row.getByRole('button', { name: 'Close…' }).click();
    await dash.getByRole('form', { name: 'Close the request' }).waitFor();
    expect(await wcagViolations(dash)).toEqual([]);
    await dash.close();
  });
});

describe('toolbar popup on a Salesforce record', () => {
  test('every form open (lawful basis, consent, withdrawal, person, request, extend, close), then each form’s errors shown', async () => {
    const { page } = await openCrm(h, URLS.sfContact);
    await expect.poll(() => badge(page).count()).toBe(1);
    const popup = await openPopup(h, await tabIdOf(h, URLS.sfContact));
    await expect.poll(() => popup.getByTestId('record-title').innerText()).toBe('Ms. Jane Doe');
    await popup.getByTestId('request-item').first().waitFor();
    await popup.getByRole('button', { name: 'Withdraw all consents' }).waitFor();
    expect(await wcagViolations(popup)).toEqual([]);

    // Every form submitted empty (or wrong): the errors beside their fields.
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await popup.getByRole('button', { name: 'Log consent' }).click();
    await popup.getByRole('button', { name: 'Withdraw all consents' }).click();
    await popup.getByLabel('Date received').fill('2099-01-01');
    await popup.getByRole('button', { name: 'Log request' }).click();
    await popup.getByRole('button', { name: 'Extend', exact: true }).click();
    await expect.poll(() => popup.locator('[aria-invalid="true"]').count()).toBeGreaterThanOrEqual(6);
    expect(await wcagViolations(popup)).toEqual([]);
    await Promise.all([popup.close(), page.close()]);
  });

  test('a record with nothing logged yet (no jurisdiction, no consent), in French', async () => {
    const { page } = await openCrm(h, URLS.sfLead);
    await expect.poll(() => badge(page).count()).toBe(1);
    const popup = await openPopup(h, await tabIdOf(h, URLS.sfLead), 'fr-FR');
    await popup.getByTestId('request-needs-jurisdiction').waitFor();
    expect(await wcagViolations(popup)).toEqual([]);
    await Promise.all([popup.close(), page.close()]);
  });

  test('the background’s refusal shown as an alert (the tab moved to another record)', async () => {
    const { page } = await openCrm(h, URLS.sfContact);
    await expect.poll(() => badge(page).count()).toBe(1);
    const popup = await openPopup(h, await tabIdOf(h, URLS.sfContact));
    await expect.poll(() => popup.getByTestId('record-title').innerText()).toBe('Ms. Jane Doe');
    await page.goto(URLS.sfLead);
    await expect.poll(() => badge(page).count()).toBe(1);
    await popup.getByLabel('Lawful basis (GDPR Art. 6(1))').selectOption('a');
    await popup.getByLabel('Purpose', { exact: true }).selectOption({ index: 1 });
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await popup.getByRole('form', { name: 'Log the lawful basis' }).getByRole('alert').waitFor();
    expect(await wcagViolations(popup)).toEqual([]);
    await Promise.all([popup.close(), page.close()]);
  });

  test('the popup on a tab that shows no record says so', async () => {
    const popup = await openPopup(h, 999_999);
    await popup.getByText('This tab does not show a CRM record that CRM Privacy Guard recognises.').waitFor();
    expect(await wcagViolations(popup)).toEqual([]);
    await popup.close();
  });
});

describe('in-page panel (the popup framed on the record page)', () => {
  test('the panel and its frame', async () => {
    const { page } = await openCrm(h, URLS.sfContact);
    await expect.poll(() => badge(page).count()).toBe(1);
    await badge(page).locator('button').click();
    const frameOf = () => page.frames().find((f) => f.url().startsWith(`chrome-extension://${h.extensionId}/popup.html`)) ?? null;
    await expect.poll(frameOf).not.toBeNull();
    const frame = frameOf()!;
    await expect.poll(() => frame.getByTestId('record-id').innerText({ timeout: 2_000 }), { timeout: 15_000 }).toBe('0035g00000AbCdEAAV');
    await frame.getByTestId('request-item').first().waitFor();
    expect(await wcagViolations(frame)).toEqual([]);
    // What is typed is kept, and the panel says so (with a button to discard it).
    await frame.getByLabel('Note (optional)').fill('Asked by phone for the price list');
    await frame.getByTestId('draft-kept').first().waitFor();
    expect(await wcagViolations(frame)).toEqual([]);
    // The panel's container in the CRM page (its title bar, close button, the frame's title) is in a
    // closed shadow root, which axe cannot enter: it is scanned as an open copy (the frame without its page).
    expect(await wcagViolations(page, await openCopyOfClosedRoot(frame))).toEqual([]);
    await page.close();
  });
});

describe('reveal dialog', () => {
  test('the dialog framed on the record, and with its error shown', async () => {
    const { page } = await openCrm(h, URLS.sfContact);
    await expect.poll(() => badge(page).count()).toBe(1);
    await page.locator(`[data-cpg="mask"][data-cpg-field="${BIRTH_KEY}"] button`).click();
    const frameOf = () => page.frames().find((f) => f.url().startsWith(`chrome-extension://${h.extensionId}/reveal.html`)) ?? null;
    await expect.poll(frameOf).not.toBeNull();
    const frame = frameOf()!;
    await frame.getByRole('radio').first().waitFor();
    expect(await wcagViolations(frame)).toEqual([]);
    expect(await wcagViolations(page, await openCopyOfClosedRoot(frame))).toEqual([]);

    await frame.getByLabel('Other reason').check();
    await frame.getByLabel('Your reason').fill('short');
    await frame.getByRole('button', { name: /Show for/ }).click();
    await expect.poll(() => frame.getByRole('alert').innerText()).toContain('at least 10 characters');
    expect(await wcagViolations(frame)).toEqual([]);
    await page.close();
  });

  test('the dialog page in French', async () => {
    const tabId = await tabIdOf(h, URLS.sfContact).catch(async () => {
      await openCrm(h, URLS.sfContact);
      return tabIdOf(h, URLS.sfContact);
    });
    const dialog = await pageIn(h, 'fr-FR');
    await dialog.goto(`chrome-extension://${h.extensionId}/reveal.html?tab=${tabId}&field=${encodeURIComponent(BIRTH_KEY)}&label=Date%20de%20naissance`);
    await dialog.getByRole('radio').first().waitFor();
    expect(await wcagViolations(dialog)).toEqual([]);
    await dialog.close();
  });
});

