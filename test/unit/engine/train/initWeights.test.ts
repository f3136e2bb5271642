import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initBackend } from '../../../../src/engine/backend';
import { checkpointLayout, planInitialWeights } from '../../../../src/engine/train/initWeights';
import { createSession } from '../../../../src/engine/train/session';
import { experimentConfigSchema } from '../../../../src/shared/experimentConfig';
import type { TensorData } from '../../../../src/shared/checkpoint';
import { tinyConfig } from '../../../helpers/runs';

const layout = new Map<string, number[]>([
  ['embedding.weight', [5, 3]],
  ['layers.0.weight', [4, 6]],
  ['layers.0.bias', [4]],
]);

const t = (...shape: number[]): TensorData => ({
  shape,
  data: new Float32Array(shape.reduce((a, b) => a * b, 1)),
});

describe('planInitialWeights', () => {
  it('loads every tensor whose name and shape match', () => {
    const source = new Map([
      ['embedding.weight', t(5, 3)],
      ['layers.0.weight', t(4, 6)],
      ['layers.0.bias', t(4)],
    ]);
    const plan = planInitialWeights(layout, source);
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.loaded, ['embedding.weight', 'layers.0.weight', 'layers.0.bias']);
    assert.deepEqual(plan.skipped, []);
  });

  it('renames source tensors with map and leaves skipped ones at their initial values', () => {
    const source = new Map([
      ['emb.weight', t(5, 3)],
      ['fc1.weight', t(4, 6)],
    ]);
    const plan = planInitialWeights(layout, source, {
      map: { 'emb.weight': 'embedding.weight', 'fc1.weight': 'layers.0.weight' },
      skip: ['layers.0.bias'],
    });
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.loaded, ['embedding.weight', 'layers.0.weight']);
    assert.deepEqual(plan.skipped, ['layers.0.bias']);
  });

  it('names every missing, extra and mis-shaped tensor and every unknown map or skip name', () => {
    const source = new Map([
      ['embedding.weight', t(3, 5)],
      ['fc.bias', t(4)],
      ['head.weight', t(2, 2)],
    ]);
    const plan = planInitialWeights(layout, source, {
      map: { 'fc.bias': 'layers.0.bias', absent: 'x' },
      skip: ['nothing'],
    });
    assert.deepEqual(plan.problems, [
      'map: the source has no tensor "absent"',
      'skip: the model has no tensor "nothing"',
      'mis-shaped tensor "embedding.weight": [3, 5] in the source, the model expects [5, 3]',
      'missing tensor "layers.0.weight" [4, 6]',
      'extra tensor "head.weight" [2, 2]: the model has no such tensor',
    ]);
    assert.deepEqual(plan.loaded, ['layers.0.bias']);
    assert.deepEqual(plan.skipped, ['embedding.weight', 'layers.0.weight']);
  });

  it('reports two source tensors mapped to one name', () => {
    const source = new Map([
      ['a', t(4)],
      ['layers.0.bias', t(4)],
    ]);
    const plan = planInitialWeights(layout, source, { map: { a: 'layers.0.bias' } });
    assert.ok(plan.problems.some((p) => p.includes('both map to "layers.0.bias"')));
  });
});

describe('docs/models.md', () => {
  const docs = fs.readFileSync(path.join(__dirname, '../../../../docs/models.md'), 'utf8');
  const configs = [
    tinyConfig({ model: { hidden: [5, 6], embedDim: 4 }, task: { p: 7 } }),
    experimentConfigSchema.parse({
      task: { kind: 'formal-language', language: 'anbn', maxLength: 8, promptLength: 2 },
      model: { kind: 'transformer', dModel: 8, heads: 2, layers: 2, dFF: 12 },
      train: { steps: 1 },
    }),
    experimentConfigSchema.parse({
      task: { kind: 'formal-language', language: 'anbn', maxLength: 8, promptLength: 2 },
      model: { kind: 'lstm', embedDim: 4, hidden: 6, layers: 2 },
      train: { steps: 1 },
    }),
  ];

  before(async () => {
    await initBackend('wasm');
  });

  it('documents every checkpoint tensor of every model kind', () => {
    for (const config of configs) {
      const session = createSession(config);
      const names = [...checkpointLayout(session).keys()];
      session.dispose();
      for (const name of names) {
        const generic = [name.replace(/\.\d+\./, '.<i>.'), name.replace(/l\d+$/, 'l<k>')];
        const documented =
          docs.includes(`\`${name}\``) ||
          generic.some((g) => docs.includes(`\`${g}\``)) ||
          docs.includes(`\`${name.replace(/\.(weight|bias)$/, '.weight')}\` / \`.bias\``) ||
          docs.includes(
            `\`${name.replace(/\.\d+\./, '.<i>.').replace(/\.(weight|bias)$/, '.weight')}\` / \`.bias\``,
          );
        assert.ok(documented, `${config.model.kind}: ${name}`);
      }
    }
  });

  it('gives the embed-mlp example layout as the code builds it', () => {
    const session = createSession(configs[0]);
    const layout = [...checkpointLayout(session)].map(([n, s]) => `\`${n} [${s.join(', ')}]\``);
    session.dispose();
    const flat = docs.replace(/\s+/g, ' ');
    for (const entry of layout) {
      assert.ok(flat.includes(entry), entry);
    }
  });
});
