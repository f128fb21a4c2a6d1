// Synthetic CRM pages for the benchmarks, in the markup of tests/fixtures (crm-dom.md §5).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export const SF_ORIGIN = 'https://acme.lightning.force.com';
export const RECORD_URL = `${SF_ORIGIN}/lightning/r/Contact/0035g00000AbCdEAAV/view`;
export const OTHER_URL = `${SF_ORIGIN}/lightning/page/home`;
export const listUrl = (rows) => `${SF_ORIGIN}/lightning/o/Contact/list?filterName=Bench${rows}`;
export const SPA_URL = `${SF_ORIGIN}/lightning/r/Contact/003000000000001AAA/view`;

export function fixture(name) {
  return readFileSync(`${root}tests/fixtures/${name}`, 'utf8');
}

const CHECKSUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
/** 15 → 18 character Salesforce id (the documented case checksum). */
export function to18(id15) {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15[chunk * 5 + i];
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += CHECKSUM[bits];
  }
  return id15 + suffix;
}

export function contactId(n) {
  return to18(`0035g${String(n).padStart(10, '0')}`);
}

function row(n) {
  const id = contactId(n);
  return `<tr data-row-key-value="${id}" data-row-number="${n}" aria-selected="false"><td role="gridcell"><input type="checkbox"></td>
<th scope="row" role="gridcell" data-label="Name"><lightning-primitive-cell-factory><span><div><lightning-primitive-custom-cell><force-lookup><div><records-hoverable-link><div>
<a href="/lightning/r/Contact/${id}/view" data-navigation="enable"><span>Person ${n}</span></a></div></records-hoverable-link></div></force-lookup></lightning-primitive-custom-cell></div></span></lightning-primitive-cell-factory></th>
<td role="gridcell" data-label="Email"><lightning-base-formatted-text>person${n}@example.com</lightning-base-formatted-text></td></tr>`;
}

/** The table's rows as HTML (used both in the page and by the page's own script to add them). */
export function rowsHtml(count) {
  return Array.from({ length: count }, (_, i) => row(i + 1)).join('\n');
}

function shell(content, script = '') {
  return `<!doctype html><html lang="en"><head><title>Bench | Salesforce</title></head><body>
<div class="desktop container oneOne oneAppLayoutHost"><div class="slds-template__container"><div class="lafSinglePaneWindowManager">
<div class="windowViewMode-normal oneContent active lafPageHost">${content}</div></div></div></div>${script}</body></html>`;
}

/** A list view with `count` rows, all in the initial HTML. */
export function listPage(count) {
  return shell(`<lst-object-home><lst-list-view-manager><lst-common-list-internal><h1>Contacts</h1>
<lightning-datatable><table class="slds-table" role="grid" data-num-rows="${count}"><thead><tr><th>Name</th><th>Email</th></tr></thead>
<tbody>${rowsHtml(count)}</tbody></table></lightning-datatable></lst-common-list-internal></lst-list-view-manager></lst-object-home>`);
}

/** An empty list view: the bench inserts the rows in one go and times until they are marked. */
export function emptyListPage() {
  return shell(`<lst-object-home><lightning-datatable><table class="slds-table" role="grid"><tbody id="rows"></tbody></table></lightning-datatable></lst-object-home>`);
}

function recordContent(n) {
  const id = contactId(n);
  return `<one-record-home-flexipage2><records-lwc-highlights-panel><records-highlights2><div class="highlights slds-page-header">
<h1><div class="entityNameTitle"><slot><records-entity-label>Contact</records-entity-label></slot></div>
<slot name="primaryField"><lightning-formatted-name slot="primaryField">Person ${n}</lightning-formatted-name></slot></h1></div></records-highlights2></records-lwc-highlights-panel>
<records-record-layout-item field-label="Email"><div data-target-selection-name="sfdc:RecordField.Contact.Email"><div class="slds-form-element test-id__output-root">
<div class="test-id__field-label-container slds-form-element__label"><span class="test-id__field-label">Email</span></div>
<div class="slds-form-element__control"><span class="test-id__field-value"><slot name="outputField"><lightning-formatted-text data-output-element-id="output-field" slot="outputField">person${n}@example.com</lightning-formatted-text></slot></span></div></div></div></records-record-layout-item>
<records-record-layout-item field-label="Birthdate"><div data-target-selection-name="sfdc:RecordField.Contact.Birthdate"><div class="slds-form-element test-id__output-root">
<div class="test-id__field-label-container slds-form-element__label"><span class="test-id__field-label">Birthdate</span></div>
<div class="slds-form-element__control"><span class="test-id__field-value"><slot name="outputField"><lightning-formatted-date-time data-output-element-id="output-field" slot="outputField">4/${(n % 28) + 1}/1980</lightning-formatted-date-time></slot></span></div></div></div></records-record-layout-item>
</one-record-home-flexipage2><!-- record ${id} -->`;
}

