import { DEFAULT_POLICY } from '@/lib/policy/default';
import type { Policy, RetentionRule } from '@/lib/policy/schema';
import { errorMessage, isErrorKey, type ErrorParams } from '@/lib/i18n/error-text';

/** A mutable copy of the default policy with a third retention rule, so tests can reach retention[2]. */
export function samplePolicy(): Policy {
  const doc = structuredClone(DEFAULT_POLICY);
  doc.retention.push(sampleRetentionRule({ id: 'online-accounts' }));
  return doc;
}

export function sampleRetentionRule(over: Partial<RetentionRule> = {}): RetentionRule {
  return {
    id: 'rule',
    label: { en: 'Rule', fr: 'Règle' },
    appliesTo: { lifecycle: 'any' },
    clock: { fields: ['Last login'], fallback: ['first-seen'] },
    maxAgeMonths: 24,
    warnDays: 30,
    action: 'review',
    legalRef: 'CNIL: 2 years of inactivity for online accounts',
    ...over,
  };
}

function isContainer(x: unknown): x is Record<string, unknown> | unknown[] {
  return typeof x === 'object' && x !== null;
}

function parentOf(root: unknown, path: readonly (string | number)[]): Record<string, unknown> | unknown[] {
  let node: unknown = root;
  for (const part of path.slice(0, -1)) {
    if (!isContainer(node)) throw new Error(`no container at ${String(part)}`);
    node = Array.isArray(node) ? node[Number(part)] : node[String(part)];
  }
  if (!isContainer(node)) throw new Error('path does not lead to a container');
  return node;
}

/** Writes any value (also an ill-typed one) at a path, to build invalid documents. */
export function setAt(root: unknown, path: readonly (string | number)[], value: unknown): void {
  const parent = parentOf(root, path);
  const last = path[path.length - 1];
  if (last === undefined) throw new Error('empty path');
  if (Array.isArray(parent)) parent[Number(last)] = value;
  else Object.defineProperty(parent, String(last), { value, enumerable: true, writable: true, configurable: true });
}

export function deleteAt(root: unknown, path: readonly (string | number)[]): void {
  const parent = parentOf(root, path);
  const last = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[String(last)];
}

/**
 * A policy problem as the older assertions compare it ({ path, message }), after checking that it
 * carries a catalogue key whose English wording is exactly its message (so that pages can show it
 * in French: errorText(lang, problem)).
 */
export function worded(problem: { path: string; message: string; key?: string; params?: ErrorParams }): { path: string; message: string } {
  if (!isErrorKey(problem.key)) throw new Error(`no catalogue key for ${problem.path}: ${problem.message}`);
  const english = errorMessage('en', problem.key, problem.params);
  if (english !== problem.message) throw new Error(`key ${problem.key} words "${english}", not "${problem.message}"`);
  return { path: problem.path, message: problem.message };
}
