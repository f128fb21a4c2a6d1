import { hubspot } from '@/lib/crm/hubspot';
import { salesforce } from '@/lib/crm/salesforce';
import { parseHtml } from './shadow';

/**
 * Markup variants that crm-dom.md documents and the F1–F4 fixtures do not exercise: each one left a
 * badge without a title, or a value outside masking, before the adapters read it.
 */

/** One page-layout item (crm-dom.md §2 "Field markup, page-layout detail panel"), its value part given. */
function layoutItem(label: string, api: string, value: string): string {
  return `<records-record-layout-item field-label="${label}" class="slds-form__item" role="listitem">
    <div data-target-selection-name="sfdc:RecordField.Contact.${api}" class="slds-grid slds-size_1-of-1 label-inline">
     <div class="slds-form-element slds-hint-parent test-id__output-root slds-form-element_edit">
      <div class="test-id__field-label-container slds-form-element__label"><span class="test-id__field-label">${label}</span></div>
      <div class="slds-form-element__control">${value}</div></div></div></records-record-layout-item>`;
}

describe('Salesforce highlights panel (compact layout), crm-dom.md §2 "Title and badge location"', () => {
  // The real markup (a saved Case page, code index 69157719169; CumulusCI S3): secondary fields in
  // records-highlights-details-item, label p.slds-text-title, value p.fieldComponent > slot > component.
  const header = (items: string): string => `<div class="windowViewMode-normal active">
    <records-lwc-highlights-panel><records-highlights2><div class="highlights slds-page-header slds-page-header_record-home">
     <h1><div class="entityNameTitle"><slot><records-entity-label>Contact</records-entity-label></slot></div>
      <slot name="primaryField"><lightning-formatted-name slot="primaryField">Jane Doe</lightning-formatted-name></slot></h1>
     <div class="secondaryFields"><slot name="secondaryFields">${items}</slot></div></div></records-highlights2></records-lwc-highlights-panel>
    ${layoutItem('Email', 'Email', '<span class="test-id__field-value"><slot name="outputField"><emailui-formatted-email-contact slot="outputField"><a href="mailto:jane@example.com">jane@example.com</a></emailui-formatted-email-contact></slot></span>')}
  </div>`;
  const item = (label: string, value: string): string => `<records-highlights-details-item class="slds-page-header__detail-block"><div>
    <p class="slds-text-title slds-truncate" title="${label}">${label}</p>
    <p class="fieldComponent slds-text-body--regular slds-show_inline-block slds-truncate"><slot>${value}</slot></p></div></records-highlights-details-item>`;

  test('secondary fields are fields: a label shared with a detail field takes its key, others a key from the label', () => {
    const doc = parseHtml(
      header(
        item('Email', '<emailui-formatted-email-contact><a href="mailto:jane@example.com">jane@example.com</a></emailui-formatted-email-contact>') +
          item('Mobile Phone', '<lightning-formatted-phone><a href="tel:+14155550111">(415) 555-0111</a></lightning-formatted-phone>') +
          item('Date de naissance', '<lightning-formatted-text>17/05/1984</lightning-formatted-text>'),
      ),
    );
    const root = salesforce.activeRoot(doc);
    if (!root) throw new Error('no root');
    const fields = salesforce.findFields(root);
    expect(fields.map((f) => [f.key, f.label, f.readValue(), f.valueEl.localName])).toEqual([
      ['sfdc:RecordField.Contact.Email', 'Email', 'jane@example.com', 'emailui-formatted-email-contact'],
      ['sfdc:RecordField.Contact.Email', 'Email', 'jane@example.com', 'emailui-formatted-email-contact'],
      ['sfdc:RecordField.Contact.MobilePhone', 'Mobile Phone', '(415) 555-0111', 'lightning-formatted-phone'],
      ['sfdc:RecordField.Contact.DateDeNaissance', 'Date de naissance', '17/05/1984', 'lightning-formatted-text'],
    ]);
    // The detail value and the header value are two elements: each gets its own mask.
    expect(fields[0]?.valueEl).not.toBe(fields[1]?.valueEl);
    expect(fields[1]?.valueEl.closest('records-highlights-details-item')).not.toBeNull();
  });

  test('the value stays the same element once a mask host is put before it; several components → the value paragraph', () => {
    const doc = parseHtml(header(item('Phone', '<lightning-formatted-phone>1</lightning-formatted-phone>') + item('Owner', '<span>A</span><span>B</span>')));
    const first = salesforce.findFields(doc).filter((f) => f.valueEl.closest('records-highlights-details-item'));
    const phone = first[0]?.valueEl;
    if (!phone) throw new Error('no phone');
    const host = doc.createElement('span');
    host.setAttribute('data-cpg', 'mask');
    phone.before(host);
    const again = salesforce.findFields(doc).filter((f) => f.valueEl.closest('records-highlights-details-item'));
    expect(again[0]?.valueEl).toBe(phone);
    expect(again[1]?.valueEl.matches('p.fieldComponent')).toBe(true);
    expect(again[1]?.readValue()).toBe('AB');
  });

  test('native shadow: the item’s markup in its shadow root, the slotted component in the light DOM', () => {
    const doc = parseHtml(`<records-highlights2><template shadowrootmode="open"><h1><slot name="primaryField"></slot></h1>
      <records-highlights-details-item><template shadowrootmode="open"><div><p class="slds-text-title" title="Phone">Phone</p>
        <p class="fieldComponent"><slot></slot></p></div></template><lightning-formatted-phone>(415) 555-0100</lightning-formatted-phone></records-highlights-details-item>
      </template><lightning-formatted-name slot="primaryField">Jane Doe</lightning-formatted-name></records-highlights2>`);
    const fields = salesforce.findFields(doc);
    expect(fields.map((f) => [f.key, f.label, f.readValue()])).toEqual([['sfdc:RecordField.Record.Phone', 'Phone', '(415) 555-0100']]);
    expect(fields[0]?.valueEl.localName).toBe('lightning-formatted-phone');
  });

  test('an item without a label or a value is not a field', () => {
    const doc = parseHtml(`<records-highlights-details-item><div><p class="fieldComponent">x</p></div></records-highlights-details-item>
      <records-highlights-details-item><div><p class="slds-text-title">Label only</p></div></records-highlights-details-item>`);
    expect(salesforce.findFields(doc)).toEqual([]);
  });
});

