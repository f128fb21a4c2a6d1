import type { Answers, MessageType, Request } from '@/lib/messaging/protocol';
import type { PageContext } from './types';

export interface DurableOptions {
  /** Stops retrying (and rejects) when it aborts, e.g. the page's signal for page-bound messages. */
  signal?: AbortSignal;
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends until the background acknowledges (its answer arrives), with backoff: MV3 may stop the
 * service worker mid-message, and the answer is then lost although the event may be stored. So
 * every event message carries an id (eventId, or the visit id for views) and the background
 * stores an id once: a retry duplicates nothing. About 15 s of retries cover a worker restart.
 */
export async function sendDurably<T extends MessageType>(
  send: PageContext['send'],
  type: T,
  payload: Request<T>,
  options: DurableOptions = {},
): Promise<Answers[T]> {
  const attempts = options.attempts ?? 9;
  const base = options.baseDelayMs ?? 150;
  const max = options.maxDelayMs ?? 3000;
  const sleep = options.sleep ?? defaultSleep;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (options.signal?.aborted) break;
    try {
      return await send(type, payload);
    } catch (error) {
      lastError = error;
      if (attempt < attempts - 1) await sleep(Math.min(max, base * 2 ** attempt));
    }
  }
  throw lastError instanceof Error ? lastError : new Error(`"${type}" was not acknowledged`);
}

/**
 * A queue of event messages that leave one at a time, in order, each only once acknowledged
 * (retried meanwhile), so that a burst reaches the log in the order it happened.
 */
export class DurableQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(
    private readonly send: PageContext['send'],
    private readonly options: DurableOptions = {},
  ) {}

  /** Messages not yet acknowledged. */
  get pending(): number {
    return this.waiting;
  }

  enqueue<T extends MessageType>(type: T, payload: Request<T>): Promise<Answers[T]> {
    this.waiting += 1;
    const run = this.tail.then(() => sendDurably(this.send, type, payload, this.options));
    const settle = () => {
      this.waiting -= 1;
    };
    run.then(settle, settle);
    // A message refused for good must not hold the ones behind it.
    this.tail = run.catch(() => undefined);
    return run;
  }
}
