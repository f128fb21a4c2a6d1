/** What the popup and the dashboard show of the policy deployment (answer shapes; types only). */
import type { PolicySource } from '@/lib/db/schema';
import type { DiffItem } from './diff';
import type { HistoryEntry, PolicyVia } from './history';
import type { ApprovedInstance, InstanceVerdict } from './instances';
import type { Policy } from './schema';
import type { PolicyError } from './validate';
import type { ErrorParams } from '@/lib/i18n/error-text';

export interface PolicyStatus {
  active: {
    id: number;
    policyVersion: string;
    name: string;
    effectiveDate: string;
    source: PolicySource;
    via: PolicyVia;
    signer?: string;
    activatedAt: number;
  };
  managed: {
    present: boolean;
    locked: boolean;
    managedBy?: string;
    /** Why the managed value (or its policy) was refused; the last good policy stays. */
    error?: string;
    requireSignedImport: boolean;
  };
  url: {
    url: string;
    keyId: string;
    managed: boolean;
    refreshMinutes: number;
    lastFetchAt?: number;
    lastOkAt?: number;
    lastOutcome?: 'updated' | 'unchanged' | 'failed';
    lastError?: string;
    /** Its catalogue key and params (lib/i18n/messages/errors.ts): the page shows it in its language. */
    lastErrorKey?: string;
    lastErrorParams?: ErrorParams;
  } | null;
  /** Approvals whose review date has passed. */
  overdue: ApprovedInstance[];
}

export type ApplyAnswer = { applied: true; status: PolicyStatus; diff: DiffItem[] } | { applied: false; errors: PolicyError[] };

export interface PolicyDocAnswer {
  entry: HistoryEntry;
  policy: Policy;
}

export interface InstanceAnswer {
  verdict: InstanceVerdict;
}
