import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { formatDay } from '@/lib/features/badge-ui';
import { requestDeadlines } from '@/lib/law/deadlines';
import { fixture, openPopup, pageIn, readEvents, wcagViolations, startBrowser, tabIdOf, toolbarBadge, URLS, type Harness, openCrm } from './harness';

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

    await popup.getByLabel('How the withdrawal reached you').selectOption('email'); // no default (Art. 7(3))
    await popup.getByRole('button', { name: 'Withdraw consent for Newsletter by email' }).click();
    for (const { page } of [a, b]) {
      await expect.poll(() => badge(page).getAttribute('data-cpg-state')).toBe('consent-withdrawn');
      expect(await badge(page).innerText()).toContain('no longer: Newsletter by email');
    }
    // The popup redraws its list once the background has answered it, which it does after pushing to
    // the tabs: the badges can be there first.
    await expect.poll(() => popup.getByTestId('consents').innerText()).toContain('Newsletter by email: withdrawn');
    // The toolbar icon of the tab no longer says "fine".
    expect(await toolbarBadge(h, await tabIdOf(h, URLS.sfContact))).toBe('✕');

    const events = (await readEvents(h)).filter((e) => e.recordKey === SF_KEY && e.action.startsWith('consent-'));
    expect(events.map((e) => e.action)).toEqual(['consent-given', 'consent-withdrawn']);
    expect(JSON.stringify(events)).not.toContain('Newsletter sign-up form');
    // A reload keeps it: the state is stored, not just pushed.
    await a.page.reload();
    await expect.poll(() => badge(a.page).getAttribute('data-cpg-state')).toBe('consent-withdrawn');
    expect(await wcagViolations(popup)).toEqual([]);
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

/** The contact fixture with Salesforce's Individual privacy flags on its layout: Don't Process ticked, Don't Market not. */
function sfContactWithFlags(): string {
  const item = (api: string, label: string, ticked: boolean) => `
      <records-record-layout-item field-label="${label}" class="slds-form__item slds-no-space" role="listitem">
       <div data-target-selection-name="sfdc:RecordField.Individual.${api}" class="slds-grid slds-size_1-of-1 label-inline">
        <div class="slds-form-element slds-hint-parent test-id__output-root slds-form-element_readonly slds-form-element_horizontal">
         <div class="test-id__field-label-container slds-form-element__label"><span class="test-id__field-label">${label}</span></div>
         <div class="slds-form-element__control"><span class="test-id__field-value slds-form-element__static"><slot name="outputField">
          <records-output-checkbox data-output-element-id="output-field" slot="outputField"><lightning-input><span class="slds-checkbox"><input type="checkbox" disabled${ticked ? ' checked' : ''}><span class="slds-checkbox_faux"></span></span></lightning-input></records-output-checkbox></slot></span></div></div></div>
      </records-record-layout-item>`;
  const html = fixture('sf-lex-contact.html');
  const anchor = '<records-record-layout-item field-label="Mailing Address"';
  const at = html.indexOf(anchor, html.indexOf('sfdc:RecordField.Contact.Birthdate'));
  if (at < 0) throw new Error('fixture changed: no Mailing Address item after Birthdate');
  return html.slice(0, at) + item('HasOptedOutProcessing', "Don't Process", true) + item('HasOptedOutSolicit', "Don't Market", false) + html.slice(at);
}

