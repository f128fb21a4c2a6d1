import { newEvent } from '@/lib/audit/chain';
import { AccessLog } from '@/lib/audit/log';
import type { GuardDB } from '@/lib/db/db';
import { getProfileName } from '@/lib/db/profile';
import type { PolicyRow } from '@/lib/db/schema';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { sameActivation, toEntries, type HistoryEntry, type HistoryRow, type PolicyVia } from '@/lib/policy/history';
import { choosePolicy, outrankedBy, type Candidate, type Candidates } from '@/lib/policy/precedence';
import type { Policy } from '@/lib/policy/schema';
import { managedLocks, type ManagedConfig } from '@/lib/policy/sources';
import { bothLangs, errorMessage, type ErrorKey, type ErrorParams } from '@/lib/i18n/error-text';
import type { PolicySources } from './policy-sources';

const CANDIDATES_KEY = 'policy.candidates';
const MANAGED_KEY = 'policy.managed';

/** What the organisation's browser management set, as last read (with the reason it was refused, if it was). */
export interface ManagedState {
  config: ManagedConfig | null;
  error?: string;
}

/** A refusal of the store, worded from lib/i18n/messages/errors.ts: English message, key and params (handlers pass them on). */
export class PolicyError extends Error {
  readonly params?: ErrorParams;
  constructor(
    readonly code: 'bad-request' | 'forbidden' | 'conflict' | 'not-found',
    readonly key: ErrorKey,
    params?: ErrorParams,
  ) {
    super(errorMessage('en', key, params));
    if (params) this.params = params;
  }
}

export interface Activation {
  changed: boolean;
  row: HistoryRow;
}

/**
 * The active policy: the newest activated row, else the built-in default (stored on first use so
 * that its activation is on record). Sources (managed > url > import > default) are kept as
 * candidates in `meta`; whenever the winner changes, the new row, the candidates and a
 * `policy-changed` event are written in one transaction, or nothing is.
 */
export class PolicyStore {
  private cached: PolicyRow | undefined;
  private loading: Promise<PolicyRow> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** The managed and URL sources, attached by the background (absent in unit tests that do not need them). */
  sources: PolicySources | undefined;
  private readonly changeListeners = new Set<(row: PolicyRow) => void>();

  constructor(
    private readonly db: GuardDB,
    private readonly now: () => number = Date.now,
    private log: AccessLog = new AccessLog(db),
  ) {}

