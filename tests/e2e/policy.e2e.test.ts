import { createHash } from 'node:crypto';
import { format, subMonths } from 'date-fns';
import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Route } from 'playwright-core';
import { normaliseSalesforceId } from '@/lib/crm/salesforce-id';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import type { Policy } from '@/lib/policy/schema';
import { generateSigningKey, signPolicyText } from '@/lib/policy/signing';
import { EXTENSION_DIR, fixture, openPopup, readEvents, wcagViolations, startBrowser, tabIdOf, URLS, type Harness } from './harness';
import { leadWithLastActivity } from './lead-fixture';

/**
 * Enterprise-managed policy in real Chromium: on Linux, Chromium reads machine policy from
 * /etc/chromium/policies/managed/*.json, and `3rdparty.extensions.<id>` becomes that extension's
 * storage.managed. These tests run as root (as `npm test` does in CI) and remove their file after.
 * The file names only this build's extension id (derived from its folder), so other builds and
 * browsers on the machine are not affected.
 */
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = path.join(POLICY_DIR, `cpg-e2e-${process.pid}.json`);
const BUNDLE_URL = 'https://policy.example.test/crm-privacy-guard/policy.signed.json';

/** Chromium's id for an unpacked extension: SHA-256 of its absolute path, first 32 hex digits as a–p. */
function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode('a'.charCodeAt(0) + parseInt(c, 16))).join('');
}

function writeManaged(value: Record<string, unknown>): void {
  if (process.getuid?.() !== 0) throw new Error(`These tests write ${POLICY_DIR} and must run as root (sudo npm test).`);
  mkdirSync(POLICY_DIR, { recursive: true });
  writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [unpackedExtensionId(EXTENSION_DIR)]: value } } }));
}

/** A Salesforce lead whose Last Activity was 13 months ago: fine under the default 36-month rule, overdue under 12 months. */
const LEAD_URL = 'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000LeAd9/view';
function leadLastActiveThirteenMonthsAgo(): string {
  return leadWithLastActivity(format(subMonths(new Date(), 13), 'M/d/yyyy'));
}

function policy(over: Partial<Policy>): Policy {
  return { ...structuredClone(DEFAULT_POLICY), ...over };
}

interface Status {
  active: { policyVersion: string; source: string; signer?: string };
  managed: { locked: boolean; managedBy?: string };
  url: { lastOutcome?: string; lastError?: string } | null;
}

/** Asks the background from an extension page, as the dashboard does. */
async function status(page: Page): Promise<Status> {
  return page.evaluate(async () => {
    const answer = (await (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data: unknown }> } } }).chrome.runtime.sendMessage({ type: 'policy.status', payload: {} }));
    return answer.data as Status;
  });
}

async function refresh(page: Page): Promise<Status> {
  return page.evaluate(async () => {
    const answer = (await (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data: unknown }> } } }).chrome.runtime.sendMessage({ type: 'policy.refresh', payload: {} }));
    return answer.data as Status;
  });
}

// Folders this run creates are removed again when it ends (only if they are empty then).
const CREATED = ['/etc/chromium/policies', POLICY_DIR].filter((dir) => !existsSync(dir));

afterEach(() => {
  rmSync(POLICY_FILE, { force: true });
});

afterAll(() => {
  for (const dir of [...CREATED].reverse()) {
    if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
  }
});

