import { checkRange, type CheckedPage, type PageReader } from './verify-range';

/** From the page to a verify worker: open the log (once), then check ranges of it, in the order sent. */
export type ToVerifyWorker = { kind: 'open'; db: string; version: number } | { kind: 'range'; id: number; lo: number; hi: number; page: number };

/** From a verify worker: a checked page of range `id`, the end of that range, or why it cannot go on. */
export type FromVerifyWorker = { id: number; page: CheckedPage } | { id: number; done: true } | { id?: number; error: string };

export type Post = (message: FromVerifyWorker, transfer?: Transferable[]) => void;

/**
 * Opens the extension's database as it is, read-only in use: creates nothing (a missing database
 * aborts the upgrade that would create it), refuses another version than the page expects, and
 * closes at once when the background wants to upgrade (the page then reads through the background).
 */
export function openExisting(idb: IDBFactory, name: string, version: number, onClosed: () => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = idb.open(name);
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => reject(new Error(`the log cannot be opened here (${request.error?.name ?? 'unknown'})`));
    request.onsuccess = () => {
      const db = request.result;
      if (db.version !== version || !db.objectStoreNames.contains('events')) {
        db.close();
        reject(new Error(`the log is at version ${db.version}, this page expects ${version}`));
        return;
      }
      db.onversionchange = () => {
        db.close();
        onClosed();
      };
      resolve(db);
    };
  });
}

/** Events with a seq in (afterSeq, uptoSeq], at most `limit`, in one read-only transaction. */
export function pageReader(db: IDBDatabase): PageReader {
  return (afterSeq, limit, uptoSeq) =>
    new Promise((resolve, reject) => {
      const request = db.transaction('events', 'readonly').objectStore('events').getAll(IDBKeyRange.bound(afterSeq, uptoSeq, true, false), limit);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('read failed'));
    });
}

/**
 * A verify worker's side (lib/audit/verify.worker.ts runs it; unit tests run it in-process): reads
 * each range it is given straight from IndexedDB and hashes it, so that reading, structured-clone
 * decoding and hashing run beside the page and beside each other (benchmark #6). Only seq, prevHash,
 * hash and a flag per event go back: the page walks the links in order.
 */
export function serveVerify(post: Post, open: (name: string, version: number, onClosed: () => void) => Promise<IDBDatabase>): (message: ToVerifyWorker) => void {
  let db: Promise<IDBDatabase> = Promise.reject(new Error('the log was not opened'));
  db.catch(() => undefined);
  let closed = false;
  let queue = Promise.resolve();
  return (message) => {
    if (message.kind === 'open') {
      db = open(message.db, message.version, () => {
        closed = true;
        post({ error: 'the log was closed for an upgrade' });
      });
      db.catch((error: unknown) => post({ error: error instanceof Error ? error.message : String(error) }));
      return;
    }
    const { id, lo, hi, page } = message;
    queue = queue.then(async () => {
      try {
        const read = pageReader(await db);
        for await (const checked of checkRange(read, lo, hi, page)) {
          if (closed) return;
          post({ id, page: checked }, [checked.intact.buffer]);
        }
        post({ id, done: true });
      } catch (error) {
        post({ id, error: error instanceof Error ? error.message : String(error) });
      }
    });
  };
}
