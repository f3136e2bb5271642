import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../../src/engine/backend';
import { AdamW, type AdamWOptions } from '../../../../src/engine/train/adamw';
import { crossEntropy } from '../../../../src/engine/train/loss';

/** Reference trajectories from torch.optim.AdamW; see test/fixtures/numeric/make_adamw_fixture.py. */
interface Stored {
  shape: number[];
  data: number[];
}
interface Fixture {
  sequence: {
    hyper: AdamWOptions;
    shapes: Record<string, number[]>;
    lrs: number[];
    initial: Record<string, number[]>;
    grads: Record<string, number[]>[];
    after: Record<string, number[]>[];
  };
  mlp: {
    hyper: AdamWOptions & { lr: number };
    steps: number;
    classes: number;
    x: Stored;
    labels: number[];
    initial: Record<string, Stored>;
    losses: number[];
    final: Record<string, Stored>;
  };
}
const fixturePath = path.join(__dirname, '..', '..', '..', 'fixtures', 'numeric', 'adamw.json');
const fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as Fixture;
const seq = fixture.sequence;
const names = Object.keys(seq.shapes);
type Named = { name: string; variable: tf.Variable }[];

/** Largest violation of |a − e| ≤ atol + rtol·|e| (≤ 0 when every element is within tolerance). */
function worstExcess(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol: number,
  atol: number,
): number {
  assert.equal(actual.length, expected.length, 'lengths differ');
  let worst = -Infinity;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(
      worst,
      Math.abs(actual[i] - expected[i]) - (atol + rtol * Math.abs(expected[i])),
    );
  }
  return worst;
}

function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol: number,
  atol: number,
  what: string,
): void {
  const excess = worstExcess(actual, expected, rtol, atol);
  assert.ok(excess <= 0, `${what}: exceeds rtol ${rtol} / atol ${atol} by ${excess}`);
}

function sequenceVars(values: Record<string, ArrayLike<number>> = seq.initial): Named {
  return names.map((name) => ({
    name,
    variable: tf.tidy(() => tf.variable(tf.tensor(Array.from(values[name]), seq.shapes[name]))),
  }));
}

function stepGrads(k: number): tf.Tensor[] {
  return names.map((n) => tf.tensor(seq.grads[k][n], seq.shapes[n]));
}

/** Applies the fixture's steps [from, to) and returns the largest tolerance excess over them. */
function runSequence(
  vars: Named,
  opt: AdamW,
  from: number,
  to: number,
  rtol = 1e-5,
  atol = 1e-6,
): number {
  let worst = -Infinity;
  for (let k = from; k < to; k++) {
    const grads = stepGrads(k);
    opt.apply(grads, seq.lrs[k]);
    tf.dispose(grads);
    vars.forEach(({ name, variable }) => {
      worst = Math.max(worst, worstExcess(variable.dataSync(), seq.after[k][name], rtol, atol));
    });
  }
  return worst;
}

function values(vars: Named): Record<string, Float32Array> {
  return Object.fromEntries(
    vars.map(({ name, variable }) => [name, variable.dataSync() as Float32Array]),
  );
}

before(async () => {
  await initBackend('cpu');
});

describe('AdamW on a fixed gradient sequence', () => {
  it('matches torch.optim.AdamW after every step (rtol 1e-5, atol 1e-6)', () => {
    const vars = sequenceVars();
    const opt = new AdamW(vars, seq.hyper);
    const excess = runSequence(vars, opt, 0, seq.lrs.length);
    assert.ok(excess <= 0, `parameters exceed the tolerance by ${excess}`);
    opt.dispose();
    tf.dispose(vars.map((v) => v.variable));
  });

  it('is sensitive enough that each wrong hyper-parameter breaks the match', () => {
    const wrong: [string, AdamWOptions][] = [
      ['no weight decay', { ...seq.hyper, weightDecay: 0 }],
      ['default eps', { ...seq.hyper, eps: 1e-8 }],
      ['beta1 0.9', { ...seq.hyper, beta1: 0.9 }],
      ['beta2 0.999', { ...seq.hyper, beta2: 0.999 }],
    ];
    for (const [label, hyper] of wrong) {
      const vars = sequenceVars();
      const opt = new AdamW(vars, hyper);
      assert.ok(runSequence(vars, opt, 0, seq.lrs.length) > 0, `${label} should not match torch`);
      opt.dispose();
      tf.dispose(vars.map((v) => v.variable));
    }
  });
});

