import { browser } from 'wxt/browser';
import type { HeadMirror, StorageStatus } from './log';

/** storage.local keys: the second copy of the chain head, and the "browser refused to store" flag. */
export const HEAD_MIRROR_KEY = 'accessLog.head';
export const STORAGE_PROBLEM_KEY = 'accessLog.storageProblem';

/**
 * The head kept outside IndexedDB. Someone who deletes the newest events together with the head
 * row (or swaps in an older copy of the database) leaves this copy pointing past the table's end.
 */
export const storageLocalMirror: HeadMirror = {
  async read() {
    const value = (await browser.storage.local.get(HEAD_MIRROR_KEY))[HEAD_MIRROR_KEY] as { hash?: unknown; seq?: unknown } | undefined;
    return typeof value?.hash === 'string' && typeof value.seq === 'number' ? { hash: value.hash, seq: value.seq } : undefined;
  },
  async write(head) {
    await browser.storage.local.set({ [HEAD_MIRROR_KEY]: head });
  },
};

let knownProblem: boolean | undefined;

export const storageLocalStatus: StorageStatus = {
  async problem(at) {
    knownProblem = true;
    await browser.storage.local.set({ [STORAGE_PROBLEM_KEY]: at });
  },
  async ok() {
    // One write per service-worker life at most, not one per event.
    if (knownProblem === false) return;
    knownProblem = false;
    await browser.storage.local.remove(STORAGE_PROBLEM_KEY);
  },
};

export async function readStorageProblem(): Promise<number | null> {
  try {
    const value = (await browser.storage.local.get(STORAGE_PROBLEM_KEY))[STORAGE_PROBLEM_KEY];
    return typeof value === 'number' ? value : null;
  } catch {
    return null;
  }
}
