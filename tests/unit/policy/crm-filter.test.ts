import { validatePolicy, type PolicyValidation } from '@/lib/policy/validate';
import { decideMask, pickRetentionRule } from '@/lib/policy/decide';
import { SitesSchema } from '@/lib/policy/sites-schema';
import type { Policy } from '@/lib/policy/schema';
import { sampleRetentionRule, samplePolicy, setAt, worded } from './helpers';

/**
 * Rules' `crm` filters (issue 3): they name the built-in CRMs, the presets (Dynamics 365, Zoho CRM,
 * Pipedrive) and the policy's own generic adapters, by the ids the adapters carry; anything else is
 * refused with the path of the name, so that a misspelt CRM never makes a rule apply nowhere.
 */

function errorsOf(result: PolicyValidation): { path: string; message: string }[] {
  if (result.ok) throw new Error('expected the policy to be refused');
  return result.errors.map(worded);
}

const SELF_HOSTED = {
  id: 'acme-crm',
  name: 'Acme CRM',
  hosts: ['crm.acme.example'],
  record: [{ path: '/people/{id}' }],
  selectors: { title: 'h1' },
};

describe('policy schema: crm filters', () => {
  test.each([['salesforce'], ['hubspot'], ['dynamics365'], ['zoho'], ['pipedrive']])('retention and masking rules may name %s', (crm) => {
    const doc = samplePolicy();
    setAt(doc, ['retention', 2, 'appliesTo', 'crm'], [crm]);
    setAt(doc, ['masking', 'rules', 0, 'crm'], [crm]);
    const result = validatePolicy(doc);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.policy.retention[2]?.appliesTo.crm).toEqual([crm]);
      expect(result.policy.masking.rules[0]?.crm).toEqual([crm]);
    }
  });

  test('a generic adapter of the policy may be named by its id', () => {
    const doc = samplePolicy();
    setAt(doc, ['sites'], { adapters: [SELF_HOSTED] });
    setAt(doc, ['retention', 2, 'appliesTo', 'crm'], ['acme-crm', 'zoho']);
    expect(validatePolicy(doc).ok).toBe(true);
  });

  test('an unknown CRM is refused at its path, with the names that would do', () => {
    const doc = samplePolicy();
    setAt(doc, ['retention', 2, 'appliesTo', 'crm'], ['zoho', 'dynamics']);
    setAt(doc, ['masking', 'rules', 1, 'crm'], ['pipedrive', 'acme-crm']);
    expect(errorsOf(validatePolicy(doc))).toEqual([
      {
        path: 'retention[2].appliesTo.crm[1]',
        message: '"dynamics" is not a CRM this policy knows: expected salesforce, hubspot, dynamics365, zoho, pipedrive, or the id of one of sites.adapters',
      },
      {
        path: 'masking.rules[1].crm[1]',
        message: '"acme-crm" is not a CRM this policy knows: expected salesforce, hubspot, dynamics365, zoho, pipedrive, or the id of one of sites.adapters',
      },
    ]);
  });

  test('with generic adapters, the message lists their ids', () => {
    const doc = samplePolicy();
    setAt(doc, ['sites'], { adapters: [SELF_HOSTED] });
    setAt(doc, ['retention', 0, 'appliesTo', 'crm'], ['acme']);
    expect(errorsOf(validatePolicy(doc))).toEqual([
      { path: 'retention[0].appliesTo.crm[0]', message: '"acme" is not a CRM this policy knows: expected salesforce, hubspot, dynamics365, zoho, pipedrive, or one of sites.adapters (acme-crm)' },
    ]);
  });

  test('not a CRM id at all, listed twice, or empty: refused at the path', () => {
    const doc = samplePolicy();
    setAt(doc, ['retention', 0, 'appliesTo', 'crm'], ['Zoho CRM']);
    setAt(doc, ['retention', 1, 'appliesTo', 'crm'], ['zoho', 'zoho']);
    setAt(doc, ['retention', 2, 'appliesTo', 'crm'], []);
    const errors = errorsOf(validatePolicy(doc));
    expect(errors).toContainEqual({ path: 'retention[0].appliesTo.crm[0]', message: expect.stringContaining('expected a CRM id: salesforce, hubspot, dynamics365, zoho, pipedrive') });
    expect(errors).toContainEqual({ path: 'retention[1].appliesTo.crm[1]', message: '"zoho" is listed twice' });
    expect(errors.map((e) => e.path)).toContain('retention[2].appliesTo.crm');
  });

  test('the unknown-CRM check also runs when another part of the policy is invalid', () => {
    const doc = samplePolicy();
    setAt(doc, ['name'], 42);
    setAt(doc, ['retention', 0, 'appliesTo', 'crm'], ['dynamcs365']);
    expect(errorsOf(validatePolicy(doc)).map((e) => e.path)).toEqual(['name', 'retention[0].appliesTo.crm[0]']);
  });
});

