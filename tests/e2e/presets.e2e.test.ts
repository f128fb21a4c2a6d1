import { addDays, addMonths, format, subMonths } from 'date-fns';
import type { BrowserContext, Frame, Page, Worker } from 'playwright-core';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { launchWithExtension, routeFixtures } from '../../scripts/lib/chromium.mjs';
import { EXTENSION_DIR, fixture, readEvents, startBrowser, type Harness } from './harness';

/**
 * Issue 3, presets and custom domains:
 * - on a custom domain granted at runtime, the in-page record panel (popup.html) and the reveal
 *   dialog (reveal.html) load in their extension-origin frames, and a reveal with a reason is
 *   logged. Both pages are web-accessible to `https://*\/*` with `use_dynamic_url` (Chrome): pages
 *   can frame them only through the per-session dynamic URL, never the extension's fixed id.
 * - retention rules scoped to a preset's CRM (`crm: ["zoho"]`, `["dynamics365"]`) give their
 *   warning on that CRM's records.
 */

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  scripting: { getRegisteredContentScripts(f?: { ids?: string[] }): Promise<{ id: string; matches?: string[] }[]> };
};

const TODAY = new Date();
const CUSTOM_HOST = 'crm.acme-corp.example';
const CUSTOM = `https://${CUSTOM_HOST}/lightning/r/Contact/0035g00000AbCdEAAV/view`;
const BIRTH_KEY = 'sfdc:RecordField.Contact.Birthdate';

async function applyPolicy(context: BrowserContext, extensionId: string, policy: unknown): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/dashboard.html`);
  const answer = await page.evaluate((text) => chrome.runtime.sendMessage({ type: 'policy.apply', payload: { text, via: 'editor' } }), JSON.stringify(policy));
  expect(answer).toMatchObject({ ok: true });
  // What the dashboard does on load: (re)register the content script for the policy's granted hosts.
  expect(await page.evaluate(() => chrome.runtime.sendMessage({ type: 'sites.sync', payload: {} }))).toMatchObject({ ok: true });
  await page.close();
}

async function extensionFrame(page: Page, extensionId: string, file: string): Promise<Frame> {
  const find = () => page.frames().find((f) => f.url().startsWith(`chrome-extension://${extensionId}/${file}`)) ?? null;
  await expect.poll(find, { timeout: 10_000 }).not.toBeNull();
  const frame = find();
  if (!frame) throw new Error(`no ${file} frame`);
  return frame;
}

/** The `src` of every iframe in the page, closed shadow roots included (DevTools protocol: what no page script can read). */
async function iframeSources(context: BrowserContext, page: Page): Promise<string[]> {
  const cdp = await context.newCDPSession(page);
  type Node = { nodeName: string; attributes?: string[]; children?: Node[]; shadowRoots?: Node[] };
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: Node };
  const out: string[] = [];
  const walk = (n: Node): void => {
    if (n.nodeName === 'IFRAME') {
      const attrs = n.attributes ?? [];
      const i = attrs.indexOf('src');
      if (i >= 0) out.push(attrs[i + 1] ?? '');
    }
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c);
  };
  walk(root);
  await cdp.detach();
  return out;
}

