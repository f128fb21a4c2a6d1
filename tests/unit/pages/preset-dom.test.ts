import { PRESET_ADAPTERS } from '@/lib/crm/sites';
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
