/**
 * The policy editor's unapplied draft, kept for the dashboard tab: the dashboard renders one
 * section at a time, so leaving the policy view unmounts the editor; the draft comes back with it
 * (and after a reload of the tab). sessionStorage is per tab and goes with it; the policy is no
 * personal data. Where storage is refused, the draft is kept in memory for the page's life.
 *
 * The draft carries the policy it was started from (`base`: its version and text), so that the
 * editor can say when the policy in force changed under it (another tab, a managed push, a
 * rollback). A draft stored before `base` existed (plain text) comes back without one.
 */
const KEY = 'cpg.policy-editor.draft';
const FORMAT = 'cpg.policy-draft/2';
let memory: string | null = null;

export interface PolicyDraft {
  text: string;
  /** The policy in force when the draft was started; absent when not known. */
  base?: { version: string; text: string };
}

function read(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return memory;
  }
}

export function loadDraft(): PolicyDraft | null {
  const stored = read();
  if (stored === null) return null;
  try {
    const v = JSON.parse(stored) as unknown;
    if (v && typeof v === 'object' && (v as { format?: unknown }).format === FORMAT) {
      const { text, base } = v as { text?: unknown; base?: unknown };
      if (typeof text !== 'string') return null;
      const b = base as { version?: unknown; text?: unknown } | undefined;
      return b && typeof b.version === 'string' && typeof b.text === 'string' ? { text, base: { version: b.version, text: b.text } } : { text };
    }
  } catch {
    // Not JSON: a draft in the editor's JSON tab may well be malformed; kept as it is.
  }
  return { text: stored };
}

/** Keeps `draft` (with the policy it was started from), or forgets it (null). */
export function saveDraft(draft: PolicyDraft | null): void {
  const text = draft === null ? null : JSON.stringify({ format: FORMAT, text: draft.text, ...(draft.base ? { base: draft.base } : {}) });
  try {
    if (text === null) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, text);
  } catch {
    memory = text;
  }
}
