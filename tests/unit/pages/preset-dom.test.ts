import { decidePageRetention, lifecycleOf, type PageField } from '@/lib/crm/page-retention';
import { PRESET_ADAPTERS, siteAdapters } from '@/lib/crm/sites';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { decideMask } from '@/lib/policy/decide';
import type { Policy, RetentionRule } from '@/lib/policy/schema';
import { parseHtml } from '../crm/shadow';

/**
 * Preset markup that crm-dom.md §2 documents and the preset fixtures (d365-contact.html,
 * zoho-contact.html) do not show: the other Dynamics title, lookups, read-only controls, textareas;
 * Zoho's older title and its Lyte value components.
 */
const d365 = PRESET_ADAPTERS.dynamics365;
const zoho = PRESET_ADAPTERS.zoho;

describe('Dynamics 365 (UCI form, S23/S24)', () => {
  test('the title from #headerContainer h1 when there is no [data-id=header_title]', () => {
    const doc = parseHtml('<div data-id="editFormRoot"><div id="headerContainer"><h1 title="Jane Doe">Jane Doe</h1></div></div>');
    expect(d365.findTitle(doc)?.text).toBe('Jane Doe');
  });

  test('a lookup shows its selected tag; a read-only control its title; a textarea its value', () => {
    const doc = parseHtml(`<div data-id="editFormRoot">
      <div data-id="parentcustomerid-FieldSectionItemContainer"><label id="id-1-parentcustomerid-field-label">Company Name</label>
       <ul><li><div data-id="parentcustomerid.fieldControl-LookupResultsDropdown_parentcustomerid_selected_tag" role="link" title="Acme">Acme</div></li></ul></div>
      <div data-id="telephone1-FieldSectionItemContainer"><label id="id-2-telephone1-field-label">Business Phone</label>
       <input data-id="telephone1.fieldControl-phone-text-input" readonly title="+1 415 555 0100"></div>
      <div data-id="description-FieldSectionItemContainer"><label id="id-3-description-field-label">Description</label>
       <textarea data-id="description.fieldControl-text-box-text">Prefers email</textarea></div></div>`);
    const fields = d365.findFields(doc);
    expect(fields.map((f) => [f.key, f.label, f.readValue()])).toEqual([
      ['parentcustomerid', 'Company Name', 'Acme'],
      ['telephone1', 'Business Phone', '+1 415 555 0100'],
      ['description', 'Description', 'Prefers email'],
    ]);
    // The mask covers what shows the value: the tag, the control.
    expect(fields.map((f) => f.valueEl.localName)).toEqual(['div', 'input', 'textarea']);
  });

  test('a value selector that meets a wrapper first reads the control inside it, never its markup as text', () => {
    const doc = parseHtml(`<div data-id="editFormRoot">
      <div data-id="description-FieldSectionItemContainer"><label id="id-3-description-field-label">Description</label>
       <div data-id="description.fieldControl_container"><textarea data-id="description.fieldControl-text-box-text">Default text</textarea></div></div>
      <div data-id="emailaddress1-FieldSectionItemContainer"><label id="id-4-emailaddress1-field-label">Email</label>
       <div data-id="emailaddress1.fieldControl_container"><input type="checkbox" checked><input type="email" data-id="emailaddress1.fieldControl-mail-text-input" value="jane@example.com"></div></div></div>`);
    (doc.querySelector('textarea') as HTMLTextAreaElement).value = 'Asked to be called after 6pm';
    const fields = d365.findFields(doc);
    expect(fields.map((f) => [f.key, f.label, f.readValue()])).toEqual([
      ['description', 'Description', 'Asked to be called after 6pm'],
      ['emailaddress1', 'Email', 'jane@example.com'],
    ]);
  });
  test('a wrapper with several controls shows each one that holds text, and the policy judges every part', () => {
    // A field the form splits over two inputs (a bank code and the account number, a date and a time):
    // the second input's value used to be left out of what the detectors read.
    const doc = parseHtml(`<div data-id="editFormRoot">
      <div data-id="new_reference-FieldSectionItemContainer"><label id="id-5-new_reference-field-label">Reference</label>
       <div data-id="new_reference.fieldControl_container"><input type="text" data-id="new_reference.fieldControl-prefix" value="FR">
        <input type="checkbox"><input type="text" data-id="new_reference.fieldControl-number" value="FR76 3000 6000 0112 3456 7890 189"></div></div>
      <div data-id="callback-FieldSectionItemContainer"><label id="id-6-callback-field-label">Call back</label>
       <div data-id="callback.fieldControl_container"><input type="text" value=""><span>not set</span></div></div></div>`);
    const fields = d365.findFields(doc);
    expect(fields.map((f) => [f.key, f.readValue()])).toEqual([
      ['new_reference', 'FR\nFR76 3000 6000 0112 3456 7890 189'],
      ['callback', 'not set'],
    ]);
    // Neither the label nor the first input says anything sensitive: the IBAN in the second one does.
    const ref = fields[0];
    if (!ref) throw new Error('no field');
    const judge = (value: string): boolean => decideMask(DEFAULT_POLICY, { crm: 'dynamics365', object: 'contact', key: ref.key, label: ref.label, value }).masked;
    expect(judge('FR')).toBe(false);
    expect(judge(ref.readValue())).toBe(true);
  });
});

