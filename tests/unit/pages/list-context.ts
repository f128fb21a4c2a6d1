import { classifyUrl } from '@/lib/crm/registry';
import type { PageContext } from '@/lib/features/types';

/** A HubSpot contacts list view (tests/unit/pages/list-rows, tests/unit/features/list-rows-policy-push). */
export const URL_HS = 'https://app.hubspot.com/contacts/123456/objects/0-1/views/all/list';

/** One row of the HubSpot list: contact `id`, whose name link says `name` (HTML, as the page has it). */
export function hubspotRow(id: number, name: string): string {
  return `<tr data-test-id="row-${id}"><td><input type="checkbox"></td><td data-table-external-id="cell-0-1-name-${id}"><div class="media"><a href="/contacts/123456/record/0-1/${id}"><span data-test-id="truncated-object-label">${name}</span></a></div></td></tr>`;
}

/**
 * The content script's context on the list page at `url` (its adapter and page as the registry
 * classifies it), in English, talking to the background through `send`; pushes go to `onPush`.
 */
export function listPageContext(
  url: string,
  { send, signal, onPush = () => undefined, doc = document }: { send: PageContext['send']; signal: AbortSignal; onPush?: PageContext['onPush']; doc?: Document },
): PageContext {
  const classified = classifyUrl(url);
  if (!classified) throw new Error('unclassified');
  return {
    doc,
    win: window,
    lang: 'en',
    url,
    adapter: classified.adapter,
    page: classified.page,
    signal,
    visitId: 'visit-0001',
    send,
    onPush,
    panelUrl: () => '',
  };
}
