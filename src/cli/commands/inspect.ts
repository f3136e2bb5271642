/** `replens inspect <file.safetensors> [--json]`: tensors with shape and statistics, metadata. */
import { parseArgs } from 'node:util';
import { inspectCheckpoint } from '../../runner/checkpoint/inspectCheckpoint';
import { exitCodes, inputErrorsAsUsage } from '../errors';
import type { Cli } from '../cli';
import { single } from './run';

export const inspectUsage = 'replens inspect <file.safetensors> [--json]';

export async function inspectCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  });
  const file = single(positionals);
  const { metadata, tensors } = await inputErrorsAsUsage(() => inspectCheckpoint(file));
  if (values.json) {
    cli.out(JSON.stringify({ file, metadata, tensors }, null, 2));
    return exitCodes.ok;
  }
  for (const [k, v] of Object.entries(metadata)) {
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
  return exitCodes.ok;
}

function num(x: number): string {
  return x.toPrecision(5).padStart(10);
}