describe('a generic adapter from the policy', () => {
  test('a label wrapping its control reads as the label alone (no value in what rules match and the background gets)', () => {
    const [custom] = siteAdapters({
      presets: { dynamics365: false, zoho: false, pipedrive: false },
      customDomains: [],
      adapters: [{ id: 'acme', name: 'Acme CRM', hosts: ['crm.acme.example'], orgFrom: 'host', idCase: 'keep', record: [{ path: '/^\\/c\\/(?<id>\\d+)$/' }], selectors: { title: 'h1', field: '.field', fieldKey: { attr: 'data-key' }, fieldLabel: 'label' } }],
    });
    const doc = parseHtml('<h1>Jane</h1><div class="field" data-key="notes"><label>Health notes <textarea>Diabetic</textarea></label></div><div class="field" data-key="religion"><label>Religion <select><option>None</option><option selected>Catholic</option></select></label></div>');
    expect(custom?.findFields(doc).map((f) => [f.key, f.label, f.readValue()])).toEqual([
      ['notes', 'Health notes', 'Diabetic'],
      ['religion', 'Religion', 'Catholic'],
    ]);
  });
});

describe('Zoho CRM (Lyte)', () => {
  test('the title from #titlecard_LASTNAME (before 2026-08-04); values from their wrappers, components included', () => {
    const doc = parseHtml(`<span id="titlecard_LASTNAME"><span class="cxElemCompViewWrap">Doe</span></span>
      <div data-zcqa="value_Email"><crux-email-component cx-prop-value="jane@example.com"><span class="cxElemCompViewWrap">jane@example.com</span></crux-email-component></div>
      <div data-zcqa="value_Phone"><crux-phone-component cx-prop-value="+33 1 23 45 67 89"><span class="cxPhoneViewValue lvPhFld">+33 1 23 45 67 89</span></crux-phone-component></div>`);
    expect(zoho.findTitle(doc)?.text).toBe('Doe');
    expect(zoho.findFields(doc).map((f) => [f.key, f.readValue()])).toEqual([
      ['Email', 'jane@example.com'],
      ['Phone', '+33 1 23 45 67 89'],
    ]);
  });
});