describe('policy sites: adapter ids and custom domains', () => {
  test('a generic adapter may not take a built-in CRM id', () => {
    const result = validatePolicy({ ...samplePolicy(), sites: { adapters: [{ ...SELF_HOSTED, id: 'zoho' }] } });
    expect(errorsOf(result)).toEqual([
      { path: 'sites.adapters[0].id', message: 'is the id of a built-in CRM (salesforce, hubspot, dynamics365, zoho, pipedrive, custom): choose another id' },
    ]);
  });

  test('a custom domain names a known adapter; a Salesforce domain says which org it stands for', () => {
    const result = validatePolicy({
      ...samplePolicy(),
      sites: {
        adapters: [SELF_HOSTED],
        customDomains: [
          { host: 'crm.example.com', adapter: 'acme-crm' },
          { host: 'zoho.example.com', adapter: 'zoho' },
          { host: 'x.example.com', adapter: 'acme' },
          { host: 'sf.example.com', adapter: 'salesforce' },
        ],
      },
    });
    expect(errorsOf(result)).toEqual([
      { path: 'sites.customDomains[2].adapter', message: '"acme" is no adapter: expected one of salesforce, hubspot, dynamics365, zoho, pipedrive, acme-crm' },
      { path: 'sites.customDomains[3].org', message: expect.stringContaining('required for a Salesforce domain') },
    ]);
    expect(SitesSchema.safeParse({ customDomains: [{ host: 'sf.example.com', adapter: 'salesforce', org: 'acme' }] }).success).toBe(true);
  });
});

describe('decisions scoped to a preset or a policy-defined CRM', () => {
  const policy = (): Policy => {
    const result = validatePolicy({
      ...samplePolicy(),
      retention: [
        sampleRetentionRule({ id: 'everyone' }),
        sampleRetentionRule({ id: 'zoho-contacts', appliesTo: { crm: ['zoho'], lifecycle: 'any' } }),
        sampleRetentionRule({ id: 'd365-leads', appliesTo: { crm: ['dynamics365'], objects: ['lead'], lifecycle: 'any' } }),
        sampleRetentionRule({ id: 'acme', appliesTo: { crm: ['acme-crm'], lifecycle: 'any' } }),
      ],
      masking: { ...samplePolicy().masking, rules: [{ id: 'pd-notes', match: { fieldKeys: ['notes'] }, crm: ['pipedrive'] }] },
      sites: { adapters: [SELF_HOSTED] },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.policy;
  };

  test('pickRetentionRule: the rule scoped to the record’s CRM wins over the unscoped one, and only there', () => {
    const p = policy();
    expect(pickRetentionRule(p, { crm: 'zoho', object: 'Contacts', lifecycle: 'unknown' })?.id).toBe('zoho-contacts');
    expect(pickRetentionRule(p, { crm: 'dynamics365', object: 'lead', lifecycle: 'unknown' })?.id).toBe('d365-leads');
    expect(pickRetentionRule(p, { crm: 'dynamics365', object: 'contact', lifecycle: 'unknown' })?.id).toBe('everyone');
    expect(pickRetentionRule(p, { crm: 'acme-crm', object: '', lifecycle: 'unknown' })?.id).toBe('acme');
    expect(pickRetentionRule(p, { crm: 'salesforce', object: 'Contact', lifecycle: 'unknown' })?.id).toBe('everyone');
  });

  test('decideMask: a rule scoped to Pipedrive masks there only', () => {
    const p = policy();
    expect(decideMask(p, { crm: 'pipedrive', object: 'person', key: 'notes', label: 'Notes' })).toMatchObject({ masked: true, ruleId: 'pd-notes' });
    expect(decideMask(p, { crm: 'zoho', object: 'Contacts', key: 'notes', label: 'Notes' }).masked).toBe(false);
  });
});
