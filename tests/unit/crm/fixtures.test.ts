import expectedJson from '@/tests/fixtures/expected.json';
import { ADAPTERS, classifyUrl } from '@/lib/crm/registry';
import { PRESET_ADAPTERS } from '@/lib/crm/sites';
import type { CrmAdapter, CrmId, ListRef, PageKind } from '@/lib/crm/types';
import { shadowRootsDeep } from '@/lib/dom/deep';
import { loadFixture } from './shadow';

interface ExpectedFixture {
  url: string;
  adapter: CrmId;
  page: PageKind;
  shadowRoots: number;
  title: { text: string; anchor: string } | null;
  objectFromDom: string | null;
  fieldCount: number;
  fields: { key: string; label: string; value: string }[];
  rows: { object: string; id: string; anchorText: string }[] | null;
  absent: string[];
}

const EXPECTED = (expectedJson as { fixtures: Record<string, ExpectedFixture> }).fixtures;
const NAMES = Object.keys(EXPECTED);

function adapterOf(id: CrmId): CrmAdapter {
  const adapter = [...ADAPTERS, ...Object.values(PRESET_ADAPTERS)].find((a) => a.id === id);
  if (!adapter) throw new Error(`no adapter ${id}`);
  return adapter;
}

test('expected.json covers the eleven fixtures', () => {
  expect(NAMES.sort()).toEqual(
    [
      'hubspot-contact.html',
      'hubspot-contacts-index.html',
      'sf-lex-contact-list.html',
      'sf-lex-account-related-contacts.html',
      'sf-lex-contact-native.html',
      'sf-lex-contact.html',
      'sf-lex-lead.html',
      'unknown-page.html',
      // Presets (issue 3)
      'd365-contact.html',
      'zoho-contact.html',
      'pipedrive-person.html',
    ].sort(),
  );
});

describe.each(NAMES)('%s', (name) => {
  const expected = EXPECTED[name] as ExpectedFixture;
  const adapter = adapterOf(expected.adapter);
  const load = (): { doc: Document; root: ParentNode } => {
    const doc = loadFixture(name);
    const root = adapter.activeRoot(doc);
    if (!root) throw new Error('no active root');
    return { doc, root };
  };

  test('its real URL classifies to the expected page', () => {
    expect(classifyUrl(expected.url)).toEqual({ adapter, page: expected.page });
  });

  test('is a full document with a title and the expected shadow roots', () => {
    const { doc } = load();
    expect(doc.title.length).toBeGreaterThan(0);
    expect(doc.querySelector('script')).toBeNull();
    expect(shadowRootsDeep(doc)).toHaveLength(expected.shadowRoots);
  });

  test('title', () => {
    const { root } = load();
    const title = adapter.findTitle(root);
    if (expected.title === null) {
      expect(title).toBeNull();
      return;
    }
    expect(title?.text).toBe(expected.title.text);
    expect(title?.anchor.localName).toBe(expected.title.anchor);
    // The anchor contains the title element in the flat tree (directly or through a slot).
    expect(title?.el.isConnected).toBe(true);
  });

  test('fields: count, keys, labels and values in order', () => {
    const { root } = load();
    const fields = adapter.findFields(root);
    expect(fields).toHaveLength(expected.fieldCount);
    expect(fields.map((f) => ({ key: f.key, label: f.label, value: f.readValue() }))).toEqual(expected.fields);
    for (const field of fields) expect(field.valueEl.isConnected).toBe(true);
  });

  test('object from the DOM', () => {
    const { root } = load();
    expect(adapter.objectFromDom?.(root) ?? null).toBe(expected.objectFromDom);
  });

  test('rows', () => {
    const { root } = load();
    if (expected.rows === null) return;
    const list: ListRef =
      expected.page.kind === 'list'
        ? expected.page.ref
        : expected.page.kind === 'record' && expected.page.related
          ? expected.page.related
          : { crm: adapter.id, org: 'acme', object: '' };
    const rows = adapter.findRows?.(root, list) ?? [];
    expect(rows.map((r) => ({ object: r.ref.object, id: r.ref.id, anchorText: r.anchor.textContent?.trim() }))).toEqual(
      expected.rows,
    );
    for (const row of rows) {
      expect(row.ref).toMatchObject({ crm: list.crm, org: list.org });
      expect(row.row.contains(row.anchor)).toBe(true);
    }
  });

  test('nothing from stale pages or assistive text leaks into the results', () => {
    const { root } = load();
    const title = adapter.findTitle(root);
    const seen = [
      title?.text ?? '',
      ...adapter.findFields(root).flatMap((f) => [f.label, f.readValue()]),
    ].join('\n');
    for (const text of expected.absent) expect(seen).not.toContain(text);
  });
});
