import { summarise } from '@/lib/db/records';
import type { Deps } from './deps';
import { pushSummary } from './handlers/consent';
import { maskServices } from './mask-state';

/**
 * The policy in force changed (dashboard, rollback, managed settings, signed URL): the CRM tabs
 * already open follow it at once, without a reload (reps keep the CRM open all day). Called by
 * `PolicyStore.onChange`, once the new policy is the active one.
 *
 * - Every https tab is told `policy.changed` (a tab without our content script ignores it):
 *   masking asks for its config again, the retention warning asks for its rule again and gives its
 *   verdict anew, list views ask for their rows' states again (lib/features/mask.ts, retention.ts,
 *   list-rows.ts).
 * - Each record that a tab the registry knows shows gets its state pushed again through
 *   `pushSummary`, the path of any change of a record's state: its badge names the withdrawn
 *   consents by the new policy's purposes (the badge has no policy of its own), so the page asks
 *   nothing.
 *
 * Neither restarts the page's features: no `page.state` is sent (the request that logs a `view`), so
 * a policy change adds no access event per open tab.
 */
export async function pushPolicyChange(deps: Deps, tabs: readonly { id?: number; url?: string }[]): Promise<void> {
  const records = new Set<string>();
  await Promise.all(
    tabs.map(async ({ id, url }) => {
      if (id === undefined || !url?.startsWith('https://')) return;
      try {
        await maskServices(deps).push(id, { type: 'policy.changed' });
        const page = await deps.tabs.get(id);
        if (page?.kind === 'record') records.add(page.key);
      } catch {
        // One tab that cannot be told (closed, storage busy) does not keep the others from it.
      }
    }),
  );
  await Promise.all(
    [...records].map(async (key) => {
      try {
        await pushSummary(deps, key, summarise(key, await deps.db.records.get(key), deps.now()));
      } catch {
        // Its tabs keep the badge they show until the record's next change or a reload.
      }
    }),
  );
}
