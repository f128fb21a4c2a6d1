import { screen } from '@testing-library/react';
import type { RequestActionsApi, RequestsApi } from '@/components/dashboard/RequestsSection';
import type { RequestView } from '@/lib/consent/views';
import { MessageError } from '@/lib/messaging/client';
import type { Request } from '@/lib/messaging/protocol';
import { TODAY } from './consent-fakes';

// Requests of the HubSpot contact hs:123456:0-1:501, for the dashboard's requests table and the
// popup's request forms (requests-dashboard-actions, request-form-drafts, consent-dashboard tests).
export const ID_A = '00000000-0000-4000-8000-00000000000a';
export const ID_B = '00000000-0000-4000-8000-00000000000b';

/** An open access request (EU), received 20 Nov 2026, due 20 Dec 2026: 21 days left on TODAY. */
export function requestView(over: Partial<RequestView>): RequestView {
  return {
    id: ID_A,
    recordKey: 'hs:123456:0-1:501',
    crm: 'hubspot',
    org: '123456',
    object: '0-1',
    recordId: '501',
    jurisdiction: 'eu',
    kind: 'access',
    receivedOn: '2026-11-20',
    identity: 'known-contact',
    identityNote: '',
    status: 'open',
    dueDate: '2026-12-20',
    extendBy: '2026-12-20',
    openedAt: 1,
    history: [],
    daysLeft: 21,
    overdue: false,
    canExtend: true,
    ...over,
  };
}

/**
 * A stand-in for the background's request.list / request.extend / request.close: it records every
 * message and keeps a plausible list (the real rules are tested in tests/unit/background).
 * `refuse` makes the next action fail the way the messaging client does (MessageError with a key).
 */
export function fakeRequestApis(initial: RequestView[]) {
  let requests = initial;
  const calls: { type: string; input: unknown }[] = [];
  let lists = 0;
  let refusal: MessageError | undefined;
  const api: RequestsApi = {
    listRequests: async () => {
      lists += 1;
      return { today: TODAY, requests };
    },
  };
  const actions: RequestActionsApi = {
    async extendRequest(input: Request<'request.extend'>) {
      calls.push({ type: 'request.extend', input });
      if (refusal) throw refusal;
      const dueDate = '2027-02-20';
      requests = requests.map((r) => (r.id === input.id ? { ...r, status: 'extended', dueDate, daysLeft: 83, canExtend: false, extensionReason: input.reason } : r));
      return { request: requests.find((r) => r.id === input.id) as RequestView };
    },
    async closeRequest(input: Request<'request.close'>) {
      calls.push({ type: 'request.close', input });
      if (refusal) throw refusal;
      requests = requests.map((r) => (r.id === input.id ? { ...r, status: 'closed', closedOn: input.closedOn, outcome: input.outcome, canExtend: false, daysLeft: undefined } : r));
      return { request: requests.find((r) => r.id === input.id) as RequestView };
    },
  };
  return {
    api,
    actions,
    calls,
    lists: () => lists,
    refuse: (error: MessageError | undefined) => {
      refusal = error;
    },
  };
}

/** The requests table's row of the request whose id is `id`. */
export const requestRow = (id: string) => screen.getAllByTestId('request-row').find((r) => r.getAttribute('data-request-id') === id) as HTMLElement;
