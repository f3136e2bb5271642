import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  ExternalFolderError,
  externalLayoutOf,
  openExternalFolder,
} from '../../../../src/storage/external/externalFolder';
import {
  filesUnder,
  noise,
  npyBytes,
  tempDir,
  tensor,
  writeFile,
  writeSafetensors,
  zipBytes,
} from './externalFixtures';

const fixtures = path.join(__dirname, '..', '..', '..', 'fixtures', 'external');

/** An activations folder with two safetensors steps of layers a [4, 3] and b [4, 2]. */
function activationsFolder(): string {
  const dir = tempDir();
  for (const step of [0, 10]) {
    writeSafetensors(
      path.join(dir, 'activations', `step-${step}.safetensors`),
      {
        b: tensor([4, 2], noise(8, step + 1)),
        a: tensor([4, 3], noise(12, step + 2), true),
      },
      { layers: JSON.stringify(['a', 'b']) },
    );
  }
  return dir;
}

function assertExternalError(f: () => unknown, file: string, reason: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof ExternalFolderError, String(e));
    assert.equal(e.file, file);
    assert.match(e.reason, reason);
    assert.ok(e.message.startsWith(file));
    return true;
  });
}

describe('external folders: activations layout', () => {
  it('lists steps and layers (metadata order) and reads one tensor at its width', () => {
    const dir = activationsFolder();
    assert.equal(externalLayoutOf(dir), 'activations');
    const f = openExternalFolder(dir);
    assert.deepEqual(f.steps, [0, 10]);
    assert.deepEqual(f.layers(10), [
      { name: 'a', shape: [4, 3] },
      { name: 'b', shape: [4, 2] },
    ]);
    const a = f.readLayer(10, 'a');
    assert.ok(a.data instanceof Float64Array);
    assert.deepEqual(Array.from(a.data), Array.from(noise(12, 12)));
    const b = f.readLayer(0, 'b');
    assert.ok(b.data instanceof Float32Array);
    assert.deepEqual(Array.from(b.data), Array.from(Float32Array.from(noise(8, 1))));
    assert.deepEqual(f.metrics(), []);
    assert.equal(f.rowIds, undefined);
  });

  it('reads the .npz numpy wrote (stored and deflated), in archive order', () => {
    const expected = JSON.parse(
      fs.readFileSync(path.join(fixtures, 'layers.json'), 'utf8'),
    ) as Record<string, { shape: number[]; values: number[] }>;
    for (const name of ['layers.npz', 'layers-compressed.npz']) {
      const dir = tempDir();
      writeFile(
        path.join(dir, 'activations', 'step-3.npz'),
        fs.readFileSync(path.join(fixtures, name)),
      );
      const f = openExternalFolder(dir);
      assert.deepEqual(
        f.layers(3).map((l) => l.name),
        ['encoder.0', 'encoder.1', 'head'],
      );
      for (const [layer, e] of Object.entries(expected)) {
        const m = f.readLayer(3, layer);
        assert.equal(m.rows * m.cols, e.values.length);
        assert.equal(m.cols, e.shape[e.shape.length - 1]);
        assert.deepEqual(Array.from(m.data), e.values, `${name} ${layer}`);
      }
      // [6, 2, 3] flattens to 12 rows with a position label.
      assert.deepEqual(f.labels.position?.slice(0, 4), [0, 1, 0, 1]);
    }
  });

  it('reads a folder of .npy per layer in natural order, rows.json and metrics.jsonl', () => {
    const dir = tempDir();
    for (const layer of ['layer10', 'layer2']) {
      writeFile(
        path.join(dir, 'activations', 'step-5', `${layer}.npy`),
        npyBytes([3, 2], [1, 2, 3, 4, 5, 6]),
      );
    }
    writeFile(
      path.join(dir, 'rows.json'),
      JSON.stringify({ ids: ['x', 'y', 7], labels: { cls: [0, 1, 'z'] } }),
    );
    writeFile(
      path.join(dir, 'metrics.jsonl'),
      '{"step": 5, "loss": 0.5, "note": "x"}\n\n{"step": 9, "acc": 1}\n',
    );
    const f = openExternalFolder(dir);
    assert.deepEqual(
      f.layers(5).map((l) => l.name),
      ['layer2', 'layer10'],
    );
    assert.deepEqual(f.rowIds, ['x', 'y', '7']);
    assert.deepEqual(f.labels, { cls: [0, 1, 'z'] });
    assert.deepEqual(f.metrics(), [
      { step: 5, loss: 0.5 },
      { step: 9, acc: 1 },
    ]);
    assert.deepEqual(Array.from(f.readLayer(5, 'layer2').data), [1, 2, 3, 4, 5, 6]);
  });

  it('expands row ids and labels of [N, T, D] layers', () => {
    const dir = tempDir();
    writeSafetensors(path.join(dir, 'activations', 'step-0.safetensors'), {
      h: tensor([2, 3, 2], noise(12, 4)),
    });
    writeFile(
      path.join(dir, 'rows.json'),
      JSON.stringify({ ids: ['p', 'q'], labels: { y: [1, 2] } }),
    );
    const f = openExternalFolder(dir);
    assert.deepEqual(f.rowIds, ['p:0', 'p:1', 'p:2', 'q:0', 'q:1', 'q:2']);
    assert.deepEqual(f.labels, { y: [1, 1, 1, 2, 2, 2], position: [0, 1, 2, 0, 1, 2] });
    assert.equal(f.readLayer(0, 'h').rows, 6);
  });

  it('a run folder is never external; an unrelated folder has no layout', () => {
    const dir = activationsFolder();
    writeFile(path.join(dir, 'run.json'), '{}');
    assert.equal(externalLayoutOf(dir), undefined);
    assertExternalError(() => openExternalFolder(dir), dir, /Replens run folder/);
    const empty = tempDir();
    assert.equal(externalLayoutOf(empty), undefined);
    assertExternalError(() => openExternalFolder(empty), empty, /not an external folder/);
  });

  it('opening and reading write nothing into the folder', () => {
    const dir = activationsFolder();
    const before = filesUnder(dir);
    const f = openExternalFolder(dir);
    f.readLayer(0, 'a');
    f.metrics();
    assert.deepEqual(filesUnder(dir), before);
  });
});

