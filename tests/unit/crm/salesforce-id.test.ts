import fc from 'fast-check';
import { KEY_PREFIXES, normaliseSalesforceId, objectFromIdPrefix, to18 } from '@/lib/crm/salesforce-id';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const id15 = fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 15, maxLength: 15 });

describe('to18', () => {
  test('the documented example', () => {
    expect(to18('a0BA0000000L2ZC')).toBe('a0BA0000000L2ZCMA0');
  });

  test.each([
    ['0035g00000AbCdE', '0035g00000AbCdEAAV'],
    ['00Q5g00000LeAdX', '00Q5g00000LeAdXEAV'],
    ['000000000000000', '000000000000000AAA'],
    ['AAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAA555'],
    ['aaaaaaaaaaaaaaa', 'aaaaaaaaaaaaaaaAAA'],
  ])('%s → %s', (short, long) => {
    expect(to18(short)).toBe(long);
  });

  test.each(['', 'a0BA0000000L2Z', 'a0BA0000000L2ZCM', 'a0BA0000000L2Z!', 'a0BA0000000L2Zé'])('rejects %j', (bad) => {
    expect(() => to18(bad)).toThrow(TypeError);
  });
});

describe('normaliseSalesforceId', () => {
  test('15 → 18, 18 kept when its checksum is right', () => {
    expect(normaliseSalesforceId('a0BA0000000L2ZC')).toBe('a0BA0000000L2ZCMA0');
    expect(normaliseSalesforceId('a0BA0000000L2ZCMA0')).toBe('a0BA0000000L2ZCMA0');
  });

  test.each([
    'a0BA0000000L2ZCMA1', // wrong checksum
    'a0BA0000000L2ZCma0', // checksum in lower case
    'A0BA0000000L2ZCMA0', // case changed in the body
    'a0BA0000000L2ZCM', // 16
    'a0BA0000000L2ZCMA', // 17
    'a0BA0000000L2ZCMA0X', // 19
    '003',
    '',
    '0035g00000AbCdE/view',
    '0035g00000AbCd ',
  ])('rejects %j', (bad) => {
    expect(normaliseSalesforceId(bad)).toBeNull();
  });

  test('property: every 15-character ID round-trips, and flipping the case of any letter breaks the 18-character form', () => {
    fc.assert(
      fc.property(id15, fc.nat(14), (id, at) => {
        const long = to18(id);
        expect(normaliseSalesforceId(id)).toBe(long);
        expect(normaliseSalesforceId(long)).toBe(long);
        const c = id.charAt(at);
        const flipped = c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
        if (flipped !== c) {
          const tampered = long.slice(0, at) + flipped + long.slice(at + 1);
          expect(normaliseSalesforceId(tampered)).toBeNull();
        }
      }),
    );
  });
});

describe('objectFromIdPrefix', () => {
  test.each([
    ['0015g00000XyZaBAAV', 'Account'],
    ['0035g00000AbCdEAAV', 'Contact'],
    ['0055g00000AdMiNAAV', 'User'],
    ['0065g00000OpPtYAAV', 'Opportunity'],
    ['00Q5g00000LeAdXEAV', 'Lead'],
    ['5005g00000CaSeQAAV', 'Case'],
    ['00T5g00000TaSkXEAV', 'Task'],
    ['00U5g00000EvEnTEAV', 'Event'],
    ['7015g00000CaMpAAAV', 'Campaign'],
    ['8005g00000CoNtRAAV', 'Contract'],
  ])('%s → %s', (id, object) => {
    expect(objectFromIdPrefix(id)).toBe(object);
  });

  test('prefixes are case-sensitive', () => {
    expect(objectFromIdPrefix('00E000000000000')).toBe('UserRole');
    expect(objectFromIdPrefix('00e000000000000')).toBe('Profile');
    expect(objectFromIdPrefix('00q000000000000')).toBeNull();
  });

  test('custom and unknown prefixes, short input and prototype keys give null', () => {
    expect(objectFromIdPrefix('a0T5g00000CuStOEAV')).toBeNull();
    expect(objectFromIdPrefix('00')).toBeNull();
    expect(objectFromIdPrefix('__proto__')).toBeNull();
    expect(objectFromIdPrefix('constructor')).toBeNull();
  });

  test('the map is frozen and every prefix is three characters', () => {
    expect(Object.isFrozen(KEY_PREFIXES)).toBe(true);
    for (const prefix of Object.keys(KEY_PREFIXES)) expect(prefix).toMatch(/^[0-9A-Za-z]{3}$/);
  });
});
