/**
 * Where a policy comes from and how a candidate document is accepted: size, JSON, forbidden keys,
 * schema migration, schema validation, regular-expression safety, effective date, and for bundles
 * the signature. Every refusal carries a path and a reason; nothing here has side effects.
 */
import { z } from 'zod';
import { findJsonSyntaxError } from './json-syntax';
import { migratePolicy } from './migrate';
import { checkPattern } from './safe-regex';
import type { Policy } from './schema';
import { parseBundle, verifyBundle, type SignedBundle } from './signing';
import { findStructuralProblems, formatPath, MAX_POLICY_BYTES, validatePolicy, type PolicyError } from './validate';
import { both, problem } from './wording';

export type Acceptance = { ok: true; policy: Policy; text: string; migratedFrom: number } | { ok: false; errors: PolicyError[] };

/** Field names whose string values are regular expressions, wherever they appear in a policy. */
const PATTERN_KEYS = new Set(['pattern', 'patterns', 'regex', 'regexes', 'orgPattern', 'hostPattern']);

/** Every regular expression in the document, checked for catastrophic backtracking. */
export function findUnsafePatterns(value: unknown): PolicyError[] {
  const errors: PolicyError[] = [];
  const walk = (v: unknown, path: (string | number)[], isPattern: boolean): void => {
    if (typeof v === 'string') {
      if (!isPattern) return;
      const verdict = checkPattern(v);
      if (!verdict.ok) errors.push({ ...problem(formatPath(path), verdict.key, verdict.params), message: verdict.reason });
      return;
    }
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...path, i], isPattern));
    else if (typeof v === 'object' && v !== null) {
      for (const [k, child] of Object.entries(v)) walk(child, [...path, k], PATTERN_KEYS.has(k));
    }
  };
  walk(value, [], false);
  return errors;
}

export interface AcceptOptions {
  /** The policy it would replace; a new one may not take effect before it (backdating). */
  predecessor?: Policy | undefined;
}

/** Accepts a parsed value as the next policy, or says exactly why not. */
export function acceptPolicyValue(value: unknown, options: AcceptOptions = {}): Acceptance {
  const structural = findStructuralProblems(value);
  if (structural.length > 0) return { ok: false, errors: structural };
  const migrated = migratePolicy(value);
  if (!migrated.ok) return migrated;
  const unsafe = findUnsafePatterns(migrated.value);
  const validation = validatePolicy(migrated.value);
  if (!validation.ok) {
    // Unsafe patterns first: the schema may flag the same place with a less useful message.
    const seen = new Set(unsafe.map((e) => e.path));
    return { ok: false, errors: [...unsafe, ...validation.errors.filter((e) => !seen.has(e.path))] };
  }
  if (unsafe.length > 0) return { ok: false, errors: unsafe };
  const policy = validation.policy;
  const before = options.predecessor;
  if (before && policy.effectiveDate < before.effectiveDate) {
    return {
      ok: false,
      errors: [
        problem('effectiveDate', 'pvBackdated', { date: policy.effectiveDate, version: before.policyVersion, before: before.effectiveDate }),
      ],
    };
  }
  return { ok: true, policy, text: JSON.stringify(policy, null, 2), migratedFrom: migrated.from };
}

