import { salesforce } from '@/lib/crm/salesforce';
import { isShadowRoot, querySelectorDeep } from '@/lib/dom/deep';
import { loadFixture, parseHtml } from './shadow';

function activeRoot(doc: Document): ParentNode {
  const root = salesforce.activeRoot(doc);
  if (!root) throw new Error('no active root');
  return root;
}

describe('activeRoot', () => {
  test('F1: the visible active page, not the stale one that comes first', () => {
    const doc = loadFixture('sf-lex-contact.html');
    const root = activeRoot(doc);
    expect(root).toBe(doc.querySelector('.windowViewMode-normal.active'));
    expect(salesforce.findTitle(root)?.text).toBe('Ms. Jane Doe');
    // Without scoping, the stale page would win: this is what the active root prevents.
    expect(salesforce.findTitle(doc)?.text).toBe('Mr. John Stale');
  });

  test('a stale page that kept its .active class but is hidden is ignored', () => {
    const doc = parseHtml(`
      <div class="windowViewMode-normal active" style="display: none"><h1 id="stale"></h1></div>
      <div hidden><div class="windowViewMode-normal active"><h1 id="stale2"></h1></div></div>
      <div class="windowViewMode-normal active"><h1 id="live"></h1></div>`);
    expect((salesforce.activeRoot(doc) as Element).querySelector('h1')?.id).toBe('live');
  });

  test('console: the maximized active page of the shown workspace tab', () => {
    const doc = parseHtml(`
      <section class="tabContent oneConsoleTab"><div class="windowViewMode-maximized active lafPageHost" id="other-tab"></div></section>
      <section class="tabContent active oneConsoleTab" aria-expanded="true"><div class="split-right">
        <div class="windowViewMode-maximized active lafPageHost" id="shown"></div></div></section>`);
    expect((salesforce.activeRoot(doc) as Element).id).toBe('shown');
  });

  test('console: an inner active page (subtab) wins over its outer page', () => {
    const doc = parseHtml(`
      <div class="windowViewMode-maximized active lafPageHost" id="outer">
        <section class="tabContent active oneConsoleTab"><div class="windowViewMode-normal active" id="inner"></div></section></div>`);
    expect((salesforce.activeRoot(doc) as Element).id).toBe('inner');
  });

  test('page containers but none active (a page switch in progress): null', () => {
    const doc = parseHtml('<div class="windowViewMode-normal lafPageHost"></div>');
    expect(salesforce.activeRoot(doc)).toBeNull();
  });

  test('no page container at all: the document', () => {
    const doc = parseHtml('<main><records-highlights2></records-highlights2></main>');
    expect(salesforce.activeRoot(doc)).toBe(doc);
  });
});

describe('native shadow (F1b)', () => {
  test('the title is slotted into an h1 that lives in records-highlights2’s shadow root', () => {
    const doc = loadFixture('sf-lex-contact-native.html');
    const title = salesforce.findTitle(activeRoot(doc));
    expect(title?.text).toBe('Ms. Jane Doe');
    expect(title?.el.localName).toBe('lightning-formatted-name');
    expect(title?.anchor.localName).toBe('h1');
    expect(isShadowRoot(title?.anchor.getRootNode() ?? null)).toBe(true);
    // A plain document query cannot see that h1.
    expect(doc.querySelector('.windowViewMode-normal.active records-highlights2 h1')).toBeNull();
  });

  test('the Phone field is read through the item’s shadow root and the value’s own shadow root', () => {
    const doc = loadFixture('sf-lex-contact-native.html');
    const key = 'sfdc:RecordField.Contact.Phone';
    expect(doc.querySelector(`.active [data-target-selection-name="${key}"]`)).toBeNull();
    const phone = salesforce.findFields(activeRoot(doc)).find((f) => f.key === key);
    expect(phone?.label).toBe('Phone');
    expect(phone?.valueEl.localName).toBe('lightning-formatted-phone');
    expect(phone?.valueEl.textContent).toBe(''); // the link is in the value's shadow root
    expect(phone?.readValue()).toBe('(415) 555-0100');
  });

  test('label fallback: the field-label attribute when the label element is gone', () => {
    const doc = loadFixture('sf-lex-contact-native.html');
    const root = activeRoot(doc);
    const item = doc.querySelector('.active records-record-layout-item[field-label="Phone"]');
    querySelectorDeep(item ?? doc, '.test-id__field-label')?.remove();
    expect(salesforce.findFields(root).find((f) => f.key.endsWith('.Phone'))?.label).toBe('Phone');
  });

  test('label fallback: the field API name when there is neither a label nor a field-label', () => {
    const doc = loadFixture('sf-lex-contact.html');
    doc.querySelector('record_flexipage-record-field .test-id__field-label')?.remove();
    expect(salesforce.findFields(activeRoot(doc)).find((f) => f.key.endsWith('.HomePhone'))?.label).toBe('HomePhone');
  });
});