describe('enterprise-managed policy (storage.managed from Chromium machine policy)', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  test('the managed policy is in force, local edits are locked and the UI says who manages it; unapproved instances get the banner', async () => {
    const managedPolicy = policy({
      policyVersion: '2026.12.1',
      name: 'Acme policy (managed)',
      effectiveDate: '2026-12-01',
      approvedInstances: [{ crm: 'salesforce', org: 'acme', region: 'eu', dpaRef: 'DPA-2026-001', reviewDate: '2027-06-30' }],
    });
    writeManaged({ managedBy: 'Acme IT', policyJson: JSON.stringify(managedPolicy) });
    h = await startBrowser([
      { url: URLS.hsContact, body: fixture('hubspot-contact.html') },
      { url: URLS.sfContact, body: fixture('sf-lex-contact.html') },
    ]);

    const dash = await h.context.newPage();
    await dash.goto(`chrome-extension://${h.extensionId}/dashboard.html#policy`);
    await expect.poll(async () => (await status(dash)).active.source, { timeout: 15_000 }).toBe('managed');
    const s = await status(dash);
    expect(s.active.policyVersion).toBe('2026.12.1');
    expect(s.managed).toMatchObject({ locked: true, managedBy: 'Acme IT' });

    await dash.reload();
    await expect.poll(() => dash.getByTestId('policy-lock').innerText()).toContain('Managed by Acme IT');
    expect(await dash.getByTestId('policy-identity').innerText()).toContain('2026.12.1');
    expect(await dash.getByRole('button', { name: 'Review changes' }).isDisabled()).toBe(true);
    expect(await dash.getByTestId('policy-file').isDisabled()).toBe(true);
    expect(await wcagViolations(dash)).toEqual([]);

    // Even a hand-made message cannot change a locked policy.
    const refused = await dash.evaluate(async (text) => {
      const chrome = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; error?: { code: string; message: string } }> } } }).chrome;
      return chrome.runtime.sendMessage({ type: 'policy.apply', payload: { text, via: 'editor' } });
    }, JSON.stringify(policy({ policyVersion: '2026.12.2', effectiveDate: '2026-12-02' })));
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toBe('forbidden');
    expect(refused.error?.message).toContain('Acme IT');
    expect((await status(dash)).active.policyVersion).toBe('2026.12.1');

    // Unapproved HubSpot portal: banner, logged once per day however many visits.
    const crm = await h.context.newPage();
    await crm.goto(URLS.hsContact);
    await expect.poll(() => crm.locator('[data-cpg="banner"]').count()).toBe(1);
    expect(await crm.locator('[data-cpg="banner"]').getAttribute('data-cpg-state')).toBe('not-approved');
    expect(await crm.locator('[data-cpg="banner"]').evaluate((el) => el.shadowRoot?.textContent ?? '')).toContain('This CRM instance is not approved by your organisation');
    // The banner alone (an open root at the top of the page): the HubSpot fixture's own markup is the page's.
    expect(await wcagViolations(crm, '[data-cpg="banner"]')).toEqual([]);
    await crm.reload();
    await expect.poll(() => crm.locator('[data-cpg="banner"]').count()).toBe(1);
    // Approved Salesforce org: no banner.
    const sf = await h.context.newPage();
    await sf.goto(URLS.sfContact);
    await expect.poll(() => sf.locator('[data-cpg="badge"]').count()).toBe(1);
    expect(await sf.locator('[data-cpg="banner"]').count()).toBe(0);

    const events = await readEvents(h);
    const changed = events.filter((e) => e.action === 'policy-changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]?.detail).toContain('from=2026.1.0;to=2026.12.1;source=managed');
    const unapproved = events.filter((e) => e.action === 'instance-unapproved');
    expect(unapproved).toHaveLength(1);
    expect(unapproved[0]).toMatchObject({ recordKey: '', fields: [] });

    // The popup says where the policy comes from.
    const popup = await openPopup(h, await tabIdOf(h, URLS.sfContact));
    await expect.poll(() => popup.getByTestId('policy-line').innerText()).toContain('2026.12.1');
    expect(await popup.getByTestId('policy-line').innerText()).toContain('managed by your organisation');
    expect(await popup.getByTestId('policy-lock').innerText()).toContain('Acme IT');
  });

  test('a signed bundle from the managed URL: ETag revalidation, and a bad signature keeps the last good policy', async () => {
    const key = await generateSigningKey();
    const good = policy({ policyVersion: '2026.12.5', name: 'Acme policy (URL)', effectiveDate: '2026-12-05' });
    const goodBundle = JSON.stringify(await signPolicyText(JSON.stringify(good), key.signingKey, key.keyId));
    const tampered = JSON.parse(goodBundle) as { policy: string };
    tampered.policy = tampered.policy.replace('"logRetentionDays":365', '"logRetentionDays":366');
    expect(tampered.policy).toContain('366');

    const seen: { ifNoneMatch: string | null }[] = [];
    let next: 'good' | 'not-modified' | 'tampered' = 'good';
    writeManaged({ managedBy: 'Acme IT', policyUrl: BUNDLE_URL, publicKey: key.publicKey, refreshMinutes: 60 });
    h = await startBrowser([{ url: URLS.hsContact, body: fixture('hubspot-contact.html') }]);
    // Registered after the fixture routes, so it runs first; it also sees the service worker's fetch.
    await h.context.route(BUNDLE_URL, async (route: Route) => {
      const headers = await route.request().allHeaders();
      seen.push({ ifNoneMatch: headers['if-none-match'] ?? null });
      const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'ETag' };
      if (next === 'not-modified') return route.fulfill({ status: 304, headers: { ...cors, ETag: '"v1"' } });
      const body = next === 'good' ? goodBundle : JSON.stringify(tampered);
      return route.fulfill({ status: 200, contentType: 'application/json', headers: { ...cors, ETag: next === 'good' ? '"v1"' : '"v3"' }, body });
    });

    const dash = await h.context.newPage();
    await dash.goto(`chrome-extension://${h.extensionId}/dashboard.html#policy`);
    // The start-up fetch may have run before the route existed (and failed): ask again.
    await expect
      .poll(async () => (await refresh(dash)).active.policyVersion, { timeout: 15_000 })
      .toBe('2026.12.5');
    let s = await status(dash);
    expect(s.active).toMatchObject({ source: 'url', signer: key.keyId });
    expect(s.managed.locked).toBe(true);

    next = 'not-modified';
    s = await refresh(dash);
    expect(seen[seen.length - 1]?.ifNoneMatch).toBe('"v1"');
    expect(s.url?.lastOutcome).toBe('unchanged');
    expect(s.active.policyVersion).toBe('2026.12.5');

    next = 'tampered';
    s = await refresh(dash);
    expect(s.url?.lastOutcome).toBe('failed');
    expect(s.url?.lastError).toContain('signature does not verify');
    expect(s.active.policyVersion).toBe('2026.12.5');

    await dash.reload();
    await expect.poll(() => dash.getByTestId('policy-url-status').innerText()).toContain('signature does not verify');
    const urlStatus = await dash.getByTestId('policy-url-status').innerText();
    expect(urlStatus).toContain('The last good policy stays in force.');
    expect(urlStatus.match(/stays in force/gi)).toHaveLength(1); // said once, not by the reason and again by the page
    expect(await dash.getByTestId('policy-identity').innerText()).toContain(key.keyId);
    const changed = (await readEvents(h)).filter((e) => e.action === 'policy-changed');
    expect(changed.map((e) => e.detail)).toEqual([`from=2026.1.0;to=2026.12.5;source=url;via=url;signer=${key.keyId}`]);
  });
});

