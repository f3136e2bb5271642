import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  InitialCompletenessCache,
  type InitialPreview,
} from '../../../src/codelens/initialCompletenessCache';
import { buildLenses, lensCommands } from '../../../src/codelens/lensModel';
import type { InitialCompleteness } from '../../../src/shared/completenessResults';
import { experimentConfigSchema } from '../../../src/shared/experimentConfig';
import { parseConfig } from '../../../src/shared/parseConfig';

const config = (model: object = {}, train: object = {}) =>
  experimentConfigSchema.parse({
    task: { kind: 'modular-addition', p: 7 },
    model: { kind: 'embed-mlp', ...model },
    train,
  });

const result: InitialCompleteness = {
  task: 'modular-addition',
  embedDim: 8,
  seed: 0,
  candidates: {
    kind: 'frequency',
    count: 3,
    sampled: false,
    labels: ['k=1', 'k=2', 'k=3'],
    initial: [7.5, 9.25, 8],
    z: [-0.5, 1.25, 0.1],
  },
  top: [1, 2, 0],
};

/** A compute function whose calls are settled by hand. */
function manual() {
  const calls: { resolve: (r: InitialCompleteness) => void; reject: (e: Error) => void }[] = [];
  const compute = () =>
    new Promise<InitialCompleteness>((resolve, reject) => calls.push({ resolve, reject }));
  return { calls, compute };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('step-0 completeness preview', () => {
  it('computes once per embedding inputs and fires when the result lands', async () => {
    const { calls, compute } = manual();
    const cache = new InitialCompletenessCache(compute);
    const loaded: string[] = [];
    cache.onDidLoad((p) => loaded.push(p));
    assert.deepEqual(cache.get('/a', config()), { state: 'loading' });
    // Changing something the embedding does not depend on keeps the entry.
    cache.get('/a', config({}, { steps: 5 }));
    assert.equal(calls.length, 1);
    calls[0].resolve(result);
    await tick();
    assert.deepEqual(loaded, ['/a']);
    assert.deepEqual(cache.get('/a', config()), { state: 'ready', result });
    // A new embedding dimension is a new preview.
    assert.deepEqual(cache.get('/a', config({ embedDim: 4 })), { state: 'loading' });
    assert.equal(calls.length, 2);
  });

  it('drops a superseded result and reports errors', async () => {
    const { calls, compute } = manual();
    const cache = new InitialCompletenessCache(compute);
    cache.get('/a', config({ embedDim: 4 }));
    cache.get('/a', config({ embedDim: 5 }));
    calls[0].resolve(result);
    await tick();
    assert.deepEqual(cache.get('/a', config({ embedDim: 5 })), { state: 'loading' });
    calls[1].reject(new Error('worker crashed'));
    await tick();
    assert.deepEqual(cache.get('/a', config({ embedDim: 5 })), {
      state: 'error',
      message: 'worker crashed',
    });
  });

  const text = JSON.stringify({ task: { kind: 'modular-addition', p: 7 } });
  const lensesWith = (initialPreview: InitialPreview) =>
    buildLenses({
      configUri: 'file:///c.replens.json',
      text,
      parsed: parseConfig(text),
      backendSetting: 'auto',
      trusted: true,
      now: 0,
      initialPreview,
    });

  it('the lens shows the three best candidates with z and opens the histogram', () => {
    const lens = lensesWith({ state: 'ready', result }).find((l) => l.title.includes('step 0'));
    assert.ok(lens);
    assert.equal(
      lens.title,
      '$(pulse) step 0: k=2 9.25 (z +1.3) · k=3 8.00 (z +0.1) · k=1 7.50 (z -0.5)',
    );
    assert.equal(lens.command, lensCommands.initialCompleteness);
    assert.deepEqual(lens.args, ['file:///c.replens.json']);
  });

  it('the lens says when it is computing or failed', () => {
    assert.ok(
      lensesWith({ state: 'loading' }).some((l) => l.title.includes('step-0 completeness…')),
    );
    const failed = lensesWith({ state: 'error', message: 'bad' }).find((l) =>
      l.title.includes('bad'),
    );
    assert.equal(failed?.command, '');
  });
});
