import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ConfigProblem, formatPath, parseConfig } from '../../../src/shared/parseConfig';
import { taskSize } from '../../../src/shared/taskSizes';

/** Problems of a config whose task is addition with `task` fields, a transformer by default. */
function problems(task: object, rest: object = {}): ConfigProblem[] {
  const text = JSON.stringify({
    task: { kind: 'addition', ...task },
    model: { kind: 'transformer' },
    ...rest,
  });
  return parseConfig(text, 'f.replens.json').problems;
}

function problemAt(
  ps: ConfigProblem[],
  severity: ConfigProblem['severity'],
  path: string,
  pattern: RegExp,
): void {
  assert.ok(
    ps.some(
      (p) => p.severity === severity && formatPath(p.path) === path && pattern.test(p.message),
    ),
    `expected a ${severity} at ${path} matching ${pattern}, got ${JSON.stringify(ps.map((p) => [p.severity, formatPath(p.path), p.message]))}`,
  );
}

describe('addition config', () => {
  it('fills every default', () => {
    const { config, problems: ps } = parseConfig(
      '{"task":{"kind":"addition"},"model":{"kind":"transformer"}}',
    );
    assert.deepEqual(ps, []);
    assert.deepEqual(config?.task, {
      kind: 'addition',
      digits: 3,
      reverseAnswer: true,
      count: 10000,
      trainFraction: 0.8,
    });
  });

  it('accepts the lstm and every option', () => {
    const task = { digits: 2, reverseAnswer: false, count: 500, trainFraction: 0.5, splitSeed: 7 };
    assert.deepEqual(problems(task, { model: { kind: 'lstm' } }), []);
  });

  it('needs a sequence model, naming model.kind', () => {
    problemAt(
      problems({}, { model: { kind: 'embed-mlp' } }),
      'error',
      'model.kind',
      /addition.*transformer or lstm/,
    );
  });

  it('rejects out-of-range fields', () => {
    problemAt(problems({ digits: 0 }), 'error', 'task.digits', /.+/);
    problemAt(problems({ digits: 7 }), 'error', 'task.digits', /.+/);
    problemAt(problems({ count: 1 }), 'error', 'task.count', /.+/);
    problemAt(problems({ reverseAnswer: 'yes' }), 'error', 'task.reverseAnswer', /.+/);
    problemAt(problems({ trainFraction: 1 }), 'error', 'task.trainFraction', /.+/);
    problemAt(problems({ carry: true }), 'error', 'task.carry', /unknown field/);
  });

  it('warns when count exceeds the 10^(2n) operand pairs, and caps it', () => {
    const ps = problems({ digits: 1, count: 500 });
    problemAt(ps, 'warning', 'task.count', /500 exceeds the 100 pairs of 1-digit operands/);
    assert.ok(ps.every((p) => p.severity === 'warning'));
    assert.deepEqual(problems({ digits: 1, count: 100 }), []);
    const parsed = parseConfig(
      JSON.stringify({
        task: { kind: 'addition', digits: 1, count: 500 },
        model: { kind: 'lstm' },
      }),
    );
    const task = parsed.config?.task;
    assert.ok(task !== undefined);
    assert.equal(taskSize(task).examples, 100);
  });

  it('rejects a split that leaves no test example', () => {
    problemAt(
      problems({ digits: 1, count: 3, trainFraction: 0.9 }),
      'error',
      'task.trainFraction',
      /3 train and 0 test/,
    );
  });

  it('sizes the sequences for previews', () => {
    const { config } = parseConfig(
      '{"task":{"kind":"addition","digits":4,"count":2000},"model":{"kind":"lstm"}}',
    );
    assert.ok(config !== undefined);
    assert.deepEqual(taskSize(config.task), {
      examples: 2000,
      train: 1600,
      test: 400,
      vocab: 15,
      classes: 15,
      seqLen: 16,
    });
  });

  it('checks the options of POLCA and Hessian entries, naming the field', () => {
    const analyses = (entry: object) => problems({}, { analyses: [{ kind: 'embedding' }, entry] });
    assert.deepEqual(
      analyses({ kind: 'polca', k: 6, features: 'cumulative', skill: 'carryIn' }),
      [],
    );
    problemAt(analyses({ kind: 'polca', k: 0 }), 'error', 'analyses[1].k', /.+/);
    problemAt(
      analyses({ kind: 'polca', features: 'shape' }),
      'error',
      'analyses[1].features',
      /increments/,
    );
    problemAt(
      analyses({ kind: 'hessian', allocation: 'path' }),
      'error',
      'analyses[1]',
      /allocation/,
    );
    const ignored = problems({}, { analyses: [{ kind: 'embedding', estimator: 'rbf' }] });
    problemAt(ignored, 'warning', 'analyses[0].estimator', /"estimator" has no effect: embedding/);
    assert.equal(ignored.length, 1);
    // An entry whose analysis cannot use this config warns at its kind, and keeps the config.
    const inapplicable = problems({}, { analyses: [{ kind: 'cka' }] });
    problemAt(inapplicable, 'warning', 'analyses[0].kind', /"cka" does not apply.*embed-mlp/);
    assert.equal(inapplicable.length, 1);
  });
});
