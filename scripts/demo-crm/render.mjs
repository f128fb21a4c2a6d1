// The bundled demo CRM: full HTML pages whose markup mirrors the real Salesforce Lightning and
// HubSpot DOM described in /work/shared/reference/crm-dom.md (sections 1–5), served under real CRM
// URLs by routeFixtures() (scripts/lib/chromium.mjs). Every data value goes through escapeHtml():
// templates use the `html` tag below, which escapes each interpolated string and only passes
// through what an earlier `html` call built. No external resources.

import {
  HS_PORTALS,
  SF_ORG,
  SF_ORIGIN,
  hsContacts,
  hsFullName,
  sfAccountById,
  sfAccounts,
  sfContacts,
  sfFormalName,
  sfFullName,
  sfLeads,
} from './data.mjs';

export { SF_ORG, SF_ORIGIN, HS_PORTALS };

// ---------------------------------------------------------------------------------------------
// Escaping

/**
 * Escapes text for an HTML text node or a quoted attribute value.
 * @param {unknown} value
 * @returns {string}
 */
export function escapeHtml(value) {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/`/g, '&#96;');
}

/** Markup built by `html` (or `raw`): the only thing interpolation does not escape. */
class SafeHtml {
  /** @param {string} value */
  constructor(value) {
    this.value = value;
  }
  toString() {
    return this.value;
  }
}

/** @param {unknown} v @returns {string} */
function interpolate(v) {
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(interpolate).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(v);
}

/**
 * Template tag: escapes every interpolated value except SafeHtml (and arrays of it).
 * @param {TemplateStringsArray} strings
 * @param {...unknown} values
 * @returns {SafeHtml}
 */
export function html(strings, ...values) {
  let out = strings[0];
  for (let i = 0; i < values.length; i += 1) out += interpolate(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Trusted constant markup (never data). @param {string} s */
const raw = (s) => new SafeHtml(s);

// ---------------------------------------------------------------------------------------------
// Formatting helpers (values still go through the html tag afterwards)

/** @param {string} iso yyyy-mm-dd → m/d/yyyy (Salesforce en_US) */
const sfDate = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return iso ? `${m}/${d}/${y}` : '';
};
/** @param {string} iso → m/d/yyyy, h:mm AM */
const sfDateTime = (iso) => {
  const t = new Date(iso);
  const h = t.getUTCHours();
  const mm = String(t.getUTCMinutes()).padStart(2, '0');
  return `${t.getUTCMonth() + 1}/${t.getUTCDate()}/${t.getUTCFullYear()}, ${h % 12 || 12}:${mm} ${h < 12 ? 'AM' : 'PM'}`;
};
/** @param {string} iso yyyy-mm-dd → mm/dd/yyyy (HubSpot date property) */
const hsDate = (iso) => {
  const [y, m, d] = iso.split('-');
  return iso ? `${m}/${d}/${y}` : '';
};
/** tel: URI from a displayed phone number. @param {string} phone */
const telHref = (phone) => {
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${digits.startsWith('+') ? digits : `+1${digits}`}`;
};
/** @param {import('./data.mjs').Address} a @returns {string[]} */
const addressLines = (a) => [a.street, [a.city, [a.state, a.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', '), a.country];

// ---------------------------------------------------------------------------------------------
// URLs

export const sfRecordPath = (/** @type {string} */ obj, /** @type {string} */ id) => `/lightning/r/${obj}/${id}/view`;
/** A record's related list in full (crm-dom.md §1): `Contacts` names the relationship, not an object. */
export const sfRelatedPath = (/** @type {string} */ obj, /** @type {string} */ id, /** @type {string} */ rel) => `/lightning/r/${obj}/${id}/related/${rel}/view`;
export const sfListPath = (/** @type {string} */ obj) => `/lightning/o/${obj}/list?filterName=${SF_LIST_VIEWS[obj]?.filter ?? 'Recent'}`;
export const hsRecordPath = (/** @type {string} */ portalId, /** @type {string} */ id) => `/contacts/${portalId}/record/0-1/${id}`;
export const hsIndexPath = (/** @type {string} */ portalId) => `/contacts/${portalId}/objects/0-1/views/all/list`;

/** @type {Record<string, { filter: string, view: string, label: string }>} */
const SF_LIST_VIEWS = {
  Contact: { filter: 'AllContacts', view: 'All Contacts', label: 'Contacts' },
  Lead: { filter: 'AllOpenLeads', view: 'All Open Leads', label: 'Leads' },
  Account: { filter: 'AllAccounts', view: 'All Accounts', label: 'Accounts' },
};

const HS_EU = HS_PORTALS[1];
const HS_NA = HS_PORTALS[0];

// ---------------------------------------------------------------------------------------------
// The SPA client script: same-origin link clicks fetch the target page and swap the page container
// in place (history.pushState); popstate goes back and forth. Salesforce mode keeps earlier pages
// in the DOM, hidden and without `active`, like Lightning; HubSpot mode replaces <main>.

/**
 * Runs in the page (stringified), so it must be self-contained.
 * @param {{ mode: 'stack' | 'replace', page: string, parent?: string, keep?: number }} cfg
 */
function demoSpa(cfg) {
  /** @type {Map<string, { el: Element, title: string }>} */
  const cache = new Map();
  const keyOf = (/** @type {string} */ u) => {
    const x = new URL(u, location.href);
    return x.pathname + x.search;
  };
  const activePage = () => document.querySelector(cfg.mode === 'stack' ? `${cfg.page}.active` : cfg.page);
  const first = activePage();
  if (cfg.mode === 'stack' && first) cache.set(keyOf(location.href), { el: first, title: document.title });
  let seq = 0;

  const markNav = () => {
    for (const a of document.querySelectorAll('[data-demo-nav] a[href]')) {
      const target = new URL(/** @type {HTMLAnchorElement} */ (a).href);
      const item = a.closest('[data-demo-nav]');
      const here =
        location.pathname === target.pathname ||
        (item?.getAttribute('data-demo-nav') ?? '').split(' ').some((p) => p && location.pathname.startsWith(p));
      item?.classList.toggle('slds-is-active', here);
      if (here) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  };

  /** @param {string} url @param {boolean} push */
  async function go(url, push) {
    const mine = ++seq;
    const key = keyOf(url);
    let entry = cfg.mode === 'stack' ? cache.get(key) : undefined;
    if (!entry || !entry.el.isConnected) {
      let text;
      try {
        const res = await fetch(url, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
        if (!res.ok || !(res.headers.get('content-type') ?? '').includes('text/html')) throw new Error(String(res.status));
        text = await res.text();
      } catch {
        location.assign(url); // let the browser show whatever the server says
        return;
      }
      if (mine !== seq) return; // a later click won
      const doc = new DOMParser().parseFromString(text, 'text/html');
      const fresh = doc.querySelector(cfg.mode === 'stack' ? `${cfg.page}.active` : cfg.page);
      if (!fresh) {
        location.assign(url);
        return;
      }
      entry = { el: document.importNode(fresh, true), title: doc.title };
    }
    if (mine !== seq) return;
    if (push) history.pushState({ demoSpa: true }, '', url);
    const old = activePage();
    if (cfg.mode === 'stack') {
      if (old && old !== entry.el) {
        old.classList.remove('active');
        /** @type {HTMLElement} */ (old).style.display = 'none';
      }
      const el = /** @type {HTMLElement} */ (entry.el);
      el.classList.add('active');
      el.style.removeProperty('display');
      if (!el.getAttribute('style')) el.removeAttribute('style');
      if (!el.isConnected) document.querySelector(cfg.parent ?? 'body')?.appendChild(el);
      cache.delete(key);
      cache.set(key, entry);
      // Lightning keeps a handful of pages around; drop the oldest hidden ones.
      for (const [k, v] of cache) {
        if (cache.size <= (cfg.keep ?? 5)) break;
        if (v.el === el) continue;
        v.el.remove();
        cache.delete(k);
      }
    } else if (old) {
      old.replaceWith(entry.el);
    }
    document.title = entry.title;
    markNav();
    window.scrollTo(0, 0);
  }

  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const start = /** @type {Element | null} */ (event.target instanceof Element ? event.target : null);
    const a = /** @type {HTMLAnchorElement | null} */ (start?.closest('a[href]') ?? null);
    if (!a || (a.target && a.target !== '_self') || a.hasAttribute('download')) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin) return; // another CRM: a normal navigation
    if (url.pathname === location.pathname && url.search === location.search) {
      event.preventDefault();
      return;
    }
    event.preventDefault();
    void go(url.href, true);
  });
  window.addEventListener('popstate', () => void go(location.href, false));
  markNav();
}

