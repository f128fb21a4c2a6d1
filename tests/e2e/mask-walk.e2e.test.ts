import type { Page } from 'playwright-core';
import { deepPaintSampler, fixture, sfLayoutItem, openCrm, startBrowser, type Harness } from './harness';

/**
 * Masking's walk for shadow roots below a batch of added elements (`forEachShadowBelow`,
 * lib/dom/deep.ts): the roots the attachShadow hook never hears of must still be found and judged
 * before they paint. A page script adds 20 rows in one call, one of them carrying such a root with
 * two fields: an IBAN (masked) and a plain value (shown).
 */

const IBAN = 'FR76 3000 6000 0112 3456 7890 189';
const PLAIN = 'Walk Dept 17';
const KEY = 'sfdc:RecordField.Contact.OtherPhone';
const BIRTH_KEY = 'sfdc:RecordField.Contact.Birthdate';
const BASE = 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view';
const url = (how: 'declarative' | 'frame'): string => `${BASE}?walk=${how}`;

function page(how: 'declarative' | 'frame'): string {
  const item = sfLayoutItem;
  const fields = item(KEY, 'Other Phone', IBAN) + item('sfdc:RecordField.Contact.Department', 'Department', PLAIN);
  // declarative: the parser attaches the root (setHTMLUnsafe), no attachShadow call; frame: another
  // frame's prototype (the hook is in the top frame only). Either way no event announces the root.
  const attach =
    how === 'declarative'
      ? `cell.setHTMLUnsafe('<x-field><template shadowrootmode="open">' + ${JSON.stringify(fields)} + '</template></x-field>');`
      : `const other = document.getElementById('other').contentWindow;
         other.Element.prototype.attachShadow.call(cell.appendChild(document.createElement('x-field')), { mode: 'open' }).innerHTML = ${JSON.stringify(fields)};`;
  const script = `<div id="rows-slot"></div><iframe id="other" hidden></iframe><script>
    window.__addRows = () => {
      const rows = [];
      for (let i = 0; i < 20; i++) {
        const row = document.createElement('x-row');
        const cell = row.appendChild(document.createElement('x-cell'));
        cell.textContent = 'row ' + i;
        if (i === 11) { ${attach} }
        rows.push(row);
      }
      document.getElementById('rows-slot').append(...rows);
    };
  </script>`;
  return fixture('sf-lex-contact.html').replace('</body>', `${script}</body>`);
}

/** On every animation frame, which needle was rendered visible, through open shadow roots. */
const installDeepPaintSampler = deepPaintSampler([IBAN, PLAIN]);

let h: Harness;

beforeAll(async () => {
  h = await startBrowser([
    { url: url('declarative'), body: page('declarative') },
    { url: url('frame'), body: page('frame') },
  ]);
});

afterAll(async () => {
  await h?.close();
});

const value = (p: Page, key: string) => p.locator(`[data-target-selection-name="${key}"] [data-cpg-masked]`);
const painted = (p: Page) => p.evaluate(() => (window as unknown as { __painted: Record<string, boolean> }).__painted);

describe('a batch of rows carrying a shadow root the hook never heard of', () => {
  test.each([
    ['a declarative root (setHTMLUnsafe)', 'declarative'],
    ["a root attached through another frame's prototype", 'frame'],
  ] as const)('%s: the IBAN in it is masked and never painted; the plain value beside it shows', async (_name, how) => {
    const { page: p, errors } = await openCrm(h, url(how), installDeepPaintSampler);
    p.setDefaultTimeout(10_000);
    await expect.poll(() => value(p, BIRTH_KEY).getAttribute('data-cpg-masked')).toBe('true');
    await p.evaluate(() => (window as unknown as { __addRows(): void }).__addRows());
    await expect.poll(() => value(p, KEY).getAttribute('data-cpg-masked')).toBe('true');
    await expect.poll(async () => (await painted(p))[PLAIN]).toBe(true);
    await p.waitForTimeout(300);
    expect((await painted(p))[IBAN]).toBeUndefined();
    expect(errors).toEqual([]);
    await p.close();
  });
});
