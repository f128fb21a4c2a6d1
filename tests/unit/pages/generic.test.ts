import { ADAPTERS, classifyUrl, configureSites } from '@/lib/crm/registry';
import { createGenericAdapter, SELECTOR_LIMITS } from '@/lib/crm/generic';
import { DEFAULT_SITES, PRESET_ADAPTERS, siteAdapters } from '@/lib/crm/sites';
import { CONTENT_SCRIPT_MATCHES } from '@/lib/crm/hosts';
import type { CrmAdapter } from '@/lib/crm/types';
import { GenericAdapterSchema, SitesSchema, unsafePatternReason, type GenericAdapterDef } from '@/lib/policy/sites-schema';
import { MATCHES, OTHER } from '../crm/urls';

const ALL: CrmAdapter[] = [...ADAPTERS, ...Object.values(PRESET_ADAPTERS)];

afterEach(() => configureSites(undefined));

describe('presets: URL classification', () => {
  for (const adapter of Object.values(PRESET_ADAPTERS)) {
    test.each(MATCHES[adapter.id])(`${adapter.id} classifies %s`, (url, expected) => {
      expect(adapter.classify(new URL(url))).toEqual(expected);
      // And through the registry: the preset owns its hosts.
      expect(classifyUrl(url)).toEqual({ adapter, page: expected });
    });
    test.each(OTHER[adapter.id])(`${adapter.id} rejects %s`, (url) => {
      expect(adapter.classify(new URL(url))).toEqual({ kind: 'other' });
    });
  }
});

describe('every adapter, presets included, rejects every other adapter’s URLs', () => {
  for (const adapter of ALL) {
    for (const other of ALL.filter((a) => a !== adapter)) {
      test.each([...MATCHES[other.id].map(([url]) => url), ...OTHER[other.id]])(`${adapter.id} rejects ${other.id} URL %s`, (url) => {
        expect(adapter.matchesHost(new URL(url).hostname)).toBe(false);
        expect(adapter.classify(new URL(url))).toEqual({ kind: 'other' });
      });
    }
  }
});

describe('hosts', () => {
  test('the manifest lists the preset hosts, Dynamics crm … crm21 one by one, never a catch-all', () => {
    for (const n of ['', ...Array.from({ length: 20 }, (_, i) => String(i + 2))]) {
      expect(CONTENT_SCRIPT_MATCHES).toContain(`https://*.crm${n}.dynamics.com/*`);
    }
    for (const tld of ['com', 'eu', 'com.au', 'in', 'jp']) expect(CONTENT_SCRIPT_MATCHES).toContain(`https://crm.zoho.${tld}/*`);
    expect(CONTENT_SCRIPT_MATCHES).toContain('https://*.pipedrive.com/*');
    expect(CONTENT_SCRIPT_MATCHES.some((m) => m === '<all_urls>' || m.startsWith('https://*/'))).toBe(false);
  });
});

const CUSTOM: GenericAdapterDef = GenericAdapterSchema.parse({
  id: 'acme-crm',
  name: 'Acme CRM',
  hosts: ['crm.acme.example'],
  record: [{ path: '/records/{object}/{id}' }],
  list: [{ path: '/records/{object}' }],
  selectors: {
    title: 'h1.record-title',
    field: '.field',
    fieldKey: { attr: 'data-field' },
    fieldLabel: '.label',
    fieldValue: '.value',
    row: 'tr[data-record]',
    rowKey: { attr: 'data-record' },
  },
});