/** @param {Parameters<typeof demoSpa>[0]} cfg */
const spaScript = (cfg) => raw(`<script>(${demoSpa.toString()})(${JSON.stringify(cfg)});</script>`);

// ---------------------------------------------------------------------------------------------
// Salesforce Lightning

const SF_CSS = raw(`
*{box-sizing:border-box}
html,body{margin:0}
body{font:13px/1.5 "Salesforce Sans",system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#181818;background:#b0c4df linear-gradient(180deg,#cfdcef 0,#eef4ff 240px,#f3f3f3 600px)}
a{color:#0b5cab;text-decoration:none}a:hover{text-decoration:underline}
button{font:inherit}
.slds-breadcrumb{display:flex;gap:6px;list-style:none;margin:0 0 4px;padding:0}.slds-breadcrumb__item+.slds-breadcrumb__item::before{content:"›";margin-right:6px;color:#706e6b}
.slds-assistive-text{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);margin:-1px;border:0;padding:0}
.slds-global-header{display:flex;align-items:center;gap:16px;height:50px;padding:0 16px;background:#fff;border-bottom:1px solid #e5e5e5}
.demo-logo{display:flex;align-items:center;gap:8px;font-weight:700;color:#032d60}
.demo-logo-cloud{width:40px;height:28px;border-radius:14px;background:#0b5cab;color:#fff;display:flex;align-items:center;justify-content:center;font-size:11px}
.slds-global-header__search{flex:1;max-width:560px;margin:0 auto}
.slds-global-header__search input{width:100%;height:32px;border:1px solid #c9c9c9;border-radius:4px;padding:0 12px;background:#fff;color:#747474}
.demo-avatar{width:32px;height:32px;border-radius:50%;background:#7f8de1;color:#fff;display:flex;align-items:center;justify-content:center;font-weight:700}
.slds-context-bar{display:flex;align-items:stretch;height:40px;background:#fff;border-bottom:3px solid #0176d3;padding:0 0 0 16px;box-shadow:0 2px 2px rgba(0,0,0,.08)}
.slds-context-bar__app-name{display:flex;align-items:center;padding-right:24px;font-size:18px;font-weight:400;color:#181818}
.slds-context-bar ul{display:flex;list-style:none;margin:0;padding:0}
.slds-context-bar__item{display:flex}
.slds-context-bar__item a{display:flex;align-items:center;padding:0 12px;color:#181818;border-bottom:3px solid transparent;margin-bottom:-3px}
.slds-context-bar__item.slds-is-active a{border-bottom-color:#0176d3;background:#f3f3f3;font-weight:700}
.demo-switch{margin-left:auto;display:flex;align-items:center;padding:0 16px;font-size:12px}
.slds-template__container{padding:12px}
.slds-page-header{background:#fff;border:1px solid #c9c9c9;border-radius:4px;padding:12px 16px;box-shadow:0 2px 2px rgba(0,0,0,.1);display:flex;gap:12px;flex-wrap:wrap;align-items:flex-start}
.slds-media__figure{flex:none}
.demo-icon{width:32px;height:32px;border-radius:4px;display:flex;align-items:center;justify-content:center;color:#fff;font-weight:700}
.slds-icon-standard-contact{background:#a094ed}.slds-icon-standard-lead{background:#f88962}.slds-icon-standard-account{background:#7f8de1}
.entityNameTitle{font-size:13px;color:#444}
.slds-page-header h1{margin:0;font-size:18px;font-weight:700;line-height:1.25}
.slds-page-header__title{display:inline}
.demo-highlight-details{flex-basis:100%;display:flex;gap:32px;margin-top:8px;padding-top:8px;border-top:1px solid #e5e5e5}
.slds-text-title{margin:0;font-size:12px;color:#444}
.fieldComponent{margin:0}
.demo-columns{display:grid;grid-template-columns:2fr 1fr;gap:12px;margin-top:12px}
.slds-card{background:#fff;border:1px solid #c9c9c9;border-radius:4px;box-shadow:0 2px 2px rgba(0,0,0,.1);padding:0 0 12px}
.slds-tabs_default__nav{display:flex;gap:4px;list-style:none;margin:0;padding:0 16px;border-bottom:1px solid #e5e5e5}
.slds-tabs_default__item{padding:10px 12px;color:#444}
.slds-tabs_default__item.slds-is-active{color:#181818;font-weight:700;box-shadow:inset 0 -2px 0 #0176d3}
.slds-section{margin:12px 16px 0}
.slds-section__title{margin:0;font-size:14px;background:#f3f3f3;border-radius:4px}
.slds-section__title .slds-button{width:100%;text-align:left;border:0;background:none;padding:6px 12px;font-weight:700;color:#181818}
records-record-layout-row{display:block}
records-record-layout-row>slot{display:grid;grid-template-columns:1fr 1fr;column-gap:24px}
records-record-layout-row.demo-full>slot{grid-template-columns:1fr}
records-record-layout-item{display:block;border-bottom:1px solid #e5e5e5;padding:6px 4px}
.slds-form-element{position:relative}
.slds-form-element__label{font-size:12px;color:#444;margin-bottom:2px}
.slds-form-element__control{display:flex;align-items:flex-start;min-height:20px}
.slds-form-element__static{flex:1;word-break:break-word;white-space:pre-line}
.test-id__inline-edit-trigger{border:0;background:none;color:#aeaeae;cursor:pointer;width:24px;height:20px;padding:0}
.test-id__inline-edit-trigger::before{content:"\\270E"}
lightning-formatted-address a div{line-height:1.4}
force-lookup lightning-button-icon{display:none}
.demo-activity{padding:12px 16px;color:#444}
.demo-activity h2{font-size:14px;margin:0 0 8px}
lst-object-home{display:block;background:#fff;border:1px solid #c9c9c9;border-radius:4px;box-shadow:0 2px 2px rgba(0,0,0,.1);overflow:hidden}
.demo-list-header{display:flex;flex-direction:column;gap:2px;padding:12px 16px;border-bottom:1px solid #e5e5e5;position:relative}
.demo-list-header h1{margin:0;font-size:18px}
.countSortedByFilteredBy{font-size:12px;color:#444}
lst-list-view-manager-settings-menu button{position:absolute;right:16px;top:16px;width:32px;height:32px;border:1px solid #c9c9c9;border-radius:4px;background:#fff}
lst-list-view-manager-settings-menu button::before{content:"\\2699";color:#747474}
.slds-table{width:100%;border-collapse:collapse;background:#fff}
.slds-table th,.slds-table td{text-align:left;padding:6px 8px;border-bottom:1px solid #e5e5e5;font-weight:400;white-space:nowrap}
.slds-table thead th{background:#f3f3f3;font-size:12px;color:#444;font-weight:700;text-transform:none}
.slds-table tbody tr:hover{background:#f3f3f3}
.demo-404{padding:48px;text-align:center;color:#444}
`);

