import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { checkpointFile } from '../../../src/storage/runLayout';
import { readManifest, readMetrics } from '../../../src/storage/runStore';
import { replens, requireBuild, trainRun } from '../../helpers/cli';
import { tempDir, tinyConfig } from '../../helpers/runs';

const dir = tempDir();

describe('replens run: a fine-tune of another run', () => {
  let parent: string;

  before(() => {
    requireBuild();
    parent = trainRun(dir, 'parent', tinyConfig({ train: { steps: 20 } }));
  });

  it('records its parent and starts from the parent’s weights at that checkpoint', () => {
    // A relative from, as a user writes it beside the parent's runs folder.
    const from = path.relative(dir, checkpointFile(parent, 10));
    const file = path.join(dir, 'child.replens.json');
    fs.writeFileSync(
      file,
      JSON.stringify(tinyConfig({ model: { init: { from } }, train: { steps: 10 } })),
    );
    const r = replens([
      'run',
      file,
      '--out',
      path.join(dir, 'runs'),
      '--backend',
      'wasm',
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /fine-tune of tiny\/\S+ from its step 10/);
    const child = (JSON.parse(r.stdout) as { runDir: string }).runDir;
    const m = readManifest(child);
    assert.deepEqual(m.init?.parent, {
      runId: path.basename(parent),
      runDir: parent,
      experiment: 'tiny',
      step: 10,
    });
    // Invariant: the same data and the parent's weights give the parent's loss at that step.
    const first = readMetrics(child)[0];
    const atStep = readMetrics(parent).find((r) => r.step === 10);
    assert.equal(first.step, 0);
    assert.equal(first.trainLoss, atStep?.trainLoss);
    assert.equal(first.testLoss, atStep?.testLoss);

    assert.ok(fs.readFileSync(path.join(child, 'log.txt'), 'utf8').includes('fine-tune of tiny/'));
  });
});