describe('Salesforce inline edit, crm-dom.md §4 "Inline edit swaps [slot=outputField] for [slot*=input]"', () => {
  const input = (value: string): string =>
    `<span class="test-id__field-value"><slot name="inputField"><records-record-layout-base-input slot="inputField"><lightning-input><div>
      <label>Edit</label><input type="text" value="${value}"></div></lightning-input></records-record-layout-base-input></slot></span>`;

  test('an item in edit mode is still its field: the input slot is the value, read from the input', () => {
    const doc = parseHtml(layoutItem('Bank Account', 'Bank_Account__c', input('FR7630006000011234567890189')));
    const fields = salesforce.findFields(doc);
    expect(fields.map((f) => [f.key, f.label, f.readValue()])).toEqual([
      ['sfdc:RecordField.Contact.Bank_Account__c', 'Bank Account', 'FR7630006000011234567890189'],
    ]);
    expect(fields[0]?.valueEl.localName).toBe('records-record-layout-base-input');
    // What the user types shows through.
    const el = fields[0]?.valueEl.querySelector('input');
    if (!el) throw new Error('no input');
    el.value = 'changed';
    expect(fields[0]?.readValue()).toBe('changed');
  });

  test('the input of a native-shadow lightning-input is read too; hidden inputs are not values', () => {
    const doc = parseHtml(
      layoutItem(
        'Email',
        'Email',
        `<span class="test-id__field-value"><slot name="inputField"><lightning-input slot="inputField"><template shadowrootmode="open"><input type="email" value="jane@example.com"><input type="hidden" value="secret-id"></template></lightning-input></slot></span>`,
      ),
    );
    expect(salesforce.findFields(doc).map((f) => f.readValue())).toEqual(['jane@example.com']);
  });
});

