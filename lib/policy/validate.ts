/**
 * Policy validation with errors a compliance lead can act on: a path into the document
 * (`retention[2].maxAgeDays`) and a plain message. Never throws, whatever it is given.
 */
import { z } from 'zod';
import { findJsonSyntaxError } from './json-syntax';
import { describeIssue, suggestField, type RawIssue } from './messages';
import { PolicySchema, type Policy } from './schema';
import type { ErrorParams } from '../i18n/error-text';
import { both, collecting, problem, withKey } from './wording';

export interface PolicyError {
  /** Where in the document: `retention[2].maxAgeDays`, `(root)` for the document itself, `(file)` for the text. */
  path: string;
  /** In English (logs, exports); pages show `key` and `params` in their language (errorText). */
  message: string;
  key?: string;
  params?: ErrorParams;
}

export type PolicyValidation = { ok: true; policy: Policy } | { ok: false; errors: PolicyError[] };

/** Policies are a few KB; the cap keeps a hostile or mistaken file from stalling the worker. */
export const MAX_POLICY_BYTES = 512 * 1024;
/** The policy is 6 levels deep; anything far deeper is not a policy. */
export const MAX_DEPTH = 32;
/** Bounds the walk over values that did not come from a size-checked text. */
export const MAX_NODES = 200_000;
/** More errors than this are noise: the first ones show what is wrong. */
export const MAX_ERRORS = 50;
/** Keys that reach object prototypes when a document is merged or copied naively. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

const ROOT = '(root)';
const FILE = '(file)';
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['retention', 2, 'maxAgeDays']` → `retention[2].maxAgeDays`; odd keys are quoted: `labels["a b"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'symbol') out += `[${String(part)}]`;
    else if (IDENTIFIER.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === '' ? ROOT : out;
}

/**
 * Walks a value for forbidden keys (JSON.parse makes `"__proto__"` an own property), cycles,
 * excessive depth and size. Returns the problems found; an empty list means zod may look at it.
 */
export function findStructuralProblems(value: unknown): PolicyError[] {
  const errors: PolicyError[] = [];
  const onPath = new WeakSet<object>();
  let nodes = 0;

  // Depth-first with an explicit stack; `leave` entries take a node off the current path so
  // that a shared (but not circular) sub-object is not mistaken for a cycle.
  type Frame = { kind: 'visit'; value: unknown; path: PropertyKey[] } | { kind: 'leave'; value: object };
  const stack: Frame[] = [{ kind: 'visit', value, path: [] }];
  while (stack.length > 0 && errors.length < MAX_ERRORS) {
    const frame = stack.pop();
    if (frame === undefined) break;
    if (frame.kind === 'leave') {
      onPath.delete(frame.value);
      continue;
    }
    const { value: v, path } = frame;
    if (typeof v !== 'object' || v === null) continue;
    nodes += 1;
    if (nodes > MAX_NODES) {
      errors.push(problem(ROOT, 'pvTooLarge', { n: MAX_NODES }));
      break;
    }
    if (onPath.has(v)) {
      errors.push(problem(formatPath(path), 'pvCircular'));
      continue;
    }
    if (path.length > MAX_DEPTH) {
      errors.push(problem(formatPath(path), 'pvTooDeep', { n: MAX_DEPTH }));
      continue;
    }
    onPath.add(v);
    stack.push({ kind: 'leave', value: v });
    const entries: [PropertyKey, unknown][] = Array.isArray(v) ? v.map((item, i) => [i, item]) : Object.entries(v);
    // Reversed so that errors come out in document order.
    for (let k = entries.length - 1; k >= 0; k -= 1) {
      const entry = entries[k];
      if (entry === undefined) continue;
      const [key, child] = entry;
      if (typeof key === 'string' && FORBIDDEN_KEYS.includes(key)) {
        errors.push(problem(formatPath([...path, key]), 'pvForbiddenKey', { key }));
        continue;
      }
      stack.push({ kind: 'visit', value: child, path: [...path, key] });
    }
  }
  return errors;
}

