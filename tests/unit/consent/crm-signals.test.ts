import { hubspot } from '@/lib/crm/hubspot';
import { salesforce } from '@/lib/crm/salesforce';
import { readPageSignals } from '@/lib/consent/crm-signals';
import { loadFixture, parseHtml } from '../crm/shadow';

/** One Lightning layout item, as in tests/fixtures/sf-lex-contact.html, holding a checkbox output. */
function sfItem(object: string, api: string, label: string, output: string): string {
  return `<records-record-layout-item field-label="${label}" class="slds-form__item" role="listitem">
   <div data-target-selection-name="sfdc:RecordField.${object}.${api}" class="slds-grid">
    <div class="slds-form-element test-id__output-root">
     <div class="test-id__field-label-container slds-form-element__label"><span class="test-id__field-label">${label}</span></div>
     <div class="slds-form-element__control"><span class="test-id__field-value slds-form-element__static"><slot name="outputField">
      <records-output-checkbox data-output-element-id="output-field" slot="outputField">${output}</records-output-checkbox></slot></span></div></div></div>
  </records-record-layout-item>`;
}

const checked = '<lightning-input><span class="slds-checkbox"><input type="checkbox" disabled checked><span class="slds-checkbox_faux"></span></span></lightning-input>';
const unchecked = '<lightning-input><span class="slds-checkbox"><input type="checkbox" disabled><span class="slds-checkbox_faux"></span></span></lightning-input>';

function sfPage(items: string): Document {
  return parseHtml(`<div class="windowViewMode-normal oneContent active lafPageHost">${items}</div>`);
}

describe('what the CRM page says', () => {
  test("HubSpot: hs_legal_basis 'Legitimate interest – prospect/lead' is (f); only the letter and the field key come out", () => {
    const doc = loadFixture('hubspot-contact.html');
    const signals = readPageSignals('hubspot', hubspot.findFields(hubspot.activeRoot(doc)!));
    expect(signals).toEqual({ letters: ['f'], notApplicable: false, flags: [], fieldKeys: ['hs_legal_basis'] });
    expect(JSON.stringify(signals)).not.toContain('prospect');
  });

  test("Salesforce: Don't Process and Forget this Individual ticked, Don't Market not", () => {
    const doc = sfPage(
      sfItem('Individual', 'HasOptedOutProcessing', "Don't Process", checked) +
        sfItem('Individual', 'HasOptedOutSolicit', "Don't Market", unchecked) +
        sfItem('Individual', 'ShouldForget', 'Forget this Individual', checked) +
        sfItem('Individual', 'HasOptedOutTracking', "Don't Track", checked),
    );
    const signals = readPageSignals('salesforce', salesforce.findFields(salesforce.activeRoot(doc)!));
    expect(signals.flags).toEqual(['dont-process', 'forget']);
    expect(signals.fieldKeys).toEqual([
      'sfdc:RecordField.Individual.HasOptedOutProcessing',
      'sfdc:RecordField.Individual.HasOptedOutSolicit',
      'sfdc:RecordField.Individual.ShouldForget',
    ]);
  });

  test("Salesforce: a flag shown as text ('True') or aria-checked counts; 'False' does not", () => {
    const doc = sfPage(
      sfItem('Contact', 'HasOptedOutSolicit', "Don't Market", '<span aria-checked="true" role="checkbox"></span>') +
        sfItem('Contact', 'HasOptedOutProcessing', "Don't Process", '<lightning-formatted-text>False</lightning-formatted-text>') +
        sfItem('Contact', 'ShouldForget', 'Forget', '<img alt="True" src="/img/checkbox_checked.gif">'),
    );
    expect(readPageSignals('salesforce', salesforce.findFields(salesforce.activeRoot(doc)!)).flags).toEqual(['dont-market', 'forget']);
  });

  test('a page without these fields says nothing', () => {
    const doc = loadFixture('sf-lex-contact.html');
    expect(readPageSignals('salesforce', salesforce.findFields(salesforce.activeRoot(doc)!))).toEqual({ letters: [], notApplicable: false, flags: [], fieldKeys: [] });
  });
});
