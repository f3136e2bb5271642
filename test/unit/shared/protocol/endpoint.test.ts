import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Endpoint,
  type Envelope,
  memoryTransportPair,
  RemoteError,
  type Transport,
} from '../../../../src/shared/protocol/endpoint';

/** What the "server" side serves and the "client" side receives. */
type ServerServes = {
  requests: {
    echo: { params: { text: string }; result: string };
    fail: { params: { code?: string }; result: never };
    slow: { params: { ms: number }; result: number };
    never: { params: Record<string, never>; result: null };
  };
  events: { 'client/said': string };
};
type ClientServes = {
  requests: { 'client/name': { params: Record<string, never>; result: string } };
  events: { tick: number; status: string };
};

function serve(server: Endpoint<ServerServes, ClientServes>): void {
  server.handle({
    echo: ({ text }) => Promise.resolve(text.toUpperCase()),
    fail: ({ code }) =>
      Promise.reject(Object.assign(new Error('it broke'), code === undefined ? {} : { code })),
    slow: ({ ms }) => new Promise((r) => setTimeout(() => r(ms), ms)),
    never: () => new Promise<null>(() => undefined),
  });
}

function pair(options: { holdEventsUntilReady?: boolean } = {}) {
  const [a, b] = memoryTransportPair();
  const server = new Endpoint<ServerServes, ClientServes>(a, options);
  const client = new Endpoint<ClientServes, ServerServes>(b);
  serve(server);
  client.handle({ 'client/name': () => Promise.resolve('webview') });
  return { server, client };
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

describe('Endpoint', () => {
  it('answers requests with the handler result', async () => {
    const { client } = pair();
    assert.equal(await client.request('echo', { text: 'hi' }), 'HI');
  });

  it('serves both directions over one pair', async () => {
    const { server } = pair();
    assert.equal(await server.request('client/name', {}), 'webview');
  });

  it('matches concurrent replies to their requests by id', async () => {
    const { client } = pair();
    const results = await Promise.all([
      client.request('slow', { ms: 20 }),
      client.request('slow', { ms: 1 }),
      client.request('echo', { text: 'x' }),
    ]);
    assert.deepEqual(results, [20, 1, 'X']);
  });

  it('delivers events in the order they were sent', async () => {
    const { server, client } = pair();
    const seen: number[] = [];
    client.on('tick', (n) => seen.push(n));
    for (let i = 0; i < 50; i++) {
      server.notify('tick', i);
    }
    await settle();
    assert.deepEqual(
      seen,
      Array.from({ length: 50 }, (_, i) => i),
    );
  });

  it('stops calling a listener once it is disposed', async () => {
    const { server, client } = pair();
    const seen: number[] = [];
    const sub = client.on('tick', (n) => seen.push(n));
    server.notify('tick', 1);
    await settle();
    sub.dispose();
    server.notify('tick', 2);
    await settle();
    assert.deepEqual(seen, [1]);
  });

  it('rejects with a RemoteError carrying the message and code of the remote error', async () => {
    const { client } = pair();
    await assert.rejects(client.request('fail', { code: 'not-running' }), (e: unknown) => {
      assert.ok(e instanceof RemoteError);
      assert.equal(e.message, 'it broke');
      assert.equal(e.code, 'not-running');
      return true;
    });
  });

  it('propagates errors without a code as a RemoteError with no code', async () => {
    const { client } = pair();
    await assert.rejects(client.request('fail', {}), (e: unknown) => {
      assert.ok(e instanceof RemoteError);
      assert.equal(e.code, undefined);
      return true;
    });
  });

  it('answers a request nobody handles with the unknown-method code', async () => {
    const [a, b] = memoryTransportPair();
    const server = new Endpoint<ServerServes, ClientServes>(a);
    const client = new Endpoint<ClientServes, ServerServes>(b);
    server.handle({} as Parameters<typeof server.handle>[0]);
    await assert.rejects(client.request('echo', { text: 'x' }), { code: 'unknown-method' });
  });

  it('rejects a request that gets no reply within its timeout', async () => {
    const { client } = pair();
    await assert.rejects(client.request('never', {}, 20), /timed out after 20 ms/);
  });

  it('still resolves a request that answers before its timeout', async () => {
    const { client } = pair();
    assert.equal(await client.request('slow', { ms: 1 }, 1000), 1);
  });

  it('rejects every pending request on dispose, and refuses new ones', async () => {
    const { client } = pair();
    const pending = [client.request('never', {}), client.request('never', {}, 10_000)];
    client.dispose();
    for (const p of pending) {
      await assert.rejects(p, /disposed/);
    }
    await assert.rejects(client.request('echo', { text: 'x' }), /disposed/);
  });

  it('holds events until markReady, then flushes them in order before later ones', async () => {
    const { server, client } = pair({ holdEventsUntilReady: true });
    const seen: string[] = [];
    client.on('status', (s) => seen.push(s));
    server.notify('status', 'a');
    server.notify('status', 'b');
    await settle();
    assert.deepEqual(seen, [], 'events went out before the ready gate opened');
    server.markReady();
    server.notify('status', 'c');
    await settle();
    assert.deepEqual(seen, ['a', 'b', 'c']);
  });

  it('does not hold requests or replies behind the ready gate', async () => {
    const { server, client } = pair({ holdEventsUntilReady: true });
    assert.equal(await client.request('echo', { text: 'ok' }), 'OK');
    assert.equal(await server.request('client/name', {}), 'webview');
  });

  it('sends the envelope shapes of the protocol', async () => {
    const posted: Envelope[] = [];
    const [a, b] = memoryTransportPair();
    const spy: Transport = {
      post: (msg) => {
        posted.push(msg);
        b.post(msg);
      },
      onMessage: (cb) => b.onMessage(cb),
    };
    const server = new Endpoint<ServerServes, ClientServes>(a);
    serve(server);
    const client = new Endpoint<ClientServes, ServerServes>(spy);
    await client.request('echo', { text: 'x' });
    client.notify('client/said', 'hello');
    assert.deepEqual(posted, [
      { k: 'req', id: 1, m: 'echo', p: { text: 'x' } },
      { k: 'evt', m: 'client/said', p: 'hello' },
    ]);
  });
});
