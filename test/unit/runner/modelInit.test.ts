import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initBackend } from '../../../src/engine/backend';
import { AnalysisInputError } from '../../../src/runner/analysisRuns';
import { resumeRun, startRun } from '../../../src/runner/runExperiment';
import { runManifestSchema } from '../../../src/shared/runManifest';
import { readCheckpoint } from '../../../src/storage/checkpointStore';
import { checkpointFile } from '../../../src/storage/runLayout';
import { readManifest, readMetrics } from '../../../src/storage/runStore';
import { type SafeTensor, encodeSafetensors } from '../../../src/storage/safetensors';
import { tempDir, tinyConfig } from '../../helpers/runs';

const out = tempDir();

function params(runDir: string, step: number): Map<string, Float32Array> {
  const ckpt = readCheckpoint(checkpointFile(runDir, step));
  return new Map(
    [...ckpt.tensors].filter(([k]) => !k.startsWith('optimizer.')).map(([k, t]) => [k, t.data]),
  );
}

/** The model of `tinyConfig` (p = 13, d = 16, hidden [32]) in its checkpoint layout. */
const tinyLayout: [string, number[]][] = [
  ['embedding.weight', [13, 16]],
  ['layers.0.weight', [32, 32]],
  ['layers.0.bias', [32]],
  ['layers.1.weight', [13, 32]],
  ['layers.1.bias', [13]],
];

/** A small safetensors writer for any dtype: every tiny tensor as `dtype`, each element `word`. */
function writeFilled(file: string, dtype: 'F16' | 'BF16', word: number): void {
  const header: Record<string, unknown> = {};
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const [name, shape] of tinyLayout) {
    const n = shape.reduce((a, b) => a * b, 1);
    const bytes = new Uint8Array(new Uint16Array(n).fill(word).buffer);
    header[name] = { dtype, shape, data_offsets: [offset, offset + bytes.length] };
    parts.push(bytes);
    offset += bytes.length;
  }
  const json = Buffer.from(JSON.stringify(header));
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(json.length));
  fs.writeFileSync(file, Buffer.concat([size, json, ...parts]));
}

