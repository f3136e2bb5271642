"""PyTorch counterpart of Replens' transformer training step, for bench/transformer-step.

Loads the initial weights and token rows that replens_step.ts exported (raw float32/int32 files in
PyTorch layout plus meta.json) into the reference architecture: nn.Embedding * sqrt(d) +
sinusoidal positions, nn.TransformerEncoder(nn.TransformerEncoderLayer(batch_first=True)) with a
causal mask and src_key_padding_mask = (tokens == PAD), a Linear head. The loss is the same
weighted cross-entropy (1/#counted on the non-PAD targets), then torch.optim.AdamW. Dropout is 0
(the modules stay in train mode, as in training). Prints one JSON line.

usage: /usr/bin/python3 torch_step.py DIR [--threads N] [--check N] [--warmup N] [--reps N] [--steps N]
"""
import argparse
import json
import math
import os
import sys

import numpy as np
import torch
from torch import nn

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


def positions(length, d):
    pe = torch.zeros(length, d)
    pos = torch.arange(0, length, dtype=torch.float).view(-1, 1)
    div = torch.exp(torch.arange(0, d, 2).float() * (-math.log(10000.0) / d))
    pe[:, 0::2] = torch.sin(pos * div)
    pe[:, 1::2] = torch.cos(pos * div)
    return pe


class Transformer(nn.Module):
    def __init__(self, m, vocab):
        super().__init__()
        self.d = m['dModel']
        self.embedding = nn.Embedding(vocab, self.d)
        layer = nn.TransformerEncoderLayer(
            self.d, m['heads'], m['dFF'], dropout=m['dropout'], layer_norm_eps=m['layerNormEps'],
            batch_first=True, norm_first=m['norm'] == 'pre')
        self.encoder = nn.TransformerEncoder(layer, m['layers'], enable_nested_tensor=False)
        self.head = nn.Linear(self.d, vocab)

    def forward(self, src, pad):
        t = src.shape[1]
        x = self.embedding(src) * math.sqrt(self.d) + positions(t, self.d)
        causal = torch.triu(torch.full((t, t), float('-inf')), diagonal=1)
        return self.head(self.encoder(x, mask=causal, src_key_padding_mask=src == pad))


def load(d):
    meta = json.load(open(os.path.join(d, 'meta.json')))
    model = Transformer(meta['model'], meta['vocab'])
    state = {}
    for p in meta['params']:
        arr = np.fromfile(os.path.join(d, p['name'] + '.f32'), dtype='<f4').reshape(p['shape'])
        key = p['name'] if p['name'].split('.')[0] in ('embedding', 'head') else 'encoder.' + p['name']
        state[key] = torch.from_numpy(arr.copy())
    model.load_state_dict(state)
    tokens = np.fromfile(os.path.join(d, 'tokens.i32'), dtype='<i4').astype(np.int64)
    tokens = torch.from_numpy(tokens).reshape(meta['count'], meta['seqLen'])
    return meta, model, tokens


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    meta, model, tokens = load(args.dir)
    model.train()
    o = meta['optimizer']
    opt = torch.optim.AdamW(model.parameters(), lr=o['lr'], betas=(o['beta1'], o['beta2']),
                            eps=o['eps'], weight_decay=o['weightDecay'])
    pad, vocab = meta['pad'], meta['vocab']
    src, targets = tokens[:, :-1], tokens[:, 1:].reshape(-1)
    w = (targets != pad).float()
    w = w / w.sum()

    def step():
        opt.zero_grad(set_to_none=True)
        logits = model(src, pad).reshape(-1, vocab)
        loss = (nn.functional.cross_entropy(logits, targets, reduction='none') * w).sum()
        loss.backward()
        opt.step()
        return loss

    time_and_report(step, args)


if __name__ == '__main__':
    main()