describe('Zoho CRM related lists on a record page (crm-dom.md §3: lyte-td[data-zcqa="value_listviewtable_{Label}"])', () => {
  // A contact with one related list (the shape idx:70103189907 shows: column labels with spaces).
  const page = (own = ''): Document =>
    parseHtml(`<span id="titlecard_FULLNAME">Jeanne Dupont</span>
      <div data-zcqa="value_Email"><span class="cxElemCompViewWrap">jeanne@exemple.fr</span></div>${own}
      <crm-related-list-view-header related-module="CustomModule32"><lyte-tbody><lyte-tr>
        <lyte-td data-zcqa="value_listviewtable_Date of Birth">17/05/1984</lyte-td>
        <lyte-td data-zcqa="value_listviewtable_Created Time">02/01/2015</lyte-td>
        <lyte-td data-zcqa="value_listviewtable_Last Activity">03/01/2015</lyte-td>
        <lyte-td data-zcqa="value_listviewtable_Type">Customer</lyte-td>
      </lyte-tr></lyte-tbody></crm-related-list-view-header>`);
  const pageFields = (doc: Document, adapter = zoho): PageField[] =>
    adapter.findFields(doc).map((f) => ({ key: f.key, label: f.label, value: f.readValue(), ...(f.otherRecord ? { otherRecord: true } : {}) }));

  test('a cell keeps its own key (never one of the record’s) and is labelled by its column', () => {
    const fields = zoho.findFields(page());
    expect(fields.map((f) => [f.key, f.label, f.readValue()])).toEqual([
      ['Email', 'Email', 'jeanne@exemple.fr'],
      ['listviewtable_Date of Birth', 'Date of Birth', '17/05/1984'],
      ['listviewtable_Created Time', 'Created Time', '02/01/2015'],
      ['listviewtable_Last Activity', 'Last Activity', '03/01/2015'],
      ['listviewtable_Type', 'Type', 'Customer'],
    ]);
    expect(fields[1]?.valueEl.localName).toBe('lyte-td');
    // The same on a custom domain granted to the Zoho preset.
    const onDomain = siteAdapters({ presets: { dynamics365: true, zoho: true, pipedrive: true }, adapters: [], customDomains: [{ host: 'crm.acme.example', adapter: 'zoho' }] })[0];
    expect(onDomain?.findFields(page()).map((f) => f.label)).toEqual(['Email', 'Date of Birth', 'Created Time', 'Last Activity', 'Type']);
  });

  test('a policy rule by label masks the related records’ cells too (key rules stay the record’s own)', () => {
    const policy: Policy = {
      ...DEFAULT_POLICY,
      masking: {
        ...DEFAULT_POLICY.masking,
        rules: [
          { id: 'dob-label', description: 'Dates of birth, by label.', match: { labels: ['Date of Birth'] } },
          { id: 'email-key', description: 'The record’s email, by key.', match: { fieldKeys: ['Email'] } },
        ],
        detectors: { iban: false, paymentCard: false, nir: false, email: false, phone: false },
      },
    };
    const decisions = zoho
      .findFields(page())
      .map((f) => [f.key, decideMask(policy, { crm: 'zoho', object: 'Contacts', key: f.key, label: f.label, value: f.readValue() }).masked]);
    expect(decisions).toEqual([
      ['Email', true],
      ['listviewtable_Date of Birth', true],
      ['listviewtable_Created Time', false],
      ['listviewtable_Last Activity', false],
      ['listviewtable_Type', false],
    ]);
  });

  test('retention never reads a related record’s dates or type as this record’s', () => {
    const prospects = DEFAULT_POLICY.retention.find((r) => r.id === 'prospects') as RetentionRule;
    const today = new Date(2026, 5, 15, 12);
    const firstSeen = new Date(2026, 0, 10);
    const related = pageFields(page());
    // The related contact is a customer created in 2015: this record's lifecycle and clock know nothing of it.
    expect(lifecycleOf('zoho', 'Contacts', related)).toBe('unknown');
    const decision = decidePageRetention(prospects, { fields: related, locale: 'fr', today, firstSeen });
    expect(decision).toMatchObject({ state: 'ok', startedFrom: 'first-seen' });
    // The record's own Created_Time still starts the clock.
    const own = pageFields(page('<div data-zcqa="value_Created_Time"><span class="cxElemCompViewWrap">02/01/2015</span></div>'));
    expect(decidePageRetention(prospects, { fields: own, locale: 'fr', today, firstSeen })).toMatchObject({ state: 'overdue', startedFrom: 'created' });
  });
});

describe('Pipedrive titles (crm-dom.md §2: Clockify’s selectors [S22])', () => {
  const pipedrive = PRESET_ADAPTERS.pipedrive;

  test('a lead’s title in [data-testid=SidebarLeadTitle]; a deal’s in [data-testid=header-title] around .cui5-editable-text__input', () => {
    const lead = parseHtml('<aside><div data-testid="SidebarLeadTitle"><span>Acme – 50 seats</span></div></aside>');
    expect(pipedrive.findTitle(lead)?.text).toBe('Acme – 50 seats');
    const deal = parseHtml('<header><div data-testid="header-title"><span class="cui5-editable-text__input">Acme renewal</span></div></header>');
    const title = pipedrive.findTitle(deal);
    expect(title?.text).toBe('Acme renewal');
    expect(title?.anchor.getAttribute('data-testid')).toBe('header-title');
  });

  test('a deal’s title in the textarea.cui5-editable-text__input the page fills by script (its value, not its markup)', () => {
    const deal = parseHtml('<header><div data-testid="header-title"><div class="cui5-editable-text__box"><textarea class="cui5-editable-text__input"></textarea></div></div></header>');
    const area = deal.querySelector('textarea') as HTMLTextAreaElement;
    area.value = 'Acme renewal';
    const title = pipedrive.findTitle(deal);
    expect(title?.text).toBe('Acme renewal');
    expect(title?.anchor.getAttribute('data-testid')).toBe('header-title');
    // The rep edits the title: the badge's title follows the value shown, not the markup's default.
    const marked = parseHtml('<div data-testid="header-title"><textarea class="cui5-editable-text__input">Old name</textarea></div>');
    (marked.querySelector('textarea') as HTMLTextAreaElement).value = 'New name';
    expect(pipedrive.findTitle(marked)?.text).toBe('New name');
  });
});
