"""PyTorch counterpart of Replens' Hessian benchmark, for bench/hvp.

Loads what replens_hvp.ts exported (initial weights in PyTorch layout, the training pairs, the
probe vector v, the Lanczos start vector and Replens' H.v, all raw little-endian files, plus
meta.json), builds the same embed-mlp (E[a], E[b], torch.cat, F.linear, activation, F.linear,
mean F.cross_entropy) in float32, and times:
- the exact Hessian-vector product by double backward (torch.autograd.grad with
  create_graph=True, then the gradient of <grad, v>), vectors float64 outside as in Replens;
- the same product reusing one graph of the gradient (grad of g with grad_outputs=v and
  retain_graph=True), the counterpart of Replens' recordedHvp;
- Lanczos on the reused graph with the same algorithm as src/engine/hessian/lanczos.ts (float64, full
  re-orthogonalisation by classical Gram-Schmidt twice, numpy.linalg.eigh of T) from the same
  start vector.
Vectors are exchanged in Replens' flat layout (parameters in order, row-major as Replens holds
them: linear weights as [in, out]). Prints one JSON line, including the relative difference of
its H.v to Replens'.

usage: /usr/bin/python3 hvp_torch.py DIR [--threads N] [--warmup N] [--reps N] [--iterations N] [--k N]
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from torch_timing import blas_name  # noqa: E402

ACTIVATIONS = {
    'relu': F.relu,
    'silu': F.silu,
    'gelu': lambda x: F.gelu(x, approximate='tanh'),
}


def parse_args():
    ap = argparse.ArgumentParser()
    ap.add_argument('dir')
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--warmup', type=int, default=2)
    ap.add_argument('--reps', type=int, default=5)
    ap.add_argument('--iterations', type=int, default=30)
    ap.add_argument('--k', type=int, default=5)
    return ap.parse_args()


def load(d):
    meta = json.load(open(os.path.join(d, 'meta.json')))
    params = []
    for p in meta['params']:
        arr = np.fromfile(os.path.join(d, p['name'] + '.f32'), dtype='<f4').reshape(p['shape'])
        params.append(torch.from_numpy(arr.copy()).requires_grad_(True))
    ints = {k: torch.from_numpy(np.fromfile(os.path.join(d, k + '.i32'), dtype='<i4').astype(np.int64))
            for k in ('train_a', 'train_b', 'train_y')}
    vecs = {k: np.fromfile(os.path.join(d, k + '.f64'), dtype='<f8') for k in ('v', 'start', 'replens_hv')}
    return meta, params, ints, vecs


class Layout:
    """Converts between Replens' flat vector and per-parameter tensors in PyTorch layout."""

    def __init__(self, meta):
        self.specs = meta['params']

    def to_tensors(self, x):
        out, offset = [], 0
        for p in self.specs:
            n = int(np.prod(p['shape']))
            chunk = torch.from_numpy(x[offset:offset + n].astype(np.float32))
            if p['storedTransposed']:
                out_dim, in_dim = p['shape']
                chunk = chunk.reshape(in_dim, out_dim).t().contiguous()
            out.append(chunk.reshape(p['shape']))
            offset += n
        return out

    def to_flat(self, tensors):
        parts = [(t.t() if p['storedTransposed'] else t).reshape(-1) for t, p in zip(tensors, self.specs)]
        return torch.cat(parts).double().numpy()


def make_loss(meta, params, ints):
    model = meta['model']
    act = ACTIVATIONS[model['activation']]
    E, layers = params[0], list(zip(params[1::2], params[2::2]))
    a, b, y = ints['train_a'], ints['train_b'], ints['train_y']

    def loss():
        h = torch.cat([E[a], E[b]], 1)
        for i, (w, bias) in enumerate(layers):
            h = F.linear(h, w, bias)
            if i + 1 < len(layers):
                h = act(h)
        return F.cross_entropy(h, y)

    return loss


