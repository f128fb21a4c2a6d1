import { browser } from 'wxt/browser';
import type { Answer, Answers, MessageType, Request } from './protocol';

export class MessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MessageError';
  }
}

/** Sends one typed message to the background and unwraps its answer (throws MessageError). */
export async function send<T extends MessageType>(type: T, payload: Request<T>): Promise<Answers[T]> {
  const answer = (await browser.runtime.sendMessage({ type, payload })) as Answer<T> | undefined;
  if (!answer || typeof answer !== 'object') {
    throw new MessageError('internal', 'The extension did not answer. Reload the page and try again.');
  }
  if (!answer.ok) throw new MessageError(answer.error.code, answer.error.message);
  return answer.data;
}