describe('external folders: Hugging Face Trainer layout', () => {
  it('takes the 2-D float tensors of each checkpoint and the log history', () => {
    const dir = tempDir();
    for (const step of [500, 1000]) {
      writeSafetensors(path.join(dir, `checkpoint-${step}`, 'model.safetensors'), {
        'embed.weight': tensor([5, 4], noise(20, step)),
        'embed.bias': tensor([4], noise(4, 1)),
        'lin.weight': { dtype: 'F64', shape: [2, 4], data: Float64Array.from(noise(8, 3)) },
        ids: { dtype: 'I64', shape: [1, 5], data: new BigInt64Array(5) },
      });
    }
    writeFile(
      path.join(dir, 'checkpoint-1000', 'trainer_state.json'),
      JSON.stringify({
        log_history: [
          { step: 500, loss: 2, epoch: 1.5 },
          { step: 1000, eval_loss: 1, x: 'y' },
        ],
      }),
    );
    assert.equal(externalLayoutOf(dir), 'hf-trainer');
    const f = openExternalFolder(dir);
    assert.deepEqual(f.steps, [500, 1000]);
    assert.deepEqual(f.layers(500), [
      { name: 'embed.weight', shape: [5, 4] },
      { name: 'lin.weight', shape: [2, 4] },
    ]);
    assert.deepEqual(f.metrics(), [
      { step: 500, loss: 2, epoch: 1.5 },
      { step: 1000, eval_loss: 1 },
    ]);
    assert.deepEqual(
      Array.from(f.readLayer(1000, 'embed.weight').data),
      Array.from(Float32Array.from(noise(20, 1000))),
    );
  });

  it('a checkpoint without model.safetensors is named', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'checkpoint-1'));
    const file = path.join(dir, 'checkpoint-1', 'model.safetensors');
    assertExternalError(() => openExternalFolder(dir), file, /is missing/);
  });
});

