import fc from 'fast-check';
import { ADAPTERS, adapterForHost, classifyUrl } from '@/lib/crm/registry';
import { hubspot } from '@/lib/crm/hubspot';
import { salesforce } from '@/lib/crm/salesforce';
import { CONTENT_SCRIPT_MATCHES } from '@/lib/crm/hosts';
import { JUNK, MATCHES, OTHER } from './urls';

describe('registry', () => {
  test('one adapter per CRM, ids unique', () => {
    expect(ADAPTERS.map((a) => a.id)).toEqual(['salesforce', 'hubspot']);
  });

  test('adapterForHost', () => {
    expect(adapterForHost('acme.lightning.force.com')).toBe(salesforce);
    expect(adapterForHost('acme--uat.sandbox.my.salesforce.com')).toBe(salesforce);
    expect(adapterForHost('app-eu1.hubspot.com')).toBe(hubspot);
    expect(adapterForHost('www.hubspot.com')).toBeNull();
    expect(adapterForHost('evil.com')).toBeNull();
  });

  test('classifyUrl takes strings and URL objects', () => {
    const url = 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdE/view';
    const expected = {
      adapter: salesforce,
      page: { kind: 'record', ref: { crm: 'salesforce', org: 'acme', object: 'Contact', id: '0035g00000AbCdEAAV' } },
    };
    expect(classifyUrl(url)).toEqual(expected);
    expect(classifyUrl(new URL(url))).toEqual(expected);
    expect(classifyUrl('https://acme.lightning.force.com/lightning/page/home')).toEqual({ adapter: salesforce, page: { kind: 'other' } });
  });

  test.each(JUNK)('no adapter claims %s', (url) => {
    expect(classifyUrl(url)).toBeNull();
    for (const adapter of ADAPTERS) expect(adapter.classify(new URL(url))).toEqual({ kind: 'other' });
  });

  test.each(['', 'not a url', '/lightning/r/Contact/0035g00000AbCdEAAV/view', 'javascript:alert(1)', 'data:text/html,<b>x</b>', 'about:blank', 'chrome://extensions', 'file:///etc/passwd', 'https://', 'http://[::1', '\u0000'])(
    'garbage gives null: %j',
    (url) => {
      expect(classifyUrl(url)).toBeNull();
    },
  );

  test('never throws, whatever it is given', () => {
    const asAny = classifyUrl as (url: unknown) => unknown;
    for (const value of [null, undefined, 42, {}, { href: 5 }, Symbol.iterator]) expect(() => asAny(value)).not.toThrow();
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })), (url) => {
        expect(() => classifyUrl(url)).not.toThrow();
      }),
    );
  });

  test('generated junk hosts are never claimed', () => {
    const id = '0035g00000AbCdEAAV';
    fc.assert(
      fc.property(fc.domain(), (domain) => {
        fc.pre(!/(^|\.)(lightning\.force\.com|my\.salesforce(-setup)?\.com|hubspot\.com)$/.test(domain));
        expect(classifyUrl(`https://${domain}/lightning/r/Contact/${id}/view`)).toBeNull();
        expect(classifyUrl(`https://${domain}/contacts/123456/record/0-1/501`)).toBeNull();
      }),
    );
  });

  test('the content-script match patterns cover every host an adapter claims in the tables', () => {
    // Match pattern host → regex: "*.example.com" is example.com or any subdomain of it.
    const patterns = CONTENT_SCRIPT_MATCHES.map((pattern) => {
      const host = /^https:\/\/([^/]+)\//.exec(pattern)?.[1] ?? '';
      const escaped = host.replace(/[.]/g, '\\.');
      return new RegExp(`^${escaped.startsWith('*\\.') ? `(?:.+\\.)?${escaped.slice(3)}` : escaped}$`);
    });
    for (const [url] of [...MATCHES.salesforce, ...MATCHES.hubspot]) {
      const host = new URL(url).hostname;
      expect(patterns.some((re) => re.test(host)), host).toBe(true);
    }
  });
});

describe('every adapter rejects every other adapter’s URLs', () => {
  for (const adapter of ADAPTERS) {
    for (const other of ADAPTERS.filter((a) => a !== adapter)) {
      test.each([...MATCHES[other.id].map(([url]) => url), ...OTHER[other.id]])(`${adapter.id} rejects ${other.id} URL %s`, (url) => {
        expect(adapter.matchesHost(new URL(url).hostname)).toBe(false);
        expect(adapter.classify(new URL(url))).toEqual({ kind: 'other' });
      });
    }
  }

  test('each match table classifies through the registry to its own adapter', () => {
    for (const adapter of ADAPTERS) {
      for (const [url, page] of MATCHES[adapter.id]) expect(classifyUrl(url)).toEqual({ adapter, page });
    }
  });
});
