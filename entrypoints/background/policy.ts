import type { GuardDB } from '@/lib/db/db';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import type { Policy } from '@/lib/policy/schema';

/**
 * The active policy: the newest activated row, else the built-in default (stored on first use so
 * that its activation is on record). Policy sources and precedence come with the policy issue.
 */
export class PolicyStore {
  private cached: Policy | undefined;

  constructor(private readonly db: GuardDB) {}

  async active(): Promise<Policy> {
    if (this.cached) return this.cached;
    const newest = await this.db.policies.orderBy('activatedAt').last();
    if (newest) {
      this.cached = newest.doc;
      return newest.doc;
    }
    await this.db.policies.add({
      policyVersion: DEFAULT_POLICY.policyVersion,
      source: 'default',
      activatedAt: Date.now(),
      doc: DEFAULT_POLICY,
    });
    this.cached = DEFAULT_POLICY;
    return DEFAULT_POLICY;
  }
}