/** @param {string} obj */
const objIcon = (obj) => html`<div class="slds-media__figure"><div class="demo-icon slds-icon-standard-${obj.toLowerCase()}" aria-hidden="true">${obj[0]}</div></div>`;

/** One detail-panel field: records-record-layout-item → data-target-selection-name → label / static value / edit button. */
/**
 * @param {string} obj @param {string} api @param {string} label @param {SafeHtml} value
 * @param {{ editable?: boolean }} [opts]
 */
function sfItem(obj, api, label, value, { editable = true } = {}) {
  return html`<records-record-layout-item field-label="${label}" class="slds-form__item slds-no-space" role="listitem">
<div data-target-selection-name="sfdc:RecordField.${obj}.${api}" class="slds-grid slds-size_1-of-1 label-inline">
<div class="slds-form-element slds-hint-parent test-id__output-root${editable ? ' slds-form-element_edit' : ''} slds-form-element_readonly slds-form-element_horizontal">
<div class="test-id__field-label-container slds-form-element__label"><span class="test-id__field-label">${label}</span></div>
<div class="slds-form-element__control"><span class="test-id__field-value slds-form-element__static slds-grow word-break-ie11"><slot name="outputField">${value}</slot></span>${
    editable
      ? html`<button class="test-id__inline-edit-trigger slds-shrink-none inline-edit-trigger slds-button slds-button_icon" title="Edit ${label}"><span class="slds-assistive-text">Edit ${label}</span></button>`
      : ''
  }</div></div></div>
</records-record-layout-item>`;
}

const OUT = raw('data-output-element-id="output-field" slot="outputField"');
const sfText = (/** @type {string} */ v) => html`<lightning-formatted-text ${OUT}>${v}</lightning-formatted-text>`;
const sfName = (/** @type {string} */ v) => html`<lightning-formatted-name ${OUT}>${v}</lightning-formatted-name>`;
const sfDateOut = (/** @type {string} */ iso) => html`<lightning-formatted-date-time ${OUT}>${sfDate(iso)}</lightning-formatted-date-time>`;
const sfPhone = (/** @type {string} */ v) =>
  v
    ? html`<lightning-formatted-phone ${OUT}><a href="${telHref(v)}">${v}</a></lightning-formatted-phone>`
    : html`<lightning-formatted-phone ${OUT}></lightning-formatted-phone>`;
/** @param {'contact' | 'lead' | 'account'} kind @param {string} v */
const sfEmail = (kind, v) =>
  html`<emailui-formatted-email-${kind} ${OUT}><lightning-formatted-email><a href="mailto:${v}">${v}</a></lightning-formatted-email></emailui-formatted-email-${kind}>`;
/** @param {import('./data.mjs').Address} a */
const sfAddress = (a) =>
  html`<lightning-formatted-address ${OUT}><a>${addressLines(a).map((l) => html`<div>${l}</div>`)}</a></lightning-formatted-address>`;
/** Lookup to a record, with the preview button whose assistive text an adapter must strip. */
const sfLookup = (/** @type {string} */ obj, /** @type {string} */ id, /** @type {string} */ name) =>
  html`<force-lookup ${OUT}><div class="slds-grid"><records-hoverable-link data-navigation="enable"><div class="slds-grid"><a href="${sfRecordPath(obj, id)}" data-navigation="enable"><span><slot><span>${name}</span></slot></span></a><lightning-button-icon><button title="Open ${name} Preview" class="slds-button slds-button_icon"><span class="slds-assistive-text">Open ${name} Preview</span></button></lightning-button-icon></div></records-hoverable-link></div></force-lookup>`;
const sfModstamp = (/** @type {string} */ iso) =>
  html`<records-modstamp ${OUT}><span>Demo Admin</span>, <lightning-formatted-text>${sfDateTime(iso)}</lightning-formatted-text></records-modstamp>`;

/** @param {string} title @param {SafeHtml[][]} rows (1 or 2 items each) */
const sfSection = (title, rows) => html`<records-record-layout-section><div class="slds-section slds-is-open has-header"><h3 class="slds-section__title"><button class="slds-button" aria-expanded="true">${title}</button></h3><slot>
${rows.map((items) => html`<records-record-layout-row${items.length === 1 ? raw(' class="demo-full"') : ''}><slot>${items}</slot></records-record-layout-row>`)}
</slot></div></records-record-layout-section>`;

/**
 * Highlights panel: entity label + primary field in the h1, then highlight detail items.
 * @param {string} obj @param {string} entityLabel @param {string} name @param {[string, SafeHtml][]} details
 */
const sfHighlights = (obj, entityLabel, name, details) => html`<records-lwc-highlights-panel><records-highlights2><div class="highlights slds-clearfix slds-page-header slds-page-header_record-home fixed-position">
${objIcon(obj)}<h1><div class="entityNameTitle slds-line-height--reset"><slot><records-entity-label>${entityLabel}</records-entity-label></slot></div>
<slot name="primaryField" class="slds-page-header__title"><lightning-formatted-name slot="primaryField">${name}</lightning-formatted-name></slot></h1>
<div class="demo-highlight-details">${details.map(
  // A lookup holds <div>s, which an HTML parser will not nest in a <p>: use a div there.
  ([label, value]) =>
    value.value.startsWith('<force-lookup')
      ? html`<records-highlights-details-item><p class="slds-text-title">${label}</p><div class="fieldComponent">${value}</div></records-highlights-details-item>`
      : html`<records-highlights-details-item><p class="slds-text-title">${label}</p><p class="fieldComponent">${value}</p></records-highlights-details-item>`,
)}</div>
</div></records-highlights2></records-lwc-highlights-panel>`;

/**
 * A record page (active page container content).
 * @param {string} obj @param {string} recordTypeId @param {SafeHtml} highlights @param {SafeHtml[]} sections @param {SafeHtml} side
 */