def make_hvp(loss, params, layout):
    """H.v from scratch: forward, gradient with create_graph, gradient of <g, v>."""
    def hvp(x):
        v = layout.to_tensors(x)
        g = torch.autograd.grad(loss(), params, create_graph=True)
        dot = sum((gi * vi).sum() for gi, vi in zip(g, v))
        return layout.to_flat(torch.autograd.grad(dot, params))

    return hvp


def make_reused_hvp(loss, params, layout):
    """H.v reusing one graph of the gradient (as Replens' recordedHvp): only the backward pass of
    g seeded with v per product (retain_graph keeps the graph)."""
    g = torch.autograd.grad(loss(), params, create_graph=True)

    def hvp(x):
        v = layout.to_tensors(x)
        return layout.to_flat(torch.autograd.grad(g, params, grad_outputs=v, retain_graph=True))

    return hvp


def time_products(hvp, x, warmup, reps):
    for _ in range(warmup):
        hvp(x)
    rep_ms, cpu_ms = [], []
    for _ in range(reps):
        c0, t0 = time.process_time(), time.perf_counter()
        hvp(x)
        rep_ms.append((time.perf_counter() - t0) * 1e3)
        cpu_ms.append((time.process_time() - c0) * 1e3)
    return dict(repMs=rep_ms, medianMs=float(np.median(rep_ms)), minMs=min(rep_ms), maxMs=max(rep_ms),
                cpuMsPerHvp=float(np.median(cpu_ms)))


def lanczos(hvp, start, iterations, k):
    """Same steps as Replens' lanczos (no breakdown expected here)."""
    q = [start / np.linalg.norm(start)]
    alpha, beta = [], []
    for j in range(iterations):
        w = hvp(q[j])
        alpha.append(float(q[j] @ w))
        w -= alpha[j] * q[j]
        if j > 0:
            w -= beta[j - 1] * q[j - 1]
        Q = np.stack(q)
        for _ in range(2):
            w -= Q.T @ (Q @ w)
        beta.append(float(np.linalg.norm(w)))
        if j + 1 < iterations:
            q.append(w / beta[j])
    m = len(alpha)
    T = np.diag(alpha) + np.diag(beta[:m - 1], 1) + np.diag(beta[:m - 1], -1)
    theta, s = np.linalg.eigh(T)
    order = np.argsort(-theta)[:k]
    return [float(theta[i]) for i in order], [abs(beta[m - 1] * s[m - 1, i]) for i in order]


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    meta, params, ints, vecs = load(args.dir)
    layout = Layout(meta)
    loss = make_loss(meta, params, ints)
    hvp = make_hvp(loss, params, layout)
    hv = hvp(vecs['v'])
    ref = vecs['replens_hv']
    rel = float(np.linalg.norm(hv - ref) / np.linalg.norm(hv))
    fresh = time_products(hvp, vecs['v'], args.warmup, args.reps)
    t0 = time.perf_counter()
    reused_hvp = make_reused_hvp(loss, params, layout)
    reused_hvp(vecs['v'])
    record_ms = (time.perf_counter() - t0) * 1e3
    reused = time_products(reused_hvp, vecs['v'], 1, args.reps)
    del reused_hvp
    # Lanczos as Replens runs it: one graph of the gradient, then one backward pass per step.
    t0 = time.perf_counter()
    values, residuals = lanczos(make_reused_hvp(loss, params, layout), vecs['start'], args.iterations, args.k)
    lanczos_s = time.perf_counter() - t0
    print(json.dumps(dict(
        impl='torch', available=True, threads=args.threads, torch=torch.__version__, blas=blas_name(),
        dim=int(ref.shape[0]), **fresh, recordMs=record_ms, reused=reused, lanczosSeconds=lanczos_s,
        iterations=args.iterations, values=values, residuals=residuals, hvRelDiffToReplens=rel,
    )))


if __name__ == '__main__':
    main()