describe('HubSpot ticket record title, crm-dom.md §2 "Tickets also have [data-test-id=highlight-record-label]"', () => {
  // HubSpot-Ticket-Refined's ticket fixture (S19): the highlight card has no highlightTitle element.
  const ticket = `<aside data-test-id="left-sidebar"><div data-test-id="card-wrapper-OBJECT_HIGHLIGHT-FAS-0-5-1"><div><div data-test-id="record-highlight-content">
    <a href="#">Tickets</a><strong data-test-id="highlight-record-label">Configure PACS destination</strong><a href="#">View ticket in help desk</a>
    <span>Create date: Sep 3, 2026</span></div></div></div></aside>`;

  test('the record label is the title when there is no highlightTitle', () => {
    const doc = parseHtml(ticket);
    const title = hubspot.findTitle(doc);
    expect(title?.text).toBe('Configure PACS destination');
    expect(title?.anchor).toBe(title?.el);
  });

  test('highlightTitle still wins; a record label outside a highlight card is not a title', () => {
    const doc = parseHtml(`${ticket.replace('<a href="#">Tickets</a>', '<h2><span data-selenium-test="highlightTitle">Ticket 42</span></h2>')}`);
    expect(hubspot.findTitle(doc)?.text).toBe('Ticket 42');
    expect(hubspot.findTitle(parseHtml('<div><strong data-test-id="highlight-record-label">Loose</strong></div>'))).toBeNull();
  });
});

describe('Salesforce: several record pages coexist after SPA navigation, crm-dom.md §2 "Page shell"', () => {
  // SF Record Linker (idx:52436904068) picks the visible one-record-home-flexipage2 among several.
  const page = (name: string, email: string, hidden: boolean): string => `<one-record-home-flexipage2${hidden ? ' style="display:none"' : ''}>
    <records-highlights2><h1><slot name="primaryField"><lightning-formatted-name slot="primaryField">${name}</lightning-formatted-name></slot></h1></records-highlights2>
    ${layoutItem('Email', 'Email', `<span class="test-id__field-value"><slot name="outputField"><lightning-formatted-text slot="outputField">${email}</lightning-formatted-text></slot></span>`)}
  </one-record-home-flexipage2>`;

  test('without page containers: the title and fields of the shown page, not of the stale one before it', () => {
    const doc = parseHtml(page('Old Record', 'old@example.com', true) + page('New Record', 'new@example.com', false));
    const root = salesforce.activeRoot(doc);
    if (!root) throw new Error('no root');
    expect(salesforce.findTitle(root)?.text).toBe('New Record');
    expect(salesforce.findFields(root).map((f) => f.readValue())).toEqual(['new@example.com']);
  });

  test('inside one active container too; none shown (a switch in progress): the container as before', () => {
    const doc = parseHtml(`<div class="windowViewMode-normal active">${page('Old Record', 'o', true)}${page('New Record', 'n', false)}</div>`);
    expect(salesforce.findTitle(salesforce.activeRoot(doc) ?? doc)?.text).toBe('New Record');
    const switching = parseHtml(`<div class="windowViewMode-normal active" id="c">${page('A', 'a', true)}${page('B', 'b', true)}</div>`);
    expect((salesforce.activeRoot(switching) as Element).id).toBe('c');
  });
});

describe('Salesforce Dynamic Forms in native shadow, crm-dom.md §2 "Field markup, Dynamic Forms"', () => {
  test('flexipage-field and record_flexipage-record-field with their own shadow roots: the slotted output is the value', () => {
    const doc = parseHtml(`<flexipage-field data-field-id="RecordHomePhoneField"><template shadowrootmode="open"><slot></slot></template>
      <record_flexipage-record-field class="slds-grid slds-col" role="listitem"><template shadowrootmode="open">
        <div data-target-selection-name="sfdc:RecordField.Contact.HomePhone"><div class="slds-form-element test-id__output-root">
         <div class="test-id__field-label-container slds-form-element__label"><span class="test-id__field-label">Home Phone</span></div>
         <div class="slds-form-element__control"><span class="test-id__field-value slds-form-element__static"><slot name="output"></slot></span></div></div></div>
      </template><lightning-formatted-phone slot="output" data-output-element-id="output-field">(415) 555-0199</lightning-formatted-phone></record_flexipage-record-field>
    </flexipage-field>`);
    const fields = salesforce.findFields(doc);
    expect(fields.map((f) => [f.key, f.label, f.readValue()])).toEqual([['sfdc:RecordField.Contact.HomePhone', 'Home Phone', '(415) 555-0199']]);
    expect(fields[0]?.valueEl.getRootNode()).toBe(doc);
  });
});

