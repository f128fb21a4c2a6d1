import { DEFAULT_POLICY } from '@/lib/policy/default';
import { findApproval, instanceOfUrl, instanceVerdict, overdueApprovals, type ApprovedInstance } from '@/lib/policy/instances';
import { checkPattern } from '@/lib/policy/safe-regex';
import { content, makeEnv } from './harness';

const LIST: ApprovedInstance[] = [
  { crm: 'salesforce', org: 'acme', region: 'eu', dpaRef: 'DPA-1', reviewDate: '2027-06-30' },
  { crm: 'salesforce', orgPattern: '^acme--[a-z0-9]+$', region: 'eu', dpaRef: 'DPA-1', reviewDate: '2026-01-31' },
  { crm: 'hubspot', org: '123456', region: 'eu', dpaRef: 'DPA-2', reviewDate: '2027-01-01' },
];

describe('approved CRM instances', () => {
  test('URLs give the instance: Salesforce My Domain (sandboxes kept apart), HubSpot portal and data centre', () => {
    expect(instanceOfUrl('https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view')).toEqual({ crm: 'salesforce', org: 'acme' });
    expect(instanceOfUrl('https://acme--uat.sandbox.lightning.force.com/lightning/page/home')).toEqual({ crm: 'salesforce', org: 'acme--uat' });
    expect(instanceOfUrl('https://acme.my.salesforce.com/')).toEqual({ crm: 'salesforce', org: 'acme' });
    expect(instanceOfUrl('https://app-eu1.hubspot.com/contacts/123456/record/0-1/501')).toEqual({ crm: 'hubspot', org: '123456', region: 'eu' });
    expect(instanceOfUrl('https://app.hubspot.com/contacts/123456/objects/0-1/views/all/list')).toEqual({ crm: 'hubspot', org: '123456', region: 'us' });
    expect(instanceOfUrl('https://app.hubspot.com/')).toBeNull();
    expect(instanceOfUrl('http://acme.lightning.force.com/')).toBeNull();
    expect(instanceOfUrl('not a url')).toBeNull();
  });

  test('matching: exact org (any case), a safe pattern, and the HubSpot data centre must agree', () => {
    expect(findApproval(LIST, { crm: 'salesforce', org: 'ACME' })?.dpaRef).toBe('DPA-1');
    expect(findApproval(LIST, { crm: 'salesforce', org: 'acme--uat' })?.reviewDate).toBe('2026-01-31');
    expect(findApproval(LIST, { crm: 'salesforce', org: 'globex' })).toBeNull();
    expect(findApproval(LIST, { crm: 'hubspot', org: '123456', region: 'eu' })).not.toBeNull();
    // The same portal id served from the US data centre is not what the DPA covers.
    expect(findApproval(LIST, { crm: 'hubspot', org: '123456', region: 'us' })).toBeNull();
  });

  test('verdicts: no list means no check (the default policy shows no banner)', () => {
    expect(DEFAULT_POLICY.approvedInstances).toBeUndefined();
    expect(instanceVerdict(undefined, { crm: 'salesforce', org: 'x' })).toBe('no-list');
    expect(instanceVerdict(LIST, null)).toBe('unknown');
    expect(instanceVerdict(LIST, { crm: 'salesforce', org: 'acme' })).toBe('approved');
    expect(instanceVerdict([], { crm: 'salesforce', org: 'acme' })).toBe('not-approved');
  });

  test('approvals past their review date', () => {
    expect(overdueApprovals(LIST, Date.UTC(2026, 11, 10)).map((a) => a.orgPattern)).toEqual(['^acme--[a-z0-9]+$']);
    expect(overdueApprovals(undefined, Date.UTC(2030, 0, 1))).toEqual([]);
  });
});

describe('regular expressions: linear-time only', () => {
  test.each(['^acme$', '^acme(--[a-z0-9]+)?$', '[a-z0-9-]+', '^\\d{6,9}$', 'a*b*', '^(?:eu|us)-[0-9]+$', '\\p{L}+'])('accepted: %s', (p) => {
    expect(checkPattern(p)).toEqual({ ok: true });
  });
  test.each([
    ['(a+)+', 'backtrack catastrophically'],
    ['^(a|aa)*$', 'backtrack catastrophically'],
    ['(x*y*)*', 'backtrack catastrophically'],
    ['((ab)+c)+', 'backtrack catastrophically'],
    ['^(a)\\1$', 'backreferences'],
    ['(?<n>a)\\k<n>', 'backreferences'],
    ['a(?!b)', 'lookahead'],
    ['(?<=a)b', 'lookahead'],
    ['a{1,5000}', 'repetition'],
    ['(', 'not a valid regular expression'],
    ['x'.repeat(201), 'too long'],
  ])('refused: %s', (p, why) => {
    const verdict = checkPattern(p);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.reason).toContain(why);
      expect(verdict.reason).toContain('only linear-time patterns or plain labels');
    }
  });
});

describe('instance.check (content script)', () => {
  const HS = 'https://app.hubspot.com/contacts/999999/record/0-1/501';

  test('an unapproved instance: verdict for the banner, logged once per instance and day, without values', async () => {
    const env = await makeEnv();
    await env.send('policy.apply', { text: JSON.stringify({ ...DEFAULT_POLICY, policyVersion: '2026.12.1', effectiveDate: '2026-12-01', approvedInstances: LIST }), via: 'file' });
    const a = await env.send('instance.check', { url: HS }, content(3, HS));
    expect(a).toEqual({ ok: true, data: { verdict: 'not-approved' } });
    await env.send('instance.check', { url: `${HS}?q=jane@example.com` }, content(3, HS));
    let logged = (await env.db.events.toArray()).filter((e) => e.action === 'instance-unapproved');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ crm: 'hubspot', org: '999999', recordKey: '', fields: [], path: '/contacts/999999/record/0-1/501', detail: 'region=us' });
    expect(JSON.stringify(logged)).not.toContain('jane@example.com');
    env.clock.now += 24 * 3600 * 1000;
    await env.send('instance.check', { url: HS }, content(3, HS));
    logged = (await env.db.events.toArray()).filter((e) => e.action === 'instance-unapproved');
    expect(logged).toHaveLength(2);

    const sf = 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view';
    expect(await env.send('instance.check', { url: sf }, content(4, sf))).toEqual({ ok: true, data: { verdict: 'approved' } });
    env.db.close();
  });

  test('only a content script may ask, about its own origin; with the default policy nothing is checked', async () => {
    const env = await makeEnv();
    expect(await env.send('instance.check', { url: HS }, content(3, HS))).toEqual({ ok: true, data: { verdict: 'no-list' } });
    expect(await env.send('instance.check', { url: HS })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const other = 'https://acme.lightning.force.com/lightning/page/home';
    expect(await env.send('instance.check', { url: HS }, content(3, other))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await env.db.events.count()).toBe(0);
    env.db.close();
  });
});
