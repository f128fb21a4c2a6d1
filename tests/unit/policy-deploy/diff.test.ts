import { DEFAULT_POLICY } from '@/lib/policy/default';
import { diffPolicies } from '@/lib/policy/diff';
import { locatePath, pathOffsets } from '@/lib/policy/locate';
import type { Policy } from '@/lib/policy/schema';
import { formatCustomDomains, formatIdLabels, maskedSet, parseCustomDomains, parseIdLabels, setMasked } from '@/components/dashboard/policy/form-model';

const base = (): Policy => structuredClone(DEFAULT_POLICY) as Policy;

describe('readable diff', () => {
  test('identical policies: no difference', () => {
    expect(diffPolicies(base(), base())).toEqual([]);
  });

  test('what becomes masked or unmasked, which retention periods change', () => {
    const after = base();
    after.policyVersion = '2026.2.0';
    after.masking.rules = after.masking.rules.filter((r) => r.id !== 'birth-date');
    after.masking.rules.push({ id: 'emails', match: { fieldKeys: ['Email'] } });
    after.masking.detectors.email = true;
    const prospects = after.retention[0];
    if (prospects) prospects.maxAgeMonths = 24;
    after.retention.pop();
    after.logRetentionDays = 730;
    after.revealReasons.allowFreeText = false;
    const diff = diffPolicies(base(), after);
    expect(diff).toEqual(
      expect.arrayContaining([
        { kind: 'version', before: '2026.1.0', after: '2026.2.0' },
        { kind: 'unmasked', what: 'category', value: 'birth-date' },
        { kind: 'unmasked', what: 'field', value: 'Birthdate' },
        { kind: 'masked', what: 'field', value: 'Email' },
        { kind: 'masked', what: 'detector', value: 'email' },
        { kind: 'retention-changed', rule: 'prospects', before: '36m', after: '24m' },
        { kind: 'retention-removed', rule: 'customers', period: '36m' },
        { kind: 'log-retention', before: 365, after: 730 },
        { kind: 'free-text-reason', before: true, after: false },
      ]),
    );
  });

  test('a retention rule whose warning window or end action changes says so (the period alone is not the whole rule)', () => {
    const after = base();
    const prospects = after.retention[0];
    if (!prospects) throw new Error('no rule');
    prospects.warnDays = 60;
    prospects.action = 'delete';
    expect(diffPolicies(base(), after)).toEqual([
      { kind: 'retention-warn', rule: 'prospects', before: 30, after: 60 },
      { kind: 'retention-action', rule: 'prospects', before: 're-consent', after: 'delete' },
    ]);
  });

  test('custom domains that come and go: each is a host the content script starts or stops running on', () => {
    const before = base();
    before.sites = { presets: { dynamics365: true, zoho: true, pipedrive: true }, adapters: [], customDomains: [{ host: 'old.acme.example', adapter: 'zoho' }] };
    const after = base();
    after.sites = { presets: { dynamics365: true, zoho: true, pipedrive: true }, adapters: [], customDomains: [{ host: 'crm.acme.example', adapter: 'salesforce', org: 'acme' }] };
    expect(diffPolicies(before, after)).toEqual([
      { kind: 'domain-added', value: 'crm.acme.example (salesforce, org acme)' },
      { kind: 'domain-removed', value: 'old.acme.example (zoho)' },
    ]);
  });

  test('the form reads and writes custom domains as "host | CRM | org" lines', () => {
    const list = [{ host: 'crm.acme.example', adapter: 'salesforce', org: 'acme' }, { host: 'zoho.acme.example', adapter: 'zoho' }];
    expect(formatCustomDomains(list)).toBe('crm.acme.example | salesforce | acme\nzoho.acme.example | zoho');
    expect(parseCustomDomains(' crm.acme.example|salesforce| acme \n\nzoho.acme.example | zoho | ')).toEqual(list);
    expect(formatCustomDomains(undefined)).toBe('');
  });
});

describe('error locations in the JSON text', () => {
  const text = JSON.stringify(DEFAULT_POLICY, null, 2);
  test('a path points at its key', () => {
    const at = locatePath(text, 'retention[1].maxAgeMonths');
    expect(text.slice(at, at + 14)).toBe('"maxAgeMonths"');
    expect(text.slice(0, at)).toContain('"customers"');
    const lr = locatePath(text, 'logRetentionDays');
    expect(text.slice(lr, lr + 18)).toBe('"logRetentionDays"');
  });
  test('a missing path falls back to its nearest ancestor; broken text never throws', () => {
    const at = locatePath(text, 'retention[0].nope');
    expect(at).toBe(pathOffsets(text).get('retention[0]'));
    expect(locatePath('{"a": [1, 2', 'a[1]')).toBeGreaterThan(0);
    expect(locatePath('nonsense', 'x')).toBe(0);
  });
});

describe('the form model', () => {
  const doc = () => JSON.parse(JSON.stringify(DEFAULT_POLICY)) as Record<string, unknown>;
  test('masking edits keep the other rules and drop emptied ones', () => {
    const d = setMasked(doc(), 'categories', maskedSet(doc(), 'categories').filter((c) => c !== 'national-id'));
    expect(maskedSet(d, 'categories')).not.toContain('national-id');
    expect(((d['masking'] as { rules: { id: string }[] }).rules).map((r) => r.id)).not.toContain('national-id');
    const e = setMasked(d, 'fieldKeys', [...maskedSet(d, 'fieldKeys'), 'Email']);
    expect(maskedSet(e, 'fieldKeys')).toContain('Email');
    expect(((e['masking'] as { rules: { id: string }[] }).rules).at(-1)?.id).toBe('form-fieldkeys');
  });
  test('id | en | fr lines round-trip and keep other fields', () => {
    const purposes = doc()['purposes'];
    const text = formatIdLabels(purposes);
    expect(text.split('\n')[0]).toBe('prospecting | Prospecting | Prospection commerciale');
    const back = parseIdLabels(`${text}\nsupport | Support`, purposes);
    expect(back.at(-1)).toEqual({ id: 'support', label: { en: 'Support', fr: 'Support' } });
    expect(back[0]).toEqual((purposes as unknown[])[0]);
  });
});