/**
 * A single-page app of 50 records: window.__go(i) swaps the active page and pushes its URL the way
 * Lightning does (old page hidden, then dropped), and resolves after two animation frames.
 */
export function spaPage() {
  const script = `<script>
  (() => {
    const CHECKSUM = ${JSON.stringify(CHECKSUM)};
    const to18 = (id) => { let s = ''; for (let c = 0; c < 3; c++) { let b = 0; for (let i = 0; i < 5; i++) { const ch = id[c * 5 + i]; if (ch >= 'A' && ch <= 'Z') b |= 1 << i; } s += CHECKSUM[b]; } return id + s; };
    const template = ${JSON.stringify(recordContent(0))};
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    window.__go = async (n) => {
      const host = document.querySelector('.lafSinglePaneWindowManager');
      const old = host.querySelector('.active');
      const page = document.createElement('div');
      page.className = 'windowViewMode-normal oneContent active lafPageHost';
      page.innerHTML = template.replaceAll('Person 0', 'Person ' + n).replaceAll('person0@', 'person' + n + '@');
      old.classList.remove('active');
      old.style.display = 'none';
      host.append(page);
      old.remove();
      history.pushState({}, '', '/lightning/r/Contact/' + to18('0035g' + String(n).padStart(10, '0')) + '/view');
      await frame();
    };
  })();
  </script>`;
  return shell(recordContent(1), script);
}

export const FULL_RECORD_URL = `${SF_ORIGIN}/lightning/r/Contact/${to18('0035g00000FuLl1')}/view`;

// Fields of a full Contact layout: label, API name, kind. The first ones are Salesforce's standard
// Contact fields; the rest are the custom fields an org adds (the kinds cycle).
const FULL_FIELDS = [
  ['Name', 'Name', 'text'], ['Account Name', 'AccountId', 'lookup'], ['Title', 'Title', 'text'], ['Department', 'Department', 'text'],
  ['Email', 'Email', 'email'], ['Phone', 'Phone', 'phone'], ['Mobile', 'MobilePhone', 'phone'], ['Home Phone', 'HomePhone', 'phone'],
  ['Other Phone', 'OtherPhone', 'phone'], ['Fax', 'Fax', 'phone'], ['Assistant', 'AssistantName', 'text'], ['Asst. Phone', 'AssistantPhone', 'phone'],
  ['Reports To', 'ReportsToId', 'lookup'], ['Lead Source', 'LeadSource', 'text'], ['Birthdate', 'Birthdate', 'date'], ['Contact Owner', 'OwnerId', 'lookup'],
  ['Mailing Address', 'MailingAddress', 'address'], ['Other Address', 'OtherAddress', 'address'], ['Languages', 'Languages__c', 'text'], ['Level', 'Level__c', 'text'],
  ['Description', 'Description', 'text'], ['Created By', 'CreatedById', 'lookup'], ['Last Modified By', 'LastModifiedById', 'lookup'], ['Email Opt Out', 'HasOptedOutOfEmail', 'text'],
  ['Do Not Call', 'DoNotCall', 'text'], ['Fax Opt Out', 'HasOptedOutOfFax', 'text'], ['Gender Identity', 'GenderIdentity', 'text'], ['Pronouns', 'Pronouns', 'text'],
];
const CUSTOM_KINDS = ['text', 'date', 'phone', 'email', 'text', 'lookup'];

