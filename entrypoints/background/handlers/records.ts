import { newEvent } from '@/lib/audit/chain';
import { getProfileName } from '@/lib/db/profile';
import { newRecordRow, summarise } from '@/lib/db/records';
import type { BasisEntry } from '@/lib/db/schema';
import { refuse, tabPage, type Handler } from '../deps';
import { pushSummary } from './consent';

export const setBasis: Handler<'record.setBasis'> = async (payload, _sender, deps) => {
  const page = await tabPage(payload.tabId, deps);
  if (page.kind !== 'record') {
    throw refuse('not-found', 'errTabNoRecord');
  }
  if (page.key !== payload.key) {
    throw refuse('conflict', 'errTabOtherRecord');
  }
  const policy = await deps.policies.active();
  const purpose = policy.purposes.find((p) => p.id === payload.purposeId);
  if (!purpose) {
    throw refuse('bad-request', 'errPurposeNotInPolicy', { purpose: payload.purposeId });
  }
  const now = deps.now();
  const actor = (await getProfileName(deps.db)).name;
  const entry: BasisEntry = {
    purposeId: purpose.id,
    basis: payload.basis,
    note: payload.note.trim(),
    at: now,
    actor,
    policyVersion: policy.policyVersion,
  };
  const event = newEvent(
    {
      at: now,
      action: 'basis-set',
      actor,
      policyVersion: policy.policyVersion,
      // The note stays with the record: it may name people. The log keeps what was decided.
      detail: `basis=${payload.basis};purpose=${purpose.id}`,
    },
    page,
  );
  const row = await deps.log.appendWith([event], [deps.db.records], async () => {
    const existing = (await deps.db.records.get(page.key)) ?? newRecordRow(page.ref, now);
    const updated = { ...existing, bases: [...existing.bases, entry], updatedAt: now };
    await deps.db.records.put(updated);
    return updated;
  });
  const summary = summarise(page.key, row);
  await pushSummary(deps, page.key, summary);
  return { summary, history: [...row.bases].sort((a, b) => b.at - a.at) };
};

