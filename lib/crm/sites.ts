import type { CustomDomain, GenericAdapterDef, SitesPolicy } from '@/lib/policy/sites-schema';
import { createGenericAdapter, type GenericAdapter } from './generic';
import { hubspot } from './hubspot';
import { DYNAMICS365_PRESET } from './presets/dynamics365';
import { PIPEDRIVE_PRESET } from './presets/pipedrive';
import { ZOHO_PRESET, zohoRelatedLabels } from './presets/zoho';
import { salesforce } from './salesforce';
import type { CrmAdapter } from './types';

/** What a policy without a `sites` section means: the three presets on, nothing else. */
export const DEFAULT_SITES: SitesPolicy = { presets: { dynamics365: true, zoho: true, pipedrive: true }, adapters: [], customDomains: [] };

type PresetName = 'dynamics365' | 'zoho' | 'pipedrive';

/** A preset's adapter from its definition (Zoho: related-list cells labelled by their column, crm-dom.md §3). */
function presetAdapter(id: PresetName, def: GenericAdapterDef): GenericAdapter {
  const adapter = createGenericAdapter(def, id);
  return id === 'zoho' ? zohoRelatedLabels(adapter) : adapter;
}

const PRESET_DEFS = { dynamics365: DYNAMICS365_PRESET, zoho: ZOHO_PRESET, pipedrive: PIPEDRIVE_PRESET } as const;

export type PresetId = keyof typeof PRESET_DEFS;

/** The preset ids, in a fixed order. */
export const PRESET_IDS = Object.keys(PRESET_DEFS) as PresetId[];

/**
 * The presets: generic adapters over data from crm-dom.md, each built once, when first read (a
 * Salesforce or HubSpot page never reads one: the content script's start-up runs before the CRM
 * page's load event, benchmark #2).
 */
export const PRESET_ADAPTERS: Readonly<Record<PresetId, GenericAdapter>> = (() => {
  const built = new Map<PresetId, GenericAdapter>();
  const out = {} as Record<PresetId, GenericAdapter>;
  for (const id of PRESET_IDS) {
    Object.defineProperty(out, id, {
      enumerable: true,
      get: () => {
        let adapter = built.get(id);
        if (!adapter) built.set(id, (adapter = presetAdapter(id, PRESET_DEFS[id])));
        return adapter;
      },
    });
  }
  return Object.freeze(out);
})();

/**
 * A built-in adapter on a custom domain: URLs are read as if on the CRM's own host (the org named
 * in the policy for Salesforce; HubSpot carries the portal in the path), so keys stay the org's.
 */
function onCustomDomain(domain: CustomDomain, base: CrmAdapter, canonicalHost: string): CrmAdapter {
  return {
    ...base,
    matchesHost: (host) => host.toLowerCase() === domain.host,
    classify(url) {
      if (url.hostname !== domain.host) return { kind: 'other' };
      const moved = new URL(url.href);
      moved.hostname = canonicalHost;
      return base.classify(moved);
    },
  };
}

/** The adapters a policy's `sites` adds: its generic adapters and its custom domains (in that order of precedence: domains first). */
export function siteAdapters(sites: SitesPolicy): CrmAdapter[] {
  const generic = new Map<string, GenericAdapterDef>(sites.adapters.map((def) => [def.id, def]));
  const out: CrmAdapter[] = [];
  for (const domain of sites.customDomains) {
    if (domain.adapter === 'salesforce' && domain.org) {
      out.push(onCustomDomain(domain, salesforce, `${domain.org}.lightning.force.com`));
    } else if (domain.adapter === 'hubspot') {
      out.push(onCustomDomain(domain, hubspot, 'app.hubspot.com'));
    } else if (Object.hasOwn(PRESET_DEFS, domain.adapter)) {
      const id = domain.adapter as PresetId;
      out.push(presetAdapter(id, { ...PRESET_DEFS[id], hosts: [domain.host] }));
    } else {
      const def = generic.get(domain.adapter);
      if (def) out.push(createGenericAdapter({ ...def, hosts: [domain.host] }, 'custom'));
    }
  }
  for (const def of sites.adapters) out.push(createGenericAdapter(def, 'custom'));
  return out;
}

/** Every host a policy's sites need at runtime (custom domains and generic adapters), as match patterns. */
export function siteMatchPatterns(sites: SitesPolicy): string[] {
  const hosts = new Set<string>();
  for (const d of sites.customDomains) hosts.add(d.host);
  for (const a of sites.adapters) for (const h of a.hosts) hosts.add(h);
  return [...hosts].map((h) => `https://${h}/*`);
}
