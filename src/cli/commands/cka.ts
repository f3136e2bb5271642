/** `replens cka <A.npy> <B.npy> [--estimator linear] [--json]` */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { type Float64Matrix, linearCka } from '../../engine/analysis/cka';
import { decodeNpy } from '../../storage/npy';
import { UsageError, exitCodes } from '../errors';
import type { Cli } from '../cli';

export const ckaUsage = 'replens cka <A.npy> <B.npy> [--estimator linear] [--json]';

export function ckaCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      estimator: { type: 'string', default: 'linear' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 2) {
    throw new UsageError(`cka needs two .npy files, got ${positionals.length}`);
  }
  if (values.estimator !== 'linear') {
    throw new UsageError(
      `--estimator "${values.estimator}" is not available; this version computes linear CKA`,
    );
  }
  const [a, b] = positionals.map(readMatrix);
  if (a.rows !== b.rows) {
    throw new UsageError(
      `${positionals[0]} has ${a.rows} rows but ${positionals[1]} has ${b.rows}; rows must be the same examples`,
    );
  }
  const cka = linearCka(a, b);
  if (values.json) {
    cli.out(JSON.stringify({ estimator: 'linear', cka, n: a.rows }));
  } else {
    cli.out(`linear CKA = ${cka.toFixed(6)} (n = ${a.rows}, ${a.cols} vs ${b.cols} features)`);
  }
  return Promise.resolve(exitCodes.ok);
}

function readMatrix(file: string): Float64Matrix {
  let arr;
  try {
    arr = decodeNpy(new Uint8Array(fs.readFileSync(file)));
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
  if (arr.shape.length !== 2) {
    throw new UsageError(
      `${file}: expected a 2-D array [examples, features], got shape (${arr.shape.join(', ')})`,
    );
  }
  return { rows: arr.shape[0], cols: arr.shape[1], data: arr.data };
}
