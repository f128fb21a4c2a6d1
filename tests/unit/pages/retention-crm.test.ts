import { fakeBrowser } from 'wxt/testing';
import { ID, testDeps } from '../background/test-deps';
import { createDb, type GuardDB } from '@/lib/db/db';
import { handleMessage, type Deps } from '@/entrypoints/background/handlers';
import { configureSites } from '@/lib/crm/registry';
import { validatePolicy } from '@/lib/policy/validate';
import type { Policy } from '@/lib/policy/schema';
import type { PolicyStore } from '@/entrypoints/background/policy';
import { sampleRetentionRule, samplePolicy } from '../policy/helpers';

/**
 * retention.context picks the rule scoped to the record's CRM for the presets and for a CRM the
 * policy describes itself (issue 3): rules name them by the ids the generic adapters carry.
 */

const D365_CONTACT =
  'https://contoso.crm4.dynamics.com/main.aspx?appid=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0&pagetype=entityrecord&etn=contact&id=5b2c1a3e-0f6d-4e1a-9c8b-7d6e5f4a3b2c';
const D365_LEAD = D365_CONTACT.replace('etn=contact', 'etn=lead');
const ZOHO = 'https://crm.zoho.eu/crm/org20071234/tab/Contacts/5725767000000466003';
const PIPEDRIVE = 'https://acme.pipedrive.com/person/123';
const SELF_HOSTED = 'https://crm.acme.example/people/42';
const ZOHO_ON_OWN_DOMAIN = 'https://zoho.acme.example/crm/org1/tab/Leads/77';
const SF_LEAD = 'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000LeAdXEAV/view';

const content = (url: string) => ({ id: ID, origin: new URL(url).origin, url, tab: { id: 3, url }, frameId: 0 });

function policy(): Policy {
  const result = validatePolicy({
    ...samplePolicy(),
    retention: [
      sampleRetentionRule({ id: 'everyone' }),
      sampleRetentionRule({ id: 'zoho-any', appliesTo: { crm: ['zoho'], lifecycle: 'any' } }),
      sampleRetentionRule({ id: 'd365-leads', appliesTo: { crm: ['dynamics365'], objects: ['lead'], lifecycle: 'prospect' } }),
      sampleRetentionRule({ id: 'acme-people', appliesTo: { crm: ['acme-crm'], lifecycle: 'any' } }),
      sampleRetentionRule({ id: 'sf-only', appliesTo: { crm: ['salesforce'], lifecycle: 'any' } }),
    ],
    sites: {
      adapters: [{ id: 'acme-crm', name: 'Acme CRM', hosts: ['crm.acme.example'], record: [{ path: '/people/{id}' }], selectors: { title: 'h1' } }],
      customDomains: [{ host: 'zoho.acme.example', adapter: 'zoho' }],
    },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.policy;
}

let db: GuardDB;
let deps: Deps;

beforeEach(async () => {
  fakeBrowser.reset();
  configureSites(undefined);
  db = createDb(`retention-crm-${Math.random()}`);
  await db.open();
  const active = policy();
  deps = testDeps(db, () => new Date(2026, 5, 15, 12).getTime(), { policies: { active: async () => active } as unknown as PolicyStore });
});

afterEach(() => {
  db.close();
  configureSites(undefined);
});

async function ruleFor(url: string, lifecycle: 'prospect' | 'customer' | 'unknown'): Promise<string | undefined> {
  const answer = await handleMessage({ type: 'retention.context', payload: { url, lifecycle } }, content(url), deps);
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  const data = answer.data as { rule?: { id: string } };
  return data.rule?.id;
}

describe('retention.context: rules scoped to presets and policy-defined CRMs', () => {
  test.each([
    ['a Zoho contact (lifecycle unknown)', ZOHO, 'unknown', 'zoho-any'],
    ['a Dynamics 365 lead', D365_LEAD, 'prospect', 'd365-leads'],
    ['a Dynamics 365 contact: the lead rule does not apply', D365_CONTACT, 'unknown', 'everyone'],
    ['a Pipedrive person: no rule names Pipedrive', PIPEDRIVE, 'unknown', 'everyone'],
    ['a record of the policy’s own CRM, named by its adapter id', SELF_HOSTED, 'unknown', 'acme-people'],
    ['Zoho on the company’s own domain is still Zoho', ZOHO_ON_OWN_DOMAIN, 'prospect', 'zoho-any'],
    ['a Salesforce lead', SF_LEAD, 'prospect', 'sf-only'],
  ] as const)('%s → %s', async (_what, url, lifecycle, expected) => {
    expect(await ruleFor(url, lifecycle)).toBe(expected);
  });
});

describe('retention.context: rules scoped to a jurisdiction', () => {
  test('a rule naming a jurisdiction applies once the record’s jurisdiction is logged, and only to that one', async () => {
    const result = validatePolicy({
      ...samplePolicy(),
      retention: [
        sampleRetentionRule({ id: 'everyone' }),
        sampleRetentionRule({ id: 'uk-prospects', appliesTo: { crm: ['salesforce'], lifecycle: 'prospect', jurisdictions: ['uk'] } }),
        sampleRetentionRule({ id: 'quebec', appliesTo: { lifecycle: 'any', jurisdictions: ['quebec'] } }),
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const active = result.policy;
    deps = testDeps(db, () => new Date(2026, 5, 15, 12).getTime(), { policies: { active: async () => active } as unknown as PolicyStore });
    const key = 'sf:acme:Lead:00Q5g00000LeAdXEAV';
    // No jurisdiction logged: only rules without a jurisdiction filter apply.
    expect(await ruleFor(SF_LEAD, 'prospect')).toBe('everyone');
    const subject = (jurisdiction: 'uk' | 'eu' | 'quebec', at: number) => ({ jurisdiction, source: 'direct', obtainedOn: '2026-01-10', at, actor: 'rep' });
    await db.records.put({
      key, crm: 'salesforce', org: 'acme', object: 'Lead', recordId: '00Q5g00000LeAdXEAV', bases: [], firstSeen: 1, updatedAt: 1,
      privacy: { consents: [], notices: [], subject: [subject('eu', 1)], openRequests: [] },
    } as never);
    expect(await ruleFor(SF_LEAD, 'prospect')).toBe('everyone');
    // The latest entry is the record's jurisdiction.
    await db.records.update(key, { privacy: { consents: [], notices: [], subject: [subject('eu', 1), subject('uk', 2)], openRequests: [] } } as never);
    expect(await ruleFor(SF_LEAD, 'prospect')).toBe('uk-prospects');
    expect(await ruleFor(SF_LEAD, 'customer')).toBe('everyone');
    await db.records.update(key, { privacy: { consents: [], notices: [], subject: [subject('uk', 2), subject('quebec', 3)], openRequests: [] } } as never);
    expect(await ruleFor(SF_LEAD, 'customer')).toBe('quebec');
  });
});
