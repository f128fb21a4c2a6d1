import { readdirSync } from 'node:fs';
import path from 'node:path';
import * as core from '@/lib/i18n/messages/core';
import * as badge from '@/lib/i18n/messages/badge';
import * as dashboard from '@/lib/i18n/messages/dashboard';
import * as maskPage from '@/lib/i18n/messages/mask-page';
import * as mask from '@/lib/i18n/messages/mask';
import * as pages from '@/lib/i18n/messages/pages';
import * as sites from '@/lib/i18n/messages/sites';
import * as consent from '@/lib/i18n/messages/consent';
import * as policy from '@/lib/i18n/messages/policy';
import * as log from '@/lib/i18n/messages/log';
import * as errors from '@/lib/i18n/messages/errors';
import * as problems from '@/lib/i18n/messages/problems';
import { formatDateTime, pickLang, t } from '@/lib/i18n';
import * as content from '@/lib/i18n/content';
import * as page from '@/lib/i18n/page';

const files = { core, badge, dashboard, 'mask-page': maskPage, mask, pages, sites, consent, policy, log, errors, problems };

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

  test('every message file is tested here and merged into lib/i18n (extension pages see every string)', () => {
    const onDisk = readdirSync(path.resolve(__dirname, '../../../lib/i18n/messages')).map((f) => f.replace(/\.ts$/, '')).sort();
    expect(onDisk).toEqual(Object.keys(files).sort());
    for (const [name, file] of Object.entries(files)) {
      for (const [key, english] of Object.entries(file.en)) {
        expect(t('en', key as never), `${name}.${key}`).toBe(english);
        expect(t('fr', key as never), `${name}.${key}`).toBe((file.fr as Record<string, string>)[key]);
      }
    }
  });

  test('the content scripts translate their own strings as lib/i18n does', () => {
    for (const [tr, file] of [[content.t, maskPage], [page.t, badge], [page.t, pages]] as const) {
      for (const key of Object.keys(file.en)) {
        for (const lang of ['en', 'fr'] as const) expect(tr(lang, key as never, { label: 'L', n: 2 }), key).toBe(t(lang, key as never, { label: 'L', n: 2 }));
      }
    }
    expect(content.t('fr', 'maskMasked', { label: 'IBAN' })).toBe('IBAN : valeur masquée');
    expect(page.t('en', 'badgeBasis', { basis: 'f' })).toBe('Lawful basis: f');
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

test('formatDateTime makes one Intl.DateTimeFormat per language, not one per call (the log table formats a cell per row)', () => {
  const Real = Intl.DateTimeFormat;
  let made = 0;
  Intl.DateTimeFormat = new Proxy(Real, {
    construct(target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      made += 1;
      return new target(...args);
    },
  });
  try {
    const at = Date.UTC(2026, 10, 29, 14, 5);
    const en = [formatDateTime('en', at), formatDateTime('en', at + 60_000), formatDateTime('en', at)];
    const fr = [formatDateTime('fr', at), formatDateTime('fr', at)];
    expect(en[0]).toBe(en[2]);
    expect(en[0]).not.toBe(en[1]);
    expect(en[0]).toMatch(/2026/);
    expect(fr[0]).toMatch(/nov\.? 2026/);
    expect(made).toBeLessThanOrEqual(2);
  } finally {
    Intl.DateTimeFormat = Real;
  }
});
