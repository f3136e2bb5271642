import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { replens, requireBuild, trainRun } from '../../helpers/cli';
import { tempDir, tinyConfig } from '../../helpers/runs';

const dir = tempDir();
const configFile = path.join(dir, 'small.replens.json');
let runDir = '';

/** A mod-add run small enough for a unit test that still forms Fourier circles (seed 1). */
const smallConfig = tinyConfig({
  task: { p: 23 },
  model: { embedDim: 32, hidden: [64] },
  train: { steps: 200, seed: 1, logEvery: 50, optimizer: { lr: 0.01, weightDecay: 3 } },
  checkpoints: { every: 100 },
});

const analyze = (...args: string[]) => replens(['analyze', 'completeness', ...args]);
const json = (stdout: string) => JSON.parse(stdout) as Record<string, never>;

describe('replens analyze completeness', () => {
  before(() => {
    requireBuild();
    runDir = trainRun(dir, 'small', smallConfig);
  });

  it('a short mod-add run forms final circles and gets a prediction test', () => {
    const r = analyze(runDir, '--json');
    assert.equal(r.code, 0, r.stderr);
    const doc = json(r.stdout);
    assert.equal(doc.kind, 'completeness');
    assert.equal(doc.source, runDir);
    assert.equal(doc.step, 200);
    const result = doc.result as Record<string, unknown>;
    const signal = result.initialSignal as number[];
    assert.equal(signal.length, 11); // k = 1..(p−1)/2
    const circles = result.finalCircles as number[];
    assert.ok(circles.length >= 1, 'at least one final circle');
    const pct = result.predictionPercentile as number;
    assert.ok(pct >= 0 && pct <= 1);
    const p = result.pValue as number;
    assert.ok(p > 0 && p <= 1);
    // The percentile is the mean mid-rank percentile of the circles' initial signal.
    const rank = (k: number) => {
      const s = signal[k - 1];
      const less = signal.filter((v) => v < s).length;
      const ties = signal.filter((v) => v === s).length - 1;
      return (less + ties / 2) / (signal.length - 1);
    };
    const expected = circles.map(rank).reduce((a, b) => a + b, 0) / circles.length;
    assert.ok(Math.abs(pct - expected) < 1e-12);
  });

  it('caches the result in the run folder and reads it back unchanged', () => {
    const first = analyze(runDir, '--json');
    const cached = fs.readdirSync(path.join(runDir, 'analyses'));
    assert.ok(
      cached.some((f) => /^completeness-[0-9a-f]{16}\.json$/.test(f)),
      cached.join(),
    );
    const second = analyze(runDir, '--json');
    assert.equal(second.stdout, first.stdout);
  });

  it('the step-0 preview of the config gives the same initial signal as the run', () => {
    const preview = analyze(configFile, '--json');
    assert.equal(preview.code, 0, preview.stderr);
    const initial = (
      json(preview.stdout).result as { modularAddition: { initialSignal: number[] } }
    ).modularAddition.initialSignal;
    const fromRun = (json(analyze(runDir, '--json').stdout).result as { initialSignal: number[] })
      .initialSignal;
    assert.deepEqual(initial, fromRun);
  });

  it('--at picks a checkpoint and names the available ones when it does not exist', () => {
    const at = analyze(runDir, '--at', '100', '--json');
    assert.equal(at.code, 0, at.stderr);
    assert.equal(json(at.stdout).step, 100);
    const bad = analyze(runDir, '--at', '150');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no checkpoint at step 150; checkpoints: 0, 100, 200/);
  });

  it('a sweep folder aggregates its runs and lists the unfinished ones', () => {
    const sweepDir = path.join(dir, 'sweep');
    fs.mkdirSync(sweepDir, { recursive: true });
    const entry = (index: number, status: string, extra: object = {}) => ({
      index,
      seed: index,
      overrides: {},
      status,
      ...extra,
    });
    fs.writeFileSync(
      path.join(sweepDir, 'sweep.json'),
      JSON.stringify({
        formatVersion: 1,
        sweepId: 'sweep-test',
        experiment: 'tiny',
        createdAt: new Date().toISOString(),
        parallel: 1,
        runs: [entry(0, 'done', { runDir }), entry(1, 'done', { runDir }), entry(2, 'running')],
      }),
    );
    const r = analyze(sweepDir, '--json');
    assert.equal(r.code, 0, r.stderr);
    const result = json(r.stdout).result as Record<string, never>;
    assert.equal((result.runs as unknown[]).length, 2);
    assert.equal(result.partial, true);
    assert.deepEqual(result.skipped, [
      { runDir: path.join(sweepDir, 'job-2'), reason: 'still running' },
    ]);
    const prediction = result.prediction as { runs: number; binomial: { n: number } };
    assert.equal(prediction.runs, 2);
    assert.equal(prediction.binomial.n, 2);
    // Two runs from one initial embedding: survival is 1 for their circles, 0 elsewhere.
    const survival = result.survival as { groups: { runs: number; survival: number[] }[] };
    assert.equal(survival.groups[0].runs, 2);
    assert.ok(survival.groups[0].survival.every((s) => s === 0 || s === 1));
  });

  it('bad input exits 2 with a message naming the folder or the analysis', () => {
    const notRun = analyze(dir);
    assert.equal(notRun.code, 2);
    assert.match(notRun.stderr, new RegExp(`${dir}: not a run folder`));
    const unknown = replens(['analyze', 'telepathy', runDir]);
    assert.equal(unknown.code, 2);
    assert.match(
      unknown.stderr,
      /unknown analysis "telepathy"; available: embedding, completeness, extrapolation, cka, stitching, starvation, polca, hessian\n/,
    );
    const missing = analyze(path.join(dir, 'nope'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or folder/);
  });
});
