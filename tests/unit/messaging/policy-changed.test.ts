import { asPolicyChanged, tellExtensionPages, type PolicyChangedMessage } from '@/lib/messaging/policy-changed';

/** The background's word to the extension's pages that the policy in force changed (popup, panel, dashboard). */

test('sent as one small message; no page open to hear it is no error', async () => {
  const sent: PolicyChangedMessage[] = [];
  await tellExtensionPages(async (m) => void sent.push(m), '2026.12.0');
  expect(sent).toEqual([{ type: 'policy.changed', policyVersion: '2026.12.0' }]);
  // "Receiving end does not exist" (nothing open): swallowed, the policy change goes on.
  await expect(tellExtensionPages(async () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')), '2026.12.1')).resolves.toBeUndefined();
  // What a page accepts is what the background sends.
  expect(asPolicyChanged(sent[0], { id: 'ext' }, 'ext')).toEqual(sent[0]);
  // Not from a tab (a content script), not from another extension, not another shape.
  expect(asPolicyChanged(sent[0], { id: 'ext', tab: { id: 1 } }, 'ext')).toBeNull();
  expect(asPolicyChanged(sent[0], { id: 'other' }, 'ext')).toBeNull();
  expect(asPolicyChanged(sent[0], undefined, 'ext')).toBeNull();
  expect(asPolicyChanged({ ...sent[0], policyVersion: 'x'.repeat(65) }, { id: 'ext' }, 'ext')).toBeNull();
});
