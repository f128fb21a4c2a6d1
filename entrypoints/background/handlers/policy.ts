import { newEvent } from '@/lib/audit/chain';
import { classifyUrl } from '@/lib/crm/registry';
import { getProfileName } from '@/lib/db/profile';
import { originOf } from '@/lib/messaging/sender';
import { diffPolicies } from '@/lib/policy/diff';
import { entryOf, toEntries, type HistoryRow } from '@/lib/policy/history';
import { INSTANCE_CRMS, instanceOfUrl, instanceVerdict, isoDay, overdueApprovals, type InstanceCrm, type InstanceRef } from '@/lib/policy/instances';
import { fromBase64, keyFingerprint } from '@/lib/policy/signing';
import { acceptBundleValue, acceptPolicyText, acceptPolicyValue, isBundleValue, type Acceptance } from '@/lib/policy/sources';
import type { PolicyStatus } from '@/lib/policy/status';
import { HandlerError, pathOf, refuse, type Deps, type Handler } from '../deps';
import { PolicyError } from '../policy';
import { problem } from '@/lib/policy/wording';

/** The store's refusals become error answers with the same code and words. */
async function guarded<R>(work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PolicyError) throw new HandlerError(error.code, error.message, error.key, error.params);
    throw error;
  }
}

export async function policyStatus(deps: Deps): Promise<PolicyStatus> {
  const store = deps.policies;
  const row = (await store.activeRow()) as HistoryRow;
  const managed = await store.managed();
  const config = managed.config;
  const sources = store.sources;
  const urlConfig = sources ? await sources.urlConfig() : null;
  const urlState = sources ? await sources.urlState() : {};
  return {
    active: entryOf(row),
    managed: {
      present: config !== null,
      locked: await store.importsLocked(),
      ...(config?.managedBy ? { managedBy: config.managedBy } : {}),
      ...(managed.error ? { error: managed.error } : {}),
      requireSignedImport: config?.requireSignedImport === true,
    },
    url:
      urlConfig && sources
        ? {
            url: urlConfig.url,
            keyId: await keyFingerprint(urlConfig.publicKey),
            managed: urlConfig.managed,
            refreshMinutes: sources.refreshMinutes(urlConfig),
            ...(urlState.lastFetchAt !== undefined ? { lastFetchAt: urlState.lastFetchAt } : {}),
            ...(urlState.lastOkAt !== undefined ? { lastOkAt: urlState.lastOkAt } : {}),
            ...(urlState.lastOutcome ? { lastOutcome: urlState.lastOutcome } : {}),
            ...(urlState.lastError ? { lastError: urlState.lastError } : {}),
            ...(urlState.lastError && urlState.lastErrorKey ? { lastErrorKey: urlState.lastErrorKey, lastErrorParams: urlState.lastErrorParams ?? {} } : {}),
          }
        : null,
    overdue: overdueApprovals(row.doc.approvedInstances, deps.now()),
  };
}

export const policyStatusHandler: Handler<'policy.status'> = async (_payload, _sender, deps) => policyStatus(deps);

export const policyHistory: Handler<'policy.history'> = async (payload, _sender, deps) => ({ entries: await deps.policies.history(payload.source) });

export const policyGet: Handler<'policy.get'> = async (payload, _sender, deps) => {
  const row = await deps.policies.row(payload.id);
  if (!row) throw refuse('not-found', 'errPolicyVersionMissing', { id: payload.id });
  const active = await deps.policies.activeRow();
  const [entry] = toEntries([row], active.id);
  if (!entry) throw refuse('not-found', 'errPolicyVersionUnknown');
  return { entry, policy: row.doc };
};

export const policyApply: Handler<'policy.apply'> = async (payload, _sender, deps) =>
  guarded(async () => {
    const store = deps.policies;
    let value: unknown;
    try {
      value = JSON.parse(payload.text.charCodeAt(0) === 0xfeff ? payload.text.slice(1) : payload.text);
    } catch {
      // Not JSON: the policy path below says where (line and column).
      value = undefined;
    }
    const managed = (await store.managed()).config;
    const predecessor = await store.predecessor('import');
    let accepted: Acceptance;
    let signer: string | undefined;
    if (isBundleValue(value)) {
      const pinned = managed?.publicKey ?? (await store.sources?.urlConfig())?.publicKey;
      if (!pinned) {
        return { applied: false, errors: [problem('signature', 'pvNoPinnedKey')] };
      }
      accepted = await acceptBundleValue(value, pinned, { predecessor });
      signer = await keyFingerprint(pinned);
    } else {
      if (managed?.requireSignedImport) {
        return { applied: false, errors: [problem('(file)', 'pvSignedOnly')] };
      }
      // From the text: the size limit is in UTF-8 bytes, and syntax errors get a line and column.
      accepted = acceptPolicyText(payload.text, { predecessor });
    }
    if (!accepted.ok) return { applied: false, errors: accepted.errors };
    const before = await store.active();
    await store.offerLocal(
      { source: 'import', policy: accepted.policy, receivedAt: deps.now(), ...(signer ? { signer } : {}) },
      payload.via,
    );
    return { applied: true, status: await policyStatus(deps), diff: diffPolicies(before, accepted.policy) };
  });

