import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  dtypeCode,
  isNumpyFile,
  summarizeArrayFile,
} from '../../../../src/runner/checkpoint/arraySummary';
import { tempDir } from '../../../helpers/runs';

const numeric = path.join(__dirname, '..', '..', '..', 'fixtures', 'numeric');
const out = tempDir();

describe('summarizeArrayFile', () => {
  it('summarises each array of an .npz, with safetensors-style dtypes and the embedding projection', async () => {
    const file = path.join(numeric, 'npz', 'deflated.npz');
    const s = await summarizeArrayFile(file);
    assert.deepEqual(
      s.tensors.map((t) => [t.name, t.dtype, t.shape]),
      [
        ['embed', 'F32', [5, 3]],
        ['encoder.0', 'F64', [4, 2]],
        ['labels', 'I64', [4]],
      ],
    );
    assert.equal(s.parameters, 15 + 8 + 4);
    assert.equal(s.bytes, fs.statSync(file).size);
    const labels = s.tensors[2];
    assert.equal(labels.stats.min, 1);
    assert.equal(labels.stats.max, 4);
    assert.equal(
      labels.histogram.counts.reduce((a, b) => a + b, 0),
      4,
    );
    assert.equal(s.projection?.tensor, 'embed');
    assert.equal(s.projection?.points.length, 5);
  });

  it('reads stored and deflated archives written by numpy to the same values (npz.json)', async () => {
    const want = JSON.parse(fs.readFileSync(path.join(numeric, 'npz.json'), 'utf8')) as Record<
      string,
      { key: string; shape: number[]; values: number[] }[]
    >;
    for (const [name, arrays] of Object.entries(want)) {
      const s = await summarizeArrayFile(path.join(numeric, 'npz', name));
      assert.deepEqual(
        s.tensors.map((t) => [t.name, t.shape]),
        arrays.map((a) => [a.key, a.shape]),
      );
      arrays.forEach((a, i) => {
        const mean = a.values.reduce((x, y) => x + y, 0) / a.values.length;
        assert.ok(Math.abs(s.tensors[i].stats.mean - mean) < 1e-12, `${name} ${a.key}`);
        assert.equal(s.tensors[i].stats.max, Math.max(...a.values));
      });
    }
  });

  it('names a lone .npy array by its file and projects it when it is 2-D', async () => {
    const file = path.join(numeric, 'npy', 'f32_2x3.npy');
    const s = await summarizeArrayFile(file);
    assert.deepEqual(
      s.tensors.map((t) => t.name),
      ['f32_2x3'],
    );
    assert.equal(s.projection?.tensor, 'f32_2x3');
    const vector = await summarizeArrayFile(path.join(numeric, 'npy', 'f64_5.npy'));
    assert.equal(vector.projection, undefined);
    assert.match(vector.projectionNote ?? '', /no embedding matrix/);
  });

  for (const [what, name, bytes, message] of [
    ['random bytes', 'noise.npy', new Uint8Array(40).fill(7), /noise\.npy: not a \.npy file/],
    [
      'an archive that is not one',
      'noise.npz',
      new Uint8Array(40),
      /noise\.npz: not a zip \(\.npz\) file/,
    ],
  ] as const) {
    it(`rejects ${what} with code bad-file and a message naming the file`, async () => {
      const file = path.join(out, name);
      fs.writeFileSync(file, bytes);
      await assert.rejects(summarizeArrayFile(file), (e: unknown) => {
        assert.equal((e as { code?: string }).code, 'bad-file');
        assert.match((e as Error).message, message);
        return true;
      });
    });
  }

  it('says which array of an archive it cannot read, and when a file is missing', async () => {
    await assert.rejects(
      summarizeArrayFile(path.join(numeric, 'npz', 'bool.npz')),
      /bool\.npz: mask: unsupported/,
    );
    await assert.rejects(
      summarizeArrayFile(path.join(out, 'absent.npy')),
      /absent\.npy: cannot read/,
    );
  });

  it('recognises NumPy files and maps dtypes', () => {
    assert.ok(isNumpyFile('/a/b.NPZ') && isNumpyFile('x.npy') && !isNumpyFile('x.safetensors'));
    assert.deepEqual(['<f4', '<f8', '|u1', '<i2', '>f8'].map(dtypeCode), [
      'F32',
      'F64',
      'U8',
      'I16',
      '>f8',
    ]);
  });
});
