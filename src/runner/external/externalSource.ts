/**
 * The seam between the run analyses and external folders: an entry point that takes a run folder
 * asks `externalFolderAt(dir)` first and, for an external folder, hands it to the external
 * variant of the same analysis, which returns the same result shape. External results are cached
 * under `<dir>/.replens/` only, keyed by the files' names, sizes and modification times.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Float64Matrix } from '../../engine/analysis/cka';
import { writeFileAtomic } from '../../storage/atomicWrite';
import {
  type ExternalFolder,
  type ExternalMatrix,
  externalFiles,
  externalLayoutOf,
  openExternalFolder,
} from '../../storage/external/externalFolder';
import { AnalysisInputError } from '../analysisRuns';
import { configHash } from '../configHash';

/** The external folder at `dir`, or undefined when `dir` is not one (a run, a sweep, anything else). */
export function externalFolderAt(dir: string): ExternalFolder | undefined {
  return externalLayoutOf(dir) === undefined ? undefined : openExternalFolder(dir);
}

/** What names an external folder in results made for runs. */
export function externalIdentity(folder: ExternalFolder): {
  runDir: string;
  runId: string;
  experiment: string;
} {
  return {
    runDir: folder.dir,
    runId: path.basename(path.resolve(folder.dir)),
    experiment: 'external',
  };
}

/**
 * The result from `<dir>/.replens/<kind>-<hash>.json` when the same files were analysed with the
 * same key before; otherwise computed and saved there (a folder that cannot be written to is
 * simply not cached).
 */
export async function cachedExternalAnalysis<T>(
  folder: ExternalFolder,
  kind: string,
  key: object,
  compute: () => T | Promise<T>,
): Promise<T> {
  const file = path.join(
    folder.dir,
    externalFiles.cache,
    `${kind}-${configHash({ key, files: fingerprint(folder) })}.json`,
  );
  if (fs.existsSync(file)) {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
    } catch {
      // A damaged cache is recomputed below.
    }
  }
  const result = await compute();
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, JSON.stringify(result) + '\n');
  } catch {
    // A read-only folder is analysed every time.
  }
  return result;
}

/** Every file of the folder outside `.replens/`: relative path, size and modification time. */
function fingerprint(folder: ExternalFolder): [string, number, number][] {
  const out: [string, number, number][] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== externalFiles.cache) {
        walk(p);
      } else if (e.isFile()) {
        const st = fs.statSync(p);
        out.push([path.relative(folder.dir, p), st.size, st.mtimeMs]);
      }
    }
  };
  walk(folder.dir);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** A layer as the engine takes it (float64), keeping only `rows` when given, in that order. */
export function toFloat64(m: ExternalMatrix, rows?: ArrayLike<number>): Float64Matrix {
  if (rows === undefined) {
    return { rows: m.rows, cols: m.cols, data: Float64Array.from(m.data) };
  }
  const data = new Float64Array(rows.length * m.cols);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    for (let j = 0; j < m.cols; j++) {
      data[i * m.cols + j] = m.data[r * m.cols + j];
    }
  }
  return { rows: rows.length, cols: m.cols, data };
}

/** A layer as stored (float32 or float64), keeping only `rows` when given, in that order. */
export function pickRows(m: ExternalMatrix, rows?: ArrayLike<number>): ExternalMatrix {
  if (rows === undefined) {
    return m;
  }
  const data =
    m.data instanceof Float32Array
      ? new Float32Array(rows.length * m.cols)
      : new Float64Array(rows.length * m.cols);
  for (let i = 0; i < rows.length; i++) {
    data.set(m.data.subarray(rows[i] * m.cols, (rows[i] + 1) * m.cols), i * m.cols);
  }
  return { rows: rows.length, cols: m.cols, data };
}

/**
 * Rows of the layers of a step, which CKA needs to be the same for all of them (an activations
 * folder guarantees it; a checkpoint's weight matrices usually differ: an error names them).
 */
export function stepRows(folder: ExternalFolder, step: number): number {
  const rowsOf = (shape: number[]): number => (shape.length === 3 ? shape[0] * shape[1] : shape[0]);
  const layers = folder.layers(step);
  const n = rowsOf(layers[0].shape);
  const other = layers.find((l) => rowsOf(l.shape) !== n);
  if (other !== undefined) {
    throw new AnalysisInputError(
      `${folder.fileOf(step)}: CKA compares layers on the same rows, but "${layers[0].name}" has ${n} rows and "${other.name}" has ${rowsOf(other.shape)}`,
    );
  }
  return n;
}
