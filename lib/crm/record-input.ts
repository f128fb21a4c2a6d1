import type { SitesPolicy } from '@/lib/policy/sites-schema';
import type { Classified } from './registry';
import { RECORD_KEY_PREFIX, recordKey } from './types';

/**
 * What a manager typed or pasted in the access log's Record filter: a record key as stored
 * (`sf:acme:Contact:0035g00000AbCdEAAV`), or a CRM record page's address from the browser's address
 * bar. An address is read by the same code as the CRM pages' own (the registry's classifyUrl with
 * the policy's sites, then recordKey), so the key is the one the log stores. No second URL parser.
 */
export type RecordInput =
  | { kind: 'empty' }
  | { kind: 'key'; key: string }
  | { kind: 'url'; key: string }
  /** An address, and no reader of addresses yet (`loadAddressReader` not done). */
  | { kind: 'pending' }
  /**
   * `unknown-site`: an address on no CRM the extension knows (built in, presets, the policy's sites);
   * `not-record`: a CRM page that is not one record's (a list, a home page);
   * `no-object`: a record page whose address does not name the record's type (the key needs it);
   * `not-key`: neither an address nor a record key.
   */
  | { kind: 'error'; problem: 'unknown-site' | 'not-record' | 'no-object' | 'not-key' };

/** The registry's classifyUrl, configured with the policy's sites (see loadAddressReader). */
export type AddressReader = (address: string) => Classified | null;

const KEY_RE = new RegExp(`^(?:${Object.values(RECORD_KEY_PREFIX).join('|')}):\\S+$`);
// Something meant as an address: a scheme, or a host with a dot before the first slash (pasted without `https://`).
const SCHEME_RE = /^[a-z][a-z0-9+.-]*:\/\//i;
const BARE_HOST_RE = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?(?:[/?#]|$)/i;

/**
 * Reads the Record filter's text. A key is kept as typed (trimmed); an address is read by `reader`
 * (null: not loaded yet, `pending`). Never throws: the text is the user's, and anything unknown is
 * an `error` the field explains.
 */
export function readRecordInput(text: string, reader: AddressReader | null): RecordInput {
  const value = text.trim();
  if (!value) return { kind: 'empty' };
  if (KEY_RE.test(value)) return { kind: 'key', key: value };
  const address = SCHEME_RE.test(value) ? value : BARE_HOST_RE.test(value) ? `https://${value}` : null;
  if (address === null) return { kind: 'error', problem: 'not-key' };
  if (!reader) return { kind: 'pending' };
  const classified = reader(address);
  if (!classified) return { kind: 'error', problem: 'unknown-site' };
  if (classified.page.kind !== 'record') return { kind: 'error', problem: 'not-record' };
  const ref = classified.page.ref;
  if (!ref.object) return { kind: 'error', problem: 'no-object' };
  return { kind: 'url', key: recordKey(ref) };
}

/**
 * The CRM pages' reader of addresses: the registry (adapters, presets) configured with the active
 * policy's `sites`, as the background configures it before it classifies a page. Loaded apart (a
 * chunk of its own), so that the dashboard only fetches the adapters when an address is pasted.
 */
export async function loadAddressReader(sites: SitesPolicy | undefined): Promise<AddressReader> {
  const { classifyUrl, configureSites } = await import('./registry');
  configureSites(sites);
  return (address) => classifyUrl(address);
}
