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
