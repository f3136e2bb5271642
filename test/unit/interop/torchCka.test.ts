/**
 * A small PyTorch MLP's activations, saved at two checkpoints by the docs/interop.md snippet
 * (test/fixtures/interop/torch_activations.py runs save_activations.py, run live with Debian's
 * python3-torch), give the same linear CKA through `replens analyze cka <folder> --json` as numpy
 * float64 on the same arrays: every cell of every step's layers × layers heatmap, and every
 * layer's CKA against the last checkpoint, within 1e-4 relative.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { replens, requireBuild } from '../../helpers/cli';
import { tempDir } from '../../helpers/runs';
import { interopDir, relativeError, runInteropScript } from '../../helpers/torch';

interface NumpyCka {
  torch: string;
  layers: string[];
  steps: { step: number; values: number[][] }[];
  acrossCheckpoints: { layer: string; values: number[] }[];
}

interface CkaDocument {
  kind: string;
  result: {
    settings: { estimator: string };
    inputSet: { n: number };
    layers: string[];
    checkpoints: {
      step: number;
      matrix: { rows: string[]; columns: string[]; values: number[][] };
    }[];
    acrossCheckpoints: { layer: string; values: number[] }[];
  };
}

const tolerance = 1e-4;
const rows = 64;
const dir = tempDir();
const live = path.join(dir, 'mlp-activations');

/** Largest relative error between two equally shaped arrays of numbers. */
function worst(ours: number[], theirs: number[]): number {
  assert.equal(ours.length, theirs.length);
  return Math.max(...ours.map((v, i) => relativeError(v, theirs[i])));
}

describe('replens analyze cka on a folder of PyTorch activations', () => {
  let numpy: NumpyCka;
  let doc: CkaDocument;

  before(() => {
    requireBuild();
    numpy = runInteropScript('torch_activations.py', live) as NumpyCka;
    const r = replens(['analyze', 'cka', live, '--json']);
    assert.equal(r.code, 0, `replens analyze cka ${live} --json: ${r.stderr}`);
    doc = JSON.parse(r.stdout) as CkaDocument;
  });

  it('the script reproduces its committed fixture (test/fixtures/interop/mlp-activations)', () => {
    const committed = path.join(interopDir, 'mlp-activations');
    assert.equal(
      fs.readFileSync(path.join(live, 'rows.json'), 'utf8'),
      fs.readFileSync(path.join(committed, 'rows.json'), 'utf8'),
    );
    const recorded = JSON.parse(
      fs.readFileSync(path.join(interopDir, 'mlp-activations.cka.json'), 'utf8'),
    ) as NumpyCka;
    assert.deepEqual(numpy.layers, recorded.layers);
    const cells = (c: NumpyCka): number[] => c.steps.flatMap((s) => s.values.flat());
    assert.ok(
      worst(cells(numpy), cells(recorded)) <= 1e-6,
      'the activations differ from the committed ones: regenerate with /usr/bin/python3 ' +
        'test/fixtures/interop/torch_activations.py test/fixtures/interop/mlp-activations > ' +
        'test/fixtures/interop/mlp-activations.cka.json',
    );
  });

  it('reads the layers in module order and every row', () => {
    assert.equal(doc.kind, 'cka');
    assert.equal(doc.result.settings.estimator, 'linear');
    assert.deepEqual(doc.result.layers, [
      'encoder.0',
      'encoder.1',
      'encoder.2',
      'encoder.3',
      'head',
    ]);
    assert.deepEqual(doc.result.layers, numpy.layers);
    assert.equal(doc.result.inputSet.n, rows);
  });

  it("gives numpy float64's heatmap at every step within 1e-4 relative", (t) => {
    assert.deepEqual(
      doc.result.checkpoints.map((c) => c.step),
      numpy.steps.map((s) => s.step),
    );
    let max = 0;
    doc.result.checkpoints.forEach((c, k) => {
      assert.deepEqual(c.matrix.rows, numpy.layers);
      assert.deepEqual(c.matrix.columns, numpy.layers);
      const err = worst(c.matrix.values.flat(), numpy.steps[k].values.flat());
      assert.ok(err <= tolerance, `step ${c.step}: relative error ${err}`);
      max = Math.max(max, err);
    });
    t.diagnostic(`worst relative error of a heatmap cell: ${max.toExponential(2)}`);
  });

  it("gives numpy's CKA of every layer against the last checkpoint within 1e-4 relative", (t) => {
    let max = 0;
    for (const theirs of numpy.acrossCheckpoints) {
      const ours = doc.result.acrossCheckpoints.find((a) => a.layer === theirs.layer);
      assert.ok(ours !== undefined, `no acrossCheckpoints entry for ${theirs.layer}`);
      const err = worst(ours.values, theirs.values);
      assert.ok(err <= tolerance, `${theirs.layer}: relative error ${err}`);
      max = Math.max(max, err);
    }
    t.diagnostic(`worst relative error across checkpoints: ${max.toExponential(2)}`);
  });
});
