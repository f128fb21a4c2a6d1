import type { GuardDB } from '@/lib/db/db';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import type { Policy } from '@/lib/policy/schema';
import type { PolicyRow } from '@/lib/db/schema';

/**
 * The active policy: the newest activated row, else the built-in default (stored on first use so
 * that its activation is on record). Policy sources and precedence come with the policy issue.
 */
export class PolicyStore {
  private cached: PolicyRow | undefined;

  constructor(
    private readonly db: GuardDB,
    private readonly now: () => number = Date.now,
  ) {}

  async activeRow(): Promise<PolicyRow> {
    if (this.cached) return this.cached;
    const newest = await this.db.policies.orderBy('activatedAt').last();
    if (newest) {
      this.cached = newest;
      return newest;
    }
    const row: PolicyRow = {
      policyVersion: DEFAULT_POLICY.policyVersion,
      source: 'default',
      activatedAt: this.now(),
      doc: DEFAULT_POLICY,
    };
    row.id = await this.db.policies.add(row);
    this.cached = row;
    return row;
  }

  async active(): Promise<Policy> {
    return (await this.activeRow()).doc;
  }
}