describe('findFields details (F1)', () => {
  test('one field per key element: the Dynamic Forms wrapper and its record field are one field', () => {
    const doc = loadFixture('sf-lex-contact.html');
    const keys = salesforce.findFields(activeRoot(doc)).map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => k.endsWith('.HomePhone'))).toHaveLength(1);
  });

  test('value elements are the slotted outputs; several outputs share their wrapper', () => {
    const doc = loadFixture('sf-lex-contact.html');
    const byKey = new Map(salesforce.findFields(activeRoot(doc)).map((f) => [f.key.split('.').pop(), f]));
    expect(byKey.get('Email')?.valueEl.getAttribute('slot')).toBe('outputField');
    expect(byKey.get('HomePhone')?.valueEl.getAttribute('slot')).toBe('output');
    expect(byKey.get('AccountId')?.valueEl.localName).toBe('force-lookup');
    expect(byKey.get('CreatedById')?.valueEl.classList.contains('test-id__field-value')).toBe(true);
  });

  test('readValue follows the page: an inline edit shows the new value', () => {
    const doc = loadFixture('sf-lex-contact.html');
    const email = salesforce.findFields(activeRoot(doc)).find((f) => f.key.endsWith('.Email'));
    const link = email?.valueEl.querySelector('a');
    if (!email || !link) throw new Error('fixture');
    link.textContent = 'jane.doe@example.org';
    expect(email.readValue()).toBe('jane.doe@example.org');
  });

  test('an item in inline-edit mode (no output element) is skipped, not misread', () => {
    const doc = loadFixture('sf-lex-contact.html');
    const item = doc.querySelector('.active records-record-layout-item[field-label="Birthdate"]');
    item?.querySelector('.test-id__field-value')?.replaceWith(doc.createElement('lightning-input'));
    const keys = salesforce.findFields(activeRoot(doc)).map((f) => f.key);
    expect(keys).not.toContain('sfdc:RecordField.Contact.Birthdate');
    // The 7 other detail fields and the highlights panel's Title.
    expect(keys).toHaveLength(8);
  });

  test('malformed key attributes are ignored', () => {
    const doc = parseHtml(`
      <records-record-layout-item field-label="X"><div data-target-selection-name="sfdc:RecordField.Contact"><span slot="outputField">a</span></div></records-record-layout-item>
      <records-record-layout-item field-label="Y"><div data-target-selection-name="sfdc:RecordField.Contact.Email.Extra"><span slot="outputField">b</span></div></records-record-layout-item>
      <records-record-layout-item field-label="Z"><div data-target-selection-name="sfdc:RecordField.Contact.Email"><span slot="outputField">c</span></div></records-record-layout-item>
      <div data-target-selection-name="sfdc:RecordField.Contact.Phone"><span slot="outputField">outside any item</span></div>`);
    expect(salesforce.findFields(doc).map((f) => [f.key, f.label, f.readValue()])).toEqual([
      ['sfdc:RecordField.Contact.Email', 'Z', 'c'],
    ]);
  });
});

describe('hostile content stays text (sf-lex-lead.html)', () => {
  test('the title is the literal markup string, and nothing was parsed from it', () => {
    const doc = loadFixture('sf-lex-lead.html');
    const title = salesforce.findTitle(activeRoot(doc));
    expect(title?.text).toBe('<img src=x onerror=alert(1)>');
    expect(title?.el.children).toHaveLength(0);
    expect(doc.querySelector('img, b')).toBeNull();
    const company = salesforce.findFields(activeRoot(doc)).find((f) => f.key.endsWith('.Company'));
    expect(company?.readValue()).toBe('<b>Evil</b> Corp');
  });

  test('object from the DOM fills in what the object-less URL cannot say', () => {
    const doc = loadFixture('sf-lex-lead.html');
    expect(salesforce.objectFromDom?.(activeRoot(doc))).toBe('Lead');
  });
});

