import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initBackend } from '../../../src/engine/backend';
import { AnalysisInputError } from '../../../src/runner/analysisRuns';
import { startRun } from '../../../src/runner/runExperiment';
import { experimentConfigSchema } from '../../../src/shared/experimentConfig';
import { runManifestSchema } from '../../../src/shared/runManifest';
import { readCheckpoint } from '../../../src/storage/checkpointStore';
import { checkpointFile } from '../../../src/storage/runLayout';
import { readManifest, readMetrics } from '../../../src/storage/runStore';
import { tempDir, tinyConfig } from '../../helpers/runs';

const out = tempDir();

function tensor(runDir: string, step: number, name: string): Float32Array {
  const t = readCheckpoint(checkpointFile(runDir, step)).tensors.get(name);
  assert.ok(t, name);
  return t.data;
}

function rows(data: Float32Array, width: number, from: number, to: number): number[] {
  return Array.from(data.subarray(from * width, to * width));
}

/** A tiny transformer on aⁿbⁿ or aⁿbⁿcⁿ (vocabularies SOS EOS PAD a b and SOS EOS PAD a b c). */
function formal(language: 'anbn' | 'anbncn', init?: object) {
  return experimentConfigSchema.parse({
    name: language,
    task: { kind: 'formal-language', language, maxLength: 12, promptLength: 3 },
    model: { kind: 'transformer', dModel: 8, heads: 2, layers: 1, dFF: 16, dropout: 0, init },
    train: { steps: 10, logEvery: 5, batchSize: 'full', seed: 4 },
    checkpoints: { every: 5, logSpaced: 0 },
  });
}

describe('fine-tunes (wasm backend)', () => {
  let parent: string;

  before(async () => {
    await initBackend('wasm');
    parent = (await startRun({ config: tinyConfig(), outRoot: path.join(out, 'parent') })).runDir;
  });

  it('records the parent run and starts at the parent’s loss at that checkpoint', async () => {
    const r = await startRun({
      config: tinyConfig({ model: { init: { from: checkpointFile(parent, 20) } } }),
      outRoot: path.join(out, 'child'),
    });
    const m = readManifest(r.runDir);
    const p = readManifest(parent);
    assert.deepEqual(m.init?.parent, {
      runId: p.runId,
      runDir: parent,
      experiment: 'tiny',
      step: 20,
    });
    const first = readMetrics(r.runDir)[0];
    const atStep = readMetrics(parent).find((x) => x.step === 20);
    assert.equal(first.step, 0);
    assert.equal(first.trainLoss, atStep?.trainLoss);
    assert.equal(first.testLoss, atStep?.testLoss);
    assert.match(fs.readFileSync(path.join(r.runDir, 'log.txt'), 'utf8'), /fine-tune of tiny\//);

    const folder = await startRun({
      config: tinyConfig({ model: { init: { from: parent } }, train: { steps: 0 } }),
      outRoot: path.join(out, 'child'),
    });
    assert.equal(readManifest(folder.runDir).init?.parent?.step, 30, 'a folder: its last step');
  });

  it('a file outside a run folder has no parent; older manifests read without one', async () => {
    const file = path.join(out, 'loose.safetensors');
    fs.copyFileSync(checkpointFile(parent, 30), file);
    const r = await startRun({
      config: tinyConfig({ model: { init: { from: file } }, train: { steps: 0 } }),
      outRoot: path.join(out, 'loose'),
    });
    const m = readManifest(r.runDir);
    assert.ok(m.init);
    assert.equal(m.init.parent, undefined);
    const { parent: _p, ...oldInit } = m.init;
    assert.equal(runManifestSchema.parse({ ...m, init: oldInit }).init?.parent, undefined);
  });

  it('aⁿbⁿ → aⁿbⁿcⁿ: exit-2 problems by default; with strict false a and b load, c keeps its initial row', async () => {
    const anbn = (await startRun({ config: formal('anbn'), outRoot: path.join(out, 'anbn') }))
      .runDir;
    const from = checkpointFile(anbn, 10);
    const strictRoot = path.join(out, 'anbncn-strict');
    await assert.rejects(
      startRun({ config: formal('anbncn', { from }), outRoot: strictRoot }),
      (e: Error) =>
        e instanceof AnalysisInputError &&
        /vocabulary tensor "embedding.weight" \[5, 8\] → \[6, 8\]/.test(e.message) &&
        /vocabulary tensor "head.weight" \[5, 8\] → \[6, 8\]/.test(e.message) &&
        /vocabulary tensor "head.bias" \[5\] → \[6\]/.test(e.message) &&
        /with "strict": false the vocabulary tensors load by token/.test(e.message),
    );
    assert.equal(fs.existsSync(strictRoot), false);

    const warnings: string[] = [];
    const tuned = await startRun({
      config: formal('anbncn', { from, strict: false }),
      outRoot: path.join(out, 'anbncn'),
      onWarning: (w) => warnings.push(w),
    });
    const fresh = await startRun({
      config: { ...formal('anbncn'), train: { ...formal('anbncn').train, steps: 0 } },
      outRoot: path.join(out, 'fresh'),
    });
    for (const [name, width] of [
      ['embedding.weight', 8],
      ['head.weight', 8],
      ['head.bias', 1],
    ] as const) {
      const got = tensor(tuned.runDir, 0, name);
      assert.deepEqual(rows(got, width, 0, 5), rows(tensor(anbn, 10, name), width, 0, 5), name);
      assert.deepEqual(rows(got, width, 5, 6), rows(tensor(fresh.runDir, 0, name), width, 5, 6));
    }
    assert.equal(warnings.length, 3);
    assert.match(
      warnings[0],
      /rows of SOS, EOS, PAD, a, b load by token; c \(not in the source's vocabulary\) keeps initial values/,
    );
    const m = readManifest(tuned.runDir);
    assert.equal(m.init?.parent?.experiment, 'anbn');
    assert.ok(m.init?.loaded.includes('embedding.weight'));
  });
});
