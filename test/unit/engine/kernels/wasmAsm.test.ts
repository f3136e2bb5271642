import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../../src/engine/backend';
import { simdKernels } from '../../../../src/engine/kernels/simd';
import { i32 } from '../../../../src/engine/kernels/wasmAsm';

describe('wasm assembler', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('encodes i32.const immediates as signed LEB128', () => {
    assert.deepEqual(i32(4), [0x41, 0x04]);
    assert.deepEqual(i32(63), [0x41, 0x3f]);
    // 64 needs a second byte: a single 0x40 would read back as −64.
    assert.deepEqual(i32(64), [0x41, 0xc0, 0x00]);
    assert.deepEqual(i32(-1), [0x41, 0x7f]);
    assert.deepEqual(i32(624485), [0x41, 0xe5, 0x8e, 0x26]);
  });

  it('the SIMD module compiles on the wasm backend and its segment sum adds rows', () => {
    const kernels = simdKernels(tf.backend());
    assert.ok(kernels, 'the SIMD kernels did not instantiate');
    const x = tf.tensor2d([1, 2, 3, 4, 10, 20, 30, 40, 5, 5, 5, 5], [3, 4]);
    const ids = tf.tensor1d([1, 0, 1], 'int32');
    const out = tf.zeros([2, 4]);
    const backend = tf.backend() as unknown as {
      dataIdMap: { get(id: object): { memoryOffset: number } };
    };
    const ptr = (t: tf.Tensor): number => backend.dataIdMap.get(t.dataId).memoryOffset;
    kernels.segmentSum(ptr(x), ptr(ids), 3, 4, ptr(out), 2);
    assert.deepEqual(Array.from(out.dataSync()), [10, 20, 30, 40, 6, 7, 8, 9]);
    tf.dispose([x, ids, out]);
  });
});
