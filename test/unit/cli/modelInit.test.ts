import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { checkpointFile } from '../../../src/storage/runLayout';
import { readManifest } from '../../../src/storage/runStore';
import { replens, requireBuild, trainRun } from '../../helpers/cli';
import { tempDir, tinyConfig } from '../../helpers/runs';

const dir = tempDir();

describe('replens run with model.init', () => {
  let source: string;

  before(() => {
    requireBuild();
    source = trainRun(dir, 'source', tinyConfig({ train: { steps: 10 } }));
  });

  it('exits 2 naming every missing, extra and mis-shaped tensor, and makes no run folder', () => {
    const config = tinyConfig({
      model: { hidden: [16, 8], init: { from: source } },
      train: { steps: 10 },
    });
    const file = path.join(dir, 'misfit.replens.json');
    fs.writeFileSync(file, JSON.stringify(config));
    const out = path.join(dir, 'misfit-runs');
    const r = replens(['run', file, '--out', out, '--backend', 'wasm']);
    assert.equal(r.code, 2, r.stderr);
    for (const line of [
      'mis-shaped tensor "layers.0.weight": [32, 32] in the source, the model expects [16, 32]',
      'mis-shaped tensor "layers.0.bias": [32] in the source, the model expects [16]',
      'mis-shaped tensor "layers.1.weight": [13, 32] in the source, the model expects [8, 16]',
      'mis-shaped tensor "layers.1.bias": [13] in the source, the model expects [8]',
      'missing tensor "layers.2.weight" [13, 8]',
      'missing tensor "layers.2.bias" [13]',
    ]) {
      assert.ok(r.stderr.includes(line), `${line}\n${r.stderr}`);
    }
    assert.match(r.stderr, /6 problems/);
    assert.equal(fs.existsSync(out), false);

    const extra = tinyConfig({ model: { hidden: [], init: { from: source } } });
    fs.writeFileSync(file, JSON.stringify(extra));
    const e = replens(['run', file, '--out', out, '--backend', 'wasm']);
    assert.equal(e.code, 2, e.stderr);
    assert.match(e.stderr, /extra tensor "layers\.1\.weight" \[13, 32\]/);
    assert.match(e.stderr, /extra tensor "layers\.1\.bias" \[13\]/);
  });

  it('warns on stderr with strict false and trains', () => {
    const config = tinyConfig({
      model: { hidden: [16], init: { from: source, strict: false } },
      train: { steps: 5 },
    });
    const file = path.join(dir, 'loose.replens.json');
    fs.writeFileSync(file, JSON.stringify(config));
    const r = replens(['run', file, '--out', path.join(dir, 'loose-runs'), '--backend', 'wasm']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: model\.init: mis-shaped tensor "layers\.0\.weight"/);
  });

  it('a sweep finds a from relative to its config file', () => {
    const sub = path.join(dir, 'study');
    fs.mkdirSync(path.join(sub, 'weights'), { recursive: true });
    fs.copyFileSync(checkpointFile(source, 10), path.join(sub, 'weights', 'start.safetensors'));
    const file = path.join(sub, 'sweep.replens.json');
    const config = {
      ...tinyConfig({
        model: { init: { from: 'weights/start.safetensors' } },
        train: { steps: 5 },
      }),
      sweep: { seeds: [0, 1], parallel: 1 },
    };
    fs.writeFileSync(file, JSON.stringify(config));
    const r = replens(['sweep', file, '--out', path.join(dir, 'sweeps'), '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { runs: { status: string; runDir: string }[] };
    assert.deepEqual(
      doc.runs.map((x) => x.status),
      ['done', 'done'],
    );
    const abs = path.join(sub, 'weights', 'start.safetensors');
    for (const run of doc.runs) {
      assert.equal(readManifest(run.runDir).init?.from, abs);
    }
  });
});
