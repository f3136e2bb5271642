import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { replens, requireBuild, trainRun } from '../../helpers/cli';
import { tempDir } from '../../helpers/runs';

const dir = tempDir();

/** A small aⁿbⁿ transformer config that trains in a few seconds. */
function config(name: string, training: string): object {
  return {
    name,
    task: { kind: 'formal-language', language: 'anbn', maxLength: 16, promptLength: 8, training },
    model: { kind: 'transformer', dModel: 16, heads: 4, layers: 2, dFF: 64, dropout: 0 },
    train: {
      steps: 400,
      optimizer: { lr: 0.01, weightDecay: 0.01 },
      lrSchedule: { kind: 'inverse-sqrt', warmupSteps: 50 },
      logEvery: 50,
    },
    checkpoints: { every: 100 },
  };
}

function train(name: string, training: string): string {
  return trainRun(dir, name, config(name, training));
}

interface Checkpoint {
  step: number;
  valLoss: number;
  valAcc: number;
  oodR1Accuracy: number;
}

describe('replens analyze extrapolation', () => {
  let normal = '';
  let oracle = '';
  before(() => {
    requireBuild();
    normal = train('normal', 'normal');
    oracle = train('oracle', 'oracle');
  });

  it('a short transformer run on aⁿbⁿ reaches high ID accuracy; the result names its prompts', () => {
    const r = replens(['analyze', 'extrapolation', normal, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { step: number; result: Record<string, unknown> };
    const result = doc.result;
    assert.deepEqual(result.prompts, { id: 5, ood: 251, length: 8 });
    const checkpoints = result.checkpoints as Checkpoint[];
    assert.deepEqual(
      checkpoints.map((c) => c.step),
      [0, 100, 200, 300, 400],
    );
    const best = checkpoints.reduce((a, b) => (b.valLoss < a.valLoss ? b : a));
    assert.equal(doc.step, best.step);
    assert.equal(result.valLoss, best.valLoss);
    assert.ok((result.valAcc as number) > 0.9, `teacher-forced accuracy ${String(result.valAcc)}`);
    for (const key of ['oodR1Accuracy', 'idGrammaticalAccuracy', 'chanceOodR1']) {
      const v = result[key] as number;
      assert.ok(v >= 0 && v <= 1, `${key} = ${v}`);
    }
    assert.ok((result.samples as unknown[]).length > 0);
  });

  it('oracle training extrapolates the rule where normal training does not, at equal loss', () => {
    const r = replens(['analyze', 'extrapolation', normal, oracle, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const { byTraining } = (
      JSON.parse(r.stdout) as {
        result: {
          byTraining: {
            training: string;
            valLoss: { mean: number };
            oodR1Accuracy: { mean: number };
          }[];
        };
      }
    ).result;
    const get = (t: string) => byTraining.find((b) => b.training === t)!;
    assert.ok(get('oracle').oodR1Accuracy.mean > get('normal').oodR1Accuracy.mean + 0.3);
    assert.ok(Math.abs(get('oracle').valLoss.mean - get('normal').valLoss.mean) < 0.05);
  });

  it('caches the result of a finished run', () => {
    const cached = fs.readdirSync(path.join(normal, 'analyses'));
    assert.ok(
      cached.some((f) => /^extrapolation-[0-9a-f]{16}\.json$/.test(f)),
      cached.join(),
    );
  });

  it('refuses a run of another task and a missing folder with exit 2', () => {
    const bad = replens(['analyze', 'extrapolation', path.join(dir, 'nope')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no such run or sweep folder/);
  });
});
