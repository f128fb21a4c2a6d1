import { langFromUrl } from '@/entrypoints/popup/lang';

/** The in-page panel and the reveal dialog speak the CRM page's language, passed in their URL. */
describe('langFromUrl', () => {
  test('the page language in the URL wins over the frame’s own navigator', () => {
    expect(langFromUrl('?tab=4&embed=1&lang=fr', 'en-US')).toBe('fr');
    expect(langFromUrl('?tab=4&embed=1&lang=en', 'fr-FR')).toBe('en');
    expect(langFromUrl('?tab=4&field=x&label=Birthdate&lang=fr', 'en-GB')).toBe('fr');
  });

  test('without it, or with anything but en or fr, the browser’s language as before', () => {
    expect(langFromUrl('?tab=4', 'fr-CA')).toBe('fr');
    expect(langFromUrl('?tab=4', 'de-DE')).toBe('en');
    for (const odd of ['de', 'FR', 'fr-FR', 'fr ', '', 'en&lang=fr', '<b>fr</b>']) {
      expect(langFromUrl(`?lang=${encodeURIComponent(odd)}`, 'en-US'), odd).toBe('en');
    }
    // The first `lang` counts: a second one cannot override it.
    expect(langFromUrl('?lang=en&lang=fr', 'en-US')).toBe('en');
  });
});