function fieldValue(kind, n) {
  switch (kind) {
    case 'email':
      return `<emailui-formatted-email-contact data-output-element-id="output-field" slot="outputField"><lightning-formatted-email><a href="mailto:person${n}@example.com">person${n}@example.com</a></lightning-formatted-email></emailui-formatted-email-contact>`;
    case 'phone':
      return `<lightning-formatted-phone data-output-element-id="output-field" slot="outputField"><a href="tel:+1415555${String(1000 + n).slice(-4)}">(415) 555-${String(1000 + n).slice(-4)}</a></lightning-formatted-phone>`;
    case 'date':
      return `<lightning-formatted-date-time data-output-element-id="output-field" slot="outputField">${(n % 12) + 1}/${(n % 28) + 1}/19${60 + (n % 40)}</lightning-formatted-date-time>`;
    case 'lookup':
      return `<force-lookup data-output-element-id="output-field" slot="outputField"><div class="slds-grid"><records-hoverable-link data-navigation="enable"><div class="slds-grid"><a href="/lightning/r/${to18(`0015g${String(n).padStart(10, '0')}`)}/view" data-navigation="enable"><span>Related ${n}</span></a></div></records-hoverable-link></div></force-lookup>`;
    case 'address':
      return `<lightning-formatted-address data-output-element-id="output-field" slot="outputField"><a href="https://www.google.com/maps/place/${n}+Main+St" target="_blank"><div>${n} Main St</div><div>SF, CA 94105</div></a></lightning-formatted-address>`;
    default:
      return `<lightning-formatted-text data-output-element-id="output-field" slot="outputField">Value ${n} of this field</lightning-formatted-text>`;
  }
}

function layoutItem(label, api, kind, n) {
  return `<records-record-layout-item field-label="${label}" class="slds-form__item slds-no-space" role="listitem" lwc-7f0ot5ba3n0="">
<div data-target-selection-name="sfdc:RecordField.Contact.${api}" class="slds-grid slds-size_1-of-1 label-inline" lwc-7f0ot5ba3n0="">
<div class="slds-form-element slds-hint-parent test-id__output-root slds-form-element_edit slds-form-element_readonly slds-form-element_horizontal">
<div class="test-id__field-label-container slds-form-element__label"><span class="test-id__field-label">${label}</span></div>
<div class="slds-form-element__control"><span class="test-id__field-value slds-form-element__static slds-grow word-break-ie11"><slot name="outputField">${fieldValue(kind, n)}</slot></span>
<button class="test-id__inline-edit-trigger slds-shrink-none inline-edit-trigger slds-button slds-button_icon" title="Edit ${label}"><span class="slds-assistive-text">Edit ${label}</span></button></div></div></div>
</records-record-layout-item>`;
}

function relatedList(title, count) {
  const rows = Array.from({ length: count }, (_, i) => {
    const id = to18(`006${title.length}g${String(i + 1).padStart(10, '0')}`);
    return `<tr data-row-key-value="${id}" data-row-number="${i + 1}"><th scope="row" role="gridcell" data-label="Name"><lightning-primitive-cell-factory><span><div><lightning-primitive-custom-cell><force-lookup><div><records-hoverable-link><div><a href="/lightning/r/${id}/view" data-navigation="enable"><span>${title} ${i + 1}</span></a></div></records-hoverable-link></div></force-lookup></lightning-primitive-custom-cell></div></span></lightning-primitive-cell-factory></th>
<td role="gridcell" data-label="Stage"><lightning-primitive-cell-factory><span><div><lightning-base-formatted-text>Stage ${i % 5}</lightning-base-formatted-text></div></span></lightning-primitive-cell-factory></td>
<td role="gridcell" data-label="Close Date"><lightning-primitive-cell-factory><span><div><lightning-formatted-date-time>${(i % 12) + 1}/15/2026</lightning-formatted-date-time></div></span></lightning-primitive-cell-factory></td></tr>`;
  }).join('\n');
  return `<lst-related-list-view-manager><lst-common-list-internal><article class="slds-card"><h2 class="slds-card__header-title"><span>${title} (${count})</span></h2>
<lst-primary-display-manager><lst-primary-display><lst-primary-display-grid><lst-customized-datatable><div><div><div><table class="slds-table" role="grid" data-num-rows="${count}"><thead><tr><th>Name</th><th>Stage</th><th>Close Date</th></tr></thead><tbody>
${rows}</tbody></table></div></div></div></lst-customized-datatable></lst-primary-display-grid></lst-primary-display></lst-primary-display-manager></article></lst-common-list-internal></lst-related-list-view-manager>`;
}

