/**
 * Zero-copy Identity, Cast (to the same dtype) and Transpose (when it keeps the memory order).
 * tfjs-backend-wasm copies the data in all three, tfjs-cpu in Transpose; Reshape (and Identity
 * on cpu) share it instead, with a reference count on the data. Gradients call them often:
 * Mul's gradient casts both inputs, Add's and many others return `dy` through Identity, and
 * Gather's gradient transposes with the identity permutation.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DataType, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

interface RefCountingBackend {
  incRef(dataId: object): void;
}

const registered = new Set<string>();

/** Registers the sharing versions on the active backend (wasm: all three; cpu: Transpose), once. */
export function registerSharingKernels(): void {
  const backend = tf.getBackend();
  if (registered.has(backend) || (backend !== 'wasm' && backend !== 'cpu')) {
    return;
  }
  registered.add(backend);
  if (backend === 'wasm') {
    wrap(
      backend,
      'Identity',
      () => true,
      (x) => x.shape,
    );
    wrap(
      backend,
      'Cast',
      (x, attrs) => attrOf<DataType>(attrs, 'dtype') === x.dtype,
      (x) => x.shape,
    );
  }
  wrap(
    backend,
    'Transpose',
    (x, attrs) => keepsMemoryOrder(x.shape, attrOf<number[]>(attrs, 'perm')),
    (x, attrs) => attrOf<number[]>(attrs, 'perm').map((p) => x.shape[p]),
  );
}

function attrOf<T>(attrs: object, name: string): T {
  return (attrs as Record<string, T>)[name];
}

/** Replaces a kernel by one that shares x's data when `shares` holds. */
function wrap(
  backendName: string,
  kernelName: string,
  shares: (x: TensorInfo, attrs: object) => boolean,
  outShape: (x: TensorInfo, attrs: object) => number[],
): void {
  const original = tf.getKernel(kernelName, backendName);
  if (original === undefined) {
    return;
  }
  const inner = original.kernelFunc;
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs.x as TensorInfo;
    const attrs = args.attrs ?? {};
    if (x.dtype === 'string' || !shares(x, attrs)) {
      return inner(args);
    }
    (args.backend as unknown as RefCountingBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: outShape(x, attrs), dtype: x.dtype };
  };
  tf.unregisterKernel(kernelName, backendName);
  const config: KernelConfig = { ...original, kernelFunc };
  tf.registerKernel(config);
}

/** True when the permutation moves only size-1 axes, so the data order does not change. */
function keepsMemoryOrder(shape: readonly number[], perm: readonly number[]): boolean {
  let last = -1;
  for (const axis of perm) {
    if (shape[axis] !== 1) {
      if (axis < last) {
        return false;
      }
      last = axis;
    }
  }
  return true;
}
