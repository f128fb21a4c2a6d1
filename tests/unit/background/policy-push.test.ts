import { fakeBrowser } from 'wxt/testing';
import { createDb, type GuardDB } from '@/lib/db/db';
import { newRecordRow } from '@/lib/db/records';
import type { ConsentEntry, PrivacyRecordRow } from '@/lib/consent/model';
import type { Deps } from '@/entrypoints/background/handlers';
import { MaskTabs, setMaskServices } from '@/entrypoints/background/mask-state';
import { pushPolicyChange } from '@/entrypoints/background/policy-push';
import type { BadgeSummary, MaskPush } from '@/lib/messaging/protocol';
import type { RecordRef } from '@/lib/crm/types';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { testDeps } from './test-deps';

/**
 * A policy change reaches the open CRM tabs (entrypoints/background/policy-push.ts): every https tab
 * is told `policy.changed`, a record tab gets its badge again with the new policy's purpose labels,
 * and nothing is logged (the page features are not restarted, so no `view` per open tab).
 */

const NOW = new Date(2026, 11, 7, 12).getTime();
const REF: RecordRef = { crm: 'salesforce', org: 'acme', object: 'Contact', id: '0035g00000AbCdEAAV' };
const KEY = 'sf:acme:Contact:0035g00000AbCdEAAV';
const LIST_URL = 'https://acme.lightning.force.com/lightning/o/Contact/list';
const RECORD_URL = `https://acme.lightning.force.com/lightning/r/Contact/${REF.id}/view`;

let db: GuardDB;
let deps: Deps;
let pushes: { tabId: number; message: MaskPush }[];
let badges: { tabId: number; summary: BadgeSummary }[];

beforeEach(async () => {
  fakeBrowser.reset();
  db = createDb(`policy-push-${Math.random()}`);
  await db.open();
  pushes = [];
  badges = [];
  deps = testDeps(db, () => NOW, { pushBadge: async (tabId, summary) => void badges.push({ tabId, summary }) });
  setMaskServices(deps, { tabs: new MaskTabs(), push: async (tabId, message) => void pushes.push({ tabId, message }) });
  const withdrawn: ConsentEntry = { purposeId: 'prospecting', channel: 'email', action: 'withdrawn', on: '2026-12-01', method: 'unsubscribe-link', at: NOW, actor: 'Rep', policyVersion: '2026.1.0' };
  // Tab 3 shows a record whose prospecting consent by email was withdrawn; tab 4 a list.
  const row: PrivacyRecordRow = {
    ...(newRecordRow(REF, NOW) as PrivacyRecordRow),
    privacy: {
      consents: [withdrawn],
      notices: [],
      subject: [],
      openRequests: [],
    },
  };
  await db.records.put(row);
  await deps.tabs.set(3, { kind: 'record', ref: REF, key: KEY, title: 'Ada', path: '/lightning/r/Contact', visitId: 'visit-3' });
  await deps.tabs.set(4, { kind: 'list', ref: { crm: 'salesforce', org: 'acme', object: 'Contact' }, visitId: 'visit-4' });
});

afterEach(() => db.close());

test('every https tab is told policy.changed; the record tab gets its badge named by the new policy; nothing is logged', async () => {
  const renamed = { ...structuredClone(DEFAULT_POLICY), purposes: DEFAULT_POLICY.purposes.map((p) => (p.id === 'prospecting' ? { ...p, label: { en: 'Direct marketing', fr: 'Marketing direct' } } : p)) };
  // As PolicyStore.onChange calls it: once the new policy is the one in force (its own policy-changed event logged).
  await deps.policies.offerLocal({ source: 'import', policy: renamed, receivedAt: NOW }, 'file');
  const eventsBefore = await db.events.count();
  await pushPolicyChange(deps, [
    { id: 3, url: RECORD_URL },
    { id: 4, url: LIST_URL },
    { id: 5, url: 'chrome://extensions/' },
    { url: RECORD_URL },
  ]);
  expect(pushes.sort((a, b) => a.tabId - b.tabId)).toEqual([
    { tabId: 3, message: { type: 'policy.changed' } },
    { tabId: 4, message: { type: 'policy.changed' } },
  ]);
  expect(badges).toHaveLength(1);
  expect(badges[0]?.tabId).toBe(3);
  expect(badges[0]?.summary).toMatchObject({ key: KEY, state: 'consent-withdrawn' });
  expect(badges[0]?.summary.withdrawn).toEqual([{ purposeId: 'prospecting', channel: 'email', label: { en: 'Direct marketing', fr: 'Marketing direct' } }]);
  // No view (or any other event) for the open tabs: the page was not visited again.
  expect(await db.events.count()).toBe(eventsBefore);
});

test('a tab that cannot be told does not keep the others from it', async () => {
  setMaskServices(deps, {
    tabs: new MaskTabs(),
    push: async (tabId, message) => {
      if (tabId === 4) throw new Error('tab closed');
      pushes.push({ tabId, message });
    },
  });
  await pushPolicyChange(deps, [
    { id: 4, url: LIST_URL },
    { id: 3, url: RECORD_URL },
  ]);
  expect(pushes).toEqual([{ tabId: 3, message: { type: 'policy.changed' } }]);
  expect(badges.map((b) => b.tabId)).toEqual([3]);
});