/** Parses text (size-limited) to a value; errors are located at line and column. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; errors: PolicyError[] } {
  if (typeof text !== 'string') return { ok: false, errors: [problem('(file)', 'pvExpectedJsonText')] };
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_POLICY_BYTES) {
    return { ok: false, errors: [problem('(file)', 'pvFileTooLarge', { size: both('pvSizeKb', { n: Math.ceil(bytes / 1024) }), max: both('pvSizeKb', { n: MAX_POLICY_BYTES / 1024 }) })] };
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, errors: [problem('(file)', 'pvFileEmpty')] };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    const at = findJsonSyntaxError(body);
    const error = at
      ? problem('(file)', 'pvJsonAt', { line: at.line, column: at.column, detail: at.detail })
      : problem('(file)', 'pvJson', { detail: e instanceof Error ? e.message : String(e) });
    return { ok: false, errors: [error] };
  }
}

export function acceptPolicyText(text: string, options: AcceptOptions = {}): Acceptance {
  const parsed = parseJsonText(text);
  return parsed.ok ? acceptPolicyValue(parsed.value, options) : parsed;
}

export function isBundleValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)['format'] === 'crm-privacy-guard/signed-policy';
}

export type BundleAcceptance = (Acceptance & { ok: true; bundle: SignedBundle }) | { ok: false; errors: PolicyError[] };

/** A signed bundle: the signature must verify with the pinned key before the policy inside is even read. */
export async function acceptBundleValue(value: unknown, publicKey: string, options: AcceptOptions = {}): Promise<BundleAcceptance> {
  const structural = findStructuralProblems(value);
  if (structural.length > 0) return { ok: false, errors: structural };
  const envelope = parseBundle(value);
  if (!envelope.ok) return { ok: false, errors: [{ path: envelope.path, message: envelope.message, key: envelope.key, ...(envelope.params ? { params: envelope.params } : {}) }] };
  if (!(await verifyBundle(envelope.bundle, publicKey))) {
    return {
      ok: false,
      errors: [problem('signature', 'pvSignatureFails')],
    };
  }
  const accepted = acceptPolicyText(envelope.bundle.policy, options);
  if (!accepted.ok) return { ok: false, errors: accepted.errors.map((e) => ({ ...e, path: e.path === '(file)' ? 'policy' : `policy.${e.path}`.replace('.(root)', '') })) };
  return { ...accepted, bundle: envelope.bundle };
}

// ---- Enterprise-managed settings (storage.managed; public/managed_schema.json mirrors this) ----

const httpsUrl = z
  .string()
  .max(2048)
  .refine(
    (s) => {
      try {
        const u = new URL(s);
        return u.protocol === 'https:' && u.username === '' && u.password === '';
      } catch {
        return false;
      }
    },
    { error: 'expected an https:// URL without credentials' },
  );

export const ManagedConfigSchema = z.strictObject({
  /** Shown in the UI: "Managed by Acme IT". */
  managedBy: z.string().trim().min(1).max(120).regex(/^[^\u0000-\u001f\u007f]+$/).optional(),
  /** The policy itself, as JSON text. */
  policyJson: z.string().max(MAX_POLICY_BYTES).optional(),
  /** Or where to fetch the signed bundle, and the key that signs it. */
  policyUrl: httpsUrl.optional(),
  publicKey: z.string().min(40).max(1000).optional(),
  refreshMinutes: z.number().int().min(15).max(1440).optional(),
  /** Local imports stay possible (they still lose to the managed policy). */
  allowLocalImport: z.boolean().optional(),
  /** Imported files must be bundles signed with `publicKey`. */
  requireSignedImport: z.boolean().optional(),
});
export type ManagedConfig = z.output<typeof ManagedConfigSchema>;

export type ManagedRead = { ok: true; config: ManagedConfig | null } | { ok: false; message: string };

/** Reads the managed storage area; null when the organisation set nothing. */
export function readManagedConfig(raw: unknown): ManagedRead {
  if (raw === undefined || raw === null || (typeof raw === 'object' && Object.keys(raw).length === 0)) return { ok: true, config: null };
  const parsed = ManagedConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `managed setting ${issue ? formatPath(issue.path) : '(root)'}: ${issue?.message ?? 'invalid'}` };
  }
  const c = parsed.data;
  if (c.policyUrl !== undefined && c.publicKey === undefined) return { ok: false, message: 'managed setting publicKey: required with policyUrl (bundles are accepted only when signed)' };
  return { ok: true, config: c };
}

/** A managed value that carries a policy (inline or by URL) locks local edits unless it allows them. */
export function managedLocks(config: ManagedConfig | null): boolean {
  if (!config) return false;
  const carriesPolicy = config.policyJson !== undefined || config.policyUrl !== undefined;
  return carriesPolicy && config.allowLocalImport !== true;
}
