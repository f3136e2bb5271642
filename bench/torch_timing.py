"""What the PyTorch sides of the benchmarks share: timing a training step the way the Replens
side is timed, and the one JSON line the runner reads."""
import json
import os
import time

import numpy as np
import torch


def time_and_report(step, args):
    """Runs `step` (returns the loss tensor): `args.check` steps whose losses are reported, then
    `args.warmup` untimed steps, then `args.reps` reps of `args.steps` timed steps; prints the
    result line."""
    losses = [step().item() for _ in range(args.check)]
    for _ in range(args.warmup):
        step()
    rep_ms, cpu_ms = [], []
    for _ in range(args.reps):
        c0, t0 = time.process_time(), time.perf_counter()
        for _ in range(args.steps):
            loss = step()
        loss.item()
        rep_ms.append((time.perf_counter() - t0) * 1e3 / args.steps)
        cpu_ms.append((time.process_time() - c0) * 1e3 / args.steps)
    print(json.dumps(dict(
        impl='torch', backend=f'torch-{args.threads}t', available=True, threads=args.threads,
        torch=torch.__version__, blas=blas_name(), losses=losses, repMs=rep_ms,
        medianMs=float(np.median(rep_ms)), minMs=min(rep_ms), maxMs=max(rep_ms), stepsPerRep=args.steps,
        cpuMsPerStep=float(np.median(cpu_ms)),
    )))


def blas_name():
    """The BLAS library the process mapped: OpenBLAS, or else the generic libblas (netlib is ~15x slower)."""
    try:
        with open('/proc/self/maps') as f:
            libs = sorted({line.split()[-1] for line in f if 'blas' in line.lower()})
    except OSError:
        return 'unknown'
    openblas = [os.path.basename(p) for p in libs if 'libopenblas' in p]
    return openblas[0] if openblas else ', '.join(libs) or 'unknown'
