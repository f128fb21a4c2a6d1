import type { Page } from 'playwright-core';
import { fixture, openCrm, openPopup, startBrowser, tabIdOf, URLS, type Harness } from './harness';

// A refusal of the background reads in the user's language (lib/i18n/messages/errors.ts).
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

test('French popup left open while its tab moves to another record: the background’s refusal is in French, nothing is saved', async () => {
  const { page, errors } = await openCrm(h, URLS.sfContact);
  await expect.poll(() => badge(page).getAttribute('data-cpg-state')).toBe('missing');
  const tabId = await tabIdOf(h, URLS.sfContact);
  const popup = await openPopup(h, tabId, 'fr-FR');
  await expect.poll(() => popup.getByTestId('record-title').innerText()).toBe('Ms. Jane Doe');

  // The tab moves on to a lead; the popup still shows the contact.
  await page.goto(URLS.sfLead);
  await expect.poll(() => badge(page).getAttribute('data-cpg-state')).toBe('missing');

  await popup.getByLabel('Base légale (RGPD art. 6, § 1)').selectOption('a');
  await popup.getByLabel('Finalité', { exact: true }).selectOption({ index: 1 });
  await popup.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  const alert = popup.getByRole('form', { name: 'Enregistrer la base légale' }).getByRole('alert');
  await expect.poll(() => alert.innerText()).toContain('Cet onglet affiche maintenant une autre fiche. Fermez ce panneau, puis rouvrez-le.');
  expect(await alert.innerText()).not.toContain('That tab now shows another record');
  expect(await badge(page).getAttribute('data-cpg-state')).toBe('missing');
  expect(errors).toEqual([]);
  await Promise.all([popup.close(), page.close()]);
});
