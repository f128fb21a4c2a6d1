import { fixture, wcagViolations, startBrowser, URLS, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startBrowser([{ url: URLS.hsContact, body: fixture('hubspot-contact.html') }]);
});

afterAll(async () => {
  await h?.close();
});

describe('dashboard (options page)', () => {
  test('the name set in the dashboard is the actor of the next view, shown in the access log', async () => {
    const dash = await h.context.newPage();
    await dash.goto(`chrome-extension://${h.extensionId}/dashboard.html#overview`);
    await dash.getByLabel('Name or employee id').fill('Ana Ruiz');
    await dash.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dash.getByRole('status').innerText()).toContain('Saved');

    const crm = await h.context.newPage();
    await crm.goto(URLS.hsContact);
    await expect.poll(() => crm.locator('[data-cpg="badge"]').count()).toBe(1);

    await dash.goto(`chrome-extension://${h.extensionId}/dashboard.html#log`);
    const row = dash.getByTestId('events-table').locator('tbody tr').first();
    await expect.poll(() => row.innerText()).toContain('view');
    expect(await row.innerText()).toContain('Ana Ruiz');
    expect(await row.innerText()).toContain('501');
    expect(await wcagViolations(dash)).toEqual([]);

    await dash.goto(`chrome-extension://${h.extensionId}/dashboard.html#policy`);
    await expect.poll(() => dash.getByTestId('policy-identity').count()).toBe(1);
    expect(await wcagViolations(dash)).toEqual([]);
    await Promise.all([dash.close(), crm.close()]);
  });
});
