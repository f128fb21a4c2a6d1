/**
 * Which policy is in force: enterprise-managed > signed bundle from a URL > imported file >
 * built-in default. Pure: the background keeps the candidates and asks this function.
 */
import type { PolicySource } from '@/lib/db/schema';
import type { Policy } from './schema';

export interface Candidate {
  source: Exclude<PolicySource, 'default'>;
  policy: Policy;
  /** Fingerprint of the key that signed it, when signed. */
  signer?: string;
  receivedAt: number;
}

export interface Candidates {
  managed?: Candidate | undefined;
  url?: Candidate | undefined;
  import?: Candidate | undefined;
}

export const PRECEDENCE: readonly Exclude<PolicySource, 'default'>[] = ['managed', 'url', 'import'];

/** The winning candidate, or null for the built-in default. While managed settings lock local edits, imports do not count. */
export function choosePolicy(candidates: Candidates, options: { importsLocked: boolean }): Candidate | null {
  for (const source of PRECEDENCE) {
    if (source === 'import' && options.importsLocked) continue;
    const c = candidates[source];
    if (c) return c;
  }
  return null;
}

/** The source that would win if `source` offered a policy now: a lower one cannot take effect. */
export function outrankedBy(candidates: Candidates, source: Candidate['source']): Candidate['source'] | null {
  for (const s of PRECEDENCE) {
    if (s === source) return null;
    if (candidates[s]) return s;
  }
  return null;
}
