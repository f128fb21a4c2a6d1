import type { NewEvent } from '@/lib/audit/chain';
import type { AccessEvent } from '@/lib/db/schema';

export const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

export function newEvent(i: number, over: Partial<NewEvent> = {}): NewEvent {
  return {
    at: T0 + i * 1000,
    action: 'view',
    actor: 'rep',
    crm: 'salesforce',
    org: 'acme',
    object: 'Contact',
    recordId: `0035g00000AbCdE${String(i).padStart(3, '0')}`,
    recordKey: `sf:acme:Contact:0035g00000AbCdE${String(i).padStart(3, '0')}`,
    fields: [],
    reason: '',
    policyVersion: '1',
    path: '/lightning/r/Contact/x/view',
    detail: '',
    ...over,
  };
}

export function stored(events: AccessEvent[]): AccessEvent[] {
  return events.map((e) => ({ ...e, fields: [...e.fields] }));
}
