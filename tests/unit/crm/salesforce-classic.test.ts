import { classifyUrl } from '@/lib/crm/registry';
import { salesforce } from '@/lib/crm/salesforce';
import { recordKey, type PageKind } from '@/lib/crm/types';
import { decideMask } from '@/lib/policy/decide';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import type { Policy } from '@/lib/policy/schema';
import { loadFixture } from './shadow';

// Salesforce Classic record pages (crm-dom.md §1 "Classic: the ID is the first path segment", §2 "Other CRMs":
// `td.labelCol`/`th.labelCol` next to `td.dataCol`, title `#bodyCell .content .pageType` and `.pageDescription`).
// Fixture: tests/fixtures/sf-classic-contact.html (its sources are in tests/fixtures/README.md).

const C18 = '0035g00000AbCdEAAV';
const C15 = '0035g00000AbCdE';
const LIGHTNING = `https://acme.lightning.force.com/lightning/r/Contact/${C18}/view`;

const keyOf = (url: string): string | null => {
  const page = classifyUrl(url)?.page;
  return page?.kind === 'record' ? recordKey(page.ref) : null;
};

describe('Classic URLs', () => {
  test.each<[string, PageKind]>([
    [`https://acme.my.salesforce.com/${C18}`, { kind: 'record', ref: { crm: 'salesforce', org: 'acme', object: 'Contact', id: C18 } }],
    [`https://acme.my.salesforce.com/${C15}`, { kind: 'record', ref: { crm: 'salesforce', org: 'acme', object: 'Contact', id: C18 } }],
    ['https://acme.my.salesforce.com/003000000000001AAA', { kind: 'record', ref: { crm: 'salesforce', org: 'acme', object: 'Contact', id: '003000000000001AAA' } }],
    [`https://acme.my.salesforce.com/${C15}?nooverride=1&retURL=%2F003%2Fo`, { kind: 'record', ref: { crm: 'salesforce', org: 'acme', object: 'Contact', id: C18 } }],
    [`https://acme--uat.sandbox.my.salesforce.com/00Q5g00000LeAdX`, { kind: 'record', ref: { crm: 'salesforce', org: 'acme--uat', object: 'Lead', id: '00Q5g00000LeAdXEAV' } }],
    // A custom object's prefix names no object: the key's object part is empty (README § Record pages).
    ['https://acme.my.salesforce.com/a0T5g00000CuStO', { kind: 'record', ref: { crm: 'salesforce', org: 'acme', object: '', id: 'a0T5g00000CuStOEAV' } }],
  ])('record: %s', (url, page) => {
    expect(classifyUrl(url)?.page).toEqual(page);
  });

  test.each([
    'https://acme.my.salesforce.com/home/home.jsp',
    'https://acme.my.salesforce.com/003/o',
    'https://acme.my.salesforce.com/003',
    'https://acme.my.salesforce.com/003/e?retURL=%2F003%2Fo',
    'https://acme.my.salesforce.com/setup/forcecomHomepage.apexp?setupid=ForceCom',
    'https://acme.my.salesforce.com/setup/own/deleteredirect.jsp',
    'https://acme.my.salesforce.com/apex/Foo',
    'https://acme.my.salesforce.com/apex/Foo?id=0035g00000AbCdE',
    'https://acme.my.salesforce.com/_ui/core/chatter/ui/ChatterPage',
    'https://acme.my.salesforce.com/servlet/servlet.FileDownload?file=00P5g00000AtTaC',
    `https://acme.my.salesforce.com/${C15}/e`, // the edit page, not the record page
    `https://acme.my.salesforce.com/${C15}/p`, // printable view
    `https://acme.my.salesforce.com/${C15}/`,
    'https://acme.my.salesforce.com/0035g00000AbCdEAAB', // wrong checksum
    'https://acme.my.salesforce.com/0035g00000AbCd', // 14
    'https://acme.my.salesforce.com/0035g00000AbCdEA', // 16
    'https://acme.my.salesforce.com/ProfileSettingsX', // 15 letters, no digit: a word, not an ID
    `http://acme.my.salesforce.com/${C15}`,
    `https://acme.salesforce.com/${C15}`, // not a My Domain host (HOST_RE)
    `https://acme.my.salesforce.com/x${C15}`,
  ])('not a record: %s', (url) => {
    expect(classifyUrl(url)?.page ?? { kind: 'other' }).toEqual({ kind: 'other' });
  });

  test('Lightning pages on my.salesforce.com classify as before', () => {
    expect(classifyUrl(`https://acme.my.salesforce.com/lightning/r/Contact/${C18}/view`)?.page).toEqual({ kind: 'record', ref: { crm: 'salesforce', org: 'acme', object: 'Contact', id: C18 } });
    expect(classifyUrl(`https://acme.my.salesforce.com/one/one.app#/sObject/${C15}/view`)?.page).toEqual({ kind: 'record', ref: { crm: 'salesforce', org: 'acme', object: 'Contact', id: C18 } });
    expect(classifyUrl('https://acme.my.salesforce.com/one/one.app')?.page).toEqual({ kind: 'other' });
    expect(classifyUrl('https://acme.my.salesforce.com/lightning/o/Contact/list')?.page).toEqual({ kind: 'list', ref: { crm: 'salesforce', org: 'acme', object: 'Contact' } });
    expect(classifyUrl('https://acme.my.salesforce.com/lightning/page/home')?.page).toEqual({ kind: 'other' });
  });

  test('a Classic page and the Lightning page of one record give one key', () => {
    const keys = [LIGHTNING, `https://acme.my.salesforce.com/${C15}`, `https://acme.my.salesforce.com/${C18}?srPos=0`, `https://acme.lightning.force.com/lightning/r/${C18}/view`].map(keyOf);
    expect(keys).toEqual(Array(4).fill(`sf:acme:Contact:${C18}`));
    // A sandbox stays another org, in Classic as in Lightning.
    expect(keyOf(`https://acme--uat.sandbox.my.salesforce.com/${C15}`)).toBe(keyOf(`https://acme--uat.sandbox.lightning.force.com/lightning/r/Contact/${C15}/view`));
  });
});

