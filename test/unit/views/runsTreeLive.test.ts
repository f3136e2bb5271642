import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { aLiveRun, aRun, nextRunId, writeSweep } from '../../helpers/runFolders';
import {
  FakeLive,
  childLabels,
  modelOf,
  nextChange,
  only,
  tempRoot as tempDir,
} from '../../helpers/runsTree';

describe('RunsTreeModel with live runs and changes', () => {
  it('shows the live step of a run this window drives and redraws it on progress', async () => {
    const root = tempDir();
    const runDir = aRun(root).withStatus('running', 0).write();
    const live = new FakeLive();
    const info = aLiveRun({ runDir, state: 'running', step: 40, total: 500 });
    live.list.push(info);
    const model = modelOf([root], { live });
    const [exp] = await only(model, undefined, 'experiment');
    const [run] = await only(model, exp, 'run');
    assert.deepEqual(
      [model.summary(run).status, model.summary(run).step, model.summary(run).total],
      ['running', 40, 500],
      'the live step wins over the manifest, which is only written at checkpoints',
    );
    info.step = 90;
    const change = nextChange(model);
    live.fire(info, 'progress');
    assert.deepEqual(await change, [run], 'only the run node is redrawn, as the same object');
    assert.equal(model.summary(run).step, 90);

    info.state = 'done';
    const full = nextChange(model);
    live.fire(info, 'state');
    assert.equal(await full, undefined, 'a state change refreshes everything');
    assert.equal(
      model.summary(run).status,
      'done',
      'a finished live run wins over a manifest not yet re-read',
    );
    model.dispose();
  });

  it('shows a running manifest with no writer for a while as interrupted', async () => {
    const root = tempDir();
    aRun(root).withStatus('running').write();
    let now = Date.now();
    const model = modelOf([root], { now: () => now, staleAfterMs: 60_000 });
    const [exp] = await only(model, undefined, 'experiment');
    const [run] = await only(model, exp, 'run');
    assert.equal(model.summary(run).status, 'running');
    now += 10 * 60_000;
    assert.equal(model.summary(run).status, 'interrupted');
    model.dispose();
  });

  it('places a run queued in this window under the experiment it will use', async () => {
    const root = tempDir();
    const configs = tempDir();
    const configPath = path.join(configs, 'mod-add.replens.json');
    fs.writeFileSync(configPath, '{ // comment\n "name": "named", "task": {} }');
    const live = new FakeLive();
    live.list.push(aLiveRun({ key: 'run-7', configPath, state: 'queued' }));
    const model = modelOf([root], { live, runsRootFor: () => root });
    assert.deepEqual(await childLabels(model), ['experiment named']);
    const [exp] = await only(model, undefined, 'experiment');
    assert.equal(exp.virtual, true);
    const [queued] = await only(model, exp, 'pending');
    assert.deepEqual(
      [queued.label, queued.status, queued.runKey],
      ['mod-add.replens.json', 'queued', 'run-7'],
    );
  });

  it("lists a sweep's queued jobs under the sweep, not beside it", async () => {
    const root = tempDir();
    const configs = tempDir();
    const configPath = path.join(configs, 'sw.replens.json');
    fs.writeFileSync(configPath, '{ "name": "sw", "task": {} }');
    const sweepDir = writeSweep(root, 'sw', 'sweep-1', [
      { index: 0, seed: 0, overrides: {}, status: 'pending' },
    ]);
    const sweep = { sweepId: 'sweep-1', sweepDir, index: 0, configFile: 'job-000.replens.json' };
    const live = new FakeLive();
    live.list.push(aLiveRun({ key: 'run-3', configPath, state: 'queued', sweep }));
    const model = modelOf([root], { live, runsRootFor: () => root });
    const [exp] = await only(model, undefined, 'experiment');
    assert.deepEqual(await childLabels(model, exp), ['sweep sweep-1']);
    const [sweepNode] = await only(model, exp, 'sweep');
    const [job] = await only(model, sweepNode, 'pending');
    assert.deepEqual([job.label, job.status], ['job 0', 'queued']);
  });

  it('re-reads only the run whose files changed, keeping its node object', async () => {
    const root = tempDir();
    const runDir = aRun(root).withStatus('running', 10).withCheckpoints(10).write();
    const model = modelOf([root]);
    const [exp] = await only(model, undefined, 'experiment');
    const [run] = await only(model, exp, 'run');
    aRun(root, 'exp', path.basename(runDir)).withStatus('done').withCheckpoints(10, 20).write();
    const change = nextChange(model);
    model.changed(path.join(runDir, 'checkpoints', 'step-000020.safetensors'));
    model.changed(path.join(runDir, 'run.json'));
    assert.deepEqual(await change, [run], 'one redraw of the same object');
    assert.equal(run.checkpointCount, 2);
    assert.equal(model.summary(run).status, 'done');

    const full = nextChange(model);
    model.changed(path.join(root, 'exp', nextRunId()));
    assert.equal(await full, undefined, 'a new folder outside known runs refreshes everything');
    model.dispose();
  });

  it('picks up a run written by another process after a refresh, coalescing refreshes', async () => {
    const root = tempDir();
    aRun(root, 'exp').write();
    const model = modelOf([root]);
    const [exp] = await only(model, undefined, 'experiment');
    assert.equal((await model.children(exp)).length, 1);
    const id = nextRunId();
    aRun(root, 'exp', id).write();
    let events = 0;
    const counter = model.onDidChange(() => (events += 1));
    const change = nextChange(model);
    model.refresh();
    model.refresh();
    model.refresh();
    assert.equal(await change, undefined);
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(events, 1, 'three refreshes in one window fire once');
    counter.dispose();
    const runs = await only(model, exp, 'run');
    assert.deepEqual(
      runs.map((r) => r.name),
      [id, runs[1].name],
    );
    model.dispose();
  });
});
