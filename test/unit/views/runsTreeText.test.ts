import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type RunNode,
  type RunSummary,
  runContextValue,
  summarizeRun,
} from '../../../src/views/runsTreeNodes';
import {
  runDescription,
  runLabel,
  runTooltip,
  sweepDescription,
} from '../../../src/views/runsTreeText';
import { aLiveRun, aManifest } from '../../helpers/runFolders';

function runNode(fields: Partial<RunNode> = {}): RunNode {
  return {
    kind: 'run',
    id: 'run:/r/exp/r1',
    runDir: '/r/exp/r1',
    name: 'r1',
    manifest: aManifest('r1', 'exp'),
    checkpointCount: 2,
    analysisCount: 0,
    parent: undefined,
    ...fields,
  };
}

const summary = (fields: Partial<RunSummary>): RunSummary => ({
  status: 'done',
  step: 500,
  total: 500,
  ...fields,
});

describe('runs tree texts', () => {
  it('describes a run in one line per status', () => {
    const final = { trainLoss: 0.01, trainAcc: 1, testLoss: 0.02, testAcc: 1 };
    assert.equal(runDescription(summary({ final })), 'done · test acc 1.000 · 500 steps');
    assert.equal(
      runDescription(summary({ status: 'running', step: 120 })),
      'running · step 120/500',
    );
    assert.equal(
      runDescription(summary({ status: 'failed', step: 40, error: 'NaN loss\nstack' })),
      'failed at step 40 · NaN loss',
    );
    assert.equal(
      runDescription(summary({ status: 'cancelled', step: 200 })),
      'cancelled at step 200/500',
    );
    assert.equal(runDescription(summary({ status: 'queued' })), 'queued');
    assert.equal(
      runDescription(summary({ status: 'invalid', error: 'no run.json' })),
      'no run.json',
    );
  });

  it('gives each status the context value the menus match on', () => {
    assert.equal(runContextValue(summary({ status: 'running' })), 'run.running');
    assert.equal(runContextValue(summary({ status: 'queued' })), 'run.running');
    assert.equal(runContextValue(summary({ status: 'done' })), 'run.done');
    assert.equal(runContextValue(summary({ status: 'failed' })), 'run.failed');
    assert.equal(runContextValue(summary({ status: 'cancelled' })), 'run.cancelled');
    assert.equal(runContextValue(summary({ status: 'interrupted' })), 'run.cancelled');
    assert.equal(runContextValue(summary({ status: 'invalid' })), 'run.invalid');
  });

  it('labels sweep runs by job and overrides', () => {
    const job = {
      index: 2,
      seed: 5,
      overrides: { 'train.optimizer.lr': 0.01 },
      status: 'done' as const,
    };
    assert.equal(runLabel(runNode()), 'r1');
    assert.equal(runLabel(runNode({ job })), 'job 2: lr=0.01');
  });

  it('summarizes a sweep from its index', () => {
    const sweep = {
      kind: 'sweep' as const,
      id: 's',
      dir: '/s',
      name: 'sweep-1',
      parent: { kind: 'experiment' as const, id: 'e', dir: '/e', name: 'e', virtual: false },
      index: {
        formatVersion: 1 as const,
        sweepId: 'sweep-1',
        experiment: 'e',
        createdAt: '',
        parallel: 1,
        runs: (['done', 'done', 'failed', 'pending'] as const).map((status, index) => ({
          index,
          seed: index,
          overrides: {},
          status,
        })),
      },
    };
    assert.equal(sweepDescription(sweep), '2/4 done · 1 failed · 1 queued');
    assert.equal(sweepDescription({ ...sweep, index: undefined }), 'starting');
    assert.equal(
      sweepDescription({ ...sweep, error: 'sweep.json is unreadable' }),
      'sweep.json is unreadable',
    );
  });

  it('puts backend, seed, config hash and result in the tooltip, escaping free text', () => {
    const node = runNode();
    const text = runTooltip(node, summarizeRun(node, Date.now(), 1000));
    assert.match(text, /Backend: cpu \\\(requested auto\\\)/);
    assert.match(text, /Seed: 3/);
    assert.match(text, /Config hash: `c0ffee12`/);
    assert.match(text, /test acc 1\.000/);
    const failed = runTooltip(node, summary({ status: 'failed', error: 'bad *input*' }));
    assert.match(failed, /Error: bad \\\*input\\\*/);
  });

  it('lets a queued live resume show as queued over its manifest', () => {
    const node = runNode({ live: aLiveRun({ state: 'queued', runDir: '/r/exp/r1' }) });
    assert.equal(summarizeRun(node, 0, 1000).status, 'queued');
  });
});