const sfRecordPage = (obj, recordTypeId, highlights, sections, side) => html`<one-record-home-flexipage2><flexipage-record-home-template-desktop2>
${highlights}
<div class="demo-columns"><div class="slds-card">
<flexipage-tabset2><lightning-tabset><ul class="slds-tabs_default__nav" role="tablist"><li class="slds-tabs_default__item" role="presentation"><a role="tab" aria-selected="false">Related</a></li><li class="slds-tabs_default__item slds-is-active" role="presentation"><a role="tab" aria-selected="true">Details</a></li></ul>
<flexipage-tab2><records-lwc-detail-panel><records-base-record-form><records-lwc-record-layout>
${raw(`<forcegenerated-detailpanel_${obj.toLowerCase()}___${recordTypeId}___full___view___recordlayout2>`)}<records-record-layout-block>
${sections}
</records-record-layout-block>${raw(`</forcegenerated-detailpanel_${obj.toLowerCase()}___${recordTypeId}___full___view___recordlayout2>`)}
</records-lwc-record-layout></records-base-record-form></records-lwc-detail-panel></flexipage-tab2></lightning-tabset></flexipage-tabset2>
</div><div class="slds-card demo-activity">${side}</div></div>
</flexipage-record-home-template-desktop2></one-record-home-flexipage2>`;

/** @param {import('./data.mjs').SfContact} c */
function sfContactContent(c) {
  const account = sfAccountById(c.accountId);
  const accountOut = account ? sfLookup('Account', account.id, account.name) : sfText('');
  const highlights = sfHighlights('Contact', 'Contact', sfFormalName(c), [
    ['Title', sfText(c.title)],
    ['Account Name', accountOut],
    ['Phone', sfPhone(c.phone)],
    ['Email', sfEmail('contact', c.email)],
  ]);
  const O = 'Contact';
  const sections = [
    sfSection('Contact Information', [
      [sfItem(O, 'Name', 'Name', sfName(sfFormalName(c))), sfItem(O, 'Phone', 'Phone', sfPhone(c.phone))],
      [sfItem(O, 'AccountId', 'Account Name', accountOut), sfItem(O, 'MobilePhone', 'Mobile', sfPhone(c.mobile))],
      [sfItem(O, 'Title', 'Title', sfText(c.title)), sfItem(O, 'Email', 'Email', sfEmail('contact', c.email))],
      [sfItem(O, 'Birthdate', 'Birthdate', sfDateOut(c.birthdate)), sfItem(O, 'LeadSource', 'Lead Source', sfText(c.leadSource))],
    ]),
    sfSection('Address Information', [[sfItem(O, 'MailingAddress', 'Mailing Address', sfAddress(c.mailing))]]),
    sfSection('Additional Information', [
      [sfItem(O, 'Description', 'Description', sfText(c.description))],
      [sfItem(O, 'Health_Notes__c', 'Health Notes', sfText(c.healthNotes))],
    ]),
    sfSection('System Information', [
      [
        sfItem(O, 'CreatedById', 'Created By', sfModstamp(c.createdDate), { editable: false }),
        sfItem(O, 'LastModifiedById', 'Last Modified By', sfModstamp(c.createdDate), { editable: false }),
      ],
    ]),
  ];
  return sfRecordPage(O, '012000000000000AAA', highlights, sections, html`<h2>Activity</h2><p>No activities to show. Get started by sending an email, scheduling a task, and more.</p>`);
}

/** @param {import('./data.mjs').SfLead} l */
function sfLeadContent(l) {
  const O = 'Lead';
  const highlights = sfHighlights(O, 'Lead', sfFormalName(l), [
    ['Title', sfText(l.title)],
    ['Company', sfText(l.company)],
    ['Phone', sfPhone(l.phone)],
    ['Email', sfEmail('lead', l.email)],
  ]);
  const sections = [
    sfSection('Lead Information', [
      [sfItem(O, 'Name', 'Name', sfName(sfFormalName(l))), sfItem(O, 'Phone', 'Phone', sfPhone(l.phone))],
      [sfItem(O, 'Company', 'Company', sfText(l.company)), sfItem(O, 'Email', 'Email', sfEmail('lead', l.email))],
      [sfItem(O, 'Title', 'Title', sfText(l.title)), sfItem(O, 'Status', 'Lead Status', sfText(l.status))],
      [sfItem(O, 'LeadSource', 'Lead Source', sfText(l.leadSource))],
    ]),
    sfSection('Address Information', [[sfItem(O, 'Address', 'Address', sfAddress(l.address))]]),
    sfSection('Additional Information', [[sfItem(O, 'Description', 'Description', sfText(l.description))]]),
    sfSection('System Information', [[sfItem(O, 'CreatedById', 'Created By', sfModstamp(l.createdDate), { editable: false })]]),
  ];
  return sfRecordPage(O, '012000000000000AAA', highlights, sections, html`<h2>Activity</h2><p>Upcoming &amp; Overdue: nothing scheduled.</p>`);
}

/** @param {import('./data.mjs').SfAccount} a */
function sfAccountContent(a) {
  const O = 'Account';
  const contacts = sfContacts.filter((c) => c.accountId === a.id);
  const highlights = sfHighlights(O, 'Account', a.name, [
    ['Phone', sfPhone(a.phone)],
    ['Website', html`<lightning-formatted-url><a>${a.website}</a></lightning-formatted-url>`],
    ['Industry', sfText(a.industry)],
  ]);
  const sections = [
    sfSection('Account Information', [
      [sfItem(O, 'Name', 'Account Name', sfText(a.name)), sfItem(O, 'Phone', 'Phone', sfPhone(a.phone))],
      [sfItem(O, 'Industry', 'Industry', sfText(a.industry)), sfItem(O, 'Website', 'Website', html`<lightning-formatted-url ${OUT}><a>${a.website}</a></lightning-formatted-url>`)],
    ]),
    sfSection('Address Information', [[sfItem(O, 'BillingAddress', 'Billing Address', sfAddress(a.billing))]]),
  ];
  const side = html`<h2>Contacts (${contacts.length})</h2><ul>${contacts.map(
    (c) => html`<li><a href="${sfRecordPath('Contact', c.id)}" data-navigation="enable">${sfFullName(c)}</a></li>`,
  )}</ul><a href="${sfRelatedPath(O, a.id, 'Contacts')}" data-navigation="enable">View All</a>`;
  return sfRecordPage(O, '012000000000000AAA', highlights, sections, side);
}

/**
 * An account's Contacts related list in full (crm-dom.md §3 related-list chain, as the list views:
 * synthetic shadow, flattened). The breadcrumb leads back to the account.
 * @param {import('./data.mjs').SfAccount} a
 */
