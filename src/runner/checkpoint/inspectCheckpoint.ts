/**
 * `replens inspect`: the tensors of a safetensors file with shape and statistics, and its
 * metadata. Reads the whole file (the CLI inspects one file at a time); writes nothing.
 */
import * as fs from 'node:fs';
import { tensorStats } from '../../engine/analysis/tensorStats';
import { AnalysisInputError } from '../analysisRuns';
import { decodeSafetensorsRaw } from '../../storage/safetensors';
import { tensorValues } from '../../storage/tensorValues';

/** One tensor of an inspected file: statistics over its finite values. */
export interface InspectedTensor {
  name: string;
  /** safetensors dtype code (F32, BF16, I64, …). */
  dtype: string;
  shape: number[];
  norm: number;
  mean: number;
  std: number;
}

/** A safetensors file's metadata and tensors, in file order. */
export interface InspectedCheckpoint {
  metadata: Record<string, string>;
  tensors: InspectedTensor[];
}

/** Reads and inspects `file`; an unreadable file or one that is not safetensors throws AnalysisInputError. */
export function inspectCheckpoint(file: string): InspectedCheckpoint {
  let decoded;
  try {
    decoded = decodeSafetensorsRaw(new Uint8Array(fs.readFileSync(file)));
  } catch (e) {
    throw new AnalysisInputError(`${file}: ${(e as Error).message}`);
  }
  const tensors = [...decoded.tensors].map(([name, t]): InspectedTensor => {
    const { norm, mean, std } = tensorStats(tensorValues(t));
    return { name, dtype: t.dtype, shape: t.shape, norm, mean, std };
  });
  return { metadata: decoded.metadata, tensors };
}