export const policyRollback: Handler<'policy.rollback'> = async (payload, _sender, deps) =>
  guarded(async () => {
    const row = await deps.policies.row(payload.id);
    if (!row) throw refuse('not-found', 'errPolicyVersionMissing', { id: payload.id });
    // The stored copy is checked again: this build's schema may be stricter than the one that stored it.
    const accepted = acceptPolicyValue(row.doc);
    if (!accepted.ok) return { applied: false, errors: accepted.errors };
    const before = await deps.policies.active();
    await deps.policies.offerLocal(
      { source: 'import', policy: accepted.policy, receivedAt: deps.now(), ...(row.signer ? { signer: row.signer } : {}) },
      'rollback',
      { rolledBackTo: payload.id },
    );
    return { applied: true, status: await policyStatus(deps), diff: diffPolicies(before, accepted.policy) };
  });

export const policySetUrl: Handler<'policy.setUrl'> = async (payload, _sender, deps) => {
  const sources = deps.policies.sources;
  if (!sources) throw refuse('internal', 'errPolicySourcesUnavailable');
  if (await deps.policies.importsLocked()) throw refuse('forbidden', 'errPolicySourceManaged');
  try {
    if ('clear' in payload) await sources.setLocalUrl(null);
    else {
      let url: URL | null = null;
      try {
        url = new URL(payload.url);
      } catch {
        url = null;
      }
      if (!url || url.protocol !== 'https:' || url.username !== '' || url.password !== '') {
        throw refuse('bad-request', 'errPolicyUrlHttps');
      }
      if (fromBase64(payload.publicKey) === null) {
        throw refuse('bad-request', 'errPolicyKeyBase64');
      }
      await sources.setLocalUrl({ url: payload.url, publicKey: payload.publicKey });
      await sources.refresh();
    }
  } catch (error) {
    if (error instanceof HandlerError) throw error;
    if (error instanceof PolicyError) throw new HandlerError('forbidden', error.message, error.key, error.params);
    throw new HandlerError('forbidden', error instanceof Error ? error.message : String(error));
  }
  return policyStatus(deps);
};

export const policyRefresh: Handler<'policy.refresh'> = async (_payload, _sender, deps) => {
  await deps.policies.sources?.refresh();
  return policyStatus(deps);
};

/** The instance a page belongs to: Salesforce and HubSpot from any of their URLs, other CRMs from record and list URLs. */
function instanceOf(url: string): InstanceRef | null {
  const direct = instanceOfUrl(url);
  if (direct) return direct;
  const classified = classifyUrl(url);
  if (classified && classified.page.kind !== 'other') {
    const { crm, org } = classified.page.ref;
    if ((INSTANCE_CRMS as readonly string[]).includes(crm) && org) return { crm: crm as InstanceCrm, org };
  }
  return null;
}

/** Instances already logged today in this worker's life (the meta row covers restarts). */
const loggedToday = new Set<string>();

export const instanceCheck: Handler<'instance.check'> = async (payload, sender, deps) => {
  if (sender.kind !== 'content') throw new HandlerError('forbidden', 'Only a content script may ask about its page.');
  const frameOrigin = originOf(sender.frameUrl);
  if (!frameOrigin || originOf(payload.url) !== frameOrigin) throw new HandlerError('forbidden', 'The page URL does not match the tab it came from.');
  const policy = await deps.policies.active();
  const ref = instanceOf(payload.url);
  const verdict = instanceVerdict(policy.approvedInstances, ref);
  if (verdict !== 'not-approved' || !ref) return { verdict };
  const now = deps.now();
  const day = isoDay(now);
  const key = `instanceSeen:${ref.crm}:${ref.org}`;
  const memo = `${key}:${day}`;
  if (loggedToday.has(memo)) return { verdict };
  loggedToday.add(memo);
  const seen = await deps.db.meta.get(key);
  if (seen?.value === day) return { verdict };
  // The memo goes if the write fails, so that the next page tries again.
  const written = deps.log.appendWith(
    [
      {
        // About an instance, not a record: the CRM and org only.
        ...newEvent({
          at: now,
          action: 'instance-unapproved',
          actor: (await getProfileName(deps.db)).name,
          policyVersion: policy.policyVersion,
          path: pathOf(payload.url),
          detail: `region=${ref.region ?? 'unknown'}`,
        }),
        crm: ref.crm,
        org: ref.org,
      },
    ],
    [],
    async () => {
      await deps.db.meta.put({ key, value: day });
    },
  );
  await written.catch((error: unknown) => {
    loggedToday.delete(memo);
    throw error;
  });
  return { verdict };
};
