import { withPurposeLabels } from '@/lib/consent/summary';
import { summarise } from '@/lib/db/records';
import type { Policy } from '@/lib/policy/schema';
import type { Deps } from './deps';
import { maskServices } from './mask-state';

/**
 * The policy in force changed (dashboard, rollback, managed settings, signed URL): the CRM tabs
 * already open follow it at once, without a reload (reps keep the CRM open all day).
 *
 * - Every https tab is told `policy.changed` (a tab without our content script ignores it):
 *   masking asks for its config again, the retention warning asks for its rule again and gives its
 *   verdict anew (lib/features/mask.ts, lib/features/retention.ts).
 * - A tab the registry knows to show a record gets its badge again, the withdrawn consents named by
 *   the new policy's purposes (the badge has no policy of its own): computed here from the record as
 *   logged and sent as `badge.update`, so the page asks nothing.
 *
 * Neither restarts the page's features: no `page.state` is sent (the request that logs a `view`), so
 * a policy change adds no access event per open tab.
 */
export async function pushPolicyChange(
  deps: Deps,
  policy: Pick<Policy, 'purposes'>,
  tabs: readonly { id?: number; url?: string }[],
): Promise<void> {
  await Promise.all(
    tabs.map(async ({ id, url }) => {
      if (id === undefined || !url?.startsWith('https://')) return;
      try {
        await maskServices(deps).push(id, { type: 'policy.changed' });
        const page = await deps.tabs.get(id);
        if (page?.kind !== 'record') return;
        const summary = summarise(page.key, await deps.db.records.get(page.key), deps.now());
        await deps.pushBadge(id, withPurposeLabels(summary, policy.purposes));
      } catch {
        // One tab that cannot be told (closed, storage busy) does not keep the others from it.
      }
    }),
  );
}
