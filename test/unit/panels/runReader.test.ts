import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  mergeByStep,
  mergeRun,
  parseMetricsLines,
  readRunFolder,
  runLabel,
} from '../../../src/panels/runReader';
import { runFiles } from '../../../src/storage/runLayout';
import { aLiveRun, aRun } from '../../helpers/runFolders';
import { tempDir } from '../../helpers/runs';

const rec = (step: number, testAcc = 0.5) => ({
  step,
  lr: 0.01,
  trainLoss: 1 / step,
  trainAcc: 0.6,
  testLoss: 2 / step,
  testAcc,
});

function writeMetrics(runDir: string, lines: string[]): void {
  fs.writeFileSync(path.join(runDir, runFiles.metrics), lines.join('\n'));
}

describe('parseMetricsLines', () => {
  it('reads complete records and skips blank, torn and foreign lines', () => {
    const text = [
      JSON.stringify(rec(1)),
      '',
      JSON.stringify({ step: 2, note: 'not a metrics record' }),
      JSON.stringify(rec(3)),
      '{"step": 4, "lr": 0.01, "trainLo',
    ].join('\n');
    assert.deepEqual(parseMetricsLines(text), [rec(1), rec(3)]);
  });

  it('keeps only the metric fields of a record', () => {
    const [r] = parseMetricsLines(JSON.stringify({ ...rec(5), extra: 'x' }));
    assert.deepEqual(r, rec(5));
  });
});

describe('mergeByStep', () => {
  it('unions two lists by step, the later list winning, ascending', () => {
    const merged = mergeByStep([rec(1), rec(2, 0.1)], [rec(2, 0.9), rec(3)]);
    assert.deepEqual(
      merged.map((r) => [r.step, r.testAcc]),
      [
        [1, 0.5],
        [2, 0.9],
        [3, 0.5],
      ],
    );
  });
});

describe('readRunFolder and mergeRun', () => {
  it('reads a finished run folder from disk', async () => {
    const runDir = aRun(tempDir(), 'modadd', '20260101T000001Z-aaaa').write();
    writeMetrics(runDir, [JSON.stringify(rec(100)), JSON.stringify(rec(200))]);
    const run = mergeRun(await readRunFolder(runDir), undefined);
    assert.equal(run.label, 'modadd · 20260101T000001Z-aaaa');
    assert.equal(run.status, 'done');
    assert.equal(run.step, 500);
    assert.equal(run.total, 500);
    assert.equal(run.backend, 'cpu');
    assert.deepEqual(run.metrics, [rec(100), rec(200)]);
    assert.equal(run.error, undefined);
  });

  it('prefers the live run: its state, step, total and newer metrics', async () => {
    const runDir = aRun(tempDir(), 'modadd').withStatus('running', 100).write();
    writeMetrics(runDir, [JSON.stringify(rec(50)), JSON.stringify(rec(100))]);
    const live = aLiveRun({
      runDir,
      state: 'running',
      step: 160,
      total: 900,
      metrics: [rec(100), rec(150)],
    });
    const run = mergeRun(await readRunFolder(runDir), live);
    assert.equal(run.status, 'running');
    assert.equal(run.step, 160);
    assert.equal(run.total, 900);
    assert.deepEqual(
      run.metrics.map((r) => r.step),
      [50, 100, 150],
    );
  });

  it('reports a folder without a readable manifest as failed, with the reason', async () => {
    const runDir = path.join(tempDir(), 'exp', 'broken');
    fs.mkdirSync(runDir, { recursive: true });
    fs.writeFileSync(path.join(runDir, runFiles.manifest), '{ not json');
    const run = mergeRun(await readRunFolder(runDir), undefined);
    assert.equal(run.status, 'failed');
    assert.match(run.error ?? '', /run\.json/);
    assert.deepEqual(run.metrics, []);
    assert.equal(run.label, 'exp · broken');
  });

  it('shows a live run whose folder has no files yet', async () => {
    const runDir = path.join(tempDir(), 'exp', 'fresh');
    const live = aLiveRun({ runDir, state: 'starting', total: 30 });
    const run = mergeRun(await readRunFolder(runDir), live);
    assert.equal(run.status, 'starting');
    assert.equal(run.total, 30);
    assert.equal(run.error, undefined);
  });
});

describe('runLabel', () => {
  it('falls back to the folder names without a manifest', () => {
    assert.equal(
      runLabel('/w/.replens/runs/exp/20260101T000000Z-abcd'),
      'exp · 20260101T000000Z-abcd',
    );
  });
});