describe('local import from the dashboard (not managed)', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  test('a policy applied from the dashboard reaches an open CRM tab at once: what it masks now is masked without a reload', async () => {
    h = await startBrowser([{ url: URLS.sfContact, body: fixture('sf-lex-contact.html') }]);
    const crm = await h.context.newPage();
    await crm.goto(URLS.sfContact);
    // The fixture keeps a stale page before the active one (crm-dom.md §4): the active page's field is the last.
    const email = crm.locator('[data-target-selection-name="sfdc:RecordField.Contact.Email"] [slot="outputField"]').last();
    // A fresh browser: the field is checked once the new worker has opened its database and sent the policy
    // (past expect.poll's default 1 s under load).
    await expect.poll(() => email.getAttribute('data-cpg-checked'), { timeout: 10_000 }).toBe('');
    expect(await email.getAttribute('data-cpg-masked')).toBeNull();
    const dash = await h.context.newPage();
    await dash.goto(`chrome-extension://${h.extensionId}/dashboard.html#policy`);
    const apply = (p: Policy) =>
      dash.evaluate(async (text) => {
        const chrome = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data: { applied: boolean } }> } } }).chrome;
        return chrome.runtime.sendMessage({ type: 'policy.apply', payload: { text, via: 'editor' } });
      }, JSON.stringify(p));
    // The email detector on: the open tab masks the address.
    const strict = policy({ policyVersion: '2026.2.0', masking: { ...DEFAULT_POLICY.masking, detectors: { ...DEFAULT_POLICY.masking.detectors, email: true } } });
    expect((await apply(strict)).data.applied).toBe(true);
    await expect.poll(() => email.getAttribute('data-cpg-masked'), { timeout: 5000 }).toBe('true');
    expect(await email.evaluate((el) => el.previousElementSibling?.getAttribute('data-cpg'))).toBe('mask');
    // And off again: the address shows, the birth date stays masked.
    expect((await apply(policy({ policyVersion: '2026.3.0' }))).data.applied).toBe(true);
    await expect.poll(() => email.getAttribute('data-cpg-masked'), { timeout: 5000 }).toBeNull();
    expect(await crm.locator('[data-target-selection-name="sfdc:RecordField.Contact.Birthdate"] [slot="outputField"]').last().getAttribute('data-cpg-masked')).toBe('true');
    await Promise.all([crm.close(), dash.close()]);
  });

  test('a retention period shortened in the dashboard re-judges an open record tab without a reload, and logs no new view', async () => {
    h = await startBrowser([{ url: LEAD_URL, body: leadLastActiveThirteenMonthsAgo }]);
    const crm = await h.context.newPage();
    await crm.goto(LEAD_URL);
    const warning = crm.locator('[data-cpg="retention"]');
    await expect.poll(() => crm.locator('[data-cpg="badge"]').count()).toBe(1);
    // Under the default policy (36 months) this lead is fine: the feature decides, and says nothing.
    await crm.waitForTimeout(1500);
    expect(await warning.count()).toBe(0);
    const views = async () => (await readEvents(h!)).filter((e) => e.action === 'view').length;
    const viewsBefore = await views();
    expect(viewsBefore).toBe(1);
    // A mark on the page's window: a reload would lose it.
    await crm.evaluate(() => ((window as unknown as { cpgNoReload?: boolean }).cpgNoReload = true));

    // The compliance lead shortens the prospects' period to 12 months in the policy form.
    const dash = await h.context.newPage();
    await dash.goto(`chrome-extension://${h.extensionId}/dashboard.html#policy`);
    await expect.poll(() => dash.getByTestId('policy-form').count()).toBe(1);
    await dash.getByLabel('Policy version').fill('2026.2.0');
    await dash.getByRole('spinbutton', { name: 'Prospects and leads', exact: true }).fill('12');
    await expect.poll(() => dash.getByTestId('policy-validation').innerText()).toContain('Valid policy.');
    await dash.getByRole('button', { name: 'Review changes' }).click();
    await expect.poll(() => dash.getByTestId('policy-diff').innerText()).toContain('Retention “prospects”: 36 months → 12 months');
    await dash.getByRole('button', { name: 'Apply this policy' }).click();
    await expect.poll(() => dash.getByTestId('policy-notice').innerText()).toContain('Policy 2026.2.0 is now in force.');

    // The open tab says so at once: overdue by the new rule, in the same page (no reload).
    // Read without waiting for the element (a locator's getAttribute would wait for it past the poll's timeout).
    const state = () => crm.evaluate(() => document.querySelector('[data-cpg="retention"]')?.getAttribute('data-cpg-state') ?? null);
    await expect.poll(state, { timeout: 5000 }).toBe('overdue');
    expect(await warning.getAttribute('data-cpg-rule')).toBe('prospects');
    expect(await warning.innerText()).toContain('the period ended on');
    expect(await crm.evaluate(() => (window as unknown as { cpgNoReload?: boolean }).cpgNoReload)).toBe(true);
    expect(await crm.locator('[data-cpg="badge"]').count()).toBe(1);

    // Back to 36 months (applied as the editor does): the warning goes again.
    const back = policy({ policyVersion: '2026.3.0' });
    const applied = await dash.evaluate(async (text) => {
      const chrome = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data: { applied: boolean } }> } } }).chrome;
      return chrome.runtime.sendMessage({ type: 'policy.apply', payload: { text, via: 'editor' } });
    }, JSON.stringify(back));
    expect(applied.data.applied).toBe(true);
    await expect.poll(() => warning.count(), { timeout: 5000 }).toBe(0);

    // Two policy changes, and not one more view: the tab's features were not restarted.
    const events = await readEvents(h);
    expect(events.filter((e) => e.action === 'policy-changed')).toHaveLength(2);
    expect(await views()).toBe(viewsBefore);
    await Promise.all([crm.close(), dash.close()]);
  });

  test('a purpose renamed in the policy is renamed on an open record tab’s badge without a reload, and logs no new view', async () => {
    h = await startBrowser([{ url: URLS.sfContact, body: fixture('sf-lex-contact.html') }]);
    const crm = await h.context.newPage();
    await crm.goto(URLS.sfContact);
    const badge = crm.locator('[data-cpg="badge"]');
    await expect.poll(() => badge.count()).toBe(1);
    const dash = await h.context.newPage();
    await dash.goto(`chrome-extension://${h.extensionId}/dashboard.html#policy`);
    const send = (type: string, payload: unknown) =>
      dash.evaluate(async (m) => {
        const chrome = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data: { applied?: boolean } }> } } }).chrome;
        return chrome.runtime.sendMessage(m);
      }, { type, payload });
    // The newsletter consent by email, given then withdrawn: the badge names the purpose by the policy's label.
    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const target = { tabId: await tabIdOf(h, URLS.sfContact), key: 'sf:acme:Contact:0035g00000AbCdEAAV' };
    expect((await send('consent.give', { ...target, purposeId: 'newsletter', channels: ['email'], method: 'form', wording: 'Sign-up form', givenOn: today })).ok).toBe(true);
    expect((await send('consent.withdraw', { ...target, purposeId: 'newsletter', channel: 'email', method: 'email', withdrawnOn: today })).ok).toBe(true);
    await expect.poll(() => badge.innerText()).toContain('no longer: Newsletter by email');
    const views = async () => (await readEvents(h!)).filter((e) => e.action === 'view').length;
    const viewsBefore = await views();
    expect(viewsBefore).toBe(1);
    await crm.evaluate(() => ((window as unknown as { cpgNoReload?: boolean }).cpgNoReload = true));

    const renamed = policy({
      policyVersion: '2026.2.0',
      purposes: DEFAULT_POLICY.purposes.map((p) => (p.id === 'newsletter' ? { ...p, label: { en: 'Monthly letter', fr: 'Lettre mensuelle' } } : p)),
    });
    expect((await send('policy.apply', { text: JSON.stringify(renamed), via: 'editor' })).data.applied).toBe(true);
    await expect.poll(() => badge.innerText(), { timeout: 5000 }).toContain('no longer: Monthly letter by email');
    expect(await badge.getAttribute('data-cpg-state')).toBe('consent-withdrawn');
    expect(await crm.evaluate(() => (window as unknown as { cpgNoReload?: boolean }).cpgNoReload)).toBe(true);
    expect(await views()).toBe(viewsBefore);
    await Promise.all([crm.close(), dash.close()]);
  });

  test('a retention period shortened in the policy turns an open list view’s row from ok to overdue without a reload, and logs no new view', async () => {
    // A Lead list showing the lead (the contact list markup with the lead's id in the first row).
    const lead = normaliseSalesforceId('00Q5g00000LeAd9') ?? '';
    const leadList = 'https://acme.lightning.force.com/lightning/o/Lead/list';
    h = await startBrowser([
      { url: LEAD_URL, body: leadLastActiveThirteenMonthsAgo },
      { url: leadList, body: fixture('sf-lex-contact-list.html').replaceAll('0035g00000AbCdEAAV', lead) },
    ]);
    const harness = h;
    // The lead's page judged it under the default policy (36 months: ok) and the verdict was stored; then closed.
    const rec = await h.context.newPage();
    await rec.goto(LEAD_URL);
    await expect.poll(() => rec.locator('[data-cpg="badge"]').count()).toBe(1);
    const storedVerdict = () =>
      harness.sw().then((worker) =>
        worker.evaluate(
          (key) =>
            new Promise<string | null>((resolve, reject) => {
              const open = indexedDB.open('crm-privacy-guard');
              open.onerror = () => reject(open.error);
              open.onsuccess = () => {
                const get = open.result.transaction('meta').objectStore('meta').get(key);
                get.onsuccess = () => resolve((get.result as { value?: { state?: string } } | undefined)?.value?.state ?? null);
                get.onerror = () => reject(get.error);
              };
            }),
          `retention:sf:acme:Lead:${lead}`,
        ),
      );
    await expect.poll(storedVerdict).toBe('ok');
    await rec.close();

    const list = await h.context.newPage();
    await list.goto(leadList);
    const row = list.locator(`[data-cpg="row"][data-cpg-key="sf:acme:Lead:${lead}"]`);
    await expect.poll(() => row.getAttribute('data-cpg-retention')).toBe('ok');
    const markers = await list.locator('[data-cpg="row"]').count();
    const views = async () => (await readEvents(harness)).filter((e) => e.action === 'view').length;
    const viewsBefore = await views();
    // A mark on the page's window (a reload would lose it), and every state the markers go through from now on.
    await list.evaluate(() => {
      const w = window as unknown as { cpgNoReload?: boolean; cpgStates?: string[] };
      w.cpgNoReload = true;
      w.cpgStates = [];
      const observer = new MutationObserver((records) => {
        for (const r of records) w.cpgStates?.push((r.target as Element).getAttribute('data-cpg-state') ?? '(none)');
      });
      for (const m of document.querySelectorAll('[data-cpg="row"]')) observer.observe(m, { attributes: true, attributeFilter: ['data-cpg-state'] });
    });

    // The prospects' period shortened to 12 months: the lead, last active 13 months ago, is overdue.
    const dash = await h.context.newPage();
    await dash.goto(`chrome-extension://${h.extensionId}/dashboard.html#policy`);
    const shorter = policy({ policyVersion: '2026.2.0', retention: DEFAULT_POLICY.retention.map((r) => (r.id === 'prospects' ? { ...r, maxAgeMonths: 12 } : r)) });
    const applied = await dash.evaluate(async (text) => {
      const chrome = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data: { applied: boolean } }> } } }).chrome;
      return chrome.runtime.sendMessage({ type: 'policy.apply', payload: { text, via: 'editor' } });
    }, JSON.stringify(shorter));
    expect(applied.data.applied).toBe(true);

    // The open list says so at once, in the same page, on the same marker.
    await expect.poll(() => row.getAttribute('data-cpg-retention'), { timeout: 5000 }).toBe('overdue');
    expect(await row.innerText()).toContain('retention period over');
    expect(await list.locator('[data-cpg="row"]').count()).toBe(markers);
    const page = await list.evaluate(() => {
      const w = window as unknown as { cpgNoReload?: boolean; cpgStates?: string[] };
      return { noReload: w.cpgNoReload, states: w.cpgStates };
    });
    expect(page.noReload).toBe(true);
    // Repainted in place: no marker went back to "pending" on the way.
    expect(page.states).toBeDefined();
    expect(page.states).not.toContain('pending');
    expect(await views()).toBe(viewsBefore);
    await Promise.all([list.close(), dash.close()]);
  });

  test('edit in the form, see the diff, apply, then roll back; a hostile file changes nothing', async () => {
    h = await startBrowser([{ url: URLS.hsContact, body: fixture('hubspot-contact.html') }]);
    const dash = await h.context.newPage();
    await dash.goto(`chrome-extension://${h.extensionId}/dashboard.html#policy`);
    await expect.poll(() => dash.getByTestId('policy-form').count()).toBe(1);
    await dash.getByLabel('Policy version').fill('2026.2.0');
    await dash.getByLabel('Keep the access log (days)').fill('400');
    const keys = dash.getByLabel('Masked field keys (one per line)');
    await keys.fill(`${await keys.inputValue()}\nEmail`);
    await expect.poll(() => dash.getByTestId('policy-validation').innerText()).toContain('Valid policy.');
    await dash.getByRole('button', { name: 'Review changes' }).click();
    const diff = dash.getByTestId('policy-diff');
    await expect.poll(() => diff.innerText()).toContain('Version 2026.1.0 → 2026.2.0');
    expect(await diff.innerText()).toContain('Access log kept 365 → 400 days');
    expect(await diff.innerText()).toContain('Becomes masked: field Email');
    await dash.getByRole('button', { name: 'Apply this policy' }).click();
    await expect.poll(() => dash.getByTestId('policy-notice').innerText()).toContain('Policy 2026.2.0 is now in force.');
    await expect.poll(() => dash.getByTestId('policy-identity').innerText()).toContain('2026.2.0');

    // JSON tab: errors as you type, pointing at the field.
    await dash.getByRole('tab', { name: 'JSON' }).click();
    const json = dash.getByTestId('policy-json');
    const text = await json.inputValue();
    await json.fill(text.replace('"logRetentionDays": 400', '"logRetentionDays": "forever"'));
    await expect.poll(() => dash.getByTestId('policy-validation').innerText()).toContain('logRetentionDays');
    expect(await dash.getByRole('button', { name: 'Review changes' }).isDisabled()).toBe(true);

    // A hostile file (catastrophic regex, __proto__) is refused with paths; nothing changes.
    const hostile = JSON.parse(text) as Record<string, unknown>;
    hostile['policyVersion'] = '2026.3.0';
    hostile['approvedInstances'] = [{ crm: 'salesforce', orgPattern: '^(a+)+$', region: 'eu', dpaRef: 'D-1', reviewDate: '2027-01-01' }];
    const refused = await dash.evaluate(async (t) => {
      const chrome = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data: { applied: boolean; errors?: { path: string; message: string }[] } }> } } }).chrome;
      return chrome.runtime.sendMessage({ type: 'policy.apply', payload: { text: t, via: 'file' } });
    }, JSON.stringify(hostile));
    expect(refused.data.applied).toBe(false);
    expect(refused.data.errors?.[0]?.path).toBe('approvedInstances[0].orgPattern');
    expect(refused.data.errors?.[0]?.message).toContain('only linear-time patterns or plain labels');
    expect((await status(dash)).active.policyVersion).toBe('2026.2.0');

    // Roll back to the default from the history.
    await dash.reload();
    await dash.getByRole('button', { name: 'Roll back to 2026.1.0' }).click();
    await expect.poll(() => dash.getByTestId('policy-history').locator('..').getByTestId('policy-diff').innerText()).toContain('2026.2.0 → 2026.1.0');
    await dash.getByRole('button', { name: 'Roll back to 2026.1.0' }).last().click();
    await expect.poll(async () => (await status(dash)).active).toMatchObject({ policyVersion: '2026.1.0', source: 'import' });
    // The dashboard says so once it has read the policy again (scan what the user then sees).
    await expect.poll(() => dash.getByTestId('policy-notice').innerText()).toContain('Policy 2026.1.0 is now in force.');
    await expect.poll(() => dash.getByTestId('policy-identity').innerText()).toContain('2026.1.0');
    expect(await wcagViolations(dash)).toEqual([]);
    const changed = (await readEvents(h)).filter((e) => e.action === 'policy-changed').map((e) => e.detail);
    expect(changed).toEqual(['from=2026.1.0;to=2026.2.0;source=import;via=editor', 'from=2026.2.0;to=2026.1.0;source=import;via=rollback']);
  });
});
