/**
 * The tensors of one step of an external folder, whatever file holds them: a safetensors file, an
 * `.npz` archive (keyed by layer), or a folder of `<layer>.npy`. Opening reads headers only;
 * `read` reads one tensor.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExternalFolderError } from './externalFolderError';
import { type ExternalMatrix, isFloatDtype, matrixShape } from './floatTensor';
import { decodeNpyMatrix, npyMatrixShape, parseNpyHeader } from './npyFormat';
import { readSafetensorsHeader, readSafetensorsMatrix, withFd } from './safetensorsFile';
import { type ZipEntry, readZipEntries, readZipEntry } from './zipEntries';

/** A tensor of a step: its name (the layer), shape, and the file its data is in. */
export interface StepTensor {
  name: string;
  shape: number[];
  file: string;
}

/** The tensors of one step, in layer order, and a reader of one of them. */
export interface StepFile {
  /** The file (or folder) of the step. */
  file: string;
  tensors: StepTensor[];
  read(name: string): ExternalMatrix;
}

/**
 * A safetensors step. `weightsOnly` keeps the 2-D float tensors and skips the rest (a checkpoint's
 * biases, norms and integer buffers); otherwise every tensor must be a 2-D or 3-D float.
 */
export function openSafetensorsStep(file: string, weightsOnly = false): StepFile {
  const header = readSafetensorsHeader(file);
  const tensors: StepTensor[] = [];
  for (const e of header.entries) {
    const usable = isFloatDtype(e.dtype) && typeof matrixShape(e.shape) !== 'string';
    if (weightsOnly) {
      if (usable && e.shape.length === 2) {
        tensors.push({ name: e.name, shape: e.shape, file });
      }
      continue;
    }
    if (!isFloatDtype(e.dtype)) {
      throw new ExternalFolderError(
        file,
        `tensor "${e.name}" has dtype ${e.dtype}; activations must be F32, F64, F16 or BF16`,
      );
    }
    const m = matrixShape(e.shape);
    if (typeof m === 'string') {
      throw new ExternalFolderError(file, `tensor "${e.name}": ${m}`);
    }
    tensors.push({ name: e.name, shape: e.shape, file });
  }
  return { file, tensors, read: (name) => readSafetensorsMatrix(header, name) };
}

/** An `.npz` step: each `<layer>.npy` entry is a layer, in archive order. */
export function openNpzStep(file: string): StepFile {
  const entries = new Map<string, ZipEntry>();
  const tensors: StepTensor[] = [];
  for (const e of readZipEntries(file)) {
    if (!e.name.endsWith('.npy')) {
      throw new ExternalFolderError(file, `entry ${e.name} is not an .npy array`);
    }
    const name = e.name.slice(0, -'.npy'.length);
    const where = `${file} (array "${name}")`;
    tensors.push({ name, shape: npzEntryShape(file, e, where), file });
    entries.set(name, e);
  }
  return {
    file,
    tensors,
    read: (name) => {
      const e = entries.get(name);
      if (e === undefined) {
        throw new ExternalFolderError(file, `no array "${name}"`);
      }
      return decodeNpyMatrix(readZipEntry(file, e), `${file} (array "${name}")`);
    },
  };
}

/** A folder step: each `<layer>.npy` is a layer, in natural name order (layer2 before layer10). */
export function openNpyFolderStep(dir: string): StepFile {
  const names = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.npy'))
    .sort(naturalOrder);
  if (names.length === 0) {
    throw new ExternalFolderError(dir, 'holds no .npy files');
  }
  const tensors = names.map((f) => {
    const file = path.join(dir, f);
    return { name: f.slice(0, -'.npy'.length), shape: npyFileShape(file), file };
  });
  return {
    file: dir,
    tensors,
    read: (name) => {
      const t = tensors.find((x) => x.name === name);
      if (t === undefined) {
        throw new ExternalFolderError(dir, `no ${name}.npy`);
      }
      return decodeNpyMatrix(readBytes(t.file), t.file);
    },
  };
}

/** Compares names by their text with runs of digits compared as numbers. */
export function naturalOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

function npzEntryShape(file: string, e: ZipEntry, where: string): number[] {
  for (let limit = 4096; ; limit *= 4) {
    const h = parseNpyHeader(readZipEntry(file, e, limit), where);
    if (h !== undefined) {
      npyMatrixShape(h, where);
      return h.shape;
    }
    if (limit >= e.size + 4096) {
      throw new ExternalFolderError(where, 'not a .npy array (header cut short)');
    }
  }
}

function npyFileShape(file: string): number[] {
  return withFd(file, (fd) => {
    const buf = new Uint8Array(65536);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const h = parseNpyHeader(buf.subarray(0, n), file);
    if (h === undefined) {
      throw new ExternalFolderError(file, 'not a .npy file (header cut short)');
    }
    npyMatrixShape(h, file);
    return h.shape;
  });
}

function readBytes(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new ExternalFolderError(file, `cannot be read (${(e as Error).message})`);
  }
}
