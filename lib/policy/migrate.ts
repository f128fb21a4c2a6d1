/**
 * Policy documents written for an older schema version are brought up to the current one before
 * validation; a newer version than this build knows is refused (never guessed). Pure.
 */
import { POLICY_FORMAT, POLICY_SCHEMA_VERSION } from './schema';
import type { PolicyError } from './validate';
import { problem } from './wording';

type Doc = Record<string, unknown>;

/**
 * Step from version N to N+1. Version 0 is the draft format of the first pilots: no `format`
 * field, log retention as `log.retentionDays`, reveal seconds at the top level.
 */
const STEPS: Readonly<Record<number, (doc: Doc) => Doc>> = {
  0: (doc) => {
    const { log, revealSeconds, ...rest } = doc;
    const out: Doc = { ...rest, format: POLICY_FORMAT, schemaVersion: 1 };
    const days = typeof log === 'object' && log !== null ? (log as Doc)['retentionDays'] : undefined;
    if (days !== undefined) out['logRetentionDays'] = days;
    if (revealSeconds !== undefined && typeof out['masking'] === 'object' && out['masking'] !== null) {
      out['masking'] = { ...(out['masking'] as Doc), revealSeconds };
    }
    return out;
  },
};

export type Migration = { ok: true; value: unknown; from: number } | { ok: false; errors: PolicyError[] };

function isDoc(x: unknown): x is Doc {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Brings a parsed document to the current schema version; other values pass through for the validator to refuse. */
export function migratePolicy(value: unknown): Migration {
  if (!isDoc(value)) return { ok: true, value, from: POLICY_SCHEMA_VERSION };
  const raw = value['schemaVersion'];
  // A document without the field and without `format` is the version 0 draft.
  const version = raw === undefined && value['format'] === undefined ? 0 : raw;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { ok: true, value, from: POLICY_SCHEMA_VERSION };
  }
  if (version > POLICY_SCHEMA_VERSION) {
    return {
      ok: false,
      errors: [
        problem('schemaVersion', 'pvUnknownVersion', { version, max: POLICY_SCHEMA_VERSION }),
      ],
    };
  }
  let doc: Doc = value;
  for (let v = version; v < POLICY_SCHEMA_VERSION; v += 1) {
    const step = STEPS[v];
    if (!step) return { ok: false, errors: [problem('schemaVersion', 'pvNoMigration', { version: v })] };
    doc = step(doc);
  }
  return { ok: true, value: doc, from: version };
}