describe('custom domain granted at runtime: the record panel and the reveal dialog load there', () => {
  test('badge → panel frame with the record; Show → reason dialog → revealed and logged; the static URL stays blocked', async () => {
    // Chrome's permission prompt cannot be answered from Playwright (microsoft/playwright#32755): a copy of the
    // build whose manifest already holds the host stands for "the user clicked Allow" (as in pages.e2e).
    const dir = mkdtempSync(join(tmpdir(), 'cpg-presets-granted-'));
    cpSync(EXTENSION_DIR, dir, { recursive: true });
    const manifestPath = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions: string[] };
    manifest.host_permissions.push(`https://${CUSTOM_HOST}/*`);
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const { context, extensionId } = await launchWithExtension({ extensionDir: dir, headless: true });
    try {
      await routeFixtures(context, [{ url: CUSTOM, body: fixture('sf-lex-contact.html') }]);
      await applyPolicy(context, extensionId, {
        ...DEFAULT_POLICY,
        policyVersion: '2026.1.1-custom-domain',
        sites: { customDomains: [{ host: CUSTOM_HOST, adapter: 'salesforce', org: 'acme' }] },
      });
      const sw = (): Worker | undefined => context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
      await expect
        .poll(async () => (await sw()?.evaluate(() => chrome.scripting.getRegisteredContentScripts({ ids: ['cpg-sites'] })))?.[0]?.matches)
        .toEqual([`https://${CUSTOM_HOST}/*`]);
      const h: Harness = {
        context,
        extensionId,
        sw: async () => sw() ?? (await context.waitForEvent('serviceworker')),
        close: () => context.close(),
      };

      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(CUSTOM);
      const badge = page.locator('[data-cpg="badge"]');
      await expect.poll(() => badge.count()).toBe(1);

      // The record panel: popup.html in an extension-origin frame, inside a closed shadow root.
      await badge.locator('button').click();
      const panel = await extensionFrame(page, extensionId, 'popup.html');
      await expect.poll(() => panel.getByTestId('record-title').innerText()).toBe('Ms. Jane Doe');
      expect(await page.evaluate(() => {
        const host = document.querySelector('[data-cpg="panel"]');
        return { host: host !== null, shadow: host?.shadowRoot ?? null, frames: document.querySelectorAll('iframe').length };
      })).toEqual({ host: true, shadow: null, frames: 0 });
      // The frame was loaded through the per-session dynamic URL, not the extension's fixed id.
      const sources = await iframeSources(context, page);
      expect(sources).toHaveLength(1);
      expect(sources[0]).toMatch(/^chrome-extension:\/\/[0-9a-f-]{36}\/popup\.html\?tab=\d+&embed=1&lang=en$/);
      expect(sources[0]).not.toContain(extensionId);
      await badge.locator('button').click();
      await expect.poll(() => page.locator('[data-cpg="panel"]').count()).toBe(0);

      // Reveal with a reason: the dialog frame loads on this host too, and the reveal is logged.
      const value = page.locator(`[data-target-selection-name="${BIRTH_KEY}"] [data-cpg-masked]`);
      await expect.poll(() => value.getAttribute('data-cpg-masked')).toBe('true');
      const before = (await readEvents(h)).length;
      await page.locator(`[data-cpg="mask"][data-cpg-field="${BIRTH_KEY}"] button`).click();
      const dialog = await extensionFrame(page, extensionId, 'reveal.html');
      await dialog.getByLabel('Contract follow-up').check();
      // The click closes the dialog, and its frame with it: the outcome is checked on the page.
      void dialog.getByRole('button', { name: 'Show for 30 s' }).click().catch(() => undefined);
      await expect.poll(() => value.getAttribute('data-cpg-masked')).toBe('false');
      const reveals = (await readEvents(h)).slice(before).filter((e) => e.action === 'reveal');
      expect(reveals).toHaveLength(1);
      expect(reveals[0]).toMatchObject({ recordKey: 'sf:acme:Contact:0035g00000AbCdEAAV', fields: [BIRTH_KEY], reason: 'contract-follow-up' });
      expect(JSON.stringify(reveals)).not.toContain('5/17/1984');

      // A page that frames the extension's fixed URL gets Chromium's block page, not the dialog.
      await page.evaluate((id) => {
        const frame = document.createElement('iframe');
        frame.src = `chrome-extension://${id}/reveal.html?tab=1&field=x&label=x`;
        document.body.append(frame);
      }, extensionId);
      await expect.poll(() => page.frames().some((f) => f.url().startsWith('chrome-error://'))).toBe(true);
      expect(page.frames().filter((f) => f.url().startsWith(`chrome-extension://${extensionId}/reveal.html`))).toHaveLength(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('retention rules scoped to a preset CRM', () => {
  const D365_LEAD =
    'https://contoso.crm4.dynamics.com/main.aspx?appid=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0&pagetype=entityrecord&etn=lead&id=7c2c1a3e-0f6d-4e1a-9c8b-7d6e5f4a3b2d';
  const ZOHO = 'https://crm.zoho.eu/crm/org20071234/tab/Contacts/5725767000000466003';
  /** Created 36 months before a day `days` from now: a 36-month period ending then. */
  const created = (days: number): Date => addDays(subMonths(TODAY, 36), days);

  const rule = (id: string, appliesTo: object, action: string, en: string) => ({
    id,
    label: { en, fr: en },
    appliesTo,
    clock: { fields: [], fallback: ['created'] },
    maxAgeMonths: 36,
    warnDays: 30,
    action,
    legalRef: 'CNIL, référentiel gestion commerciale (2026)',
  });
  const policy = {
    ...DEFAULT_POLICY,
    policyVersion: '2026.1.1-preset-retention',
    retention: [
      ...DEFAULT_POLICY.retention,
      // Would win on any record if the crm filter were ignored: one month, for every lifecycle.
      { ...rule('salesforce-any', { crm: ['salesforce'], lifecycle: 'any' }, 'review', 'Salesforce records'), maxAgeMonths: 1 },
      rule('zoho-contacts', { crm: ['zoho'], objects: ['Contacts'], lifecycle: 'any' }, 'anonymise', 'Zoho contacts'),
      rule('d365-leads', { crm: ['dynamics365'], objects: ['lead'], lifecycle: 'prospect' }, 'delete', 'Dynamics 365 leads'),
    ],
  };

  /** The Zoho contact (crm-dom.md §2 Lyte markup) with a Created_Time value, in the page's fr format. */
  const zohoPage = (): string =>
    fixture('zoho-contact.html').replace(
      '</div></lyte-yield>',
      ` <div class="cxFieldRow"><span class="cxFieldLabel">Heure de création</span>
  <crux-date-time-component data-zcqa="value_Created_Time"><span class="cxElemCompViewWrap">${format(created(12), 'dd/MM/yyyy')} 10:15</span></crux-date-time-component></div>
</div></lyte-yield>`,
    );
  /** The Dynamics form (crm-dom.md §2 UCI markup) with its Created On value, en-US. */
  const d365Page = (): string =>
    fixture('d365-contact.html').replace(
      ' </section>',
      `  <div data-id="createdon-FieldSectionItemContainer"><label id="id-createdon-field-label">Created On</label>
   <input data-id="createdon.fieldControl-date-time-input" type="text" value="${format(created(-4), 'M/d/yyyy')} 9:00 AM" aria-label="Created On"></div>
 </section>`,
    );

  let h: Harness;
  beforeAll(async () => {
    h = await startBrowser([
      { url: ZOHO, body: zohoPage },
      { url: new RegExp(`^${D365_LEAD.replace(/[.?]/g, '\\$&')}$`), body: d365Page },
    ]);
    await applyPolicy(h.context, h.extensionId, policy);
  });
  afterAll(async () => {
    await h?.close();
  });

  test.each([
    ['Zoho CRM contact', ZOHO, 'zoho-contacts', 'due-soon', 'anonymise', created(12), 'Zoho contacts'],
    ['Dynamics 365 lead', D365_LEAD, 'd365-leads', 'overdue', 'delete', created(-4), 'Dynamics 365 leads'],
  ] as const)('%s: the warning comes from the rule scoped to that CRM', async (_name, url, ruleId, state, action, createdOn, label) => {
    const page = await h.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    const warning = page.locator('[data-cpg="retention"]');
    await expect.poll(() => warning.getAttribute('data-cpg-state'), { timeout: 10_000 }).toBe(state);
    expect(await warning.getAttribute('data-cpg-rule')).toBe(ruleId);
    expect(await warning.getAttribute('data-cpg-action')).toBe(action);
    expect(await warning.getAttribute('data-cpg-expires')).toBe(format(addMonths(createdOn, 36), 'yyyy-MM-dd'));
    expect(await warning.innerText()).toContain(label);
    expect(await page.evaluate(() => document.querySelector('[data-cpg="badge"]')?.nextElementSibling?.getAttribute('data-cpg'))).toBe('retention');
    expect(errors).toEqual([]);
    await page.close();
  });
});
