import { fixture } from './harness';

/**
 * The Salesforce lead fixture with a Last Activity field (page-layout markup, as F1) holding
 * `value` as the page shows it (e.g. `M/d/yyyy`); `null`: the fixture as it is, without the field.
 */
export function leadWithLastActivity(value: string | null): string {
  const base = fixture('sf-lex-lead.html');
  if (value === null) return base;
  const item = `<records-record-layout-item field-label="Last Activity" class="slds-form__item slds-no-space" role="listitem">
       <div data-target-selection-name="sfdc:RecordField.Lead.LastActivityDate" class="slds-grid slds-size_1-of-1 label-inline">
        <div class="slds-form-element slds-hint-parent test-id__output-root slds-form-element_readonly slds-form-element_horizontal">
         <div class="test-id__field-label-container slds-form-element__label"><span class="test-id__field-label">Last Activity</span></div>
         <div class="slds-form-element__control"><span class="test-id__field-value slds-form-element__static"><slot name="outputField">
          <lightning-formatted-text data-output-element-id="output-field" slot="outputField">${value}</lightning-formatted-text></slot></span></div></div></div>
      </records-record-layout-item>`;
  return base.replace('</slot></records-record-layout-row>', `${item}</slot></records-record-layout-row>`);
}