function sfRelatedContactsContent(a) {
  const contacts = sfContacts.filter((c) => c.accountId === a.id);
  return html`<lst-related-list-view-manager><lst-common-list-internal>
<div class="demo-list-header"><nav aria-label="Breadcrumbs"><ol class="slds-breadcrumb slds-list_horizontal"><li class="slds-breadcrumb__item"><a href="${sfListPath('Account')}">Accounts</a></li><li class="slds-breadcrumb__item"><a href="${sfRecordPath('Account', a.id)}" data-navigation="enable">${a.name}</a></li></ol></nav>
<h1 title="Contacts">Contacts</h1><span class="countSortedByFilteredBy">${contacts.length} items • Sorted by Name</span></div>
<lst-primary-display-manager><lst-primary-display><lst-primary-display-grid><lst-customized-datatable><div><div><div>
<table class="slds-table slds-table_header-fixed slds-table_bordered" role="grid" data-num-rows="${contacts.length}"><thead><tr><th scope="col" aria-label="Contact Name">Contact Name</th><th scope="col" aria-label="Title">Title</th><th scope="col" aria-label="Email">Email</th><th scope="col" aria-label="Phone">Phone</th></tr></thead><tbody>
${contacts.map(
  (c, i) => html`<tr data-row-key-value="${c.id}" data-row-number="${i + 1}">${sfNameCell(sfRecordPath('Contact', c.id), sfFullName(c))}${sfCellText('Title', c.title)}${sfCellText('Email', c.email)}${sfCell('Phone', html`<lightning-formatted-phone><a href="${telHref(c.phone)}">${c.phone}</a></lightning-formatted-phone>`)}</tr>`,
)}
</tbody></table></div></div></div></lst-customized-datatable></lst-primary-display-grid></lst-primary-display></lst-primary-display-manager>
</lst-common-list-internal></lst-related-list-view-manager>`;
}

/** LWC datatable name cell (force-lookup → records-hoverable-link → a). */
const sfNameCell = (/** @type {string} */ href, /** @type {string} */ name) =>
  html`<th scope="row" role="gridcell" data-label="Name"><lightning-primitive-cell-factory><span><div><lightning-primitive-custom-cell><force-lookup><div><records-hoverable-link><div><a href="${href}" data-navigation="enable"><slot><slot><span>${name}</span></slot></slot></a></div></records-hoverable-link></div></force-lookup></lightning-primitive-custom-cell></div></span></lightning-primitive-cell-factory></th>`;
/** Legacy Aura list cell. */
const sfAuraNameCell = (/** @type {string} */ id, /** @type {string} */ name) =>
  html`<th scope="row"><span class="slds-grid slds-grid--align-spread"><a class="slds-truncate outputLookupLink forceOutputLookup" data-refid="recordId" data-recordid="${id}" data-special-link="true" href="/lightning/r/${id}/view" title="${name}">${name}</a></span></th>`;
const sfCell = (/** @type {string} */ label, /** @type {SafeHtml} */ inner) =>
  html`<td role="gridcell" data-label="${label}"><lightning-primitive-cell-factory><span><div>${inner}</div></span></lightning-primitive-cell-factory></td>`;
const sfCellText = (/** @type {string} */ label, /** @type {string} */ v) => sfCell(label, html`<lightning-base-formatted-text>${v}</lightning-base-formatted-text>`);

/**
 * A list view (F2 markup).
 * @param {string} obj
 * @param {string[]} columns after Name
 * @param {{ id: string, name: SafeHtml, cells: SafeHtml[] }[]} rows
 */
function sfListContent(obj, columns, rows) {
  const view = SF_LIST_VIEWS[obj];
  return html`<lst-object-home><lst-list-view-manager><lst-common-list-internal>
<div class="demo-list-header"><lst-list-view-manager-header><p class="slds-text-title">${view.label}</p><h1>${view.view}</h1><span class="countSortedByFilteredBy">${rows.length} items • Sorted by Name • Filtered by ${view.view.toLowerCase()}</span>
<lst-list-view-manager-settings-menu><lightning-button-menu><button title="List View Controls" aria-label="List View Controls"></button></lightning-button-menu></lst-list-view-manager-settings-menu></lst-list-view-manager-header></div>
<lst-primary-display-manager><lst-primary-display><lst-primary-display-grid><lst-customized-datatable><lightning-datatable><div><div><div>
<table class="slds-table slds-table_header-fixed slds-table_bordered" role="grid" data-num-rows="${rows.length}"><thead><tr><th scope="col" aria-label="Select"><span class="slds-assistive-text">Select</span></th><th scope="col" aria-label="Name">Name</th>${columns.map((c) => html`<th scope="col" aria-label="${c}">${c}</th>`)}</tr></thead><tbody>
${rows.map(
  (r, i) => html`<tr data-row-key-value="${r.id}" data-row-number="${i + 1}" aria-selected="false"><td role="gridcell"><lightning-primitive-cell-checkbox><span class="slds-checkbox"><input type="checkbox" aria-label="Select item ${i + 1}"><label></label></span></lightning-primitive-cell-checkbox></td>
${r.name}${r.cells}</tr>`,
)}
</tbody></table></div></div></div></lightning-datatable></lst-customized-datatable></lst-primary-display-grid></lst-primary-display></lst-primary-display-manager>
</lst-common-list-internal></lst-list-view-manager></lst-object-home>`;
}

function sfContactListContent() {
  return sfListContent(
    'Contact',
    ['Account Name', 'Title', 'Phone', 'Email'],
    sfContacts.map((c, i) => {
      const account = sfAccountById(c.accountId);
      const name = sfFullName(c);
      // Row 2 links without the object segment and row 3 is legacy Aura markup (crm-dom.md F2).
      const nameCell = i === 1 ? sfNameCell(`/lightning/r/${c.id}/view`, name) : i === 2 ? sfAuraNameCell(c.id, name) : sfNameCell(sfRecordPath('Contact', c.id), name);
      return {
        id: c.id,
        name: nameCell,
        cells: [
          sfCell('Account Name', account ? html`<a href="${sfRecordPath('Account', account.id)}" data-navigation="enable">${account.name}</a>` : html``),
          sfCellText('Title', c.title),
          sfCell('Phone', html`<lightning-formatted-phone><a href="${telHref(c.phone)}">${c.phone}</a></lightning-formatted-phone>`),
          sfCellText('Email', c.email),
        ],
      };
    }),
  );
}

function sfLeadListContent() {
  return sfListContent(
    'Lead',
    ['Company', 'Lead Status', 'Phone', 'Email'],
    sfLeads.map((l) => ({
      id: l.id,
      name: sfNameCell(sfRecordPath('Lead', l.id), sfFullName(l)),
      cells: [sfCellText('Company', l.company), sfCellText('Lead Status', l.status), sfCell('Phone', html`<lightning-formatted-phone><a href="${telHref(l.phone)}">${l.phone}</a></lightning-formatted-phone>`), sfCellText('Email', l.email)],
    })),
  );
}

function sfAccountListContent() {
  return sfListContent(
    'Account',
    ['Phone', 'Industry', 'Billing City'],
    sfAccounts.map((a) => ({
      id: a.id,
      name: sfNameCell(sfRecordPath('Account', a.id), a.name),
      cells: [sfCell('Phone', html`<lightning-formatted-phone><a href="${telHref(a.phone)}">${a.phone}</a></lightning-formatted-phone>`), sfCellText('Industry', a.industry), sfCellText('Billing City', a.billing.city)],
    })),
  );
}

/**
 * The whole Lightning document: loading box, app host, header and nav bar, the window manager with
 * (on record pages) a hidden stale page and the active page.
 * @param {{ title: string, content: SafeHtml, staleRecord?: boolean }} p
 */
