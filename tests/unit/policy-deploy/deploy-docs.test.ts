import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importPublicKey } from '@/lib/policy/signing';
import { acceptPolicyText, ManagedConfigSchema, readManagedConfig } from '@/lib/policy/sources';

const root = path.resolve(__dirname, '../../..');
const DOC = readFileSync(path.join(root, 'docs/deploy.md'), 'utf8');
const SCHEMA = JSON.parse(readFileSync(path.join(root, 'public/managed_schema.json'), 'utf8')) as JsonSchema;

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  minimum?: number;
  maximum?: number;
}

/** The subset of JSON Schema that Chrome's managed_schema uses; unknown fields are errors (Chrome drops them). */
function schemaErrors(value: unknown, schema: JsonSchema, where = '(root)'): string[] {
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : Number.isInteger(value) ? 'integer' : typeof value;
  if (schema.type && !(schema.type === type || (schema.type === 'number' && type === 'integer'))) return [`${where}: expected ${schema.type}, got ${type}`];
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return [`${where}: below ${schema.minimum}`];
    if (schema.maximum !== undefined && value > schema.maximum) return [`${where}: above ${schema.maximum}`];
  }
  if (schema.type === 'object' && typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => {
      const sub = schema.properties?.[k];
      return sub ? schemaErrors(v, sub, `${where}.${k}`) : [`${where}.${k}: not in managed_schema.json`];
    });
  }
  return [];
}

const blocks = [...DOC.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

/** The extension's managed values in a block: Chrome/Edge 3rdparty, Firefox 3rdparty.Extensions, Admin console {"Value"} form. */
function managedValues(block: unknown): Record<string, unknown>[] {
  const b = block as Record<string, Record<string, Record<string, Record<string, Record<string, unknown>>>>>;
  const chrome = b['3rdparty']?.['extensions'];
  const firefox = (b['policies'] as unknown as Record<string, Record<string, Record<string, Record<string, unknown>>>> | undefined)?.['3rdparty']?.['Extensions'];
  const found = [...Object.values(chrome ?? {}), ...Object.values(firefox ?? {})] as Record<string, unknown>[];
  const values = Object.values(block as Record<string, unknown>);
  if (found.length === 0 && values.length > 0 && values.every((v) => typeof v === 'object' && v !== null && 'Value' in v)) {
    found.push(Object.fromEntries(Object.entries(block as Record<string, { Value: unknown }>).map(([k, v]) => [k, v.Value])));
  }
  return found;
}

describe('docs/deploy.md examples are working JSON, valid against managed_schema.json', () => {
  test('every JSON block parses', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const text of blocks) expect(() => JSON.parse(text) as unknown).not.toThrow();
  });

  const values = blocks.flatMap((text) => managedValues(JSON.parse(text)));

  test('Chrome, Edge, Firefox and Admin console examples are all there', () => {
    expect(values.length).toBeGreaterThanOrEqual(5);
    expect(DOC).toContain('"3rdparty"');
    expect(DOC).toContain('"Extensions"');
    expect(DOC).toContain('DeveloperToolsDisabled');
    expect(DOC).toContain('What the extension cannot protect against');
  });

  test.each(values.map((v, i) => [i, v] as const))('managed value %i: schema, extension rules, policy and key', async (_i, value) => {
    expect(schemaErrors(value, SCHEMA)).toEqual([]);
    expect(readManagedConfig(value)).toMatchObject({ ok: true });
    if (typeof value['policyJson'] === 'string') expect(acceptPolicyText(value['policyJson'])).toMatchObject({ ok: true });
    if (typeof value['publicKey'] === 'string') expect(await importPublicKey(value['publicKey'])).not.toBeNull();
  });

  test('managed_schema.json and the extension agree on the fields', () => {
    expect(Object.keys(SCHEMA.properties ?? {}).sort()).toEqual(Object.keys(ManagedConfigSchema.shape).sort());
  });
});