/**
 * A Contact record page the size of a full Lightning layout (benchmark #2's second record page):
 * the highlights panel, `fields` fields in sections of 12 (two a row, the F1 markup of crm-dom.md
 * §2), and three related lists of 6 rows. The standard fields come first (Birthdate and Email among
 * them), then custom fields. At 100 fields: 143 KB and ~1,900 elements, against 16 KB and 9 fields for
 * sf-lex-contact.html. A live Lightning page also carries the app's header, navigation and utility bar,
 * and renders the record by script after its load event; this page has it all in its HTML.
 */
export function fullRecordPage(fields = 150) {
  const items = Array.from({ length: fields }, (_, i) => {
    const [label, api, kind] = FULL_FIELDS[i] ?? [`Custom Field ${i}`, `Custom_Field_${i}__c`, CUSTOM_KINDS[i % CUSTOM_KINDS.length]];
    return layoutItem(label, api, kind, i + 1);
  });
  const sections = [];
  for (let s = 0; s * 12 < items.length; s++) {
    const mine = items.slice(s * 12, s * 12 + 12);
    const rows = [];
    for (let r = 0; r < mine.length; r += 2) rows.push(`<records-record-layout-row><slot>\n${mine.slice(r, r + 2).join('\n')}\n</slot></records-record-layout-row>`);
    sections.push(`<records-record-layout-section><div class="slds-section slds-is-open has-header"><h3 class="slds-section__title"><button class="slds-button">Section ${s + 1}</button></h3><slot>\n${rows.join('\n')}\n</slot></div></records-record-layout-section>`);
  }
  const details = ['Title', 'Account Name', 'Phone', 'Email', 'Contact Owner', 'Lead Source']
    .map((label, i) => `<records-highlights-details-item><p class="slds-text-title">${label}</p><p class="fieldComponent"><lightning-formatted-text>Detail ${i + 1}</lightning-formatted-text></p></records-highlights-details-item>`)
    .join('');
  const content = `<one-record-home-flexipage2><flexipage-record-home-template-desktop2>
<records-lwc-highlights-panel><records-highlights2><div class="highlights slds-clearfix slds-page-header slds-page-header_record-home fixed-position">
<h1><div class="entityNameTitle slds-line-height--reset"><slot><records-entity-label>Contact</records-entity-label></slot></div>
<slot name="primaryField" class="slds-page-header__title"><lightning-formatted-name slot="primaryField">Ms. Full Layout</lightning-formatted-name></slot></h1>
${details}</div></records-highlights2></records-lwc-highlights-panel>
<flexipage-tabset2><lightning-tabset><flexipage-tab2><records-lwc-detail-panel><records-base-record-form><records-lwc-record-layout>
<forcegenerated-detailpanel_contact___012000000000000aaa___full___view___recordlayout2><records-record-layout-block>
${sections.join('\n')}
</records-record-layout-block></forcegenerated-detailpanel_contact___012000000000000aaa___full___view___recordlayout2></records-lwc-record-layout></records-base-record-form></records-lwc-detail-panel></flexipage-tab2></lightning-tabset></flexipage-tabset2>
<flexipage-component2>${relatedList('Opportunities', 6)}${relatedList('Cases', 6)}${relatedList('Activities', 6)}</flexipage-component2>
</flexipage-record-home-template-desktop2></one-record-home-flexipage2>`;
  return shell(content).replace('<title>Bench | Salesforce</title>', '<title>Ms. Full Layout | Contact | Salesforce</title>');
}
