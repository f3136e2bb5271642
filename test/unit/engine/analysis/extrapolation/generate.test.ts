import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { completePrompts } from '../../../../../src/engine/analysis/extrapolation/generate';
import { initBackend } from '../../../../../src/engine/backend';
import type { Model, ModelBatch } from '../../../../../src/engine/model/types';
import { createRng } from '../../../../../src/engine/rng';
import { EOS } from '../../../../../src/engine/tasks/formalLanguage/languages';
import { completionMetrics } from '../../../../../src/engine/tasks/formalLanguage/completion';

const vocab = 5;
const [A, B] = [3, 4];

/**
 * A stand-in sequence model with hand-written logits: after a prefix it predicts b while the
 * prefix has more a's than b's, then EOS, and after EOS keeps saying a (so truncation matters).
 */
function countingModel(): Model {
  const forward = (batch: ModelBatch) => {
    const [ids] = batch.inputs;
    const [count, width] = ids.shape;
    const tokens = ids.dataSync();
    const logits = new Float32Array(count * width * vocab);
    for (let r = 0; r < count; r++) {
      let balance = 0;
      let ended = false;
      for (let t = 0; t < width; t++) {
        const tok = tokens[r * width + t];
        balance += tok === A ? 1 : tok === B ? -1 : 0;
        ended ||= tok === EOS;
        const next = ended ? A : balance > 0 ? B : EOS;
        logits[(r * width + t) * vocab + next] = 5;
      }
    }
    return { logits: tf.tensor2d(logits, [count * width, vocab]), activations: new Map() };
  };
  return { params: [], layerNames: ['logits'], batch: () => assert.fail('not used'), forward };
}

describe('prompt completion', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('greedy decoding stops when every prompt has produced EOS', () => {
    const prompts = [Int32Array.from([0, A, A, B]), Int32Array.from([0, A, A, A])];
    const out = completePrompts(countingModel(), prompts, { maxNewTokens: 20, eos: EOS });
    // The second prompt needs three b's and EOS; the first keeps going after its own EOS.
    assert.deepEqual(
      out.map((c) => Array.from(c)),
      [
        [B, EOS, A, A],
        [B, B, B, EOS],
      ],
    );
  });

  it('respects maxNewTokens and the metrics cut completions at their first EOS', () => {
    const prompts = [Int32Array.from([0, A, A, B]), Int32Array.from([0, A, A, A])];
    const out = completePrompts(countingModel(), prompts, { maxNewTokens: 2, eos: EOS });
    assert.deepEqual(
      out.map((c) => Array.from(c)),
      [
        [B, EOS],
        [B, B],
      ],
    );
    const m = completionMetrics('anbn', prompts, out);
    assert.deepEqual([m.finished, m.r1, m.grammatical], [0.5, 0.5, 0.5]);
  });

  it('sampling with a seeded Rng is reproducible', () => {
    const prompts = [Int32Array.from([0, A])];
    const run = (seed: number) =>
      Array.from(
        completePrompts(countingModel(), prompts, {
          maxNewTokens: 6,
          eos: EOS,
          sample: { temperature: 3, rng: createRng(seed) },
        })[0],
      );
    assert.deepEqual(run(1), run(1));
  });

  it('refuses prompts of different lengths', () => {
    const prompts = [Int32Array.from([0, A]), Int32Array.from([0, A, B])];
    assert.throws(() => completePrompts(countingModel(), prompts, { maxNewTokens: 1, eos: EOS }));
  });
});
