"""numpy side of bench/cka-folder: writes the activations folder and computes its linear CKA heatmap.

  write DIR --layers L --n N --d D --seed S
      DIR/activations/step-0.safetensors with L float32 layers "layer.<k>" of shape [N, D]:
      layer.0 Gaussian, layer.<k+1> = tanh(0.9·layer.<k> + 0.45·noise) (similarity falls with
      depth, as in a network). Written one layer at a time.
  heatmap DIR [--dtype float32|float64]
      reads the layers back from the file (one memory map, each layer copied once and centred),
      then ‖Xjᵀ Xi‖²_F / (‖Xiᵀ Xi‖_F ‖Xjᵀ Xj‖_F) over the upper triangle of pairs, the way a
      numpy user writes it. Prints one JSON line: the values, the seconds, the BLAS.

Timing, peak memory and the child's environment are measured by run.mjs around this process.
"""
import argparse
import json
import os
import struct
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from numpy_blas import openblas  # noqa: E402


def write(args):
    rng = np.random.default_rng(args.seed)
    names = [f'layer.{k}' for k in range(args.layers)]
    size = args.n * args.d * 4
    header, offset = {}, 0
    for name in names:
        header[name] = {'dtype': 'F32', 'shape': [args.n, args.d], 'data_offsets': [offset, offset + size]}
        offset += size
    text = json.dumps(header).encode()
    text += b' ' * (-len(text) % 8)
    os.makedirs(os.path.join(args.dir, 'activations'), exist_ok=True)
    with open(os.path.join(args.dir, 'activations', 'step-0.safetensors'), 'wb') as f:
        f.write(struct.pack('<Q', len(text)) + text)
        layer = rng.standard_normal((args.n, args.d), dtype=np.float32)
        for _ in names:
            f.write(layer.astype('<f4').tobytes())
            noise = rng.standard_normal((args.n, args.d), dtype=np.float32)
            layer = np.tanh(0.9 * layer + 0.45 * noise)


def read_layers(path, dtype):
    with open(path, 'rb') as f:
        (length,) = struct.unpack('<Q', f.read(8))
        header = json.loads(f.read(length))
    header.pop('__metadata__', None)
    raw = np.memmap(path, dtype=np.uint8, mode='r', offset=8 + length)
    names = sorted(header, key=lambda k: header[k]['data_offsets'][0])
    layers = []
    for name in names:
        start, end = header[name]['data_offsets']
        x = raw[start:end].view('<f4').reshape(header[name]['shape']).astype(dtype)
        layers.append(x - x.mean(0))
    return names, layers


def heatmap(args):
    t0 = time.perf_counter()
    names, layers = read_layers(os.path.join(args.dir, 'activations', 'step-0.safetensors'), args.dtype)
    t1 = time.perf_counter()
    norms = [np.linalg.norm(x.T @ x) for x in layers]
    k = len(layers)
    values = [[1.0] * k for _ in range(k)]
    for i in range(k):
        for j in range(i + 1, k):
            v = float(np.linalg.norm(layers[j].T @ layers[i]) ** 2 / (norms[i] * norms[j]))
            values[i][j] = values[j][i] = v
    t2 = time.perf_counter()
    print(json.dumps({'layers': names, 'values': values, 'readSeconds': t1 - t0,
                      'ckaSeconds': t2 - t1, 'numpy': np.__version__, 'blas': blas()}))


def blas():
    """The BLAS this process mapped: library, threads and OpenBLAS kernel when it is OpenBLAS."""
    library, threads, core = openblas()
    return {'library': library, 'threads': threads, 'core': core}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('action', choices=['write', 'heatmap'])
    ap.add_argument('dir')
    ap.add_argument('--layers', type=int, default=24)
    ap.add_argument('--n', type=int, default=10000)
    ap.add_argument('--d', type=int, default=768)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--dtype', default='float32', choices=['float32', 'float64'])
    args = ap.parse_args()
    (write if args.action == 'write' else heatmap)(args)


if __name__ == '__main__':
    main()
