/** `replens inspect <file.safetensors> [--json]`: tensors with shape and statistics, metadata. */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { tensorStats } from '../../engine/analysis/tensorStats';
import { type RawTensor, decodeSafetensorsRaw } from '../../storage/safetensors';
import { tensorValues } from '../../storage/tensorValues';
import { UsageError, exitCodes } from '../errors';
import type { Cli } from '../cli';
import { single } from './run';

export const inspectUsage = 'replens inspect <file.safetensors> [--json]';

interface TensorSummary {
  name: string;
  dtype: string;
  shape: number[];
  norm: number;
  mean: number;
  std: number;
}

export function inspectCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  });
  const file = single(positionals);
  let decoded;
  try {
    decoded = decodeSafetensorsRaw(new Uint8Array(fs.readFileSync(file)));
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
  const tensors = [...decoded.tensors].map(([name, t]) => summarize(name, t));
  if (values.json) {
    cli.out(JSON.stringify({ file, metadata: decoded.metadata, tensors }, null, 2));
    return Promise.resolve(exitCodes.ok);
  }
  for (const [k, v] of Object.entries(decoded.metadata)) {
    cli.out(`${k}: ${v}`);
  }
  const w = Math.max(4, ...tensors.map((t) => t.name.length));
  cli.out(
    `${'name'.padEnd(w)}  dtype  ${'shape'.padEnd(12)}  ${'norm'.padStart(10)}  ${'mean'.padStart(10)}  ${'std'.padStart(10)}`,
  );
  for (const t of tensors) {
    const shape = `[${t.shape.join(', ')}]`.padEnd(12);
    cli.out(
      `${t.name.padEnd(w)}  ${t.dtype.padEnd(5)}  ${shape}  ${num(t.norm)}  ${num(t.mean)}  ${num(t.std)}`,
    );
  }
  return Promise.resolve(exitCodes.ok);
}

function summarize(name: string, t: RawTensor): TensorSummary {
  const { norm, mean, std } = tensorStats(tensorValues(t));
  return { name, dtype: t.dtype, shape: t.shape, norm, mean, std };
}

function num(x: number): string {
  return x.toPrecision(5).padStart(10);
}