describe('AdamW optimizer state', () => {
  it('continues after getState/setState into fresh variables exactly as without the round trip', () => {
    const a = sequenceVars();
    const optA = new AdamW(a, seq.hyper);
    runSequence(a, optA, 0, 3);
    const state = optA.getState();
    assert.equal(state.step, 3);
    const snapshot = new Map([...state.expAvg].map(([n, m]) => [n, Float32Array.from(m)]));
    const b = sequenceVars(values(a));
    const optB = new AdamW(b, seq.hyper);
    optB.setState(state);
    const fresh = sequenceVars(values(a));
    const optFresh = new AdamW(fresh, seq.hyper);
    runSequence(a, optA, 3, 6);
    runSequence(b, optB, 3, 6);
    runSequence(fresh, optFresh, 3, 6);
    // Same ops on the same backend: the restored run is bit-identical (tolerance 0).
    assert.deepEqual(values(b), values(a));
    const drift = Math.max(
      ...names.map((n) => worstExcess(values(fresh)[n], values(a)[n], 1e-5, 1e-6)),
    );
    assert.ok(drift > 0, 'an optimizer without the restored moments should end elsewhere');
    assert.deepEqual(state.expAvg, snapshot, 'getState must copy, not alias, the moments');
    for (const o of [optA, optB, optFresh]) {
      o.dispose();
    }
    tf.dispose([...a, ...b, ...fresh].map((v) => v.variable));
  });

  it('refuses a state that lacks a parameter, naming it', () => {
    const vars = sequenceVars();
    const opt = new AdamW(vars, seq.hyper);
    const state = opt.getState();
    state.expAvg.delete('b');
    assert.throws(() => opt.setState(state), /"b"/);
    opt.dispose();
    tf.dispose(vars.map((v) => v.variable));
  });
});

describe('AdamW memory', () => {
  it('keeps the tensor count constant across steps and frees its moments on dispose', () => {
    const vars = sequenceVars();
    const grads = stepGrads(0);
    const beforeOptimizer = tf.memory().numTensors;
    const opt = new AdamW(vars, seq.hyper);
    const withOptimizer = tf.memory().numTensors;
    assert.equal(withOptimizer - beforeOptimizer, 2 * vars.length, 'one m and one v per parameter');
    for (let k = 0; k < 10; k++) {
      opt.apply(grads, 0.01);
      assert.equal(tf.memory().numTensors, withOptimizer, `tensor count after step ${k + 1}`);
    }
    opt.dispose();
    assert.equal(tf.memory().numTensors, beforeOptimizer);
    tf.dispose([...grads, ...vars.map((v) => v.variable)]);
  });
});

describe('AdamW training a tiny MLP with cross-entropy', () => {
  const m = fixture.mlp;
  const order = ['layers.0.weight', 'layers.0.bias', 'layers.1.weight', 'layers.1.bias'];
  // PyTorch stores Linear weights as [out, in]; x·W here needs [in, out].
  const toTf = (s: Stored): tf.Tensor =>
    s.shape.length === 2
      ? tf.transpose(tf.tensor2d(s.data, [s.shape[0], s.shape[1]]))
      : tf.tensor1d(s.data);
  const toTorch = (v: tf.Variable): Float32Array =>
    tf.tidy(() => (v.rank === 2 ? tf.transpose(v) : v).dataSync() as Float32Array);

  it('reproduces the torch losses (abs 1e-5) and final weights (rtol 1e-4, atol 1e-5) over 30 steps', () => {
    const vars = order.map((name) => ({
      name,
      variable: tf.tidy(() => tf.variable(toTf(m.initial[name]))),
    }));
    const params = vars.map((v) => v.variable);
    const [w1, b1, w2, b2] = params;
    const x = tf.tensor2d(m.x.data, [m.x.shape[0], m.x.shape[1]]);
    const targets = tf.tidy(() =>
      tf.cast(tf.oneHot(tf.tensor1d(m.labels, 'int32'), m.classes), 'float32'),
    );
    const loss = (): tf.Scalar => {
      const h = tf.tanh(tf.add(tf.matMul(x, w1), b1));
      return crossEntropy(tf.add<tf.Tensor2D>(tf.matMul(h, w2), b2), targets as tf.Tensor2D);
    };
    const { weightDecay, beta1, beta2, eps, lr } = m.hyper;
    const opt = new AdamW(vars, { weightDecay, beta1, beta2, eps });
    const losses: number[] = [];
    for (let k = 0; k < m.steps; k++) {
      const { value, grads } = tf.variableGrads(loss, params);
      losses.push(value.dataSync()[0]);
      const ordered = params.map((p) => grads[p.name]);
      opt.apply(ordered, lr);
      tf.dispose([value, ...Object.values(grads)]);
    }
    losses.push(tf.tidy(() => loss().dataSync()[0]));
    assertClose(losses, m.losses, 0, 1e-5, 'loss after k steps');
    for (const { name, variable } of vars) {
      assertClose(toTorch(variable), m.final[name].data, 1e-4, 1e-5, `final ${name}`);
    }
    opt.dispose();
    tf.dispose([x, targets, ...vars.map((v) => v.variable)]);
  });
});
