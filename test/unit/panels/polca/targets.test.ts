import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  polcaAnalysesOfTask,
  polcaCommands,
  polcaRunOfArg,
  polcaRunOfKey,
} from '../../../../src/panels/polca/targets';

const run = '/w/.replens/runs/addition/20260101T000000Z-ab12';

describe('POLCA command targets', () => {
  it('opens each command on its own view', () => {
    assert.deepEqual(
      polcaCommands.map((c) => [c.id, c.view]),
      [
        ['replens.showPolca', 'clusters'],
        ['replens.showHessian', 'spectrum'],
      ],
    );
  });

  it('takes the run of a tree item, a path, {runDir} or a folder URI', () => {
    assert.equal(polcaRunOfArg({ kind: 'run', runDir: run, label: 'r' }), run);
    assert.equal(polcaRunOfArg(run), run);
    assert.equal(polcaRunOfArg({ runDir: run }), run);
    assert.equal(polcaRunOfArg({ scheme: 'file', fsPath: run }), run);
  });

  it('leaves configs, lens arguments, sweeps and nothing to the config or picker path', () => {
    assert.equal(polcaRunOfArg('/w/addition.replens.json'), undefined);
    assert.equal(polcaRunOfArg({ scheme: 'file', fsPath: '/w/a.REPLENS.json' }), undefined);
    assert.equal(
      polcaRunOfArg({ configUri: { scheme: 'file', fsPath: '/w/a.replens.json' }, index: 0 }),
      undefined,
    );
    assert.equal(polcaRunOfArg({ kind: 'sweep', dir: '/w/runs/x/sweep-1' }), undefined);
    assert.equal(polcaRunOfArg(undefined), undefined);
    assert.equal(polcaRunOfArg({ scheme: 'untitled', fsPath: '/x' }), undefined);
  });

  it('restores only from an absolute run folder', () => {
    assert.equal(polcaRunOfKey(run), run);
    assert.throws(() => polcaRunOfKey('relative/run'), /not a POLCA panel key/);
    assert.throws(() => polcaRunOfKey(''), /not a POLCA panel key/);
  });

  it('offers POLCA for addition runs and the Hessian for every run', () => {
    assert.deepEqual(polcaAnalysesOfTask('addition'), ['clusters', 'spectrum']);
    assert.deepEqual(polcaAnalysesOfTask('modular-addition'), ['spectrum']);
    assert.deepEqual(polcaAnalysesOfTask(undefined), ['spectrum']);
  });
});
