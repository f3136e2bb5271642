import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { configJsonSchema } from '../../../src/shared/emitSchema';
import { formatPath, formatProblem, parseConfig } from '../../../src/shared/parseConfig';

const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'configs');
const list = (kind: string): string[] => fs.readdirSync(path.join(fixtures, kind)).sort();
const read = (kind: string, f: string): string =>
  fs.readFileSync(path.join(fixtures, kind, f), 'utf8');

describe('parseConfig', () => {
  for (const f of list('valid')) {
    it(`accepts the valid fixture ${f} without errors`, () => {
      const { config, problems } = parseConfig(read('valid', f), f);
      assert.deepEqual(
        problems.filter((p) => p.severity === 'error'),
        [],
      );
      assert.ok(config);
    });
  }

  for (const f of list('invalid')) {
    it(`rejects ${f} with the positioned message its first line expects`, () => {
      const text = read('invalid', f);
      const expected = /^\/\/ expect (\d+):(\d+) (.*)$/.exec(text.split('\n')[0]);
      assert.ok(expected, 'fixture must start with "// expect line:col message"');
      const { config, problems } = parseConfig(text, f);
      assert.equal(config, undefined);
      const lines = problems.map((p) => formatProblem(f, p));
      const want = `${f}:${expected[1]}:${expected[2]}: error: `;
      assert.ok(
        lines.some((l) => l.startsWith(want) && l.includes(expected[3])),
        `expected a line starting "${want}" containing "${expected[3]}", got:\n${lines.join('\n')}`,
      );
    });
  }

  it('fills every default of a minimal config', () => {
    const { config } = parseConfig(
      read('valid', 'minimal.replens.json'),
      'dir/minimal.replens.json',
    );
    assert.ok(config);
    assert.equal(config.name, 'minimal');
    assert.equal(config.task.kind, 'modular-addition');
    assert.equal(config.task.trainFraction, 0.8);
    assert.deepEqual(config.model, {
      kind: 'embed-mlp',
      embedDim: 128,
      hidden: [100, 100],
      activation: 'silu',
      combine: 'concat',
      embedInitStd: 1,
      freezeEmbedding: false,
    });
    assert.equal(config.train.batchSize, 'full');
    assert.equal(config.train.optimizer.kind, 'adamw');
    assert.equal(config.backend, 'auto');
  });

  it('keeps explicit values and partial sections', () => {
    const { config } = parseConfig(
      '{"task":{"kind":"multi-digit-xor"},"train":{"optimizer":{"lr":0.5}}}',
      'x.replens.json',
    );
    assert.ok(config);
    assert.equal(config.train.optimizer.lr, 0.5);
    assert.equal(config.train.optimizer.beta2, 0.999);
    assert.equal(config.train.steps, 3000);
  });

  it('warns, without failing, when p is not prime', () => {
    const { config, problems } = parseConfig(
      '{"task":{"kind":"modular-addition","p":60}}',
      'w.replens.json',
    );
    assert.ok(config);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].severity, 'warning');
    assert.deepEqual(problems[0].path, ['task', 'p']);
    assert.match(problems[0].message, /not prime/);
  });

  it('reports every error of a document, not just the first', () => {
    const text =
      '{"task":{"kind":"modular-addition","p":1,"trainFraction":0},"model":{"kind":"embed-mlp","embedDim":0}}';
    const paths = parseConfig(text, 'e.replens.json').problems.map((p) => formatPath(p.path));
    assert.deepEqual(paths.sort(), ['model.embedDim', 'task.p', 'task.trainFraction']);
  });

  it('reports a split that leaves no test example', () => {
    const { problems } = parseConfig(
      '{"task":{"kind":"multi-digit-xor","bits":1,"trainFraction":0.9}}',
      's.replens.json',
    );
    assert.ok(problems.some((p) => p.severity === 'error' && /both must be ≥ 1/.test(p.message)));
  });
});

describe('configJsonSchema', () => {
  it('describes and defaults every field of the task, model and train sections', () => {
    const schema = JSON.stringify(configJsonSchema());
    for (const field of [
      'trainFraction',
      'embedDim',
      'hidden',
      'freezeEmbedding',
      'weightDecay',
      'logSpaced',
      'parallel',
    ]) {
      assert.ok(schema.includes(`"${field}"`), `schema lacks ${field}`);
    }
    const props = (configJsonSchema().properties ?? {}) as Record<string, { description?: string }>;
    for (const [key, value] of Object.entries(props)) {
      assert.ok(value.description, `top-level field ${key} has no description`);
    }
  });

  it('does not require fields that have defaults', () => {
    const schema = configJsonSchema() as { required?: string[] };
    assert.deepEqual(schema.required, ['task']);
  });
});
