import * as core from '@/lib/i18n/messages/core';
import * as dashboard from '@/lib/i18n/messages/dashboard';
import * as mask from '@/lib/i18n/messages/mask';
import * as pages from '@/lib/i18n/messages/pages';
import * as consent from '@/lib/i18n/messages/consent';
import * as policy from '@/lib/i18n/messages/policy';
import * as log from '@/lib/i18n/messages/log';
import { pickLang, t } from '@/lib/i18n';

const files = { core, dashboard, mask, pages, consent, policy, log };

describe('i18n', () => {
  test.each(Object.entries(files))('%s: every French string exists, is not the English one by accident, and keeps the placeholders', (_name, file) => {
    for (const [key, english] of Object.entries(file.en)) {
      const french = (file.fr as Record<string, string>)[key];
      expect(french, key).toBeTruthy();
      const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(holes(french ?? ''), key).toEqual(holes(english));
    }
  });

  test('no key is defined by two files (a later spread would hide the first)', () => {
    const seen = new Map<string, string>();
    for (const [name, file] of Object.entries(files)) {
      for (const key of Object.keys(file.en)) {
        expect(seen.get(key), `${key} in ${name}`).toBeUndefined();
        seen.set(key, name);
      }
    }
  });

  test('language choice and placeholders', () => {
    expect(pickLang('fr-CA')).toBe('fr');
    expect(pickLang('en-US')).toBe('en');
    expect(pickLang(undefined)).toBe('en');
    expect(t('fr', 'dashDays', { n: 30 })).toBe('30 jours');
    expect(t('en', 'badgeBasis', { basis: '<b>x</b>' })).toBe('Lawful basis: <b>x</b>');
    expect(t('en', 'dashDays')).toBe('{n} days');
  });
});
