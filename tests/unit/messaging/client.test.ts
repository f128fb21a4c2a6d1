import { fakeBrowser } from 'wxt/testing';
import { errorText } from '@/lib/i18n/error-text';
import { MessageError, send } from '@/lib/messaging/client';

describe('send (extension pages → background)', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  test('a background that cannot be reached gives a refusal in the user’s language that says what to do, not the browser’s text', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    const error = await send('policy.status', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MessageError);
    expect(errorText('en', error)).toBe('The extension did not answer. Reload the page and try again.');
    expect(errorText('fr', error)).toBe('L’extension n’a pas répondu. Rechargez la page, puis réessayez.');
  });

  test('an answer is unwrapped; a refusal keeps its code and key', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    spy.mockResolvedValueOnce({ ok: true, data: { x: 1 } });
    expect(await send('policy.status', {})).toEqual({ x: 1 });
    spy.mockResolvedValueOnce({ ok: false, error: { code: 'forbidden', message: 'no', key: 'errTabOtherRecord' } });
    const error = (await send('policy.status', {}).catch((e: unknown) => e)) as MessageError;
    expect([error.code, error.key]).toEqual(['forbidden', 'errTabOtherRecord']);
  });
});
