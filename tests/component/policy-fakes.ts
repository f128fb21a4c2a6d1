import type { PolicyApi } from '@/components/dashboard/policy/api';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import type { HistoryEntry } from '@/lib/policy/history';
import type { Policy } from '@/lib/policy/schema';
import type { PolicyStatus } from '@/lib/policy/status';

/** Fakes of the dashboard's policy view (policy.test.tsx, policy-editor.test.tsx). */

export function status(over: Partial<PolicyStatus> = {}): PolicyStatus {
  return {
    active: { id: 2, policyVersion: DEFAULT_POLICY.policyVersion, name: DEFAULT_POLICY.name, effectiveDate: DEFAULT_POLICY.effectiveDate, source: 'default', via: 'default', activatedAt: Date.UTC(2026, 10, 1) },
    managed: { present: false, locked: false, requireSignedImport: false },
    url: null,
    overdue: [],
    ...over,
  };
}

export const HISTORY: HistoryEntry[] = [
  { id: 2, policyVersion: '2026.1.0', name: 'default', effectiveDate: '2026-01-01', source: 'default', via: 'default', activatedAt: Date.UTC(2026, 10, 2), active: true },
  { id: 1, policyVersion: '2025.9.0', name: 'old', effectiveDate: '2025-09-01', source: 'import', via: 'file', signer: 'abcdef0123456789', activatedAt: Date.UTC(2026, 10, 1), active: false },
];

/** A policy API answering with `s`, and what was asked of it. */
export function fakeApi(s: PolicyStatus = status()) {
  const calls = { apply: [] as [string, string][], setUrl: [] as [string, string][], hosts: [] as string[], downloads: [] as string[], rollbacks: [] as number[] };
  const api: PolicyApi = {
    status: async () => s,
    history: async () => HISTORY,
    get: async (id) => ({ entry: HISTORY.find((h) => h.id === id) ?? HISTORY[0]!, policy: { ...DEFAULT_POLICY, policyVersion: '2025.9.0', logRetentionDays: 100 } as Policy }),
    apply: async (text, via) => {
      calls.apply.push([text, via]);
      return { applied: true, status: s, diff: [] };
    },
    rollback: async (id) => {
      calls.rollbacks.push(id);
      return { applied: true, status: s, diff: [] };
    },
    setUrl: async (url, key) => {
      calls.setUrl.push([url, key]);
      return s;
    },
    clearUrl: async () => s,
    refresh: async () => s,
    requestHost: async (origin) => {
      calls.hosts.push(origin);
      return true;
    },
    download: (name) => calls.downloads.push(name),
  };
  return { api, calls };
}

export const dashApi = { activePolicy: async () => ({ policy: DEFAULT_POLICY, source: 'default' as const, activatedAt: Date.UTC(2026, 10, 1) }) };
