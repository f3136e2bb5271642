/**
 * Writers of external-folder fixtures for the tests: safetensors through the project's encoder,
 * `.npy` and `.npz` byte-exactly (a STORED zip, as np.savez writes), rows.json and metrics.jsonl.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { type SafeTensor, encodeSafetensors } from '../../../../src/storage/safetensors';

/** A fresh temporary folder. */
export function tempDir(prefix = 'replens-ext-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A float tensor of the given shape (float32 unless `f64`). */
export function tensor(shape: number[], values: ArrayLike<number>, f64 = false): SafeTensor {
  return f64
    ? { dtype: 'F64', shape, data: Float64Array.from(values) }
    : { dtype: 'F32', shape, data: Float32Array.from(values) };
}

/** Writes a safetensors file of named tensors (file order = insertion order). */
export function writeSafetensors(
  file: string,
  tensors: Record<string, SafeTensor>,
  metadata: Record<string, string> = {},
): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, encodeSafetensors(new Map(Object.entries(tensors)), metadata));
}

/** `.npy` version-1.0 bytes of a float32 (`<f4`) or float64 (`<f8`) array. */
export function npyBytes(shape: number[], values: ArrayLike<number>, descr = '<f4'): Uint8Array {
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${dims}), }`;
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  const header = dict.padEnd(total - 10 - 1, ' ') + '\n';
  const data =
    descr === '<f8'
      ? new Uint8Array(Float64Array.from(values).buffer)
      : new Uint8Array(Float32Array.from(values).buffer);
  const out = new Uint8Array(total + data.length);
  out.set([0x93, ...Buffer.from('NUMPY'), 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(Buffer.from(header, 'latin1'), 10);
  out.set(data, total);
  return out;
}

/** A zip of the given entries (STORED, or DEFLATE with `deflate`), as numpy's savez writes. */
export function zipBytes(entries: Record<string, Uint8Array>, deflate = false): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const body = deflate ? zlib.deflateRawSync(content) : Buffer.from(content);
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    // CRC-32 left 0: the reader does not check it.
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(local.readUInt32LE(14), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** Writes a file, creating its folder. */
export function writeFile(file: string, content: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** Every file under a folder, relative, sorted. */
export function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** A deterministic pseudo-random sequence in [-1, 1). */
export function noise(n: number, seed: number): Float64Array {
  let s = seed >>> 0 || 1;
  return Float64Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}