describe('objectFromDom', () => {
  test('the most frequent object among field keys', () => {
    const doc = parseHtml(`
      <div data-target-selection-name="sfdc:RecordField.Account.Name"></div>
      <div data-target-selection-name="sfdc:RecordField.Invoice__c.Amount__c"></div>
      <div data-target-selection-name="sfdc:RecordField.Invoice__c.Status__c"></div>`);
    expect(salesforce.objectFromDom?.(doc)).toBe('Invoice__c');
  });

  test('falls back to an API-name-shaped entity label, never to a localised phrase', () => {
    expect(salesforce.objectFromDom?.(parseHtml('<records-entity-label>Contact</records-entity-label>'))).toBe('Contact');
    expect(salesforce.objectFromDom?.(parseHtml('<records-entity-label>Account Team Member</records-entity-label>'))).toBeNull();
    expect(salesforce.objectFromDom?.(parseHtml('<p>nothing</p>'))).toBeNull();
  });
});

describe('findTitle variants', () => {
  test('older force-highlights2 without a slot attribute', () => {
    const doc = parseHtml(`<force-highlights2><div><h1><slot><slot><lightning-formatted-text>Big Deal</lightning-formatted-text></slot></slot></h1></div></force-highlights2>`);
    const title = salesforce.findTitle(doc);
    expect(title?.text).toBe('Big Deal');
    expect(title?.anchor.localName).toBe('h1');
  });

  test('lightning-formatted-text as the primary field; empty candidates are skipped', () => {
    const doc = parseHtml(`<records-highlights2><h1><slot name="primaryField"><lightning-formatted-text slot="primaryField"> </lightning-formatted-text>
      <lightning-formatted-text slot="primaryField">Case 00001026</lightning-formatted-text></slot></h1></records-highlights2>`);
    expect(salesforce.findTitle(doc)?.text).toBe('Case 00001026');
  });

  test('a primary field outside the highlights or outside its h1 is not a title', () => {
    const doc = parseHtml(`<lightning-formatted-name slot="primaryField">Nope</lightning-formatted-name>
      <records-highlights2><div><lightning-formatted-name slot="primaryField">Not in h1</lightning-formatted-name></div></records-highlights2>`);
    expect(salesforce.findTitle(doc)).toBeNull();
  });
});

describe('findRows (F2)', () => {
  test('LWC rows, an object-less link and a legacy Aura row all give 18-character refs', () => {
    const doc = loadFixture('sf-lex-contact-list.html');
    const rows = salesforce.findRows?.(activeRoot(doc), { crm: 'salesforce', org: 'acme', object: 'Contact' }) ?? [];
    expect(rows.map((r) => r.ref.id)).toEqual(['0035g00000AbCdEAAV', '0035g00000BbCdEAAV', '0035g00000CbCdEAAV']);
    expect(rows.every((r) => r.anchor.localName === 'a')).toBe(true);
  });

  test('custom-object rows take the list’s object; invalid keys are skipped; a lookup column does not decide the object', () => {
    const doc = parseHtml(`<table role="grid"><tbody>
      <tr data-row-key-value="a0T5g00000CuStO"><th scope="row"><a href="/lightning/r/a0T5g00000CuStOEAV/view">INV-1</a></th>
        <td><a href="/lightning/r/Account/0015g00000XyZaBAAV/view">Acme</a></td></tr>
      <tr data-row-key-value="not-an-id"><th scope="row">?</th></tr>
      <tr><td><a href="/lightning/r/Account/0015g00000XyZaBAAV/view">Acme</a></td></tr></tbody></table>`);
    const rows = salesforce.findRows?.(doc, { crm: 'salesforce', org: 'acme', object: 'Invoice__c' }) ?? [];
    expect(rows.map((r) => r.ref)).toEqual([
      { crm: 'salesforce', org: 'acme', object: 'Invoice__c', id: 'a0T5g00000CuStOEAV' },
      { crm: 'salesforce', org: 'acme', object: 'Account', id: '0015g00000XyZaBAAV' },
    ]);
  });
});
