import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { trainStep } from '../../../src/engine/train/loop';
import { captureCheckpoint, createSession } from '../../../src/engine/train/session';
import { parseConfig } from '../../../src/shared/parseConfig';
import { readCheckpoint, writeCheckpoint } from '../../../src/storage/checkpointStore';
import {
  type SafeTensor,
  type SafetensorsFile,
  decodeSafetensors,
  encodeSafetensors,
} from '../../../src/storage/safetensors';
import { runPythonJson } from '../../helpers/python';

/** What test/fixtures/python/safetensors_np.py reports; I64 values are decimal strings. */
interface PyTensor {
  dtype: string;
  shape: number[];
  sum: number;
  values: (number | string)[];
}
interface PyReport {
  headerLength: number;
  metadata: Record<string, string>;
  tensors: Record<string, PyTensor>;
}

const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'numeric');
let tmp = '';

function pyRead(file: string): PyReport {
  return runPythonJson('safetensors_np.py', ['read', file]) as PyReport;
}

/** Values as the Python report writes them: numbers, or decimal strings for I64. */
function reportValues(t: SafeTensor): (number | string)[] {
  return Array.from(t.data as ArrayLike<number | bigint>, (v) =>
    typeof v === 'bigint' ? v.toString() : v,
  );
}

/** Decoded tensors equal the report: names in order, dtypes, shapes and values exactly. */
function assertMatchesReport(decoded: SafetensorsFile, report: PyReport): void {
  assert.deepEqual([...decoded.tensors.keys()], Object.keys(report.tensors));
  for (const [name, t] of decoded.tensors) {
    const py = report.tensors[name];
    assert.deepEqual([t.dtype, t.shape], [py.dtype, py.shape], name);
    assert.deepEqual(reportValues(t), py.values, `${name}: values (exact)`);
  }
  assert.deepEqual(decoded.metadata, report.metadata);
}

before(async () => {
  await initBackend('cpu');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-safetensors-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('safetensors written by Replens', () => {
  it('are read by an independent strict numpy reader with the same tensors and metadata', () => {
    const tensors = new Map<string, SafeTensor>([
      ['u8', { dtype: 'U8', shape: [5], data: Uint8Array.from([0, 1, 127, 128, 255]) }],
      [
        'f32',
        { dtype: 'F32', shape: [2, 3], data: Float32Array.from([0.1, -2, 3.5e-8, 1e30, -0, 7]) },
      ],
      ['f64', { dtype: 'F64', shape: [], data: Float64Array.from([Math.PI]) }],
      ['i32', { dtype: 'I32', shape: [3, 1], data: Int32Array.from([-(2 ** 31), 2 ** 31 - 1, 5]) }],
      [
        'i64',
        { dtype: 'I64', shape: [2], data: BigInt64Array.from([2n ** 62n + 1n, -(2n ** 53n) - 3n]) },
      ],
    ]);
    const metadata = { purpose: 'interop test', unicode: 'ünïcode ✓' };
    const file = path.join(tmp, 'written.safetensors');
    fs.writeFileSync(file, encodeSafetensors(tensors, metadata));
    const report = pyRead(file);
    assert.equal(report.headerLength % 8, 0, 'data section starts 8-byte aligned');
    assertMatchesReport({ tensors, metadata }, report);
  });

  it('hold a real checkpoint in PyTorch layout that numpy reads back exactly', () => {
    const text = JSON.stringify({
      task: { kind: 'modular-addition', p: 5 },
      model: { kind: 'embed-mlp', embedDim: 4, hidden: [6] },
      train: { steps: 2, seed: 3, optimizer: { lr: 0.01 } },
    });
    const { config, problems } = parseConfig(text, 'tiny.replens.json');
    assert.ok(config !== undefined, JSON.stringify(problems));
    const session = createSession(config);
    const batch = session.model.batch(session.dataset, session.dataset.train);
    const trainable = session.model.params.filter((p) => p.trainable).map((p) => p.variable);
    for (let k = 0; k < 2; k++) {
      tf.dispose(trainStep(session, batch, trainable, 0.01));
    }
    const ckpt = captureCheckpoint(session, 2);
    const file = path.join(tmp, 'step-2.safetensors');
    writeCheckpoint(file, ckpt, { configHash: 'c0ffee', runId: 'run-1' });
    const report = pyRead(file);

    assert.deepEqual(Object.keys(report.tensors).sort(), [...ckpt.tensors.keys()].sort());
    assert.deepEqual(report.tensors['layers.0.weight'].shape, [6, 8], 'nn.Linear layout [out, in]');
    assert.deepEqual(report.tensors['optimizer.exp_avg_sq.layers.1.bias'].shape, [5]);
    for (const [name, t] of ckpt.tensors) {
      const py = report.tensors[name];
      assert.deepEqual([py.dtype, py.shape], ['F32', t.shape], name);
      assert.deepEqual(py.values, Array.from(t.data), `${name}: values (exact)`);
      const sum = t.data.reduce((s, v) => s + v, 0);
      assert.ok(
        Math.abs(py.sum - sum) <= 1e-9 * (1 + Math.abs(sum)),
        `${name}: sum ${py.sum} vs ${sum}`,
      );
    }
    assert.ok(
      report.tensors['optimizer.exp_avg.layers.0.weight'].sum !== 0,
      'moments after 2 steps',
    );
    assert.deepEqual(report.metadata, {
      format: 'replens-checkpoint-1',
      step: '2',
      optimizerStep: '2',
      configHash: 'c0ffee',
      runId: 'run-1',
      dtypes: 'F32',
    });
    const back = readCheckpoint(file);
    assert.deepEqual([back.step, back.optimizerStep, back.tensors], [2, 2, ckpt.tensors]);
    tf.dispose([...batch.inputs, batch.labels, batch.targets]);
    session.dispose();
  });
});

describe('safetensors written by numpy', () => {
  it('decode with identical values: F64, I64, a scalar, an empty tensor, unaligned offsets', () => {
    const file = path.join(tmp, 'numpy.safetensors');
    const report = runPythonJson('safetensors_np.py', ['write-sample', file]) as PyReport;
    assert.notEqual(report.headerLength % 4, 0, 'the sample is meant to be unaligned');
    assertMatchesReport(decodeSafetensors(new Uint8Array(fs.readFileSync(file))), report);
  });

  it('decode the committed fixture sample.safetensors as its numpy report says', () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(fixtures, 'sample.safetensors')));
    const report = JSON.parse(
      fs.readFileSync(path.join(fixtures, 'sample.safetensors.json'), 'utf8'),
    ) as PyReport;
    assertMatchesReport(decodeSafetensors(bytes), report);
  });
});