describe("the CRM's own privacy flags", () => {
  test("Salesforce's Don't Process on the page restricts the record, says where it came from, and wins over a consent logged here", async () => {
    const flagged = await startBrowser([{ url: URLS.sfContact, body: sfContactWithFlags() }]);
    try {
      const { page, errors } = await openCrm(flagged, URLS.sfContact);
      await expect.poll(() => badge(page).getAttribute('data-cpg-state')).toBe('restricted');
      expect(await badge(page).innerText()).toContain("Salesforce says Don't Process");
      expect(await badge(page).innerText()).not.toContain("Don't Market");

      const popup = await openPopup(flagged, await tabIdOf(flagged, URLS.sfContact));
      await popup.getByLabel('Purpose of the consent').selectOption('newsletter');
      await popup.getByRole('checkbox', { name: 'email' }).check();
      await popup.getByLabel('How it was collected').selectOption('form');
      await popup.getByLabel('Wording shown, or notice version').fill('Newsletter sign-up form, notice 2026-03');
      await popup.getByRole('button', { name: 'Log consent' }).click();
      await expect.poll(() => popup.getByTestId('consent-status').innerText()).toContain('Consent logged.');
      // The most restrictive signal wins: the CRM's Don't Process over the consent just logged.
      await page.reload();
      await expect.poll(() => badge(page).getAttribute('data-cpg-state')).toBe('restricted');
      expect(await badge(page).innerText()).toContain("Salesforce says Don't Process");
      expect(errors).toEqual([]);
      await Promise.all([popup.close(), page.close()]);
    } finally {
      await flagged.close();
    }
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
  test('requests list and the accountability report: figures, JSON download, print view, no WCAG 2.1 A/AA finding', async () => {
    const dash = await h.context.newPage();
    await dash.goto(`chrome-extension://${h.extensionId}/dashboard.html#requests`);
    const rows = dash.getByTestId('requests-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await rows.first().innerText()).toContain('Restriction (Art. 18)');
    expect(await wcagViolations(dash)).toEqual([]);

    await dash.goto(`chrome-extension://${h.extensionId}/dashboard.html#report`);
    await expect.poll(() => dash.getByTestId('fig-requests').innerText()).toBe('1');
    expect(await dash.getByTestId('fig-withdrawals').innerText()).toBe('1');
    expect(await dash.getByTestId('fig-on-time').innerText()).toBe('1');
    expect(await dash.getByTestId('fig-exports').innerText()).toBe('2');
    expect(await dash.getByTestId('fig-integrity').innerText()).toMatch(/^Verified: \d+ events, chain intact$/);
    expect(await dash.getByTestId('report-purposes').innerText()).toContain('Newsletter');
    expect(await wcagViolations(dash)).toEqual([]);

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

describe('an erasure request in the browser', () => {
  test('UK GDPR: due one calendar month after receipt, extended with a reason to three months, closed only once every checklist item is ticked', async () => {
    const own = await startBrowser([{ url: URLS.hsContact, body: fixture('hubspot-contact.html') }]);
    try {
      const { page, errors } = await openCrm(own, URLS.hsContact);
      await expect.poll(() => badge(page).getAttribute('data-cpg-state')).toBe('basis-logged');
      const popup = await openPopup(own, await tabIdOf(own, URLS.hsContact));
      await popup.getByLabel('Jurisdiction of the person').selectOption('uk');
      await popup.getByRole('button', { name: 'Save person' }).click();
      await expect.poll(() => popup.getByTestId('person-current').innerText()).toContain('United Kingdom');

      const received = today();
      const deadlines = requestDeadlines('uk', 'erasure', received)!;
      await popup.getByLabel('Kind of request').selectOption('erasure');
      await popup.getByLabel('Date received').fill(received);
      await popup.getByLabel('How the identity was checked').selectOption('email-confirmation');
      await popup.getByRole('button', { name: 'Log request' }).click();
      await expect.poll(() => popup.getByTestId('request-status').innerText()).toBe(`Request logged. Due ${formatDay('en', deadlines.dueDate)}.`);
      await expect.poll(() => badge(page).innerText()).toContain(`Open request: Erasure (Art. 17), due ${formatDay('en', deadlines.dueDate)}`);

      // The extension, with its reason, inside the first month: due three months from receipt.
      const item = popup.getByTestId('request-item');
      await item.getByLabel('Reason for the extension (told to the person)').fill('Several systems hold copies of the record');
      await item.getByRole('button', { name: 'Extend', exact: true }).click();
      await expect.poll(() => item.getByTestId('extend-status').innerText()).toBe(`Extended to ${formatDay('en', deadlines.extendedDueDate!)}`);
      await expect.poll(() => badge(page).innerText()).toContain(`due ${formatDay('en', deadlines.extendedDueDate!)}`);
      // One extension only: the form is gone.
      await expect.poll(() => item.getByRole('button', { name: 'Extend', exact: true }).count()).toBe(0);

      // The checklist: with an item unticked the erasure stays open, and the screen reader hears why.
      const boxes = item.getByRole('checkbox');
      expect(await boxes.count()).toBe(6);
      for (let i = 0; i < 5; i++) await boxes.nth(i).check();
      await item.getByRole('button', { name: 'Close request' }).click();
      const last = boxes.nth(5);
      await expect.poll(() => last.getAttribute('aria-invalid')).toBe('true');
      expect(await last.evaluate((el) => el === document.activeElement)).toBe(true);
      const describedBy = (await last.getAttribute('aria-describedby')) ?? '';
      expect(await popup.locator(`[id="${describedBy}"]`).innerText()).toContain('the erasure stays open until then');
      expect(await item.getAttribute('data-request-status')).toBe('extended');
      expect(await wcagViolations(popup)).toEqual([]);

      await last.check();
      await item.getByRole('button', { name: 'Close request' }).click();
      await expect.poll(() => popup.getByTestId('request-item').getAttribute('data-request-status')).toBe('closed');
      expect(await item.getByTestId('close-status').innerText()).toBe('Request closed.');
      await expect.poll(() => badge(page).innerText()).not.toContain('Open request');
      expect(await badge(page).getAttribute('data-cpg-state')).toBe('basis-logged');

      const events = (await readEvents(own)).filter((e) => e.recordKey === 'hs:123456:0-1:501' && e.action.startsWith('request-'));
      expect(events.map((e) => e.action)).toEqual(['request-opened', 'request-updated', 'request-closed']);
      expect(events[2]?.detail).toMatch(/outcome=completed;closed=\d{4}-\d{2}-\d{2};onTime=yes$/);
      // The reason told to the person stays with the request, not in the log.
      expect(JSON.stringify(events)).not.toContain('Several systems');
      expect(errors).toEqual([]);
      await Promise.all([popup.close(), page.close()]);
    } finally {
      await own.close();
    }
  });
});

describe('privacy notice (Art. 14)', () => {
  test('data obtained elsewhere over a month ago without a notice warns on the badge in every tab of the record, until the notice is logged', async () => {
    const own = await startBrowser([{ url: URLS.sfContact, body: fixture('sf-lex-contact.html') }]);
    try {
      const a = await openCrm(own, URLS.sfContact);
      const b = await openCrm(own, URLS.sfContact);
      for (const { page } of [a, b]) await expect.poll(() => badge(page).getAttribute('data-cpg-state')).toBe('missing');
      const popup = await openPopup(own, await tabIdOf(own, URLS.sfContact));
      const d = new Date();
      d.setDate(d.getDate() - 40);
      const obtained = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      await popup.getByLabel('Jurisdiction of the person').selectOption('eu');
      await popup.getByLabel('Where the data came from').selectOption('indirect');
      await popup.getByLabel('Date the data was obtained').fill(obtained);
      await popup.getByRole('button', { name: 'Save person' }).click();
      for (const { page } of [a, b]) await expect.poll(() => badge(page).innerText()).toContain('No privacy notice logged (Art. 14)');
      await expect.poll(() => popup.getByTestId('notice-missing').count()).toBe(1);

      await popup.getByLabel('Notice version', { exact: true }).fill('2026-03');
      await popup.getByLabel('Given under').selectOption('14');
      await popup.getByRole('button', { name: 'Log notice' }).click();
      await expect.poll(() => popup.getByTestId('notice-status').innerText()).toBe('Notice logged.');
      for (const { page } of [a, b]) await expect.poll(() => badge(page).innerText()).not.toContain('No privacy notice logged');
      expect(await popup.getByTestId('notice-missing').count()).toBe(0);
      const notices = (await readEvents(own)).filter((e) => e.recordKey === SF_KEY && e.detail.startsWith('notice='));
      expect(notices.map((e) => [e.action, e.detail])).toEqual([['basis-set', `notice=art14;on=${today()}`]]);
      expect(await wcagViolations(popup)).toEqual([]);
      expect([...a.errors, ...b.errors]).toEqual([]);
      await Promise.all([popup.close(), a.page.close(), b.page.close()]);
    } finally {
      await own.close();
    }
  });
});

describe('in French', () => {
  test('a browser in French: the popup logs a request in French, and the accountability report says its periods and actions in French', async () => {
    const own = await startBrowser([{ url: URLS.hsContact, body: fixture('hubspot-contact.html') }]);
    try {
      const { page, errors } = await openCrm(own, URLS.hsContact);
      await expect.poll(() => badge(page).getAttribute('data-cpg-state')).toBe('basis-logged');
      const popup = await openPopup(own, await tabIdOf(own, URLS.hsContact), 'fr-FR');
      expect(await popup.evaluate(() => navigator.language)).toBe('fr-FR');
      await popup.getByLabel('Juridiction de la personne').selectOption('eu');
      await popup.getByRole('button', { name: 'Enregistrer la personne' }).click();
      const received = today();
      const due = requestDeadlines('eu', 'access', received)!.dueDate;
      await popup.getByLabel('Type de demande').selectOption('access');
      await popup.getByLabel('Date de réception').fill(received);
      await popup.getByLabel("Vérification de l'identité").selectOption('known-contact');
      await popup.getByRole('button', { name: 'Enregistrer la demande' }).click();
      await expect.poll(() => popup.getByTestId('request-status').innerText()).toBe(`Demande enregistrée. Échéance le ${formatDay('fr', due)}.`);
      expect(await wcagViolations(popup)).toEqual([]);

      const dash = await pageIn(own, 'fr-FR');
      await dash.goto(`chrome-extension://${own.extensionId}/dashboard.html#report`);
      await expect.poll(() => dash.getByTestId('fig-requests').innerText()).toBe('1');
      expect(await dash.getByRole('heading', { name: 'Registre des traitements (art. 30)' }).count()).toBe(1);
      // Each rule's line, without its legal reference (the policy's own text, in the policy's language).
      const lines = await dash.getByTestId('report-retention').locator('li').evaluateAll((items) =>
        items.map((li) => {
          const copy = li.cloneNode(true) as HTMLElement;
          copy.querySelectorAll('.block').forEach((ref) => ref.remove());
          return (copy.textContent ?? '').trim();
        }),
      );
      expect(lines[0]).toBe('Prospects et leads : 36 mois, redemander le consentement, ou supprimer ou anonymiser');
      for (const line of lines) expect(line).not.toMatch(/\bmonths\b|\bdays\b|re-consent|anonymise\b|\bdelete\b|\breview\b/);
      expect(await wcagViolations(dash)).toEqual([]);
      expect(errors).toEqual([]);
      await Promise.all([dash.close(), popup.close(), page.close()]);
    } finally {
      await own.close();
    }
  });
});

describe('withdrawal after the service worker was stopped', () => {
  test('MV3 stopped the worker while the record sat open in two tabs: the withdrawal still reaches both badges', async () => {
    const own = await startBrowser([{ url: URLS.sfContact, body: fixture('sf-lex-contact.html') }]);
    try {
      const a = await openCrm(own, URLS.sfContact);
      const b = await openCrm(own, URLS.sfContact);
      for (const { page } of [a, b]) await expect.poll(() => badge(page).getAttribute('data-cpg-state')).toBe('missing');
      const popup = await openPopup(own, await tabIdOf(own, URLS.sfContact));
      await popup.getByLabel('Purpose of the consent').selectOption('newsletter');
      await popup.getByRole('checkbox', { name: 'email' }).check();
      await popup.getByLabel('How it was collected').selectOption('form');
      await popup.getByLabel('Wording shown, or notice version').fill('Newsletter sign-up form, notice 2026-03');
      await popup.getByRole('button', { name: 'Log consent' }).click();
      for (const { page } of [a, b]) await expect.poll(() => badge(page).getAttribute('data-cpg-state')).toBe('consent-given');

      // Stop the worker as Chrome does after 30 s idle; the next message starts a fresh one.
      const cdp = await own.context.newCDPSession(popup);
      const statuses: string[] = [];
      cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { scriptURL: string; runningStatus: string }[] }) => {
        for (const v of e.versions) if (v.scriptURL.includes(own.extensionId)) statuses.push(v.runningStatus);
      });
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      // Stopped (the content scripts' ports may start a fresh worker at once: the last status can be running again).
      await expect.poll(() => statuses.includes('stopped')).toBe(true);
      await cdp.detach();

      await popup.getByLabel('How the withdrawal reached you').selectOption('email');
      await popup.getByRole('button', { name: 'Withdraw consent for Newsletter by email' }).click();
      for (const { page } of [a, b]) {
        await expect.poll(() => badge(page).getAttribute('data-cpg-state')).toBe('consent-withdrawn');
        expect(await badge(page).innerText()).toContain('no longer: Newsletter by email');
      }
      expect([...a.errors, ...b.errors]).toEqual([]);
      await Promise.all([popup.close(), a.page.close(), b.page.close()]);
    } finally {
      await own.close();
    }
  });
});
