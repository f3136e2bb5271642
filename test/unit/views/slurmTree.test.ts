import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { type SweepStatus, sweepStatusSchema } from '../../../src/runs/sweepCliSchemas';
import { Emitter } from '../../../src/util/emitter';
import type { SchedulerView, SweepNode } from '../../../src/views/runsTreeNodes';
import type { SlurmStatusView } from '../../../src/views/runsTreeSlurm';
import { displayOfState, sweepContextValue } from '../../../src/views/slurmTreeNodes';
import {
  slurmSweepDescription,
  slurmSweepTooltip,
  taskDescription,
  taskTooltip,
  taskTotals,
} from '../../../src/views/slurmTreeText';
import { aSweepRun, writeSweep } from '../../helpers/runFolders';
import { modelOf, nextChange, only, tempRoot } from '../../helpers/runsTree';

const recorded = (name: string): SweepStatus =>
  sweepStatusSchema.parse(
    JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/slurm', name), 'utf8')),
  );

/** A status source the test drives: it answers with `views` and records what the tree asked. */
class FakeTracker implements SlurmStatusView {
  readonly views = new Map<string, SchedulerView>();
  readonly observed: [string, string, boolean][] = [];
  private readonly emitter = new Emitter<string>();
  readonly onDidChange = this.emitter.event;
  unlisted = 0;

  observe(dir: string, signature: string, submitted: boolean): void {
    this.observed.push([dir, signature, submitted]);
  }
  get(dir: string): SchedulerView {
    return this.views.get(dir) ?? {};
  }
  unlistAll(): void {
    this.unlisted += 1;
  }
  set(dir: string, view: SchedulerView): void {
    this.views.set(dir, view);
    this.emitter.fire(dir);
  }
}

/** A sweep of 4 jobs submitted as job 123: job 0 done, job 1 running, logs in slurm/. */
function slurmSweep(root: string, slurm: Record<string, unknown>): string {
  const pending = (index: number) => ({
    index,
    seed: index + 1,
    overrides: {},
    status: 'pending' as const,
  });
  const dir = writeSweep(root, 'sw', 'sweep-1', [0, 1, 2, 3].map(pending));
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'sweep.json'), 'utf8')) as object;
  fs.writeFileSync(
    path.join(dir, 'sweep.json'),
    JSON.stringify({ ...index, executor: 'slurm', slurm }),
  );
  fs.mkdirSync(path.join(dir, 'slurm'));
  fs.writeFileSync(path.join(dir, 'slurm', 'array.sbatch'), '#!/bin/bash\n');
  fs.writeFileSync(path.join(dir, 'slurm', '123_0.out'), 'done\n');
  aSweepRun(dir, 'sw', 0).write();
  aSweepRun(dir, 'sw', 1).withStatus('running').write();
  return dir;
}

const submitted = {
  script: 'slurm/array.sbatch',
  options: { partition: 'debug' },
  submissions: [{ jobId: '123', indices: [0, 1, 2, 3], submittedAt: '2026-01-01T00:00:00Z' }],
};