function sfDocument({ title, content, staleRecord = false }) {
  const nav = [
    ['Contact', 'Contacts', '/lightning/o/Contact/ /lightning/r/Contact/ /lightning/r/003'],
    ['Lead', 'Leads', '/lightning/o/Lead/ /lightning/r/Lead/ /lightning/r/00Q'],
    ['Account', 'Accounts', '/lightning/o/Account/ /lightning/r/Account/ /lightning/r/001'],
  ];
  return html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="icon" href="data:,"><style>${SF_CSS}</style></head>
<body class="desktop">
<div id="auraLoadingBox" class="auraLoadingBox oneLoadingBox" style="display:none"><div class="slds-spinner"></div></div>
<div class="desktop container oneOne oneAppLayoutHost" data-aura-rendered-by="5:0">
<header id="oneHeader" class="slds-global-header_container"><div class="slds-global-header">
<div class="demo-logo"><span class="demo-logo-cloud">demo</span>Salesforce <small>(demo org, fake data)</small></div>
<div class="slds-global-header__search"><input type="search" placeholder="Search..." aria-label="Search" disabled></div>
<div class="demo-avatar" title="Demo Admin">DA</div></div>
<one-app-nav-bar><nav class="slds-context-bar" aria-label="Global"><span class="slds-context-bar__app-name">Sales</span><ul>
${nav.map(
  ([obj, label, prefixes]) => html`<li class="slds-context-bar__item" data-demo-nav="${prefixes}"><one-app-nav-bar-item-root data-id="${obj}"><a href="${sfListPath(obj)}" title="${label}"><span>${label}</span></a></one-app-nav-bar-item-root></li>`,
)}
</ul><a class="demo-switch" href="${HS_NA.origin}${hsIndexPath(HS_NA.portalId)}">HubSpot demo ↗</a></nav></one-app-nav-bar></header>
<div class="slds-template__container"><div class="lafSinglePaneWindowManager">
${staleRecord ? raw('<div class="windowViewMode-normal oneContent lafPageHost" style="display:none"><one-record-home-flexipage2><!-- stale page of an earlier record --></one-record-home-flexipage2></div>\n') : ''}<div class="windowViewMode-normal oneContent active lafPageHost">${content}</div>
</div></div></div>
${spaScript({ mode: 'stack', page: '.windowViewMode-normal.lafPageHost', parent: '.lafSinglePaneWindowManager', keep: 5 })}
</body></html>`.value;
}

/** @param {import('./data.mjs').SfContact} c */
export const renderSfContact = (c) => sfDocument({ title: `${sfFullName(c)} | Contact | Salesforce`, content: sfContactContent(c), staleRecord: true });
/** @param {import('./data.mjs').SfLead} l */
export const renderSfLead = (l) => sfDocument({ title: `${sfFullName(l)} | Lead | Salesforce`, content: sfLeadContent(l), staleRecord: true });
/** @param {import('./data.mjs').SfAccount} a */
export const renderSfAccount = (a) => sfDocument({ title: `${a.name} | Account | Salesforce`, content: sfAccountContent(a), staleRecord: true });
/** @param {import('./data.mjs').SfAccount} a */
export const renderSfAccountContacts = (a) => sfDocument({ title: `Contacts | ${a.name} | Salesforce`, content: sfRelatedContactsContent(a) });
export const renderSfContactList = () => sfDocument({ title: 'All Contacts | Contacts | Salesforce', content: sfContactListContent() });
export const renderSfLeadList = () => sfDocument({ title: 'All Open Leads | Leads | Salesforce', content: sfLeadListContent() });
export const renderSfAccountList = () => sfDocument({ title: 'All Accounts | Accounts | Salesforce', content: sfAccountListContent() });

// ---------------------------------------------------------------------------------------------
// HubSpot

const HS_CSS = raw(`
*{box-sizing:border-box}
html,body{margin:0}
body{font:14px/1.5 "Lexend Deca",system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#33475b;background:#f5f8fa}
a{color:#0091ae;text-decoration:none;font-weight:600}a:hover{text-decoration:underline}
#hs-global-toolbar-root header{height:48px;background:#2d3e50;color:#fff;display:flex;align-items:center;gap:16px;padding:0 16px}
.demo-hs-logo{width:28px;height:28px;border-radius:50%;background:#ff7a59;color:#fff;display:flex;align-items:center;justify-content:center;font-weight:700}
.demo-hs-search{flex:1;max-width:480px;height:32px;border-radius:16px;border:0;background:#3e5770;color:#cbd6e2;padding:0 16px}
.demo-hs-portal{margin-left:auto;font-size:12px;color:#cbd6e2}
.demo-hs-body{display:flex;min-height:calc(100vh - 48px)}
nav[data-test-id="hs-vertical-nav"]{width:168px;flex:none;background:#253342;padding:12px 0}
nav[data-test-id="hs-vertical-nav"] ul{list-style:none;margin:0;padding:0}
nav[data-test-id="hs-vertical-nav"] a{display:block;padding:8px 20px;color:#eaf0f6;font-weight:400}
nav[data-test-id="hs-vertical-nav"] li.slds-is-active a{background:#3e5770;box-shadow:inset 3px 0 0 #ff7a59;font-weight:600}
nav[data-test-id="hs-vertical-nav"] .demo-hs-sep{border-top:1px solid #3e5770;margin:8px 0}
main{flex:1;min-width:0}
#crm{display:grid;grid-template-columns:340px 1fr 300px;gap:0;min-height:100%}
#record-page-left-sidebar{background:#fff;border-right:1px solid #cbd6e2}
[data-test-id="record-highlight-main-content"]{padding:20px 24px;border-bottom:1px solid #cbd6e2;text-align:center}
[data-test-id="record-highlight-main-content"]>a{display:block;text-align:left;font-size:13px}
.demo-hs-avatar{width:72px;height:72px;border-radius:50%;background:#eaf0f6;color:#516f90;margin:12px auto 4px;display:flex;align-items:center;justify-content:center;font-size:24px;font-weight:600}
[data-test-id="record-highlight-main-content"] h2{margin:4px 0;font-size:20px;color:#33475b;word-break:break-word}
.demo-hs-sub{color:#516f90;font-size:13px}
[data-test-id^="highlight-property-item-"]{display:flex;justify-content:center;gap:6px;font-size:13px;margin-top:4px}
[data-test-id^="highlight-property-item-"]>div:first-child{color:#516f90}
[data-test-id^="card-wrapper-PROPERTIES"]>header{padding:14px 24px;border-bottom:1px solid #eaf0f6;font-size:14px}
[data-test-id="crm-card-content"]{padding:8px 24px 24px}
.private-form__set{margin-top:14px}
.private-form__label{display:block;font-size:12px;color:#516f90;margin-bottom:2px}
.private-form__control{display:block;width:100%;border:1px solid transparent;border-radius:3px;background:transparent;color:#33475b;font:inherit;padding:4px 8px;margin-left:-8px;resize:none}
.private-form__control:hover{border-color:#cbd6e2;background:#f5f8fa}
textarea.private-form__control{min-height:64px}
section[data-test-id="tab-1-content"]{padding:16px 24px}
.demo-hs-tabs{display:flex;gap:24px;border-bottom:1px solid #cbd6e2;margin-bottom:16px}
.demo-hs-tabs span{padding:10px 0;color:#516f90}.demo-hs-tabs .is-active{color:#33475b;font-weight:600;box-shadow:inset 0 -3px 0 #ff7a59}
article[data-test-id="timeline-preview-event"]{background:#fff;border:1px solid #cbd6e2;border-radius:3px;padding:12px 16px;margin-bottom:12px}
.demo-hs-event-head{font-size:12px;color:#516f90;margin-bottom:4px}
[data-test-id="records-right-sidebar"]{background:#fff;border-left:1px solid #cbd6e2}
[data-test-id="records-right-sidebar"] header{padding:14px 20px;font-weight:600;border-bottom:1px solid #eaf0f6}
[data-test-id^="associated-objects-card-content"]{padding:12px 20px}
.demo-hs-index{padding:24px}
.demo-hs-index-head{display:flex;align-items:baseline;gap:12px;margin-bottom:16px}
.demo-hs-index-head h1{margin:0;font-size:22px}
.demo-hs-count{color:#516f90;font-size:13px}
[data-test-id="framework-data-table-container"]{background:#fff;border:1px solid #cbd6e2;border-radius:3px}
[data-test-id="framework-data-table"]{width:100%;border-collapse:collapse}
[data-test-id="framework-data-table"] th{background:#f5f8fa;text-align:left;font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:#516f90;padding:10px 12px;border-bottom:1px solid #cbd6e2}
[data-test-id="framework-data-table"] td{padding:10px 12px;border-bottom:1px solid #eaf0f6;white-space:nowrap}
[data-test-id="framework-data-table"] tbody tr:hover{background:#f5f8fa}
.media{display:flex;align-items:center;gap:8px}
[data-test-id="table-paginator"]{display:flex;justify-content:center;padding:12px}
[data-test-id="table-paginator"] button{border:1px solid #cbd6e2;background:#fff;border-radius:3px;padding:4px 12px;color:#b0c1d4}
`);

/**
 * One property row (F3 markup). `multiline` renders a textarea.
 * @param {string} prop @param {string} label @param {string} value @param {boolean} [multiline]
 */
function hsProperty(prop, label, value, multiline = false) {
  const attrs = html`data-test-id="property-input-${prop}" data-selenium-test="property-input-${prop}" data-field="${prop}" class="form-control private-form__control"`;
  const control = multiline ? html`<textarea readonly ${attrs}>${value}</textarea>` : html`<input readonly type="text" ${attrs} value="${value}">`;
  return html`<span data-test-id="${prop}"><div class="private-form__set private-form__set--floating"><label class="private-form__label private-form__label--floating"><span class="private-truncated-string"><span class="private-truncated-string__inner"><span>${label}</span></span></span></label>
${control}</div></span>`;
}

/** @param {string} s */
const initials = (s) =>
  s
    .split(/\s+/)
    .filter((w) => /^\p{L}/u.test(w))
    .map((w) => w[0])
    .slice(0, 2)
    .join('')
    .toUpperCase() || '?';

/** @param {import('./data.mjs').HsContact} c */
function hsContactContent(c) {
  const name = hsFullName(c);
  const props = [
    hsProperty('email', 'Email', c.email),
    hsProperty('phone', 'Phone number', c.phone),
    hsProperty('jobtitle', 'Job title', c.jobtitle),
    hsProperty('company', 'Company name', c.company),
    hsProperty('date_of_birth', 'Date of birth', hsDate(c.date_of_birth)),
    hsProperty('address', 'Street address', c.address),
    hsProperty('city', 'City', c.city),
    hsProperty('zip', 'Postal code', c.zip),
    hsProperty('country', 'Country/Region', c.country),
    hsProperty('lifecyclestage', 'Lifecycle stage', c.lifecyclestage),
    c.hs_legal_basis !== undefined ? hsProperty('hs_legal_basis', "Legal basis for processing contact's data", c.hs_legal_basis) : '',
    hsProperty('message', 'Message', c.message ?? '', true),
    c.health_notes !== undefined ? hsProperty('health_notes', 'Health notes', c.health_notes, true) : '',
  ];
  return html`<main><div id="crm"><div id="record-page-left-sidebar"><aside data-test-id="left-sidebar" data-scroll-trackable-container="left-sidebar">
<div data-test-id="card-wrapper-OBJECT_HIGHLIGHT-FAS-0-1-1" data-card-type="OBJECT_HIGHLIGHT"><div data-test-id="record-highlight-content"><div data-test-id="record-highlight-main-content">
<a href="${hsIndexPath(c.portalId)}">‹ Contacts</a><div class="demo-hs-avatar" aria-hidden="true">${initials(name)}</div><h2><span data-selenium-test="highlightTitle">${name}</span></h2>
<div class="demo-hs-sub">${c.jobtitle} at ${c.company}</div>
<div data-test-id="highlight-property-item-email"><div>Email</div><div data-test-id="highlight-property-display-email">${c.email}</div></div>
<div data-test-id="highlight-property-item-phone"><div>Phone</div><div data-test-id="highlight-property-display-phone">${c.phone}</div></div></div></div></div>
<div data-test-id="card-wrapper-PROPERTIES_V3/0-1/0"><header><strong>About this contact</strong></header><div data-test-id="crm-card-content">
${props}
</div></div></aside></div>
<section data-test-id="tab-1-content"><div class="demo-hs-tabs"><span class="is-active">Overview</span><span>Activities</span></div><div data-test-id="crm-events-viz-timeline"><article data-test-id="timeline-preview-event"><div class="demo-hs-event-head">Note by Demo Admin</div><div data-test-id="timeline-note-event">${c.note}</div></article></div></section>
<div data-test-id="records-right-sidebar"><aside data-test-id="right-sidebar"><div data-test-id="card-wrapper-ASSOCIATION_V3/0-2"><header>Companies (1)</header><div data-test-id="associated-objects-card-content-0-2">${c.company}</div></div></aside></div>
</div></main>`;
}

/** @param {string} portalId */
function hsIndexContent(portalId) {
  const rows = hsContacts.filter((c) => c.portalId === portalId);
  const cols = /** @type {const} */ ([
    ['email', 'Email'],
    ['phone', 'Phone number'],
    ['company', 'Company name'],
    ['lifecyclestage', 'Lifecycle stage'],
  ]);
  return html`<main><div class="demo-hs-index"><div class="demo-hs-index-head"><h1>Contacts</h1><span class="demo-hs-count">${rows.length} records</span></div>
<div data-test-id="framework-data-table-container"><div data-test-id="fdt-scroll-window"><table data-test-id="framework-data-table">
<thead><tr><th><input type="checkbox" aria-label="Select all"></th><th role="columnheader" data-table-external-id="header-DEFAULT_NAMESPACE-name"><div data-test-id="drag-header-name"><div class="TruncateDiv__NoWrapDiv-x">Name</div></div></th>
${cols.map(([p, l]) => html`<th role="columnheader" data-table-external-id="header-DEFAULT_NAMESPACE-${p}"><div><div class="TruncateDiv__NoWrapDiv-x">${l}</div></div></th>`)}</tr></thead>
<tbody>${rows.map(
  (c) => html`<tr data-test-id="row-${c.id}"><td><input type="checkbox" aria-label="Select ${hsFullName(c)}"></td>
<td data-test-id="cell-0-1-name-${c.id}" data-table-external-id="cell-0-1-name-${c.id}"><div class="media"><a href="${hsRecordPath(c.portalId, c.id)}"><span data-test-id="truncated-object-label">${hsFullName(c)}</span></a></div></td>
${cols.map(([p]) => html`<td data-test-id="cell-0-1-${p}-${c.id}" data-table-external-id="cell-0-1-${p}-${c.id}">${c[p]}</td>`)}</tr>`,
)}</tbody></table></div>
<nav data-test-id="table-paginator"><button data-next-page="true" disabled>Next</button></nav></div></div></main>`;
}

/** @param {{ title: string, portal: typeof HS_PORTALS[number], content: SafeHtml }} p */
function hsDocument({ title, portal, content }) {
  const other = portal === HS_NA ? HS_EU : HS_NA;
  return html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="icon" href="data:,"><style>${HS_CSS}</style></head>
<body>
<div id="hs-global-toolbar-root"><header data-test-id="hs-global-toolbar"><span class="demo-hs-logo" aria-hidden="true">H</span><input class="demo-hs-search" type="search" placeholder="Search HubSpot" aria-label="Search HubSpot" disabled><span class="demo-hs-portal">${portal.label} · portal ${portal.portalId} · demo data</span></header></div>
<div class="demo-hs-body"><nav data-test-id="hs-vertical-nav" aria-label="Main"><ul>
<li data-demo-nav="/contacts/${portal.portalId}/"><a href="${hsIndexPath(portal.portalId)}">Contacts</a></li>
<li class="demo-hs-sep" aria-hidden="true"></li>
<li><a href="${other.origin}${hsIndexPath(other.portalId)}">${other.label} ↗</a></li>
<li><a href="${SF_ORIGIN}${sfListPath('Contact')}">Salesforce demo ↗</a></li>
</ul></nav>
${content}
</div>
${spaScript({ mode: 'replace', page: 'main' })}
</body></html>`.value;
}

/** @param {string} portalId */
const portalOf = (portalId) => {
  const p = HS_PORTALS.find((x) => x.portalId === portalId);
  if (!p) throw new Error(`Unknown demo portal ${portalId}`);
  return p;
};

/** @param {import('./data.mjs').HsContact} c */
export const renderHsContact = (c) => hsDocument({ title: `${hsFullName(c)} | Contact | HubSpot`, portal: portalOf(c.portalId), content: hsContactContent(c) });
/** @param {string} portalId */
export const renderHsIndex = (portalId) => hsDocument({ title: 'Contacts | HubSpot', portal: portalOf(portalId), content: hsIndexContent(portalId) });

// ---------------------------------------------------------------------------------------------
// Routes and start URLs

/** RegExp for one page: exact origin and path, any query string or hash. @param {string} origin @param {string} pathname */
const pageRe = (origin, pathname) => new RegExp(`^${(origin + pathname).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?:[?#].*)?$`);

const hostile = sfContacts.find((c) => c.lastName.includes('<'));

export const DEMO_START_URLS = Object.freeze({
  sfContactList: `${SF_ORIGIN}${sfListPath('Contact')}`,
  sfLeadList: `${SF_ORIGIN}${sfListPath('Lead')}`,
  sfAccountList: `${SF_ORIGIN}${sfListPath('Account')}`,
  sfContact: `${SF_ORIGIN}${sfRecordPath('Contact', sfContacts[1].id)}`, // Tobias Renner: IBAN in Description
  sfContactHealth: `${SF_ORIGIN}${sfRecordPath('Contact', sfContacts[2].id)}`, // Health Notes custom field
  sfLead: `${SF_ORIGIN}${sfRecordPath('Lead', sfLeads[0].id)}`,
  sfAccount: `${SF_ORIGIN}${sfRecordPath('Account', sfAccounts[0].id)}`,
  sfAccountContacts: `${SF_ORIGIN}${sfRelatedPath('Account', sfAccounts[0].id, 'Contacts')}`,
  hsIndex: `${HS_NA.origin}${hsIndexPath(HS_NA.portalId)}`,
  hsContact: `${HS_NA.origin}${hsRecordPath(HS_NA.portalId, '501')}`,
  hsContactHealth: `${HS_NA.origin}${hsRecordPath(HS_NA.portalId, '503')}`,
  hsEuIndex: `${HS_EU.origin}${hsIndexPath(HS_EU.portalId)}`,
  hsEuContact: `${HS_EU.origin}${hsRecordPath(HS_EU.portalId, '701')}`,
  hostile: `${SF_ORIGIN}${sfRecordPath('Contact', hostile?.id ?? sfContacts[0].id)}`,
});

/**
 * Every demo page as routes for routeFixtures(): list views, records (also under the object-less
 * `/lightning/r/{id}/view` and the 15-character id), HubSpot indexes and records, and the org roots
 * (a redirect to the contact list). Bodies render on every request.
 * @returns {import('../lib/chromium.mjs').FixtureRoute[]}
 */
export function demoRoutes() {
  /** @type {import('../lib/chromium.mjs').FixtureRoute[]} */
  const routes = [];
  const sf = (/** @type {string} */ p, /** @type {() => string} */ body) => routes.push({ url: pageRe(SF_ORIGIN, p), body });
  sf('/lightning/o/Contact/list', renderSfContactList);
  sf('/lightning/o/Contact/home', renderSfContactList);
  sf('/lightning/o/Lead/list', renderSfLeadList);
  sf('/lightning/o/Lead/home', renderSfLeadList);
  sf('/lightning/o/Account/list', renderSfAccountList);
  sf('/lightning/o/Account/home', renderSfAccountList);
  /** @param {string} obj @param {string} id @param {() => string} body */
  const sfRecord = (obj, id, body) => {
    for (const i of [id, id.slice(0, 15)]) {
      sf(`/lightning/r/${obj}/${i}/view`, body);
      sf(`/lightning/r/${i}/view`, body);
    }
  };
  for (const c of sfContacts) sfRecord('Contact', c.id, () => renderSfContact(c));
  for (const l of sfLeads) sfRecord('Lead', l.id, () => renderSfLead(l));
  for (const a of sfAccounts) {
    sfRecord('Account', a.id, () => renderSfAccount(a));
    for (const i of [a.id, a.id.slice(0, 15)]) sf(sfRelatedPath('Account', i, 'Contacts'), () => renderSfAccountContacts(a));
  }
  const redirect = (/** @type {string} */ to) =>
    `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${escapeHtml(to)}"><title>Redirecting</title></head><body></body></html>`;
  sf('/', () => redirect(sfListPath('Contact')));
  sf('/lightning/page/home', () => redirect(sfListPath('Contact')));

  for (const portal of HS_PORTALS) {
    routes.push({ url: pageRe(portal.origin, hsIndexPath(portal.portalId)), body: () => renderHsIndex(portal.portalId) });
    routes.push({ url: pageRe(portal.origin, '/'), body: () => redirect(hsIndexPath(portal.portalId)) });
  }
  for (const c of hsContacts) {
    const origin = portalOf(c.portalId).origin;
    routes.push({ url: pageRe(origin, hsRecordPath(c.portalId, c.id)), body: () => renderHsContact(c) });
    routes.push({ url: pageRe(origin, `/contacts/${c.portalId}/contact/${c.id}`), body: () => renderHsContact(c) }); // legacy path
  }
  return routes;
}