describe('HubSpot index rows keyed by their cells, crm-dom.md §3 and §5 F4 ("…or from the cell-id suffix")', () => {
  const list = { crm: 'hubspot' as const, org: '123456', object: '0-5' };

  test('a row without a row id takes the record id from its cells’ data-table-external-id (or data-test-id)', () => {
    const doc = parseHtml(`<table data-test-id="framework-data-table"><thead><tr><th role="columnheader" data-table-external-id="header-DEFAULT_NAMESPACE-subject">Ticket name</th></tr></thead><tbody>
      <tr><td><input type="checkbox"></td><td data-table-external-id="cell-0-5-subject-2345678901"><div class="media"><a href="/contacts/123456/record/0-5/2345678901"><span data-test-id="truncated-object-label">Printer jam</span></a></div></td>
        <td data-table-external-id="cell-0-5-hs_pipeline_stage-2345678901">New</td></tr>
      <tr><td data-test-id="cell-0-5-hs_pipeline_stage-42">Closed</td></tr>
      <tr data-test-id="row-7"><td data-table-external-id="cell-0-5-subject-8">Row id wins</td></tr>
      <tr><td data-table-external-id="cell-0-5-subject-abc">not an id</td></tr></tbody></table>`);
    const rows = hubspot.findRows?.(doc, list) ?? [];
    expect(rows.map((r) => r.ref.id)).toEqual(['2345678901', '42', '7']);
    expect(rows[0]?.anchor.localName).toBe('a');
    expect(rows[1]?.anchor.localName).toBe('tr');
  });
});

describe('Salesforce value components, crm-dom.md §2 "Value components"', () => {
  // Each is the slotted output of a page-layout item; the item's markup is F1's.
  const output = (component: string): string =>
    `<span class="test-id__field-value slds-form-element__static"><slot name="outputField">${component}</slot></span>`;

  test('records-output-phone, rich text, formula, URL, number and forecast category are read as shown', () => {
    const doc = parseHtml(
      layoutItem('Mobile', 'MobilePhone', output('<records-output-phone data-output-element-id="output-field" slot="outputField"><lightning-formatted-phone><a href="tel:+14155550111">(415) 555-0111</a></lightning-formatted-phone></records-output-phone>')) +
        layoutItem('Notes', 'Notes__c', output('<lightning-formatted-rich-text data-output-element-id="output-field" slot="outputField"><span part="formatted-rich-text"><p>Allergic to penicillin.</p><p>Call after 6pm.</p></span></lightning-formatted-rich-text>')) +
        layoutItem('Score', 'Score__c', output('<records-formula-output data-output-element-id="output-field" slot="outputField"><lightning-formatted-number>42</lightning-formatted-number></records-formula-output>')) +
        layoutItem('Website', 'Website__c', output('<lightning-formatted-url data-output-element-id="output-field" slot="outputField"><a href="https://jane.example">jane.example</a></lightning-formatted-url>')) +
        layoutItem('Forecast Category', 'ForecastCategoryName', output('<sfa-output-forecast-category data-output-element-id="output-field" slot="outputField">Pipeline</sfa-output-forecast-category>')),
    );
    expect(salesforce.findFields(doc).map((f) => [f.key.split('.').pop(), f.label, f.readValue(), f.valueEl.localName])).toEqual([
      ['MobilePhone', 'Mobile', '(415) 555-0111', 'records-output-phone'],
      ['Notes__c', 'Notes', 'Allergic to penicillin.\nCall after 6pm.', 'lightning-formatted-rich-text'],
      ['Score__c', 'Score', '42', 'records-formula-output'],
      ['Website__c', 'Website', 'jane.example', 'lightning-formatted-url'],
      ['ForecastCategoryName', 'Forecast Category', 'Pipeline', 'sfa-output-forecast-category'],
    ]);
  });
});

