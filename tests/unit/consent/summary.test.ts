import { moreRestrictive, noticeMissing, privacySummary, withPurposeLabels } from '@/lib/consent/summary';
import { badgeText } from '@/lib/features/badge-ui';
import { asSummary } from '@/lib/features/record-badge';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { emptyPrivacy, type ConsentEntry, type PrivacyRecordRow, type RecordPrivacy } from '@/lib/consent/model';
import { BADGE_STATES } from '@/lib/messaging/protocol';
import type { BasisEntry } from '@/lib/db/schema';

const KEY = 'hs:123456:0-1:501';
const TODAY = '2026-11-29';

function row(privacy: Partial<RecordPrivacy> = {}, bases: BasisEntry[] = []): PrivacyRecordRow {
  return {
    key: KEY,
    crm: 'hubspot',
    org: '123456',
    object: '0-1',
    recordId: '501',
    bases,
    firstSeen: 1,
    updatedAt: 1,
    privacy: { ...emptyPrivacy(), ...privacy },
  };
}

const basis = (letter: BasisEntry['basis'], at = 10): BasisEntry => ({ purposeId: 'prospecting', basis: letter, note: '', at, actor: 'me', policyVersion: '1' });
const consent = (action: ConsentEntry['action'], at: number, channel: ConsentEntry['channel'] = 'email', purposeId = 'newsletter'): ConsentEntry => ({
  purposeId,
  channel,
  action,
  on: '2026-11-01',
  method: 'form',
  at,
  actor: 'me',
  policyVersion: '1',
});

