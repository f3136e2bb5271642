/**
 * Checkpoints as safetensors files. Tensors are float32; `__metadata__` holds the step, the
 * config hash, the optimizer step and the format, so a file is self-describing.
 */
import * as fs from 'node:fs';
import type { CheckpointData, TensorData } from '../shared/checkpoint';
import { writeFileAtomic } from './atomicWrite';
import { type SafeTensor, decodeSafetensors, encodeSafetensors } from './safetensors';

export const checkpointFormat = 'replens-checkpoint-1';

/** Metadata written with every checkpoint. */
export interface CheckpointMeta {
  configHash: string;
  runId: string;
}

/** Writes a checkpoint atomically (never a torn file, even if the process is killed). */
export function writeCheckpoint(file: string, ckpt: CheckpointData, meta: CheckpointMeta): void {
  const tensors = new Map<string, SafeTensor>();
  for (const [name, t] of ckpt.tensors) {
    tensors.set(name, { dtype: 'F32', shape: t.shape, data: t.data });
  }
  const metadata = {
    format: checkpointFormat,
    step: String(ckpt.step),
    optimizerStep: String(ckpt.optimizerStep),
    configHash: meta.configHash,
    runId: meta.runId,
    dtypes: 'F32',
  };
  writeFileAtomic(file, encodeSafetensors(tensors, metadata));
}

/** Reads a checkpoint written by `writeCheckpoint`; the error names the file and the reason. */
export function readCheckpoint(file: string): CheckpointData & { meta: Record<string, string> } {
  let decoded;
  try {
    decoded = decodeSafetensors(new Uint8Array(fs.readFileSync(file)));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
  const { tensors, metadata } = decoded;
  const step = Number(metadata.step);
  if (metadata.format !== checkpointFormat || !Number.isInteger(step)) {
    throw new Error(
      `${file}: not a Replens checkpoint (metadata format "${metadata.format ?? ''}")`,
    );
  }
  const out = new Map<string, TensorData>();
  for (const [name, t] of tensors) {
    if (t.dtype !== 'F32') {
      throw new Error(`${file}: tensor "${name}" is ${t.dtype}; checkpoints hold F32 tensors`);
    }
    out.set(name, { shape: t.shape, data: t.data as Float32Array });
  }
  return {
    step,
    tensors: out,
    optimizerStep: Number(metadata.optimizerStep ?? step),
    meta: metadata,
  };
}