function firstPerPath(errors: readonly PolicyError[]): PolicyError[] {
  const seen = new Set<string>();
  const out: PolicyError[] = [];
  for (const e of errors) {
    if (seen.has(e.path)) continue;
    seen.add(e.path);
    out.push(e);
  }
  return out;
}

function capped(errors: readonly PolicyError[]): PolicyError[] {
  if (errors.length <= MAX_ERRORS) return [...errors];
  return [...errors.slice(0, MAX_ERRORS), problem(ROOT, 'pvMoreProblems', { n: errors.length - MAX_ERRORS })];
}

function runSchema(value: unknown): PolicyValidation {
  // Allowed field names per object path, collected while zod words its messages, for "did you mean".
  const allowedAt = new Map<string, string[]>();
  const error = (iss: RawIssue): string => {
    if (iss.code === 'unrecognized_keys' && iss.inst instanceof z.ZodObject) {
      allowedAt.set(formatPath(iss.path ?? []), Object.keys(iss.inst.shape));
    }
    return describeIssue(iss);
  };
  const result = PolicySchema.safeParse(value, { error });
  if (result.success) return { ok: true, policy: result.data };

  const errors: PolicyError[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedAt.get(formatPath(issue.path)) ?? [];
      for (const key of issue.keys) {
        const suggestion = suggestField(key, allowed);
        const at = formatPath([...issue.path, key]);
        if (suggestion !== undefined) errors.push(problem(at, 'pvUnknownFieldDidYouMean', { suggestion }));
        else if (allowed.length > 0) errors.push(problem(at, 'pvUnknownFieldAllowed', { allowed: allowed.join(', ') }));
        else errors.push(problem(at, 'pvUnknownField'));
      }
    } else {
      errors.push(issue.message ? withKey({ path: formatPath(issue.path), message: issue.message }) : problem(formatPath(issue.path), 'pvInvalid'));
    }
  }
  return { ok: false, errors: capped(firstPerPath(errors)) };
}

/** Validates a policy value (already parsed). Defaults are applied to the returned policy. */
export function validatePolicy(value: unknown): PolicyValidation {
  try {
    const structural = findStructuralProblems(value);
    if (structural.length > 0) return { ok: false, errors: capped(firstPerPath(structural)) };
    return collecting(() => runSchema(value));
  } catch (e) {
    // Proxies and getters can throw; the answer is still a refusal, never an exception.
    const detail = e instanceof Error && e.message ? e.message : '';
    return { ok: false, errors: [detail ? problem(ROOT, 'pvUnreadableDetail', { detail }) : problem(ROOT, 'pvUnreadable')] };
  }
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // a surrogate pair is one 4-byte character
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

function kb(bytes: number): ErrorParams[string] {
  return both('pvSizeKb', { n: Math.ceil(bytes / 1024) });
}

/** Parses and validates a policy file's text. */
export function parsePolicyJson(text: string): PolicyValidation {
  if (typeof text !== 'string') return { ok: false, errors: [problem(FILE, 'pvExpectedJsonText')] };
  // Cheap bound first (a UTF-16 unit is at least one UTF-8 byte), then the exact size.
  if (text.length > MAX_POLICY_BYTES || utf8Length(text) > MAX_POLICY_BYTES) {
    const size = text.length > MAX_POLICY_BYTES * 4 ? both('pvSizeMoreThanKb', { n: Math.ceil((MAX_POLICY_BYTES * 4) / 1024) }) : kb(utf8Length(text));
    return { ok: false, errors: [problem(FILE, 'pvFileTooLarge', { size, max: kb(MAX_POLICY_BYTES) })] };
  }
  // Editors on Windows may save a byte-order mark, which JSON.parse refuses.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, errors: [problem(FILE, 'pvFileEmpty')] };

  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    const located = findJsonSyntaxError(body);
    if (located) {
      return { ok: false, errors: [problem(FILE, 'pvJsonAt', { line: located.line, column: located.column, detail: located.detail })] };
    }
    const detail = e instanceof RangeError ? both('pvJsonTooDeep') : e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [problem(FILE, 'pvJson', { detail })] };
  }
  return validatePolicy(value);
}
