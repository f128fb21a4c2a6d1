import type { LogFilter, LogStats } from '@/lib/audit/query';
import type { AccessEvent } from '@/lib/db/schema';
import type { CheckedPage } from '@/lib/audit/verify-range';
import type { LastVerified, LogChainInfo } from '@/lib/messaging/protocol';
import type { SitesPolicy } from '@/lib/policy/sites-schema';

/** What the access-log view asks of the background (a fake stands in for it in component tests). */
export interface LogApi {
  /** One page of matching events, newest first (no total: see `count`). */
  query(filter: LogFilter, offset: number, limit: number): Promise<{ events: AccessEvent[] }>;
  /** How many events match (a walk over the matching range: asked beside the first page). */
  count(filter: LogFilter): Promise<{ total: number }>;
  page(afterSeq: number, limit: number, uptoSeq?: number): Promise<{ events: AccessEvent[] }>;
  /** The events of (afterSeq, uptoSeq] already hashed, by workers (Verify now); `page` takes over if it throws. */
  checked?(afterSeq: number, uptoSeq: number): AsyncIterable<CheckedPage>;
  /** `count: false`: no count of the rows (`total` is what the chain should hold), for Verify now and the view. */
  chain(options?: { count?: boolean }): Promise<LogChainInfo>;
  verified(result: Omit<LastVerified, 'at'>): Promise<{ lastVerified: LastVerified }>;
  stats(from: number, to: number): Promise<LogStats>;
  exported(format: 'csv' | 'json', count: number, headHash: string): Promise<unknown>;
  /** Hands a finished file to the browser (a download); never called for a cancelled export. */
  save(file: Blob, name: string): void;
  now(): number;
  /**
   * The active policy's `sites` (custom domains, generic adapters, presets): the Record filter reads a
   * pasted record address with them, as the background does. Absent: the built-in CRMs and presets.
   */
  sites?(): Promise<SitesPolicy | undefined>;
}

/** Rows for the table: the local log (paged queries) or an imported bundle (in memory). */
export interface RowSource {
  key: string;
  total: number;
  load(offset: number, limit: number): Promise<AccessEvent[]>;
}