describe('generic adapter from a policy', () => {
  const adapter = createGenericAdapter(CUSTOM, 'custom');

  test('plain-label URL patterns', () => {
    expect(adapter.classify(new URL('https://crm.acme.example/records/person/42'))).toEqual({
      kind: 'record',
      ref: { crm: 'custom', org: 'crm.acme.example', object: 'person', id: '42' },
    });
    expect(adapter.classify(new URL('https://crm.acme.example/records/person/'))).toEqual({
      kind: 'list',
      ref: { crm: 'custom', org: 'crm.acme.example', object: 'person' },
    });
    expect(adapter.classify(new URL('https://crm.acme.example/records/person/42/edit'))).toEqual({ kind: 'other' });
    expect(adapter.classify(new URL('https://evil.example/records/person/42'))).toEqual({ kind: 'other' });
    expect(adapter.classify(new URL('http://crm.acme.example/records/person/42'))).toEqual({ kind: 'other' });
    // An id with characters a key cannot hold is refused rather than stored.
    expect(adapter.classify(new URL('https://crm.acme.example/records/person/a%20b'))).toEqual({ kind: 'other' });
  });

  test('title, fields and rows from the selectors; hostile text stays text', () => {
    document.body.innerHTML = `<h1 class="record-title">&lt;img src=x onerror=alert(1)&gt;</h1>
      <div class="field" data-field="email"><span class="label">Email</span><span class="value">a@b.example</span></div>
      <div class="field" data-field="dob"><span class="label">Date of birth</span><input class="value" value="1/2/1990"></div>
      <table><tbody><tr data-record="1"><td>One</td></tr><tr data-record="bad id"><td>x</td></tr><tr data-record="2"><td>Two</td></tr></tbody></table>`;
    expect(adapter.findTitle(document)?.text).toBe('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
    expect(adapter.findFields(document).map((f) => [f.key, f.label, f.readValue()])).toEqual([
      ['email', 'Email', 'a@b.example'],
      ['dob', 'Date of birth', '1/2/1990'],
    ]);
    const rows = adapter.findRows?.(document, { crm: 'custom', org: 'crm.acme.example', object: 'person' }) ?? [];
    expect(rows.map((r) => r.ref.id)).toEqual(['1', '2']);
    expect(adapter.health(document)).toBeNull();
  });

  test('a selector that matches thousands of nodes degrades to no decoration, with a reason', () => {
    document.body.innerHTML = `<h1 class="record-title">Jane</h1>${'<div class="field" data-field="x"></div>'.repeat(SELECTOR_LIMITS.field + 1)}`;
    expect(adapter.health(document)).toEqual({ code: 'selector-too-many', detail: expect.stringContaining(`matches ${SELECTOR_LIMITS.field + 1} elements`) });
    expect(adapter.findTitle(document)).toBeNull();
    expect(adapter.findFields(document)).toEqual([]);
  });

  test('an invalid selector is a problem, not an exception', () => {
    const broken = createGenericAdapter({ ...CUSTOM, selectors: { ...CUSTOM.selectors, title: 'h1[' } }, 'custom');
    document.body.innerHTML = '<h1>Jane</h1>';
    expect(broken.health(document)).toEqual({ code: 'selector-none', detail: expect.stringContaining('not a valid CSS selector') });
    expect(() => broken.findTitle(document)).not.toThrow();
    expect(broken.findTitle(document)).toBeNull();
  });

  test('configureSites adds custom adapters and domains to the registry, and can turn presets off', () => {
    expect(classifyUrl('https://crm.acme.example/records/person/42')).toBeNull();
    const sites = SitesSchema.parse({
      presets: { pipedrive: false },
      adapters: [CUSTOM],
      customDomains: [{ host: 'sf.acme.example', adapter: 'salesforce', org: 'acme' }],
    });
    configureSites(sites);
    expect(classifyUrl('https://crm.acme.example/records/person/42')?.page).toEqual({
      kind: 'record',
      ref: { crm: 'custom', org: 'crm.acme.example', object: 'person', id: '42' },
    });
    // The company's own Salesforce domain keys records as the org's.
    expect(classifyUrl('https://sf.acme.example/lightning/r/Contact/0035g00000AbCdEAAV/view')?.page).toEqual({
      kind: 'record',
      ref: { crm: 'salesforce', org: 'acme', object: 'Contact', id: '0035g00000AbCdEAAV' },
    });
    expect(classifyUrl('https://acme.pipedrive.com/person/123')).toBeNull();
    expect(classifyUrl('https://crm.zoho.com/crm/org1/tab/Contacts/42')?.adapter.id).toBe('zoho');
    configureSites(undefined);
    expect(classifyUrl('https://acme.pipedrive.com/person/123')?.adapter.id).toBe('pipedrive');
  });

  test('siteAdapters: a custom domain for an unknown adapter adds nothing', () => {
    expect(siteAdapters({ ...DEFAULT_SITES, customDomains: [{ host: 'x.example.com', adapter: 'nope' }] })).toEqual([]);
  });
});

describe('policy sites: URL patterns must run in linear time', () => {
  test.each([
    ['^/crm/(?:(?<org>org\\d+)/)?tab/(?<object>\\w+)/(?<id>\\d+)', null],
    ['^/a/(?<id>[0-9a-f-]{36})$', null],
    ['^(a+)+$', /group may not be repeated/],
    ['^(?:a|aa)*$', /group may not be repeated/],
    ['^(?<id>\\d+)\\1$', /backreferences/],
    ['^(?<id>\\d+)\\k<id>$', /backreferences/],
    ['^(?=a)(?<id>a)$', /lookahead/],
    ['^(?<!a)(?<id>b)$', /lookahead and lookbehind/],
    ['^(?<id>[a-z$', /not a valid regular expression/],
  ])('%s', (source, reason) => {
    const why = unsafePatternReason(source);
    if (reason === null) expect(why).toBeNull();
    else expect(why).toMatch(reason);
  });

  test('the schema refuses an exponential pattern with a clear error, and accepts plain labels', () => {
    const bad = GenericAdapterSchema.safeParse({ ...CUSTOM, record: [{ path: '/^\\/(?<id>(a+)+)$/' }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/group may not be repeated.*plain label/);
    expect(GenericAdapterSchema.safeParse({ ...CUSTOM, record: [{ path: '/people/{id}' }] }).success).toBe(true);
  });

  test('custom domains must be host names', () => {
    expect(SitesSchema.safeParse({ customDomains: [{ host: 'https://x.example.com/', adapter: 'salesforce' }] }).success).toBe(false);
    expect(SitesSchema.safeParse({ customDomains: [{ host: 'x.example.com', adapter: 'salesforce', org: 'acme' }] }).success).toBe(true);
  });
});
