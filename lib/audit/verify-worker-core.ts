import { openExisting, pageReader } from '@/lib/db/readonly';
import { checkRange, type CheckedPage } from './verify-range';

export { openExisting };

/** From the page to a verify worker: open the log (once), then check ranges of it, in the order sent. */
export type ToVerifyWorker = { kind: 'open'; db: string; version: number } | { kind: 'range'; id: number; lo: number; hi: number; page: number };

/** From a verify worker: a checked page of range `id`, the end of that range, or why it cannot go on. */
export type FromVerifyWorker = { id: number; page: CheckedPage } | { id: number; done: true } | { id?: number; error: string };

export type Post = (message: FromVerifyWorker, transfer?: Transferable[]) => void;

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
