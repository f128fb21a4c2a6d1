import type { HistoryEntry } from '@/lib/policy/history';
import type { ApplyAnswer, PolicyDocAnswer, PolicyStatus } from '@/lib/policy/status';

/** What the policy view asks of the background and the browser. */
export interface PolicyApi {
  status(): Promise<PolicyStatus>;
  history(): Promise<HistoryEntry[]>;
  get(id: number): Promise<PolicyDocAnswer>;
  apply(text: string, via: 'editor' | 'file'): Promise<ApplyAnswer>;
  rollback(id: number): Promise<ApplyAnswer>;
  setUrl(url: string, publicKey: string): Promise<PolicyStatus>;
  clearUrl(): Promise<PolicyStatus>;
  refresh(): Promise<PolicyStatus>;
  /** Asks the browser for the bundle host's permission; false when refused. */
  requestHost(origin: string): Promise<boolean>;
  /** Offers a file to save. */
  download(name: string, text: string): void;
}
