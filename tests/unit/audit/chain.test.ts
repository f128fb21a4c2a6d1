import fc from 'fast-check';
import { chainEvents, GENESIS_HASH, verifyEvents, type NewEvent } from '@/lib/audit/chain';
import type { AccessEvent } from '@/lib/db/schema';

function event(i: number): NewEvent {
  return {
    at: 1_700_000_000_000 + i,
    action: 'view',
    actor: 'rep',
    crm: 'salesforce',
    org: 'acme',
    object: 'Contact',
    recordId: `0035g00000AbCdE${String(i).padStart(3, '0')}`,
    recordKey: `sf:acme:Contact:${i}`,
    fields: [],
    reason: '',
    policyVersion: '1',
    path: '/lightning/r/Contact/x/view',
    detail: '',
  };
}

async function chain(n: number): Promise<AccessEvent[]> {
  const events = await chainEvents(GENESIS_HASH, Array.from({ length: n }, (_, i) => event(i)));
  return events.map((e, i) => ({ ...e, seq: i + 1 }));
}

describe('hash chain', () => {
  test('an untouched chain verifies, and its head is the last hash', async () => {
    const events = await chain(5);
    const result = await verifyEvents(events, GENESIS_HASH, events[4]?.hash);
    expect(result).toEqual({ ok: true, count: 5, head: events[4]?.hash });
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
  });

  test('any single edit, deletion, insertion or swap is detected', async () => {
    const events = await chain(6);
    const head = events[5]?.hash;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 5 }), fc.constantFrom('edit', 'delete', 'insert', 'swap'), async (i, kind) => {
        const copy = events.map((e) => ({ ...e }));
        if (kind === 'edit') copy[i] = { ...copy[i]!, actor: 'someone else' };
        if (kind === 'delete') copy.splice(i, 1);
        if (kind === 'insert') copy.splice(i, 0, { ...copy[i]!, seq: 99 });
        if (kind === 'swap') {
          const j = i === 5 ? 4 : i + 1;
          [copy[i], copy[j]] = [copy[j]!, copy[i]!];
        }
        const result = await verifyEvents(copy, GENESIS_HASH, head);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  test('dropping the last event is caught by the head kept outside the table', async () => {
    const events = await chain(3);
    const result = await verifyEvents(events.slice(0, 2), GENESIS_HASH, events[2]?.hash);
    expect(result).toMatchObject({ ok: false, problem: 'head-mismatch' });
  });
});
