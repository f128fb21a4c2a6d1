import { DurableQueue, sendDurably } from '@/lib/features/durable-send';
import type { PageContext } from '@/lib/features/types';

const noSleep = { sleep: async () => undefined };

/** A background that drops the first `failures` messages (a stopped worker), then answers. */
function flakySend(failures: number) {
  const seen: string[] = [];
  let left = failures;
  const send = (async (type: string, payload: { eventId?: string; visitId?: string }) => {
    seen.push(`${type}:${payload.eventId ?? payload.visitId}`);
    if (left > 0) {
      left -= 1;
      throw new Error('Could not establish connection. Receiving end does not exist.');
    }
    return { ok: payload.eventId ?? payload.visitId };
  }) as unknown as PageContext['send'];
  return { send, seen };
}

const copy = (eventId: string) => ({ eventId, action: 'copy' as const, url: 'https://app.hubspot.com/contacts/1/record/0-1/2', key: 'hs:1:0-1:2', fields: [] });

describe('durable send', () => {
  test('retries with backoff until the background answers, with the same id every time', async () => {
    const { send, seen } = flakySend(3);
    const delays: number[] = [];
    const answer = await sendDurably(send, 'log.event', copy('a'), { sleep: async (ms) => void delays.push(ms) });
    expect(answer).toEqual({ ok: 'a' });
    expect(seen).toEqual(['log.event:a', 'log.event:a', 'log.event:a', 'log.event:a']);
    expect(delays).toEqual([150, 300, 600]);
  });

  test('gives up after the attempts with the last error, and stops when its signal aborts', async () => {
    const { send, seen } = flakySend(100);
    await expect(sendDurably(send, 'log.event', copy('b'), { ...noSleep, attempts: 3 })).rejects.toThrow('Receiving end does not exist');
    expect(seen).toHaveLength(3);
    const controller = new AbortController();
    controller.abort();
    await expect(sendDurably(send, 'log.event', copy('c'), { ...noSleep, signal: controller.signal })).rejects.toThrow('not acknowledged');
    expect(seen).toHaveLength(3);
  });

  test('a queue delivers a burst in order, each only once acknowledged', async () => {
    const { send, seen } = flakySend(2);
    const queue = new DurableQueue(send, noSleep);
    const all = Promise.all(['1', '2', '3'].map((id) => queue.enqueue('log.event', copy(id))));
    expect(queue.pending).toBe(3);
    expect(await all).toEqual([{ ok: '1' }, { ok: '2' }, { ok: '3' }]);
    expect(seen).toEqual(['log.event:1', 'log.event:1', 'log.event:1', 'log.event:2', 'log.event:3']);
    expect(queue.pending).toBe(0);
  });
});
