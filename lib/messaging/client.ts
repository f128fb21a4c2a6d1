import { browser } from 'wxt/browser';
import { errorMessage } from '@/lib/i18n/error-text';
import type { Answer, Answers, ErrorAnswer, MessageType, Request } from './protocol';

/** A refusal of the background: English `message`, and the catalogue key and params to show it translated (lib/i18n/error-text.ts). */
export class MessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly key?: string,
    readonly params?: ErrorAnswer['params'],
  ) {
    super(message);
    this.name = 'MessageError';
  }
}

/** Sends one typed message to the background and unwraps its answer (throws MessageError). */
export async function send<T extends MessageType>(type: T, payload: Request<T>): Promise<Answers[T]> {
  let answer: Answer<T> | undefined;
  try {
    answer = (await browser.runtime.sendMessage({ type, payload })) as Answer<T> | undefined;
  } catch {
    // The browser's own text ("Could not establish connection. Receiving end does not exist.") is
    // English and says nothing a user can act on: the background is not running or was reloaded.
    throw new MessageError('internal', errorMessage('en', 'errNoAnswer'), 'errNoAnswer');
  }
  if (!answer || typeof answer !== 'object') {
    throw new MessageError('internal', errorMessage('en', 'errNoAnswer'), 'errNoAnswer');
  }
  if (!answer.ok) throw new MessageError(answer.error.code, answer.error.message, answer.error.key, answer.error.params);
  return answer.data;
}
