"""PyTorch counterpart of Replens' embed-mlp training step, for bench/train-step.

Loads the initial weights and training pairs that replens_step.ts exported (raw float32/int32
files in PyTorch layout plus meta.json), builds the same model (shared embedding read for both
tokens, concatenated, Linear-activation blocks, Linear head), and times full-batch steps of
cross-entropy + torch.optim.AdamW. Prints one JSON line.

usage: /usr/bin/python3 torch_step.py DIR [--threads N] [--check N] [--warmup N] [--reps N] [--steps N]
"""
import argparse
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from torch_timing import time_and_report  # noqa: E402


def parse_args():
    ap = argparse.ArgumentParser()
    ap.add_argument('dir')
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--check', type=int, default=5)
    ap.add_argument('--warmup', type=int, default=5)
    ap.add_argument('--reps', type=int, default=7)
    ap.add_argument('--steps', type=int, default=5)
    return ap.parse_args()


def load(d):
    meta = json.load(open(os.path.join(d, 'meta.json')))
    params = {}
    for p in meta['params']:
        arr = np.fromfile(os.path.join(d, p['name'] + '.f32'), dtype='<f4').reshape(p['shape'])
        params[p['name']] = torch.nn.Parameter(torch.from_numpy(arr.copy()))
    ints = {k: torch.from_numpy(np.fromfile(os.path.join(d, k + '.i32'), dtype='<i4').astype(np.int64))
            for k in ('train_a', 'train_b', 'train_y')}
    return meta, params, ints


ACTIVATIONS = {
    'relu': F.relu,
    'silu': F.silu,
    'gelu': lambda x: F.gelu(x, approximate='tanh'),
}


def make_forward(meta, params):
    model = meta['model']
    act = ACTIVATIONS[model['activation']]
    n_layers = len(model['hidden']) + 1
    E = params['embedding.weight']
    layers = [(params[f'layers.{i}.weight'], params[f'layers.{i}.bias']) for i in range(n_layers)]

    def forward(a, b):
        ea, eb = E[a], E[b]
        h = torch.cat([ea, eb], 1) if model['combine'] == 'concat' else ea + eb
        for i, (w, bias) in enumerate(layers):
            h = F.linear(h, w, bias)
            if i + 1 < n_layers:
                h = act(h)
        return h

    return forward


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    meta, params, ints = load(args.dir)
    forward = make_forward(meta, params)
    opt_cfg = meta['train']['optimizer']
    schedule = meta['train']['lrSchedule']
    if schedule['kind'] != 'constant':
        raise SystemExit('torch_step.py implements the constant learning rate only')
    trainable = [params['embedding.weight']] if not meta['model'].get('freezeEmbedding') else []
    trainable += [p for n, p in params.items() if n != 'embedding.weight']
    opt = torch.optim.AdamW(trainable, lr=opt_cfg['lr'], betas=(opt_cfg['beta1'], opt_cfg['beta2']),
                            eps=opt_cfg['eps'], weight_decay=opt_cfg['weightDecay'])
    a, b, y = ints['train_a'], ints['train_b'], ints['train_y']

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(forward(a, b), y)
        loss.backward()
        opt.step()
        return loss

    time_and_report(step, args)


if __name__ == '__main__':
    main()