describe('model.init (wasm backend)', () => {
  let source: string;

  before(async () => {
    await initBackend('wasm');
    source = (await startRun({ config: tinyConfig(), outRoot: path.join(out, 'source') })).runDir;
  });

  it('starts from a run folder’s last checkpoint at that run’s loss', async () => {
    const r = await startRun({
      config: tinyConfig({ model: { init: { from: source } } }),
      outRoot: path.join(out, 'child'),
    });
    assert.equal(r.status, 'done');
    assert.deepEqual(params(r.runDir, 0), params(source, 30));
    const first = readMetrics(r.runDir)[0];
    const last = readMetrics(source).at(-1);
    assert.equal(first.step, 0);
    assert.equal(first.trainLoss, last?.trainLoss);
    assert.equal(first.testLoss, last?.testLoss);
    const ckpt = readCheckpoint(checkpointFile(r.runDir, 0));
    assert.equal(ckpt.optimizerStep, 0, 'the optimizer starts fresh');
    const file = checkpointFile(source, 30);
    const m = readManifest(r.runDir);
    assert.equal(m.init?.from, file);
    assert.equal(m.init?.sha256, createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
    assert.equal(m.init?.loaded.length, 5);
  });

  it('resolves a relative from against the config file’s folder and records it absolute', async () => {
    const dir = path.join(out, 'relative');
    fs.mkdirSync(path.join(dir, 'weights'), { recursive: true });
    fs.copyFileSync(checkpointFile(source, 30), path.join(dir, 'weights', 'w.safetensors'));
    const r = await startRun({
      config: tinyConfig({ model: { init: { from: 'weights/w.safetensors' } } }),
      configPath: path.join(dir, 'x.replens.json'),
      outRoot: path.join(dir, 'runs'),
    });
    const m = readManifest(r.runDir);
    const abs = path.join(dir, 'weights', 'w.safetensors');
    assert.deepEqual((m.config.model as { init: unknown }).init, { from: abs, strict: true });
    assert.equal(m.init?.from, abs);
  });

  it('leaves skipped and (with strict false) unloadable tensors at their initial values', async () => {
    const fresh = await startRun({ config: tinyConfig(), outRoot: path.join(out, 'fresh') });
    const file = path.join(out, 'partial.safetensors');
    const src = readCheckpoint(checkpointFile(source, 30));
    const tensors = new Map<string, SafeTensor>([
      ['emb', { dtype: 'F32', ...src.tensors.get('embedding.weight')! }],
      ['layers.0.weight', { dtype: 'F32', ...src.tensors.get('layers.0.weight')! }],
      ['layers.1.bias', { dtype: 'F32', shape: [2], data: new Float32Array(2) }],
    ]);
    fs.writeFileSync(file, encodeSafetensors(tensors));
    const warnings: string[] = [];
    const init = { from: file, map: { emb: 'embedding.weight' }, skip: ['layers.0.weight'] };
    const r = await startRun({
      config: tinyConfig({ model: { init: { ...init, strict: false } } }),
      outRoot: path.join(out, 'partial'),
      onWarning: (l) => warnings.push(l),
    });
    const got = params(r.runDir, 0);
    const initial = params(fresh.runDir, 0);
    assert.deepEqual(got.get('embedding.weight'), src.tensors.get('embedding.weight')?.data);
    for (const name of ['layers.0.weight', 'layers.0.bias', 'layers.1.weight', 'layers.1.bias']) {
      assert.deepEqual(got.get(name), initial.get(name), name);
    }
    const m = readManifest(r.runDir);
    assert.deepEqual(m.init?.loaded, ['embedding.weight']);
    assert.equal(warnings.length, 3);
    assert.match(warnings.join('\n'), /missing tensor "layers.0.bias"/);
    assert.match(warnings.join('\n'), /mis-shaped tensor "layers.1.bias"/);
    assert.match(fs.readFileSync(path.join(r.runDir, 'log.txt'), 'utf8'), /warning: model.init/);

    const strictRoot = path.join(out, 'strict');
    await assert.rejects(
      startRun({ config: tinyConfig({ model: { init } }), outRoot: strictRoot }),
      (e: Error) =>
        e instanceof AnalysisInputError &&
        /3 problems/.test(e.message) &&
        /"layers.1.weight"/.test(e.message),
    );
    assert.equal(fs.existsSync(strictRoot), false, 'no run folder for weights that do not fit');
  });

  it('loads F16, BF16 and F64 sources as float32', async () => {
    const cases: [string, (file: string) => void, number][] = [
      ['f16', (f) => writeFilled(f, 'F16', 0xbe00), -1.5], // sign 1, exponent 15, fraction .5
      ['bf16', (f) => writeFilled(f, 'BF16', 0x3e20), 0.15625], // 0x3e200000 = 2^-3 · 1.25
      [
        'f64',
        (f) => {
          const tensors = new Map<string, SafeTensor>();
          for (const [name, shape] of tinyLayout) {
            const n = shape.reduce((a, b) => a * b, 1);
            tensors.set(name, { dtype: 'F64', shape, data: new Float64Array(n).fill(0.1) });
          }
          fs.writeFileSync(f, encodeSafetensors(tensors));
        },
        Math.fround(0.1),
      ],
    ];
    for (const [name, write, value] of cases) {
      const file = path.join(out, `${name}.safetensors`);
      write(file);
      const r = await startRun({
        config: tinyConfig({ model: { init: { from: file } }, train: { steps: 0 } }),
        outRoot: path.join(out, name),
      });
      for (const [t, data] of params(r.runDir, 0)) {
        assert.ok(
          data.every((x) => x === value),
          `${name}: ${t}`,
        );
      }
    }
  });

  it('resumes from its own checkpoint, not from the init source', async () => {
    const file = path.join(out, 'gone.safetensors');
    fs.copyFileSync(checkpointFile(source, 30), file);
    const r = await startRun({
      config: tinyConfig({ model: { init: { from: file } } }),
      outRoot: path.join(out, 'resume'),
    });
    const full = params(r.runDir, 30);
    fs.rmSync(file);
    fs.rmSync(checkpointFile(r.runDir, 30));
    fs.rmSync(checkpointFile(r.runDir, 20));
    const again = await resumeRun({ runDir: r.runDir });
    assert.equal(again.status, 'done');
    assert.deepEqual(params(r.runDir, 30), full);
  });

  it('reads a run.json written before model.init existed', () => {
    const m = readManifest(source);
    const { init: _init, ...old } = m;
    assert.equal(runManifestSchema.parse(old).init, undefined);
  });
});
