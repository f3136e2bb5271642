/**
 * A safetensors file read lazily: the header once (8-byte length, JSON), then one tensor's byte
 * range at a time with `fs.readSync` at its offset, so a file of many layers never sits in memory
 * whole. Layer order: the `__metadata__.layers` list (JSON array of names) when the writer gave
 * one (Python's safetensors sorts tensors by name), else the order of the data offsets.
 */
import * as fs from 'node:fs';
import { formatDtypeBytes } from '../safetensors';
import { ExternalFolderError } from './externalFolderError';
import { type ExternalMatrix, floatValues, isFloatDtype, matrixShape } from './floatTensor';

/** A tensor's header entry; offsets are absolute positions in the file. */
export interface SafetensorsEntry {
  name: string;
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

/** The header of a safetensors file, its tensors in layer order. */
export interface SafetensorsHeader {
  file: string;
  entries: SafetensorsEntry[];
  metadata: Record<string, string>;
}

/** Reads and checks the header of a safetensors file (throws ExternalFolderError). */
export function readSafetensorsHeader(file: string): SafetensorsHeader {
  return withFd(file, (fd) => {
    const size = fs.fstatSync(fd).size;
    const lenBytes = readAt(fd, 0, 8, file);
    const n = Number(Buffer.from(lenBytes).readBigUInt64LE(0));
    if (size < 8 || n > size - 8 || n > 100_000_000) {
      throw new ExternalFolderError(
        file,
        'not a safetensors file (its header length exceeds the file)',
      );
    }
    const json = parseJsonObject(file, Buffer.from(readAt(fd, 8, n, file)).toString('utf8'));
    const base = 8 + n;
    const metadata = (json.__metadata__ ?? {}) as Record<string, string>;
    const entries = Object.entries(json)
      .filter(([name]) => name !== '__metadata__')
      .map(([name, e]) => checkEntry(file, name, e, base, size));
    return { file, entries: ordered(file, entries, metadata), metadata };
  });
}

/** Reads one float tensor of a safetensors file as a matrix (2-D or 3-D; throws otherwise). */
export function readSafetensorsMatrix(header: SafetensorsHeader, name: string): ExternalMatrix {
  const e = header.entries.find((x) => x.name === name);
  if (e === undefined) {
    throw new ExternalFolderError(header.file, `no tensor "${name}"`);
  }
  const where = `tensor "${name}"`;
  if (!isFloatDtype(e.dtype)) {
    throw new ExternalFolderError(
      header.file,
      `${where} has dtype ${e.dtype}; expected F32, F64, F16 or BF16`,
    );
  }
  const shape = matrixShape(e.shape);
  if (typeof shape === 'string') {
    throw new ExternalFolderError(header.file, `${where}: ${shape}`);
  }
  const dtype = e.dtype;
  const bytes = withFd(header.file, (fd) => readAt(fd, e.begin, e.end - e.begin, header.file));
  return { ...shape, data: floatValues(dtype, bytes) };
}

function checkEntry(
  file: string,
  name: string,
  entry: unknown,
  base: number,
  size: number,
): SafetensorsEntry {
  const e = (entry ?? {}) as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
  const bad = (what: string): ExternalFolderError =>
    new ExternalFolderError(file, `tensor "${name}": ${what}`);
  if (typeof e.dtype !== 'string' || !Object.hasOwn(formatDtypeBytes, e.dtype)) {
    throw bad(`unknown dtype ${JSON.stringify(e.dtype)}`);
  }
  const shape = e.shape;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) {
    throw bad(`shape must be a list of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  const off = e.data_offsets;
  if (!Array.isArray(off) || off.length !== 2 || !off.every((d) => Number.isInteger(d))) {
    throw bad(`data_offsets must be [begin, end], got ${JSON.stringify(off)}`);
  }
  const [begin, end] = (off as number[]).map((d) => d + base);
  if (begin < base || end < begin || end > size) {
    throw bad(
      `data_offsets ${JSON.stringify(off)} lie outside the file's ${size - base} data bytes`,
    );
  }
  const count = (shape as number[]).reduce((a, b) => a * b, 1);
  if (count * formatDtypeBytes[e.dtype] !== end - begin) {
    throw bad(`shape [${shape.join(', ')}] does not match ${end - begin} bytes of ${e.dtype}`);
  }
  return { name, dtype: e.dtype, shape: shape as number[], begin, end };
}

function ordered(
  file: string,
  entries: SafetensorsEntry[],
  metadata: Record<string, string>,
): SafetensorsEntry[] {
  const byOffset = [...entries].sort((a, b) => a.begin - b.begin);
  if (typeof metadata.layers !== 'string') {
    return byOffset;
  }
  let names: unknown;
  try {
    names = JSON.parse(metadata.layers);
  } catch {
    names = undefined;
  }
  if (!Array.isArray(names) || !names.every((x) => typeof x === 'string')) {
    throw new ExternalFolderError(file, '__metadata__.layers must be a JSON list of tensor names');
  }
  const missing = names.filter((x) => !entries.some((e) => e.name === x));
  if (missing.length > 0) {
    throw new ExternalFolderError(
      file,
      `__metadata__.layers names tensors the file lacks: ${missing.join(', ')}`,
    );
  }
  const rank = new Map(names.map((x, i) => [x, i]));
  const at = (e: SafetensorsEntry): number => rank.get(e.name) ?? names.length;
  return byOffset.sort((a, b) => at(a) - at(b));
}

function parseJsonObject(file: string, text: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ExternalFolderError(
      file,
      `not a safetensors file (header is not JSON: ${(e as Error).message})`,
    );
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ExternalFolderError(file, 'not a safetensors file (header is not a JSON object)');
  }
  return json as Record<string, unknown>;
}

/** Runs `f` on an open file descriptor (closed afterwards); unreadable files name the cause. */
export function withFd<T>(file: string, f: (fd: number) => T): T {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    throw new ExternalFolderError(
      file,
      `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  try {
    return f(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Exactly `length` bytes at `position` (a fresh, aligned buffer), or an error naming the file. */
export function readAt(fd: number, position: number, length: number, file: string): Uint8Array {
  const out = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, out, done, length - done, position + done);
    if (n === 0) {
      throw new ExternalFolderError(file, `ends early (wanted ${length} bytes at ${position})`);
    }
    done += n;
  }
  return out;
}
