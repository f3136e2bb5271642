import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { RunNode } from '../../../src/views/runsTreeNodes';
import { aRun, aSweepRun, writeSweep } from '../../helpers/runFolders';
import { childLabels, labelOf, modelOf, only, tempRoot as tempDir } from '../../helpers/runsTree';

describe('RunsTreeModel on disk', () => {
  it('shows experiments, their runs newest first, then checkpoints by step and analyses', async () => {
    const root = tempDir();
    const older = aRun(root, 'beta').withCheckpoints(100, 20, 500).withAnalyses('cka-1a2b.json');
    older.write();
    const newer = aRun(root, 'beta').write();
    aRun(root, 'alpha').write();
    fs.writeFileSync(path.join(root, 'notes.txt'), 'not a folder');
    const model = modelOf([root]);

    assert.deepEqual(await childLabels(model), ['experiment alpha', 'experiment beta']);
    const [, beta] = await only(model, undefined, 'experiment');
    const runs = await only(model, beta, 'run');
    assert.equal(runs[0].runDir, newer, 'newest run first');
    assert.equal(runs[1].checkpointCount, 3);
    assert.equal(runs[1].analysisCount, 1);
    assert.equal(runs[0].checkpointCount, 0);
    assert.deepEqual(await childLabels(model, runs[1]), [
      'checkpoint 20',
      'checkpoint 100',
      'checkpoint 500',
      'analysis cka',
    ]);
    assert.equal(runs[1].parent, beta, 'nodes know their parent (for reveal)');
  });

  it('groups several runs roots under one node each and is empty for a missing root', async () => {
    const a = tempDir();
    const b = tempDir();
    aRun(a, 'x').write();
    const model = modelOf([a, b, path.join(b, 'missing')]);
    const roots = await only(model, undefined, 'root');
    assert.equal(roots.length, 3);
    assert.deepEqual(await childLabels(model, roots[0]), ['experiment x']);
    assert.deepEqual(await childLabels(model, roots[2]), []);
    assert.deepEqual(await childLabels(modelOf([]), undefined), []);
  });

  it('groups a sweep folder and lists its runs by job, then jobs without a folder', async () => {
    const root = tempDir();
    const sweepDir = writeSweep(root, 'sw', 'sweep-20260102T000000Z-abcd', []);
    const done = aSweepRun(sweepDir, 'sw', 0).write();
    aSweepRun(sweepDir, 'sw', 1).withStatus('running').write();
    writeSweep(root, 'sw', 'sweep-20260102T000000Z-abcd', [
      { index: 0, seed: 1, overrides: { 'train.lr': 0.1 }, status: 'done', runDir: done },
      { index: 1, seed: 2, overrides: { 'train.lr': 0.01 }, status: 'running' },
      { index: 2, seed: 3, overrides: {}, status: 'pending' },
      { index: 3, seed: 4, overrides: {}, status: 'failed', error: 'worker crashed' },
    ]);
    aRun(root, 'sw').write();
    const model = modelOf([root]);
    const [exp] = await only(model, undefined, 'experiment');
    assert.deepEqual(
      (await childLabels(model, exp)).map((l) => l.split(' ')[0]),
      ['sweep', 'run'],
      'the sweep (newer) groups its runs; the plain run stays beside it',
    );
    const [sweep] = await only(model, exp, 'sweep');
    assert.equal(sweep.index?.runs.length, 4);
    const children = await model.children(sweep);
    assert.deepEqual(
      children.map((c) => (c.kind === 'run' ? `run job ${c.job?.index}` : labelOf(c))),
      ['run job 0', 'run job 1', 'pending job 2', 'pending job 3'],
    );
    const pending = children.filter((c) => c.kind === 'pending');
    assert.deepEqual(
      pending.map((p) => [p.status, p.detail]),
      [
        ['queued', undefined],
        ['failed', 'worker crashed'],
      ],
    );
  });

  it("derives a sweep's job states from its run folders when its index lags behind", async () => {
    const root = tempDir();
    const pending = (index: number) => ({
      index,
      seed: index,
      overrides: {},
      status: 'pending' as const,
    });
    // An editor sweep's index says pending until the sweep ends; the run folders know better.
    const sweepDir = writeSweep(root, 'sw', 'sweep-1', [pending(0), pending(1), pending(2)]);
    const done = aSweepRun(sweepDir, 'sw', 0).write();
    aSweepRun(sweepDir, 'sw', 1).withStatus('running').write();
    const model = modelOf([root]);
    const [exp] = await only(model, undefined, 'experiment');
    const [sweep] = await only(model, exp, 'sweep');
    assert.deepEqual(
      sweep.index?.runs.map((r) => [r.status, r.runDir]),
      [
        ['done', done],
        ['running', sweep.index?.runs[1].runDir],
        ['pending', undefined],
      ],
    );
    assert.ok(sweep.index?.runs[1].runDir?.startsWith(sweepDir));
  });

  it('finds a run inside a sweep along its path', async () => {
    const root = tempDir();
    const sweepDir = writeSweep(root, 'sw', 'sweep-1', []);
    const runDir = aSweepRun(sweepDir, 'sw', 0).write();
    const model = modelOf([root]);
    const node = await model.findRun(runDir);
    assert.equal(node?.runDir, runDir);
    assert.equal(node?.parent?.kind, 'sweep');
    assert.equal(await model.findRun(path.join(root, 'sw', 'nope')), undefined);
  });

  it('turns damaged and foreign folders into error items instead of failing', async () => {
    const root = tempDir();
    const exp = path.join(root, 'broken');
    const mk = (name: string, file?: string, text?: string): void => {
      fs.mkdirSync(path.join(exp, name), { recursive: true });
      if (file !== undefined) {
        fs.writeFileSync(path.join(exp, name, file), text ?? '');
      }
    };
    mk('a-empty');
    mk('b-not-json', 'run.json', '{ torn');
    mk('c-wrong-shape', 'run.json', JSON.stringify({ formatVersion: 1, runId: 7 }));
    mk('d-future', 'run.json', JSON.stringify({ formatVersion: 2 }));
    mk('sweep-e', 'sweep.json', '[]');
    const model = modelOf([root]);
    const [expNode] = await only(model, undefined, 'experiment');
    const nodes = await model.children(expNode);
    const byName = new Map(
      nodes.map((n) => [n.kind === 'run' || n.kind === 'sweep' ? n.name : n.id, n]),
    );
    const errorOf = (name: string): string | undefined => {
      const n = byName.get(name);
      return n?.kind === 'run' || n?.kind === 'sweep' ? n.error : undefined;
    };
    assert.equal(errorOf('a-empty'), 'no run.json');
    assert.match(errorOf('b-not-json') ?? '', /run\.json is unreadable/);
    assert.match(errorOf('c-wrong-shape') ?? '', /run\.json is invalid at "runId"/);
    assert.match(errorOf('d-future') ?? '', /format version 2/);
    assert.match(errorOf('sweep-e') ?? '', /sweep\.json is invalid/);
    const run = byName.get('a-empty') as RunNode;
    assert.equal(model.summary(run).status, 'invalid');
  });
});
