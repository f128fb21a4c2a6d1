import type { SenderLike } from './sender';

/**
 * Content scripts send their messages over one long-lived connection (`runtime.connect`) instead of
 * one `runtime.sendMessage` each: a one-off message opens and closes a channel through the browser
 * process every time (~1 ms a round trip here, against ~0.35 ms on an open port; benchmark #4). The
 * background answers each request with exactly what `handleMessage` answers a one-off message: the
 * same sender checks (the port's sender, set by the browser when the content script connected), the
 * same payload schemas, the same handlers. This file has no zod: it loads on every CRM page.
 */
export const MESSAGE_PORT = 'cpg-messages';

/** A request on the port: the message as `runtime.sendMessage` would carry it, and an id for its answer. */
export interface PortRequest {
  id: number;
  message: unknown;
}

/** The answer to the request with that id. */
export interface PortAnswer {
  id: number;
  answer: unknown;
}

/** The parts of `runtime.Port` used here (tests pass a fake). */
export interface PortLike {
  name: string;
  sender?: SenderLike;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export class PortClosedError extends Error {
  constructor() {
    super('The extension stopped before it answered. Try again.');
    this.name = 'PortClosedError';
  }
}

/**
 * The content script's side: `send(message)` resolves with the background's answer, or rejects when
 * the connection closed first (the service worker stopped or was restarted, the extension was
 * reloaded): the caller then does what it does when a one-off message gets no answer (sendDurably
 * retries, with the same event id). The connection is opened on the first send and again on the
 * first send after it closed; requests are answered per connection, so a closed one fails only its own.
 */
export function portSender(connect: () => PortLike): (message: unknown) => Promise<unknown> {
  let current: { port: PortLike; waiting: Map<number, { resolve: (answer: unknown) => void; reject: (error: unknown) => void }> } | undefined;
  let nextId = 1;
  const open = () => {
    if (current) return current;
    const port = connect();
    const link = { port, waiting: new Map<number, { resolve: (answer: unknown) => void; reject: (error: unknown) => void }>() };
    port.onMessage.addListener((raw) => {
      const answer = raw as Partial<PortAnswer> | null;
      if (!answer || typeof answer !== 'object' || typeof answer.id !== 'number') return;
      const waiter = link.waiting.get(answer.id);
      if (!waiter) return;
      link.waiting.delete(answer.id);
      waiter.resolve(answer.answer);
    });
    port.onDisconnect.addListener(() => {
      if (current === link) current = undefined;
      const pending = [...link.waiting.values()];
      link.waiting.clear();
      for (const waiter of pending) waiter.reject(new PortClosedError());
    });
    current = link;
    return link;
  };
  return (message) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      let link: ReturnType<typeof open> | undefined;
      try {
        link = open();
        link.waiting.set(id, { resolve, reject });
        const request: PortRequest = { id, message };
        link.port.postMessage(request);
      } catch (error) {
        // Disconnected under us (its onDisconnect may not have run yet), or no extension any more.
        link?.waiting.delete(id);
        if (link && current === link) current = undefined;
        reject(error);
      }
    });
}

/**
 * The background's side, for each connection a content script opens: every request is handled by
 * `handle` (the background's handleMessage, with the port's sender) and answered on the port. A
 * connection under another name, or a request without an id, gets nothing. The sender is the one
 * the browser recorded when the document connected: same tab, frame, document and origin for every
 * request on it (a document keeps its origin; its URL may have moved on by history.pushState, and
 * the handlers look at the origin and host only, which such a move does not change).
 */
export function answerOnPort(port: PortLike, handle: (message: unknown, sender: SenderLike) => Promise<unknown>): void {
  if (port.name !== MESSAGE_PORT) return;
  const sender: SenderLike = port.sender ?? {};
  port.onMessage.addListener((raw) => {
    const request = raw as Partial<PortRequest> | null;
    if (!request || typeof request !== 'object' || typeof request.id !== 'number' || !Number.isSafeInteger(request.id)) return;
    const id = request.id;
    void handle(request.message, sender)
      .catch((error: unknown) => ({ ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } }))
      .then((answer) => {
        try {
          const reply: PortAnswer = { id, answer };
          port.postMessage(reply);
        } catch {
          // The page went away meanwhile: nobody to answer.
        }
      });
  });
}