describe('most restrictive wins', () => {
  test('the order of states is restricted > consent-withdrawn > consent-given > basis-logged > missing', () => {
    const order = ['missing', 'basis-logged', 'consent-given', 'consent-withdrawn', 'restricted'] as const;
    expect([...order].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual([...BADGE_STATES]);
    for (const a of order) for (const b of order) expect(moreRestrictive(a, b)).toBe(order[Math.max(order.indexOf(a), order.indexOf(b))]);
  });

  test('nothing known: missing, no source', () => {
    expect(privacySummary(KEY, undefined, TODAY)).toEqual({ key: KEY, state: 'missing' });
  });

  test('a logged basis: basis-logged from the log', () => {
    expect(privacySummary(KEY, row({}, [basis('f')]), TODAY)).toEqual({ key: KEY, state: 'basis-logged', basis: 'f', purposeId: 'prospecting', updatedAt: 10, source: 'log' });
  });

  test('HubSpot says legitimate interest: basis-logged (f), from HubSpot', () => {
    const s = privacySummary(KEY, row({ crm: { crm: 'hubspot', letters: ['f'], notApplicable: false, flags: [], fieldKeys: ['hs_legal_basis'], at: 1 } }), TODAY);
    expect(s).toMatchObject({ state: 'basis-logged', basis: 'f', source: 'hubspot' });
  });

  test('consent given, then withdrawn on one channel: withdrawn wins and says what may no longer be done', () => {
    const r = row({ consents: [consent('given', 1, 'email'), consent('given', 1, 'sms'), consent('withdrawn', 2, 'email')] });
    const s = privacySummary(KEY, r, TODAY);
    expect(s.state).toBe('consent-withdrawn');
    expect(s.withdrawn).toEqual([{ purposeId: 'newsletter', channel: 'email' }]);
    // Given again later: the latest event decides.
    r.privacy?.consents.push(consent('given', 3, 'email'));
    expect(privacySummary(KEY, r, TODAY).state).toBe('consent-given');
  });

  test("the badge names a withdrawn purpose by the policy's label, in the page's language; a purpose the policy dropped keeps its id", () => {
    const r = row({ consents: [consent('given', 1, 'email'), consent('withdrawn', 2, 'email')] });
    const labelled = withPurposeLabels(privacySummary(KEY, r, TODAY), DEFAULT_POLICY.purposes);
    expect(labelled.withdrawn).toEqual([{ purposeId: 'newsletter', channel: 'email', label: { en: 'Newsletter', fr: 'Lettre d’information' } }]);
    expect(badgeText('en', labelled)).toContain('no longer: Newsletter by email');
    expect(badgeText('fr', labelled)).toContain('plus de : Lettre d’information par courriel');
    const unknown = withPurposeLabels(privacySummary(KEY, r, TODAY), []);
    expect(badgeText('en', unknown)).toContain('no longer: newsletter by email');
    // What a push carries is checked by hand in the content script: a malformed label refuses the summary.
    expect(asSummary(labelled)).toEqual(labelled);
    expect(asSummary({ ...labelled, withdrawn: [{ purposeId: 'newsletter', channel: 'email', label: 'Newsletter' }] })).toBeNull();
  });

  test("Salesforce Don't Market beats a logged consent; Don't Process and Forget beat everything", () => {
    const sf = (flags: ('dont-process' | 'dont-market' | 'forget')[]) => ({ crm: 'salesforce' as const, letters: [], notApplicable: false, flags, fieldKeys: [], at: 1 });
    const given = [consent('given', 1)];
    expect(privacySummary(KEY, row({ consents: given, crm: sf(['dont-market']) }), TODAY)).toMatchObject({ state: 'consent-withdrawn', source: 'salesforce', crmFlags: ['dont-market'] });
    expect(privacySummary(KEY, row({ consents: given, crm: sf(['dont-process']) }), TODAY)).toMatchObject({ state: 'restricted', source: 'salesforce' });
    expect(privacySummary(KEY, row({ crm: sf(['forget']) }, [basis('b')]), TODAY)).toMatchObject({ state: 'restricted', source: 'salesforce', basis: 'b' });
    // The log is stricter than the CRM: the log is the source.
    expect(privacySummary(KEY, row({ consents: [consent('given', 1), consent('withdrawn', 2)], crm: sf([]) }), TODAY)).toMatchObject({ state: 'consent-withdrawn', source: 'log' });
  });

  test('an open restriction or objection request restricts; an access request only shows its due date', () => {
    const access = { id: 'a', kind: 'access' as const, dueDate: '2026-12-29' };
    const objection = { id: 'o', kind: 'objection' as const, dueDate: '2026-12-20' };
    expect(privacySummary(KEY, row({ openRequests: [access] }, [basis('f')]), TODAY)).toMatchObject({ state: 'basis-logged', request: { kind: 'access', dueDate: '2026-12-29', open: 1 } });
    expect(privacySummary(KEY, row({ openRequests: [access, objection] }, [basis('f')]), TODAY)).toMatchObject({
      state: 'restricted',
      source: 'log',
      request: { kind: 'objection', dueDate: '2026-12-20', open: 2 },
    });
  });
});

describe('Art. 14(3)(a) notice', () => {
  const subject = (source: 'direct' | 'indirect', obtainedOn: string) => ({ jurisdiction: 'eu' as const, source, obtainedOn, at: 1, actor: 'me' });
  test('indirect source, no notice, more than a month: warned', () => {
    expect(noticeMissing({ ...emptyPrivacy(), subject: [subject('indirect', '2026-10-28')] }, TODAY)).toBe(true);
    expect(privacySummary(KEY, row({ subject: [subject('indirect', '2026-10-28')] }), TODAY).noticeMissing).toBe(true);
  });
  test('not yet a month (31 Oct → 30 Nov), a direct source, or a notice logged: no warning', () => {
    expect(noticeMissing({ ...emptyPrivacy(), subject: [subject('indirect', '2026-10-31')] }, TODAY)).toBe(false);
    expect(noticeMissing({ ...emptyPrivacy(), subject: [subject('direct', '2025-01-01')] }, TODAY)).toBe(false);
    expect(noticeMissing({ ...emptyPrivacy(), subject: [subject('indirect', '2025-01-01')], notices: [{ version: '3', on: '2025-01-05', article: '14', at: 1, actor: 'me' }] }, TODAY)).toBe(false);
  });
});
