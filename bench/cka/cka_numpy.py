"""numpy counterpart of bench/cka: linear CKA in float64 the usual way, timed like replens_cka.ts.

(a) one pair X.npy, Y.npy:  ‖Ycᵀ Xc‖²_F / (‖Xcᵀ Xc‖_F ‖Ycᵀ Yc‖_F) with np.linalg.norm (Kornblith
    et al. 2019, feature space); (b) the heatmap of L0.npy … L{k-1}.npy as the naive double loop
    over all k² pairs of that function. Prints one JSON line; thread count and BLAS from the
    OpenBLAS the process mapped.

usage: /usr/bin/python3 cka_numpy.py DIR --layers L [--warmup N] [--reps N] [--heatmap-reps N]
(the heatmap is not warmed up: the pair already was, and one heatmap takes seconds)
"""
import argparse
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from numpy_blas import openblas  # noqa: E402


def linear_cka(x, y):
    x = x - x.mean(0)
    y = y - y.mean(0)
    return np.linalg.norm(y.T @ x) ** 2 / (np.linalg.norm(x.T @ x) * np.linalg.norm(y.T @ y))


def naive_heatmap(layers):
    return [[linear_cka(a, b) for b in layers] for a in layers]


def timed(warmup, reps, f):
    """`warmup` untimed calls, then `reps` timed ones; returns the last result and the times."""
    for _ in range(warmup):
        f()
    last, rep_ms = None, []
    for _ in range(reps):
        t0 = time.perf_counter()
        last = f()
        rep_ms.append((time.perf_counter() - t0) * 1e3)
    return last, rep_ms


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('dir')
    ap.add_argument('--layers', type=int, default=8)
    ap.add_argument('--warmup', type=int, default=1)
    ap.add_argument('--reps', type=int, default=5)
    ap.add_argument('--heatmap-reps', type=int, default=2)
    args = ap.parse_args()
    load = lambda name: np.load(os.path.join(args.dir, name + '.npy'))
    x, y = load('X'), load('Y')
    layers = [load(f'L{i}') for i in range(args.layers)]
    value, pair_ms = timed(args.warmup, args.reps, lambda: linear_cka(x, y))
    values, heat_ms = timed(0, args.heatmap_reps, lambda: naive_heatmap(layers))
    blas, threads, core = openblas()
    print(json.dumps(dict(
        impl='numpy', available=True, numpy=np.__version__, blas=blas, threads=threads, core=core,
        coretypeEnv=os.environ.get('OPENBLAS_CORETYPE'),
        pair=dict(value=float(value), repMs=pair_ms),
        heatmap=dict(values=[[float(v) for v in row] for row in values], repMs=heat_ms),
    )))


if __name__ == '__main__':
    main()
