import { answerOnPort, MESSAGE_PORT, PortClosedError, portSender, type PortLike } from '@/lib/messaging/port';
import type { SenderLike } from '@/lib/messaging/sender';

/** Two ends of a connection, as runtime.connect gives them (messages delivered in a later task). */
function connection(name: string, sender: SenderLike) {
  const listeners = { client: [] as ((m: unknown) => void)[], server: [] as ((m: unknown) => void)[] };
  const closed = { client: [] as (() => void)[], server: [] as (() => void)[] };
  let open = true;
  const end = (self: 'client' | 'server', other: 'client' | 'server'): PortLike => ({
    name,
    ...(self === 'server' ? { sender } : {}),
    postMessage(message) {
      if (!open) throw new Error('Attempting to use a disconnected port object');
      const copy = JSON.parse(JSON.stringify(message)) as unknown;
      setTimeout(() => {
        if (open) for (const l of listeners[other]) l(copy);
      }, 0);
    },
    disconnect() {
      open = false;
      for (const l of closed[other]) l();
    },
    onMessage: { addListener: (l) => void listeners[self].push(l) },
    onDisconnect: { addListener: (l) => void closed[self].push(l) },
  });
  // drop(): the browser closed the channel and this end has not heard of it yet.
  return { client: end('client', 'server'), server: end('server', 'client'), drop: () => void (open = false) };
}

const SENDER: SenderLike = { id: 'ext', url: 'https://acme.lightning.force.com/x', tab: { id: 3 }, frameId: 0 };

describe('messages over a port', () => {
  test('each request is answered by what the handler answers, with the port sender, matched by id', async () => {
    const seen: { message: unknown; sender: SenderLike }[] = [];
    const connects: PortLike[] = [];
    const send = portSender(() => {
      const { client, server } = connection(MESSAGE_PORT, SENDER);
      answerOnPort(server, async (message, sender) => {
        seen.push({ message, sender });
        const n = (message as { n: number }).n;
        // Later requests answered first: answers still reach their own caller.
        await new Promise((r) => setTimeout(r, 10 - n));
        return { ok: true, data: n * 2 };
      });
      connects.push(client);
      return client;
    });
    const answers = await Promise.all([1, 2, 3].map((n) => send({ n })));
    expect(answers).toEqual([2, 4, 6].map((data) => ({ ok: true, data })));
    expect(connects).toHaveLength(1);
    expect(seen.map((s) => s.sender)).toEqual([SENDER, SENDER, SENDER]);
  });

  test('a connection that closes fails what it had pending, and the next send connects again', async () => {
    let server: PortLike | undefined;
    let client: PortLike | undefined;
    let connects = 0;
    const send = portSender(() => {
      connects += 1;
      const pair = connection(MESSAGE_PORT, SENDER);
      server = pair.server;
      client = pair.client;
      // Never answers on the first connection (the worker stops meanwhile).
      if (connects > 1) answerOnPort(pair.server, async () => ({ ok: true, data: 'late' }));
      return pair.client;
    });
    const pending = send({ n: 1 });
    server?.disconnect();
    await expect(pending).rejects.toBeInstanceOf(PortClosedError);
    expect(await send({ n: 2 })).toEqual({ ok: true, data: 'late' });
    expect(connects).toBe(2);
    expect(client).toBeDefined();
  });

  test('a send on a port the browser already closed rejects at once, and the next send connects again', async () => {
    const pairs: ReturnType<typeof connection>[] = [];
    const send = portSender(() => {
      const pair = connection(MESSAGE_PORT, SENDER);
      pairs.push(pair);
      const n = pairs.length;
      answerOnPort(pair.server, async () => ({ ok: true, data: n }));
      return pair.client;
    });
    expect(await send({})).toEqual({ ok: true, data: 1 });
    pairs[0]?.drop();
    await expect(send({})).rejects.toThrow('disconnected');
    expect(await send({})).toEqual({ ok: true, data: 2 });
  });

  test('the background answers only its own port name and only requests with an id; a throwing handler answers an error', async () => {
    const handled: unknown[] = [];
    const other = connection('someone-else', SENDER);
    answerOnPort(other.server, async (m) => void handled.push(m));
    const got: unknown[] = [];
    other.client.onMessage.addListener((m) => got.push(m));
    other.client.postMessage({ id: 1, message: { type: 'x' } });

    const ours = connection(MESSAGE_PORT, SENDER);
    answerOnPort(ours.server, async (m) => {
      handled.push(m);
      throw new Error('boom');
    });
    const answers: unknown[] = [];
    ours.client.onMessage.addListener((m) => answers.push(m));
    ours.client.postMessage({ message: { type: 'no id' } });
    ours.client.postMessage({ id: 7, message: { type: 'y' } });
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    expect(answers[0]).toEqual({ id: 7, answer: { ok: false, error: { code: 'internal', message: 'boom' } } });
    expect(handled).toEqual([{ type: 'y' }]);
    expect(got).toEqual([]);
  });
});
