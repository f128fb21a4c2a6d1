/**
 * The policy editor's unapplied draft, kept for the dashboard tab: the dashboard renders one
 * section at a time, so leaving the policy view unmounts the editor; the draft comes back with it
 * (and after a reload of the tab). sessionStorage is per tab and goes with it; the policy is no
 * personal data. Where storage is refused, the draft is kept in memory for the page's life.
 */
const KEY = 'cpg.policy-editor.draft';
let memory: string | null = null;

export function loadDraft(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return memory;
  }
}

/** Keeps `text` as the draft, or forgets it (null). */
export function saveDraft(text: string | null): void {
  try {
    if (text === null) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, text);
  } catch {
    memory = text;
  }
}