describe('a Slurm sweep in the runs tree', () => {
  it('shows its job id, hands it to the tracker and its tasks their scheduler states', async () => {
    const root = tempRoot();
    const dir = slurmSweep(root, submitted);
    const tracker = new FakeTracker();
    tracker.views.set(dir, { status: recorded('status-running.json') });
    const model = modelOf([root], { slurm: tracker });
    const [exp] = await only(model, undefined, 'experiment');
    const [sweep] = await only(model, exp, 'sweep');
    assert.deepEqual(sweep.slurm?.jobIds, ['123']);
    assert.deepEqual(tracker.observed, [[dir, '123||', true]]);
    assert.equal(sweepContextValue(sweep), 'sweep.slurm');
    assert.equal(
      slurmSweepDescription(sweep),
      'slurm 123 · 1/4 COMPLETED · 1 PENDING · 1 RUNNING · 1 FAILED',
    );
    const children = await model.children(sweep);
    assert.deepEqual(
      children.map((c) => {
        const task = c.kind === 'run' || c.kind === 'pending' ? c.task : undefined;
        return [c.kind, task && taskDescription(task), c.kind === 'pending' ? c.status : ''];
      }),
      [
        ['run', 'COMPLETED 123_0', ''],
        ['run', 'RUNNING 123_1', ''],
        ['pending', 'PENDING 123_2', 'queued'],
        ['pending', 'FAILED 123_3', 'failed'],
      ],
      'the slurm/ folder is not a run; tasks without a folder show the scheduler state',
    );
    const failed = children[3];
    assert.equal(
      failed.kind === 'pending' ? failed.detail : '',
      'exit code 1: see slurm/123_3.out',
    );
    model.dispose();
  });

  it('redraws the sweep node the view holds when its status changes', async () => {
    const root = tempRoot();
    const dir = slurmSweep(root, submitted);
    const tracker = new FakeTracker();
    const model = modelOf([root], { slurm: tracker });
    const [exp] = await only(model, undefined, 'experiment');
    const [sweep] = await only(model, exp, 'sweep');
    assert.equal(slurmSweepDescription(sweep), 'slurm 123 · checking…');
    const change = nextChange(model);
    tracker.set(dir, { status: recorded('status-finished.json') });
    assert.deepEqual(await change, [sweep]);
    assert.equal(slurmSweepDescription(sweep), 'slurm 123 · 2/4 COMPLETED · 2 CANCELLED');
    model.refresh();
    await nextChange(model);
    assert.equal(tracker.unlisted, 1, 'a full refresh lists every sweep again');
    model.dispose();
  });

  it('says a refused sweep was never submitted, and a local sweep stays as it was', async () => {
    const root = tempRoot();
    const message = 'sbatch: error: invalid partition specified: nope\nsbatch: error: more';
    slurmSweep(root, {
      script: 'slurm/array.sbatch',
      options: {},
      refused: { message, at: '2026-01-01T00:00:00Z' },
    });
    const tracker = new FakeTracker();
    const model = modelOf([root], { slurm: tracker });
    const [exp] = await only(model, undefined, 'experiment');
    const [sweep] = await only(model, exp, 'sweep');
    assert.equal(
      slurmSweepDescription(sweep),
      'not submitted · sbatch: error: invalid partition specified: nope',
    );
    assert.deepEqual(tracker.observed[0].slice(2), [false]);
    const local = writeSweep(tempRoot(), 'loc', 'sweep-2', []);
    const localModel = modelOf([path.dirname(path.dirname(local))], { slurm: tracker });
    const [lexp] = await only(localModel, undefined, 'experiment');
    const [lsweep] = await only(localModel, lexp, 'sweep');
    assert.equal(lsweep.slurm, undefined);
    assert.equal(sweepContextValue(lsweep), 'sweep');
    assert.equal(tracker.observed.length, 1);
    model.dispose();
    localModel.dispose();
  });
});

describe('Slurm texts of the runs tree', () => {
  const node = (fields: Partial<SweepNode>): SweepNode => ({
    kind: 'sweep',
    id: 'sweep:/s',
    dir: '/s',
    name: 's',
    parent: { kind: 'experiment', id: 'exp:/e', dir: '/e', name: 'e', virtual: false },
    ...fields,
  });

  it('counts tasks by state, COMPLETED first', () => {
    assert.deepEqual(taskTotals(recorded('status-finished.json').tasks), [
      '2/4 COMPLETED',
      '2 CANCELLED',
    ]);
    assert.deepEqual(taskTotals([]), ['0/0 COMPLETED']);
  });

  it('describes a sweep whose status could not be read, with several jobs', () => {
    const sweep = node({
      slurm: { jobIds: ['123', '130'] },
      scheduler: { error: 'sweep status: squeue timed out\nmore' },
    });
    assert.equal(
      slurmSweepDescription(sweep),
      'slurm 123, 130 · no status: sweep status: squeue timed out',
    );
    assert.deepEqual(slurmSweepTooltip(sweep), [
      '- Executor: Slurm',
      '- Slurm jobs: 123, 130',
      '- Status: `sweep status: squeue timed out`',
    ]);
    assert.deepEqual(slurmSweepTooltip(node({})), []);
    assert.equal(slurmSweepDescription(node({})), '');
  });

  it("describes a task: state, array id, log and the scheduler's error", () => {
    const [, , , failed] = recorded('status-running.json').tasks;
    assert.deepEqual(taskTooltip(failed), [
      '- Slurm task: `FAILED 123_3`',
      '- Log: `slurm/123_3.out`',
      '- Scheduler error: `exit code 1: see slurm/123_3.out`',
    ]);
    assert.equal(taskDescription({ index: 0, state: 'PENDING' }), 'PENDING');
  });

  it('shows each scheduler state with a tree status', () => {
    assert.deepEqual(
      (
        ['PENDING', 'RUNNING', 'COMPLETED', 'CANCELLED', 'TIMEOUT', 'PREEMPTED', 'UNKNOWN'] as const
      ).map(displayOfState),
      ['queued', 'running', 'done', 'cancelled', 'failed', 'interrupted', 'invalid'],
    );
  });
});
