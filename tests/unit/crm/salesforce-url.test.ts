import { salesforce, salesforceOrgFromHost } from '@/lib/crm/salesforce';
import { recordKey } from '@/lib/crm/types';
import { SALESFORCE_MATCHES, SALESFORCE_OTHER } from './urls';

describe('salesforce.classify', () => {
  test.each(SALESFORCE_MATCHES)('%s', (url, expected) => {
    expect(salesforce.classify(new URL(url))).toEqual(expected);
  });

  test.each(SALESFORCE_OTHER)('other: %s', (url) => {
    expect(salesforce.classify(new URL(url))).toEqual({ kind: 'other' });
  });

  test('15- and 18-character URLs of one record give one key', () => {
    const a = salesforce.classify(new URL('https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdE/view'));
    const b = salesforce.classify(new URL('https://acme.lightning.force.com/lightning/r/0035g00000AbCdEAAV/view'));
    const c = salesforce.classify(new URL('https://acme.lightning.force.com/one/one.app#/sObject/0035g00000AbCdEAAV'));
    const keys = [a, b, c].map((page) => (page.kind === 'record' ? recordKey(page.ref) : null));
    expect(keys).toEqual(Array(3).fill('sf:acme:Contact:0035g00000AbCdEAAV'));
  });

  test('a sandbox is a different org from production', () => {
    const prod = salesforce.classify(new URL('https://acme.lightning.force.com/lightning/r/0035g00000AbCdEAAV/view'));
    const uat = salesforce.classify(new URL('https://acme--uat.sandbox.lightning.force.com/lightning/r/0035g00000AbCdEAAV/view'));
    expect(prod.kind === 'record' && recordKey(prod.ref)).toBe('sf:acme:Contact:0035g00000AbCdEAAV');
    expect(uat.kind === 'record' && recordKey(uat.ref)).toBe('sf:acme--uat:Contact:0035g00000AbCdEAAV');
  });
});

describe('salesforce hosts', () => {
  test.each([
    ['acme.lightning.force.com', 'acme'],
    ['acme--uat.sandbox.lightning.force.com', 'acme--uat'],
    ['acme--uat.lightning.force.com', 'acme--uat'],
    ['acme--uat.sandbox.my.salesforce.com', 'acme--uat'],
    ['acme-dev-ed.develop.lightning.force.com', 'acme-dev-ed'],
    ['acme.scratch.my.salesforce.com', 'acme'],
    ['acme.free.my.salesforce-setup.com', 'acme'],
    ['acme.patch.lightning.force.com', 'acme'],
    ['acme.demo.lightning.force.com', 'acme'],
    ['acme.trailblaze.my.salesforce.com', 'acme'],
    ['ACME--UAT.Sandbox.Lightning.Force.com', 'acme--uat'],
  ])('%s → org %s', (host, org) => {
    expect(salesforceOrgFromHost(host)).toBe(org);
    expect(salesforce.matchesHost(host)).toBe(true);
  });

  test.each([
    'lightning.force.com',
    'force.com',
    'acme.force.com',
    'acme.vf.force.com',
    'acme.visual.force.com',
    'acme.my.site.com',
    'login.salesforce.com',
    'acme.salesforce.com',
    'acme.cs42.my.salesforce.com',
    'acme.lightning.force.com.evil.com',
    'acme.lightning.force.com.',
    'acme.lightning.force.com:443',
    'acme---uat.sandbox.lightning.force.com',
    'acme--.lightning.force.com',
    '-acme.lightning.force.com',
    'acme-.lightning.force.com',
    'acme--uat-1.sandbox.lightning.force.com',
    'acme.other.lightning.force.com',
    'app.hubspot.com',
    '',
    `${'a'.repeat(300)}.lightning.force.com`,
  ])('not an org host: %j', (host) => {
    expect(salesforceOrgFromHost(host)).toBeNull();
    expect(salesforce.matchesHost(host)).toBe(false);
  });
});
