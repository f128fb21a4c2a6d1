import { chainEvents, GENESIS_HASH, type NewEvent } from '@/lib/audit/chain';
import type { LogFilter } from '@/lib/audit/query';
import type { AccessEvent } from '@/lib/db/schema';
import type { LastVerified, LogChainInfo } from '@/lib/messaging/protocol';
import type { LogApi } from '@/components/dashboard/log/api';

/** The access-log view's tests: a fake of the background's log handlers over a real hash chain. */
export const NOW = Date.UTC(2026, 10, 29, 10, 0);

export function newEvent(i: number): NewEvent {
  return {
    at: NOW - (100 - i) * 60_000,
    action: i % 3 === 0 ? 'reveal' : 'view',
    actor: i % 2 === 0 ? 'Ana Ruiz' : 'Bob Lee',
    crm: 'salesforce',
    org: 'acme',
    object: 'Contact',
    recordId: `0035g00000AbC${String(i).padStart(5, '0')}`,
    recordKey: `sf:acme:Contact:${i}`,
    fields: i % 3 === 0 ? ['Email'] : [],
    reason: '',
    policyVersion: '1',
    path: '',
    detail: '',
  };
}

export interface Fake extends LogApi {
  queries: { filter: LogFilter; offset: number; limit: number }[];
  saved: { name: string; text: Promise<string> }[];
  exports: string[];
  verifiedWith: Omit<LastVerified, 'at'>[];
  events: AccessEvent[];
  chainAsked: unknown[];
}

export async function fakeLog(n: number, over: Partial<LogChainInfo> = {}): Promise<Fake> {
  const events = (await chainEvents(GENESIS_HASH, Array.from({ length: n }, (_, i) => newEvent(i)))).map((e, i) => ({ ...e, seq: i + 1 }));
  const matches = (f: LogFilter) => (e: AccessEvent) =>
    (!f.actor || e.actor === f.actor) && (!f.action || e.action === f.action) && (!f.recordKey || e.recordKey === f.recordKey) && (!f.recordIdPrefix || e.recordId.toLowerCase().startsWith(f.recordIdPrefix.toLowerCase()));
  const fake: Fake = {
    queries: [],
    saved: [],
    exports: [],
    verifiedWith: [],
    chainAsked: [],
    events,
    async query(filter, offset, limit) {
      fake.queries.push({ filter, offset, limit });
      const all = fake.events.filter(matches(filter)).reverse();
      return { events: all.slice(offset, offset + limit) };
    },
    async count(filter) {
      return { total: fake.events.filter(matches(filter)).length };
    },
    async page(afterSeq, limit, uptoSeq) {
      return { events: fake.events.filter((e) => e.seq! > afterSeq && e.seq! <= (uptoSeq ?? Infinity)).slice(0, limit) };
    },
    async chain(options) {
      fake.chainAsked.push(options);
      const last = fake.events[fake.events.length - 1];
      return {
        checkpoint: null,
        head: { hash: last?.hash ?? GENESIS_HASH, seq: last?.seq ?? 0 },
        mirror: last ? { hash: last.hash, seq: last.seq! } : null,
        total: fake.events.length,
        lastVerified: null,
        storageProblem: null,
        actor: 'Ana Ruiz',
        extensionVersion: '0.1.0',
        ...over,
      };
    },
    async verified(result) {
      fake.verifiedWith.push(result);
      return { lastVerified: { ...result, at: NOW } };
    },
    async stats() {
      return {
        perDay: [{ day: '2026-11-29', counts: { view: 2, reveal: 1 } }],
        topActors: [{ actor: 'Ana Ruiz', count: 2 }, { actor: 'Bob Lee', count: 1 }],
        topRevealed: [{ recordKey: 'sf:acme:Contact:3', recordId: '0035g00000AbC00003', count: 1 }],
        anomalies: [{ kind: 'reveal-burst', actor: 'Bob Lee', from: NOW - 3_600_000, to: NOW, count: 21, seqs: [4, 7] }],
        total: 3,
      };
    },
    async exported(format, count) {
      fake.exports.push(`${format}:${count}`);
      return {};
    },
    save(file, name) {
      fake.saved.push({ name, text: file.text() });
    },
    now: () => NOW,
  };
  return fake;
}

/** Events logged after the ones the fake holds (chained on its head), as browsing the CRM adds them. */
export async function appendEvents(fake: Fake, n: number): Promise<void> {
  const last = fake.events[fake.events.length - 1];
  const from = fake.events.length;
  const added = await chainEvents(last?.hash ?? GENESIS_HASH, Array.from({ length: n }, (_, i) => newEvent(from + i)));
  fake.events.push(...added.map((e, i) => ({ ...e, seq: (last?.seq ?? 0) + i + 1 })));
}
