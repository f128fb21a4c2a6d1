import { hubspot } from '@/lib/crm/hubspot';
import { loadFixture, parseHtml } from './shadow';

describe('HubSpot record page (F3)', () => {
  test('the whole document is the active root', () => {
    const doc = loadFixture('hubspot-contact.html');
    expect(hubspot.activeRoot(doc)).toBe(doc);
  });

  test('title in the highlight card, anchored on its heading', () => {
    const doc = loadFixture('hubspot-contact.html');
    const title = hubspot.findTitle(doc);
    expect(title?.text).toBe('Jane Doe');
    expect(title?.el.getAttribute('data-selenium-test')).toBe('highlightTitle');
    expect(title?.anchor.localName).toBe('h2');
  });

  test('a highlight title wins over another highlightTitle elsewhere; no heading → the element is the anchor', () => {
    const doc = parseHtml(`<div><span data-selenium-test="highlightTitle">Preview</span></div>
      <div data-test-id="record-highlight-main-content"><span data-selenium-test="highlightTitle">Real</span></div>`);
    const title = hubspot.findTitle(doc);
    expect(title?.text).toBe('Real');
    expect(title?.anchor).toBe(title?.el);
  });

  test('values are read from inputs (.value), so typing shows through', () => {
    const doc = loadFixture('hubspot-contact.html');
    const phone = hubspot.findFields(doc).find((f) => f.key === 'phone');
    const input = phone?.valueEl;
    if (!input || !('value' in input)) throw new Error('fixture');
    expect(input.getAttribute('value')).toBe('+1 415 555 0100');
    (input as HTMLInputElement).value = '+44 20 7946 0000';
    expect(phone?.readValue()).toBe('+44 20 7946 0000');
  });

  test('the highlight email and the sidebar email are two fields (same key, different elements)', () => {
    const doc = loadFixture('hubspot-contact.html');
    const emails = hubspot.findFields(doc).filter((f) => f.key === 'email');
    expect(emails).toHaveLength(2);
    expect(emails[0]?.valueEl).not.toBe(emails[1]?.valueEl);
  });

  test('the legal basis dropdown is a field with its displayed text', () => {
    const doc = loadFixture('hubspot-contact.html');
    const basis = hubspot.findFields(doc).find((f) => f.key === 'hs_legal_basis');
    expect(basis?.readValue()).toBe('Legitimate interest – prospect/lead');
    expect(basis?.label).toBe("Legal basis for processing contact's data");
  });
});

describe('HubSpot field shapes', () => {
  test('legacy form set: the container yields to the input inside it (one field per key and element)', () => {
    const doc = parseHtml(`<div class="private-form__set" data-profile-property="email"><label>Email</label>
      <input readonly data-field="email" data-selenium-test="property-input-email" value="a@example.com"><a href="mailto:a@example.com">a@example.com</a></div>`);
    const fields = hubspot.findFields(doc);
    expect(fields.map((f) => [f.key, f.label, f.readValue(), f.valueEl.localName])).toEqual([
      ['email', 'Email', 'a@example.com', 'input'],
    ]);
  });

  test('All-properties view: [data-profile-property] without a control reads its text minus the label', () => {
    const doc = parseHtml(`<div data-profile-property="jobtitle"><label>Job title</label><span>CFO</span></div>
      <div data-profile-property="bad key!"><span>x</span></div>`);
    expect(hubspot.findFields(doc).map((f) => [f.key, f.label, f.readValue()])).toEqual([['jobtitle', 'Job title', 'CFO']]);
  });

  test('owner dropdown (older builds): data-selenium-test only, value as text', () => {
    const doc = parseHtml(`<div class="private-form__set"><label><span class="private-truncated-string__inner">Contact owner</span></label>
      <div data-selenium-test="property-input-hubspot_owner_id"><span class="private-dropdown__item__label">Sam Sales</span></div></div>`);
    expect(hubspot.findFields(doc).map((f) => [f.key, f.label, f.readValue()])).toEqual([['hubspot_owner_id', 'Contact owner', 'Sam Sales']]);
  });

  test('a control labelled by <label for> or aria-label; the key as the last resort', () => {
    const doc = parseHtml(`<label for="f1">First name</label><input id="f1" data-test-id="property-input-firstname" value="Jane">
      <input aria-label="Last name" data-test-id="property-input-lastname" value="Doe">
      <textarea data-test-id="property-input-message">Hi</textarea>`);
    expect(hubspot.findFields(doc).map((f) => [f.key, f.label, f.readValue()])).toEqual([
      ['firstname', 'First name', 'Jane'],
      ['lastname', 'Last name', 'Doe'],
      ['message', 'message', 'Hi'],
    ]);
  });
});

describe('HubSpot index (F4)', () => {
  test('rows from tr[data-test-id=row-{id}], anchored on the name link (the marker goes after it), else on the name label', () => {
    const doc = loadFixture('hubspot-contacts-index.html');
    const rows = hubspot.findRows?.(doc, { crm: 'hubspot', org: '123456', object: '0-1' }) ?? [];
    expect(rows.map((r) => r.ref)).toEqual(
      ['501', '502', '503'].map((id) => ({ crm: 'hubspot', org: '123456', object: '0-1', id })),
    );
    // Row 503 has no name link (crm-dom.md §5 F4: the href is unproven).
    expect(rows.map((r) => r.anchor.localName)).toEqual(['a', 'a', 'span']);
    expect(rows.map((r) => r.anchor.querySelector('[data-test-id="truncated-object-label"]') ?? r.anchor).every((el) => el.getAttribute('data-test-id') === 'truncated-object-label')).toBe(true);
  });

  test('rows with non-numeric ids are skipped', () => {
    const doc = parseHtml('<table><tbody><tr data-test-id="row-abc"><td>x</td></tr><tr data-test-id="row-7"><td>y</td></tr></tbody></table>');
    expect(hubspot.findRows?.(doc, { crm: 'hubspot', org: '1', object: '0-2' }).map((r) => r.ref.id)).toEqual(['7']);
  });

  test('the index page has no title and no fields', () => {
    const doc = loadFixture('hubspot-contacts-index.html');
    expect(hubspot.findTitle(doc)).toBeNull();
    expect(hubspot.findFields(doc)).toEqual([]);
  });
});