describe('malformed safetensors', () => {
  /** A file with the given header text and data bytes; `declared` overrides the length field. */
  function file(header: string, body: number[] = [], declared?: number): Uint8Array {
    const json = new TextEncoder().encode(header);
    const out = new Uint8Array(8 + json.length + body.length);
    new DataView(out.buffer).setBigUint64(0, BigInt(declared ?? json.length), true);
    out.set(json, 8);
    out.set(body, 8 + json.length);
    return out;
  }
  const entry = (e: object): string => JSON.stringify({ t: e });
  const valid = encodeSafetensors(
    new Map([['t', { dtype: 'F32', shape: [4], data: new Float32Array(4) }]]),
  );
  const cases: [string, Uint8Array, RegExp][] = [
    ['a file shorter than the length field', Uint8Array.from([1, 0, 0]), /8-byte/],
    ['a file truncated inside the header', valid.slice(0, 20), /header length \d+ exceeds/],
    ['a file truncated inside the data', valid.slice(0, valid.length - 3), /"t".*offsets/],
    [
      'a header length larger than the file',
      file('{}', [], 1_000_000),
      /header length 1000000 exceeds/,
    ],
    ['a header that is not JSON', file('{"t": {'), /header is not JSON/],
    ['a header that is a JSON array', file('[1, 2]'), /not a JSON object/],
    [
      'offsets beyond the data',
      file(entry({ dtype: 'F32', shape: [2], data_offsets: [0, 8] }), [0, 0, 0, 0]),
      /"t".*offsets/,
    ],
    [
      'a shape that does not match the byte size',
      file(entry({ dtype: 'F32', shape: [3], data_offsets: [0, 8] }), Array<number>(8).fill(0)),
      /"t".*\[3\] does not match 8 bytes/,
    ],
    [
      'an unsupported dtype',
      file(entry({ dtype: 'BF16', shape: [1], data_offsets: [0, 2] }), [0, 0]),
      /"t".*unsupported dtype BF16/,
    ],
    [
      'an entry without data_offsets',
      file(entry({ dtype: 'F32', shape: [1] }), [0, 0, 0, 0]),
      /"t"/,
    ],
    [
      'negative dimensions whose product fits the bytes',
      file(
        entry({ dtype: 'F32', shape: [-1, -2], data_offsets: [0, 8] }),
        Array<number>(8).fill(0),
      ),
      /"t".*shape/,
    ],
  ];
  for (const [what, bytes, message] of cases) {
    it(`rejects ${what} with an Error saying why`, () => {
      assert.throws(
        () => decodeSafetensors(bytes),
        (e: unknown) => e instanceof Error && message.test(e.message),
      );
    });
  }

  it('names the file when a checkpoint cannot be read', () => {
    const broken = path.join(tmp, 'broken.safetensors');
    fs.writeFileSync(broken, valid.slice(0, valid.length - 1));
    assert.throws(
      () => readCheckpoint(broken),
      (e: unknown) => e instanceof Error && e.message.startsWith(`${broken}: `),
    );
  });
});
