import { hubspot } from './hubspot';
import { salesforce } from './salesforce';
import type { SitesPolicy } from '@/lib/policy/sites-schema';
import { DEFAULT_SITES, PRESET_ADAPTERS, PRESET_IDS, siteAdapters, type PresetId } from './sites';
import type { CrmAdapter, PageKind } from './types';

/** Every CRM adapter; hosts never overlap, so the order does not matter. */
export const ADAPTERS: readonly CrmAdapter[] = Object.freeze([salesforce, hubspot]);

export interface Classified {
  adapter: CrmAdapter;
  page: PageKind;
}

// Pages (issue 3): presets and the policy's sites. The background and the content script call
// configureSites with the active policy's `sites`; until then the presets are on.
let siteExtras: readonly CrmAdapter[] = [];
// Ids, not adapters: a preset is built only when a host gets that far (lib/crm/sites.ts).
let enabledPresets: readonly PresetId[] = PRESET_IDS;

/** Applies a policy's `sites` section: presets on or off, custom domains and generic adapters. */
export function configureSites(sites: SitesPolicy | undefined): void {
  const s = sites ?? DEFAULT_SITES;
  siteExtras = siteAdapters(s);
  enabledPresets = PRESET_IDS.filter((id) => s.presets[id]);
}

/** The adapter whose CRM owns `host` (a hostname, no port), or null. */
export function adapterForHost(host: string): CrmAdapter | null {
  return (
    siteExtras.find((adapter) => adapter.matchesHost(host)) ??
    ADAPTERS.find((adapter) => adapter.matchesHost(host)) ??
    presetFor(host) ??
    null
  );
}

function presetFor(host: string): CrmAdapter | undefined {
  for (const id of enabledPresets) {
    const adapter = PRESET_ADAPTERS[id];
    if (adapter.matchesHost(host)) return adapter;
  }
  return undefined;
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
