// A dedicated worker of the dashboard: checks ranges of the access log for Verify now (see
// lib/audit/verify-worker-core.ts and lib/audit/verify-pool.ts).
import { openExisting, serveVerify, type ToVerifyWorker } from './verify-worker-core';

const scope = self as unknown as {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToVerifyWorker>) => void): void;
};
const handle = serveVerify(
  (message, transfer) => scope.postMessage(message, transfer ?? []),
  (name, version, onClosed) => openExisting(indexedDB, name, version, onClosed),
);
scope.addEventListener('message', (event) => handle(event.data));