describe('Salesforce list rows, crm-dom.md §3 and §5 F2b', () => {
  const list = { crm: 'salesforce' as const, org: 'acme', object: 'Contact' };

  test('older Aura lists: the record link in a td[role=gridcell] (no th, no row key) names the row', () => {
    // §3 "Older Aura lists: td[role=gridcell].slds-cell-edit.cellContainer a.outputLookupLink…" (idx:38067243313, idx:35106837498).
    const doc = parseHtml(`<table class="slds-table" role="grid"><tbody><tr>
      <td role="gridcell" class="slds-cell-edit cellContainer"><span class="slds-grid slds-grid--align-spread">
       <a class="slds-truncate outputLookupLink forceOutputLookup" data-refid="recordId" data-recordid="0035g00000CbCdEAAV" data-special-link="true" href="/lightning/r/0035g00000CbCdEAAV/view" title="Ann Lee">Ann Lee</a></span></td>
      <td role="gridcell" class="slds-cell-edit cellContainer"><span class="slds-truncate">ann@example.com</span></td></tr></tbody></table>`);
    const rows = salesforce.findRows?.(doc, list) ?? [];
    expect(rows.map((r) => [r.ref.object, r.ref.id, r.anchor.textContent])).toEqual([['Contact', '0035g00000CbCdEAAV', 'Ann Lee']]);
  });

  test('F2b: open shadow roots at lst-common-list-internal, lst-customized-datatable, lightning-datatable and each cell factory', () => {
    // The CumulusCI host chain [S2]; §3 "lightning-primitive-cell-factory (shadow) > span > div".
    const cell = (content: string): string => `<lightning-primitive-cell-factory><template shadowrootmode="open"><span><div>${content}</div></span></template></lightning-primitive-cell-factory>`;
    const row = (id: string, href: string, name: string): string => `<tr data-row-key-value="${id}" data-row-number="1">
      <th scope="row" role="gridcell" data-label="Name">${cell(`<lightning-primitive-custom-cell><force-lookup><div><records-hoverable-link><div><a href="${href}" data-navigation="enable"><span>${name}</span></a></div></records-hoverable-link></div></force-lookup></lightning-primitive-custom-cell>`)}</th>
      <td role="gridcell" data-label="Email">${cell('<lightning-base-formatted-text>x@example.com</lightning-base-formatted-text>')}</td></tr>`;
    const doc = parseHtml(`<div class="windowViewMode-normal oneContent active lafPageHost"><lst-object-home><lst-list-view-manager>
      <lst-common-list-internal><template shadowrootmode="open"><lst-primary-display-manager><lst-primary-display><lst-primary-display-grid>
       <lst-customized-datatable><template shadowrootmode="open"><lightning-datatable><template shadowrootmode="open"><div><div><div>
        <table class="slds-table" role="grid" data-num-rows="2"><tbody>
         ${row('0035g00000AbCdEAAV', '/lightning/r/Contact/0035g00000AbCdEAAV/view', 'Jane Doe')}
         ${row('0035g00000BbCdE', '/lightning/r/0035g00000BbCdEAAV/view', 'Bob Roe')}
        </tbody></table></div></div></div></template></lightning-datatable></template></lst-customized-datatable>
      </lst-primary-display-grid></lst-primary-display></lst-primary-display-manager></template></lst-common-list-internal>
    </lst-list-view-manager></lst-object-home></div>`);
    // Nothing of the table is visible to a plain query.
    expect(doc.querySelector('tr')).toBeNull();
    const root = salesforce.activeRoot(doc);
    if (!root) throw new Error('no root');
    const rows = salesforce.findRows?.(root, list) ?? [];
    expect(rows.map((r) => [r.ref.id, r.anchor.localName, r.anchor.textContent])).toEqual([
      ['0035g00000AbCdEAAV', 'a', 'Jane Doe'],
      ['0035g00000BbCdEAAV', 'a', 'Bob Roe'],
    ]);
  });
});
