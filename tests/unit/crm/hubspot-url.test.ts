import { hubspot } from '@/lib/crm/hubspot';
import { HUBSPOT_MATCHES, HUBSPOT_OTHER } from './urls';

describe('hubspot.classify', () => {
  test.each(HUBSPOT_MATCHES)('%s', (url, expected) => {
    expect(hubspot.classify(new URL(url))).toEqual(expected);
  });

  test.each(HUBSPOT_OTHER)('other: %s', (url) => {
    expect(hubspot.classify(new URL(url))).toEqual({ kind: 'other' });
  });

  test('legacy, new and help-desk URLs of one ticket give one ref', () => {
    const refs = [
      'https://app.hubspot.com/contacts/123456/record/0-5/42',
      'https://app.hubspot.com/contacts/123456/ticket/42',
      'https://app.hubspot.com/help-desk/123456/view/all/ticket/42',
    ].map((url) => hubspot.classify(new URL(url)));
    for (const page of refs) expect(page).toEqual(refs[0]);
  });
});

describe('hubspot hosts', () => {
  test.each(['app.hubspot.com', 'app-eu1.hubspot.com', 'app-na2.hubspot.com', 'app-na3.hubspot.com', 'app-ap1.hubspot.com', 'APP-EU1.HUBSPOT.COM'])(
    'matches %s',
    (host) => {
      expect(hubspot.matchesHost(host)).toBe(true);
    },
  );

  test.each([
    'www.hubspot.com',
    'hubspot.com',
    'knowledge.hubspot.com',
    'app-eu.hubspot.com',
    'app-1.hubspot.com',
    'app.hubspot.com.evil.com',
    'evil-app.hubspot.com',
    'app.hubspotqa.com',
    'app.hubspot.co',
    'acme.lightning.force.com',
    '',
  ])('rejects %j', (host) => {
    expect(hubspot.matchesHost(host)).toBe(false);
  });
});
