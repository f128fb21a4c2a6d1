import { hubspot } from './hubspot';
import { salesforce } from './salesforce';
import type { CrmAdapter, PageKind } from './types';

/** Every CRM adapter; hosts never overlap, so the order does not matter. */
export const ADAPTERS: readonly CrmAdapter[] = Object.freeze([salesforce, hubspot]);

export interface Classified {
  adapter: CrmAdapter;
  page: PageKind;
}

/** The adapter whose CRM owns `host` (a hostname, no port), or null. */
export function adapterForHost(host: string): CrmAdapter | null {
  return ADAPTERS.find((adapter) => adapter.matchesHost(host)) ?? null;
}

/**
 * The adapter and page kind of a URL; null when no CRM owns the host. Never throws: URLs come
 * from tabs and pages (untrusted), and garbage is just "not a CRM page".
 */
export function classifyUrl(url: string | URL): Classified | null {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : new URL(url.href);
  } catch {
    return null;
  }
  const adapter = adapterForHost(parsed.hostname);
  if (!adapter) return null;
  try {
    return { adapter, page: adapter.classify(parsed) };
  } catch {
    return { adapter, page: { kind: 'other' } };
  }
}
