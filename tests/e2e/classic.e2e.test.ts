import type { Page } from 'playwright-core';
import { deepPaintSampler, fixture, openCrm, openPopup, startBrowser, tabIdOf, URLS, type Harness } from './harness';

// Salesforce Classic record pages (README § Record pages): the fixture built from Classic's real markup
// (tests/fixtures/README.md) served under a Classic record URL of the contact F1 shows in Lightning.

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const CLASSIC = 'https://acme.my.salesforce.com/0035g00000AbCdE';
const KEY = 'sf:acme:Contact:0035g00000AbCdEAAV';
const BIRTH = '5/14/1984';
const NATIONAL_ID = '1 84 05 75 056 123 45';
const MOBILE = '+1 415 555 0101';

let h: Harness;

beforeAll(async () => {
  h = await startBrowser([
    { url: CLASSIC, body: fixture('sf-classic-contact.html') },
    { url: URLS.sfContact, body: fixture('sf-lex-contact.html') },
  ]);
});

afterAll(async () => {
  await h?.close();
});

const badge = (page: Page) => page.locator('[data-cpg="badge"]');
const painted = (page: Page) => page.evaluate(() => (window as unknown as { __painted: Record<string, boolean> }).__painted);

type Answer = { ok: boolean; data?: { page?: { key?: string }; summary?: { state: string } } };
async function ask(page: Page, type: string, payload: unknown): Promise<Answer> {
  return (await page.evaluate(({ t, p }) => chrome.runtime.sendMessage({ type: t, payload: p }), { t: type, p: payload })) as Answer;
}

describe('Salesforce Classic record page', () => {
  test('the record badge sits right after the record name; values the policy masks never paint, the others are released', async () => {
    const { page, errors } = await openCrm(h, CLASSIC, deepPaintSampler([BIRTH, NATIONAL_ID, MOBILE]));
    await expect.poll(() => badge(page).count()).toBe(1);
    await expect.poll(() => badge(page).getAttribute('data-cpg-state')).toBe('missing');
    const placement = await page.evaluate(() => {
      const host = document.querySelector('[data-cpg="badge"]');
      const title = host?.previousElementSibling;
      return { inLight: host?.getRootNode() === document, title: title?.className ?? null, name: title?.textContent?.trim() ?? null };
    });
    expect(placement).toEqual({ inLight: true, title: 'pageDescription', name: 'Ms. Jane Doe' });

    // Birthdate (by its label: the default policy's birth-date category) and the national id, masked with a mask each.
    await expect.poll(() => page.locator('#con7_ileinner').getAttribute('data-cpg-masked')).toBe('true');
    expect(await page.locator('[id="00N5g00000NaTiD_ileinner"]').getAttribute('data-cpg-masked')).toBe('true');
    const mask = page.locator('[data-cpg="mask"][data-cpg-field="sfdc:ClassicField.con7"]');
    expect(await mask.count()).toBe(1);
    expect(await page.evaluate(() => document.querySelector('[data-cpg="mask"][data-cpg-field="sfdc:ClassicField.con7"]')?.nextElementSibling?.id)).toBe('con7_ileinner');
    expect(await mask.locator('button').getAttribute('aria-label')).toBe('Show Birthdate (a reason is required and logged)');
    // A value no rule names is shown once checked; the masked ones were never painted, from the first frame on.
    await expect.poll(async () => (await painted(page))[MOBILE] === true).toBe(true);
    await expect.poll(() => page.locator('td.dataCol:not([data-cpg-checked])').count()).toBe(0);
    await page.waitForTimeout(300);
    const seen = await painted(page);
    expect(seen[BIRTH]).not.toBe(true);
    expect(seen[NATIONAL_ID]).not.toBe(true);
    // The hostile description stayed text.
    expect(await page.locator('#con20_ileinner img').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('one key with the Lightning page of the record: a basis logged there shows on the Classic badge', async () => {
    const { page: lightning } = await openCrm(h, URLS.sfContact);
    await expect.poll(() => badge(lightning).count()).toBe(1);
    const popup = await openPopup(h, await tabIdOf(h, URLS.sfContact));
    const tab = await ask(popup, 'tab.get', { tabId: await tabIdOf(h, URLS.sfContact) });
    expect(tab.data?.page?.key).toBe(KEY);
    const logged = await ask(popup, 'record.setBasis', { tabId: await tabIdOf(h, URLS.sfContact), key: KEY, purposeId: 'prospecting', basis: 'f', note: '' });
    expect(logged.ok).toBe(true);

    const { page: classic, errors } = await openCrm(h, CLASSIC);
    await expect.poll(() => badge(classic).getAttribute('data-cpg-state')).toBe('basis-logged');
    expect(await badge(classic).getAttribute('data-cpg-basis')).toBe('f');
    expect((await ask(popup, 'tab.get', { tabId: await tabIdOf(h, CLASSIC) })).data?.page?.key).toBe(KEY);
    expect(errors).toEqual([]);
    await Promise.all([classic.close(), lightning.close(), popup.close()]);
  });
});