  /**
   * Calls `listener` after each activation that changed the policy in force (any source: file,
   * editor, rollback, managed settings, signed URL). The background tells the open CRM tabs.
   */
  onChange(listener: (row: PolicyRow) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Writes through the background's one AccessLog, so that its appends queue with everyone else's. */
  useLog(log: AccessLog): void {
    this.log = log;
  }

  activeRow(): Promise<PolicyRow> {
    if (this.cached) return Promise.resolve(this.cached);
    // One first read at a time: callers racing at start-up would each store the default row.
    this.loading ??= this.loadActiveRow().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async loadActiveRow(): Promise<PolicyRow> {
    const newest = await this.db.policies.orderBy('activatedAt').last();
    if (newest) {
      this.cached = newest;
      return newest;
    }
    const row: HistoryRow = {
      policyVersion: DEFAULT_POLICY.policyVersion,
      source: 'default',
      via: 'default',
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

  async candidates(): Promise<Candidates> {
    const row = await this.db.meta.get(CANDIDATES_KEY);
    return (row?.value as Candidates | undefined) ?? {};
  }

  async managed(): Promise<ManagedState> {
    const row = await this.db.meta.get(MANAGED_KEY);
    return (row?.value as ManagedState | undefined) ?? { config: null };
  }

  async setManaged(state: ManagedState): Promise<void> {
    await this.db.meta.put({ key: MANAGED_KEY, value: state });
  }

  async importsLocked(): Promise<boolean> {
    return managedLocks((await this.managed()).config);
  }

  /**
   * The policy a newcomer from `source` must not backdate: the one it replaces from that same source
   * (a managed policy is not held back by a local import's date, nor the other way round).
   */
  async predecessor(source: Candidate['source']): Promise<Policy | undefined> {
    return (await this.candidates())[source]?.policy;
  }

  async history(source?: PolicyRow['source']): Promise<HistoryEntry[]> {
    const active = await this.activeRow();
    const rows = source
      ? await this.db.policies.where('[source+activatedAt]').between([source, -Infinity], [source, Infinity]).toArray()
      : await this.db.policies.toArray();
    return toEntries(rows as HistoryRow[], active.id);
  }

  async row(id: number): Promise<HistoryRow | undefined> {
    return (await this.db.policies.get(id)) as HistoryRow | undefined;
  }

  /** Runs policy changes one at a time: each reads the candidates, then writes them. */
  private serial<R>(task: () => Promise<R>): Promise<R> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Sets (or, with `undefined`, withdraws) one source's candidate and activates whichever now wins.
   * `via` says how the winner arrived, for the history.
   */
  offer(source: Candidate['source'], candidate: Candidate | undefined, via: PolicyVia, extra: Partial<HistoryRow> = {}): Promise<Activation> {
    return this.serial(async () => {
      const current = { ...(await this.candidates()) };
      if (candidate) current[source] = candidate;
      else delete current[source];
      return this.activate(current, via, extra);
    });
  }

  /** A local policy (file, editor, rollback): refused while managed settings lock local edits or a higher source is in force. */
  offerLocal(candidate: Candidate, via: PolicyVia, extra: Partial<HistoryRow> = {}): Promise<Activation> {
    return this.serial(async () => {
      const managed = await this.managed();
      if (managedLocks(managed.config)) {
        throw new PolicyError('forbidden', 'errPolicyLocked', { who: managed.config?.managedBy ?? bothLangs('errYourOrganisation') });
      }
      const current = await this.candidates();
      const higher = outrankedBy(current, 'import');
      if (higher) {
        throw new PolicyError('conflict', 'errPolicyOutranked', { higher: bothLangs(higher === 'url' ? 'errHigherUrl' : 'errHigherManaged') });
      }
      return this.activate({ ...current, import: candidate }, via, extra);
    });
  }

  private async activate(next: Candidates, via: PolicyVia, extra: Partial<HistoryRow>): Promise<Activation> {
    const locked = await this.importsLocked();
    const winner = choosePolicy(next, { importsLocked: locked });
    const previous = (await this.activeRow()) as HistoryRow;
    const row: HistoryRow = winner
      ? {
          policyVersion: winner.policy.policyVersion,
          source: winner.source,
          via: winner.source === 'import' ? via : winner.source,
          activatedAt: this.now(),
          doc: winner.policy,
          ...(winner.signer ? { signer: winner.signer } : {}),
          ...extra,
        }
      : { policyVersion: DEFAULT_POLICY.policyVersion, source: 'default', via: 'default', activatedAt: this.now(), doc: DEFAULT_POLICY };
    if (sameActivation(previous, row)) {
      await this.db.meta.put({ key: CANDIDATES_KEY, value: next });
      return { changed: false, row: previous };
    }
    const actor = (await getProfileName(this.db)).name;
    const detail = [
      `from=${previous.policyVersion}`,
      `to=${row.policyVersion}`,
      `source=${row.source}`,
      `via=${row.via ?? row.source}`,
      ...(row.signer ? [`signer=${row.signer}`] : []),
    ].join(';');
    await this.log.appendWith(
      [newEvent({ at: row.activatedAt, action: 'policy-changed', actor, policyVersion: row.policyVersion, detail })],
      [this.db.policies],
      async () => {
        row.id = await this.db.policies.add(row);
        await this.db.meta.put({ key: CANDIDATES_KEY, value: next });
      },
    );
    this.cached = row;
    for (const listener of this.changeListeners) {
      try {
        listener(row);
      } catch {
        // A listener's failure does not undo the activation, which is on record.
      }
    }
    return { changed: true, row };
  }
}
