import { z } from 'zod';

/**
 * The background tells the extension's own pages (the toolbar popup, the in-page record panel, the
 * dashboard) that the policy in force changed, so that what they show from it (purpose labels, the
 * purposes a form offers, the policy line) is asked for again without a reopen. One
 * `runtime.sendMessage`: it reaches extension pages only (content scripts are told by tab,
 * entrypoints/background/policy-push.ts), costs no request and needs no permission.
 *
 * The message says nothing the page trusts: it only makes the page ask the background again. A
 * page still checks it: from this extension, and not from a tab (a content script runs on CRM pages).
 */
export const PolicyChangedMessage = z.strictObject({
  type: z.literal('policy.changed'),
  policyVersion: z.string().min(1).max(64),
});
export type PolicyChangedMessage = z.infer<typeof PolicyChangedMessage>;

/** Who sent a runtime message, as the browser says (`runtime.MessageSender`, the fields used here). */
export interface PolicyChangedSender {
  id?: string;
  tab?: unknown;
}

/** The message, when it is one the background sent to the extension's pages; else null. */
export function asPolicyChanged(message: unknown, sender: PolicyChangedSender | undefined, extensionId: string): PolicyChangedMessage | null {
  if (!sender || sender.id !== extensionId || sender.tab !== undefined) return null;
  const parsed = PolicyChangedMessage.safeParse(message);
  return parsed.success ? parsed.data : null;
}

/** Sent by the background; a browser with no extension page open refuses it (nobody to tell): ignored. */
export async function tellExtensionPages(sendMessage: (message: PolicyChangedMessage) => Promise<unknown>, policyVersion: string): Promise<void> {
  try {
    await sendMessage({ type: 'policy.changed', policyVersion: policyVersion.slice(0, 64) || '?' });
  } catch {
    // "Receiving end does not exist": no popup, panel or dashboard open.
  }
}