describe('Classic record page DOM (sf-classic-contact.html)', () => {
  const load = (): { doc: Document; root: ParentNode } => {
    const doc = loadFixture('sf-classic-contact.html');
    const root = salesforce.activeRoot(doc);
    if (!root) throw new Error('no active root');
    return { doc, root };
  };

  test('title: the record name from .pageDescription, the badge right after that heading', () => {
    const { root } = load();
    const title = salesforce.findTitle(root);
    expect(title?.text).toBe('Ms. Jane Doe');
    expect(title?.anchor.localName).toBe('h2');
    expect(title?.anchor.classList.contains('pageDescription')).toBe(true);
    // The object label beside it.
    expect(title?.anchor.previousElementSibling?.classList.contains('pageType')).toBe(true);
  });

  test('fields: each label cell with its value cell, keyed by the cell id when there is one, else by the label', () => {
    const { root } = load();
    const fields = salesforce.findFields(root).map((f) => ({ key: f.key, label: f.label, value: f.readValue(), el: `${f.valueEl.localName}${f.valueEl.id ? `#${f.valueEl.id}` : ''}` }));
    expect(fields).toEqual([
      { key: 'sfdc:ClassicField.Name', label: 'Name', value: 'Ms. Jane Doe', el: 'div#Name_ileinner' },
      { key: 'sfdc:ClassicField.con4', label: 'Account Name', value: 'Acme', el: 'div#con4_ileinner' },
      { key: 'sfdc:ClassicField.con7', label: 'Birthdate', value: '5/14/1984', el: 'div#con7_ileinner' },
      { key: 'sfdc:ClassicField.con15', label: 'Email', value: 'jane@example.com', el: 'div#con15_ileinner' },
      { key: 'sfdc:ClassicField.00N5g00000NaTiD', label: 'National ID', value: '1 84 05 75 056 123 45', el: 'div#00N5g00000NaTiD_ileinner' },
      { key: 'sfdc:ClassicField.Mobile', label: 'Mobile', value: '+1 415 555 0101', el: 'td' },
      { key: 'sfdc:ClassicField.con20', label: 'Description', value: '<img src=x onerror=alert(1)> met at Dreamforce', el: 'div#con20_ileinner' },
      { key: 'sfdc:ClassicField.BNotesB', label: '<b>Notes</b>', value: '<script>alert(2)</script>', el: 'td' },
      { key: 'sfdc:ClassicField.CF00N5g00000RePtS', label: 'Reports To', value: 'John Roe', el: 'div#CF00N5g00000RePtS_ileinner' },
      { key: 'sfdc:ClassicField.CreatedBy', label: 'Created By', value: 'Ann Admin, 3/1/2021 9:12 AM', el: 'td' },
    ]);
  });

  test('hostile label and value text stays text: reading the page creates no element', () => {
    const { doc, root } = load();
    const before = doc.querySelectorAll('*').length;
    const fields = salesforce.findFields(root);
    salesforce.findTitle(root);
    expect(doc.querySelectorAll('*').length).toBe(before);
    expect(doc.querySelector('script, img[onerror]')).toBeNull();
    expect(fields.find((f) => f.label === '<b>Notes</b>')?.valueEl.children).toHaveLength(0);
  });

  test('the related list and the page header are not fields; the object is not guessed from the DOM', () => {
    const { root } = load();
    const values = salesforce.findFields(root).map((f) => f.readValue());
    expect(values.join('\n')).not.toContain('Call Jane about renewal');
    expect(values.join('\n')).not.toContain('Recent Items');
    expect(salesforce.objectFromDom?.(root)).toBeNull();
  });

  test('a label with help text reads as its words (the help script and orb are not text)', () => {
    const doc = new DOMParser().parseFromString(
      '<body class="sfdcBody"><div class="bPageBlock bDetailBlock"><table class="detailList"><tr>' +
        '<td class="labelCol"><span class="helpButton" id="00N5g00000NaTiD-_help">National ID<img src="/s.gif" alt="" class="helpOrb" title=""><script>sfdcPage.setHelp(\'NatId\', \'Help text\');</script></span></td>' +
        '<td class="dataCol col02 inlineEditWrite" id="00N5g00000NaTiD_ilecell"><div id="00N5g00000NaTiD_ileinner">123</div></td></tr></table></div></body>',
      'text/html',
    );
    expect(salesforce.findFields(doc).map((f) => [f.key, f.label, f.readValue()])).toEqual([['sfdc:ClassicField.00N5g00000NaTiD', 'National ID', '123']]);
  });

  test('an edit page (bEditBlock) holds no record fields', () => {
    const doc = new DOMParser().parseFromString(
      '<body class="sfdcBody"><div class="bPageBlock bEditBlock"><table class="detailList"><tr>' +
        '<td class="labelCol"><label for="con7">Birthdate</label></td><td class="dataCol col02"><input id="con7" name="con7" value="5/14/1984"></td></tr></table></div></body>',
      'text/html',
    );
    expect(salesforce.findFields(doc)).toEqual([]);
  });

  test('policy rules by label (and the default policy) mask Classic values', () => {
    const { root } = load();
    const fields = salesforce.findFields(root);
    const judged = (policy: Policy) =>
      fields.filter((f) => decideMask(policy, { crm: 'salesforce', object: 'Contact', key: f.key, label: f.label, value: f.readValue() }).masked).map((f) => f.label);
    expect(judged(DEFAULT_POLICY)).toContain('Birthdate');
    expect(judged(DEFAULT_POLICY)).not.toContain('Name');
    const byLabel: Policy = {
      ...DEFAULT_POLICY,
      masking: { ...DEFAULT_POLICY.masking, detectors: { iban: false, paymentCard: false, nir: false, email: false, phone: false }, rules: [{ id: 'natid', description: 'By label', match: { labels: ['national id'] } }] },
    };
    expect(judged(byLabel)).toEqual(['National ID']);
  });
});
