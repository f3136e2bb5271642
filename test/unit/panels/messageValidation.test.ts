import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { type InvalidMessage, validatingTransport } from '../../../src/panels/messageValidation';
import type { Envelope, Transport } from '../../../src/shared/protocol/endpoint';
import { trainingMessageSchemas } from '../../../src/shared/protocol/trainingViewSchemas';

/** A fake webview channel: records what the host posts and lets the test play the webview. */
function fakeWebview() {
  const posted: Envelope[] = [];
  let deliver: (msg: unknown) => void = () => undefined;
  const transport: Transport = {
    post: (msg) => posted.push(msg),
    onMessage: (cb) => {
      deliver = cb;
      return { dispose: () => (deliver = () => undefined) };
    },
  };
  return { transport, posted, send: (msg: unknown) => deliver(msg) };
}

function setup() {
  const web = fakeWebview();
  const invalid: InvalidMessage[] = [];
  const replied: [string, boolean][] = [];
  const t = validatingTransport(
    web.transport,
    {
      ...trainingMessageSchemas,
      events: { 'view/log': z.object({ text: z.string() }) },
    },
    {
      onInvalid: (p) => invalid.push(p),
      onReplied: (m, ok) => replied.push([m, ok]),
    },
  );
  const received: unknown[] = [];
  t.onMessage((m) => received.push(m));
  return { web, t, invalid, replied, received };
}

const figure = { format: 'csv', fileName: 'training.csv', encoding: 'utf8', data: 'a,b\r\n' };

describe('validatingTransport', () => {
  it('passes valid requests through', () => {
    const { web, received } = setup();
    web.send({ k: 'req', id: 1, m: 'run/stop', p: { runDir: '/runs/a' } });
    assert.deepEqual(received, [{ k: 'req', id: 1, m: 'run/stop', p: { runDir: '/runs/a' } }]);
  });

  it('refuses requests with invalid params and answers them with an error', () => {
    const { web, received, invalid } = setup();
    web.send({ k: 'req', id: 7, m: 'run/stop', p: { runDir: 42 } });
    assert.deepEqual(received, []);
    assert.equal(invalid[0].kind, 'params');
    assert.equal(web.posted.length, 1);
    const reply = web.posted[0];
    assert.ok(reply.k === 'err' && reply.id === 7);
    assert.equal(reply.e.code, 'invalid-message');
    assert.match(reply.e.message, /run\/stop.*runDir/);
  });

  it('refuses requests it has no schema for with unknown-method', () => {
    const { web, received } = setup();
    web.send({ k: 'req', id: 2, m: 'fs/readFile', p: { path: '/etc/passwd' } });
    web.send({ k: 'req', id: 3, m: 'constructor', p: {} });
    assert.deepEqual(received, []);
    assert.deepEqual(
      web.posted.map((m) => (m.k === 'err' ? m.e.code : m.k)),
      ['unknown-method', 'unknown-method'],
    );
  });

  it('refuses malformed envelopes without answering', () => {
    const { web, received, invalid } = setup();
    for (const junk of [null, 'hello', { k: 'req', id: 'x', m: 'run/stop' }, { k: 'boom' }]) {
      web.send(junk);
    }
    assert.deepEqual(received, []);
    assert.equal(web.posted.length, 0);
    assert.equal(invalid.length, 4);
    assert.ok(invalid.every((p) => p.kind === 'envelope'));
  });

  it('validates file names of exported figures', () => {
    const { web, received } = setup();
    web.send({ k: 'req', id: 1, m: 'figure/export', p: figure });
    web.send({ k: 'req', id: 2, m: 'figure/export', p: { ...figure, fileName: '../../x.csv' } });
    web.send({ k: 'req', id: 3, m: 'figure/export', p: { ...figure, format: 'exe' } });
    assert.equal(received.length, 1);
    assert.equal(web.posted.length, 2);
  });

  it('checks the results of host requests against the schema of the method', () => {
    const { web, t, received } = setup();
    t.post({ k: 'req', id: 1, m: 'figure/render', p: { format: 'csv' } });
    t.post({ k: 'req', id: 2, m: 'figure/render', p: { format: 'csv' } });
    web.send({ k: 'res', id: 1, r: figure });
    web.send({ k: 'res', id: 2, r: { nonsense: true } });
    assert.deepEqual(received[0], { k: 'res', id: 1, r: figure });
    const second = received[1] as Envelope;
    assert.ok(second.k === 'err' && second.id === 2);
    assert.equal(second.e.code, 'invalid-message');
  });

  it('drops replies to requests the host never made', () => {
    const { web, received, invalid } = setup();
    web.send({ k: 'res', id: 99, r: figure });
    assert.deepEqual(received, []);
    assert.equal(invalid[0].kind, 'result');
  });

  it('passes valid events and drops unknown or invalid ones', () => {
    const { web, received } = setup();
    web.send({ k: 'evt', m: 'view/log', p: { text: 'hi' } });
    web.send({ k: 'evt', m: 'view/log', p: { text: 5 } });
    web.send({ k: 'evt', m: 'view/other', p: {} });
    assert.deepEqual(received, [{ k: 'evt', m: 'view/log', p: { text: 'hi' } }]);
  });

  it('strips unknown fields from params', () => {
    const { web, received } = setup();
    web.send({ k: 'req', id: 1, m: 'run/stop', p: { runDir: '/r', extra: 'x' } });
    assert.deepEqual((received[0] as { p: unknown }).p, { runDir: '/r' });
  });

  it('reports each reply to a webview request after posting it', () => {
    const { web, t, replied } = setup();
    web.send({ k: 'req', id: 4, m: 'view/ready', p: {} });
    web.send({ k: 'req', id: 5, m: 'run/stop', p: { runDir: '/r' } });
    t.post({ k: 'evt', m: 'run/status', p: {} });
    assert.deepEqual(replied, []);
    t.post({ k: 'res', id: 4, r: { key: 'k' } });
    assert.deepEqual(replied, [['view/ready', true]]);
    t.post({ k: 'err', id: 5, e: { message: 'no' } });
    assert.deepEqual(replied, [
      ['view/ready', true],
      ['run/stop', false],
    ]);
    assert.equal(web.posted.length, 3);
  });
});