describe('external folders: bad input names the file and the fault', () => {
  const step = (dir: string, name: string): string => path.join(dir, 'activations', name);

  it('a step whose layer set differs', () => {
    const dir = activationsFolder();
    writeSafetensors(step(dir, 'step-20.safetensors'), { a: tensor([4, 3], noise(12, 1)) });
    assertExternalError(() => openExternalFolder(dir), step(dir, 'step-20.safetensors'), /lacks b/);
  });

  it('a layer whose shape changes between steps', () => {
    const dir = activationsFolder();
    writeSafetensors(step(dir, 'step-20.safetensors'), {
      a: tensor([4, 3], noise(12, 1)),
      b: tensor([4, 5], noise(20, 1)),
    });
    assertExternalError(
      () => openExternalFolder(dir),
      step(dir, 'step-20.safetensors'),
      /layer "b" has shape \[4, 5\]/,
    );
  });

  it('layers of different row counts, and rows.json of another count', () => {
    const dir = tempDir();
    writeSafetensors(step(dir, 'step-0.safetensors'), {
      a: tensor([4, 3], noise(12, 1)),
      b: tensor([5, 2], noise(10, 1)),
    });
    assertExternalError(
      () => openExternalFolder(dir),
      step(dir, 'step-0.safetensors'),
      /same rows/,
    );
    const dir2 = activationsFolder();
    const rows = path.join(dir2, 'rows.json');
    writeFile(rows, JSON.stringify({ ids: [1, 2, 3] }));
    assertExternalError(() => openExternalFolder(dir2), rows, /describes 3 rows but layer "a"/);
  });

  it('a 1-D or 4-D tensor, a non-float tensor, a damaged header', () => {
    const dir = tempDir();
    const file = step(dir, 'step-0.safetensors');
    writeSafetensors(file, { a: tensor([2, 1, 1, 2], [1, 2, 3, 4]) });
    assertExternalError(
      () => openExternalFolder(dir),
      file,
      /tensor "a": shape \[2, 1, 1, 2\] is 4-D/,
    );
    writeSafetensors(file, { a: { dtype: 'I32', shape: [2, 2], data: new Int32Array(4) } });
    assertExternalError(() => openExternalFolder(dir), file, /dtype I32/);
    writeFile(file, Buffer.from([200, 0, 0, 0, 0, 0, 0, 0, 123]));
    assertExternalError(() => openExternalFolder(dir), file, /header length exceeds/);
  });

  it('a damaged .npz, a non-float .npy, a duplicated step', () => {
    const dir = tempDir();
    const file = step(dir, 'step-0.npz');
    writeFile(file, Buffer.from('not a zip at all, just text'));
    assertExternalError(() => openExternalFolder(dir), file, /no end-of-central-directory/);
    writeFile(file, zipBytes({ 'a.npy': npyBytes([2, 2], [1, 2, 3, 4], '<i4') }));
    assertExternalError(() => openExternalFolder(dir), `${file} (array "a")`, /dtype <i4/);
    writeFile(file, zipBytes({ 'a.npy': npyBytes([2, 2], [1, 2, 3, 4]) }, true));
    assert.deepEqual(Array.from(openExternalFolder(dir).readLayer(0, 'a').data), [1, 2, 3, 4]);
    writeSafetensors(step(dir, 'step-0.safetensors'), { a: tensor([2, 2], [1, 2, 3, 4]) });
    assert.throws(() => openExternalFolder(dir), /step 0 is also in/);
  });

  it('bad JSON lines in metrics.jsonl and bad rows.json', () => {
    const dir = activationsFolder();
    const metrics = path.join(dir, 'metrics.jsonl');
    writeFile(metrics, '{"step": 1}\n{"step": 2,\n');
    const f = openExternalFolder(dir);
    assertExternalError(() => f.metrics(), metrics, /^line 2 is not JSON/);
    writeFile(metrics, '{"loss": 1}\n');
    assertExternalError(() => f.metrics(), metrics, /line 1 has no numeric "step"/);
    const rows = path.join(dir, 'rows.json');
    writeFile(rows, '{"ids": [1, 2,\n 3, 4');
    assertExternalError(() => openExternalFolder(dir), rows, /not valid JSON/);
    writeFile(rows, '{"ids": ["a", "b", "c", "a"]}');
    assertExternalError(() => openExternalFolder(dir), rows, /repeats "a"/);
    writeFile(rows, '{"ids": ["a", "b", "c", "d"], "labels": {"y": [1]}}');
    assertExternalError(
      () => openExternalFolder(dir),
      rows,
      /label "y" has 1 values but there are 4 rows/,
    );
  });
});
