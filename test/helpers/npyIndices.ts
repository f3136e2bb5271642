/** Writing 1-D (or any shape) `.npy` files of a chosen dtype, for given-split tests. */
import * as fs from 'node:fs';

const writers: Record<string, { size: number; put: (b: Buffer, v: number, at: number) => void }> = {
  '<i8': { size: 8, put: (b, v, at) => b.writeBigInt64LE(BigInt(v), at) },
  '<i4': { size: 4, put: (b, v, at) => b.writeInt32LE(v, at) },
  '|u1': { size: 1, put: (b, v, at) => b.writeUInt8(v, at) },
  '<f8': { size: 8, put: (b, v, at) => b.writeDoubleLE(v, at) },
  '|b1': { size: 1, put: (b, v, at) => b.writeUInt8(v, at) },
};

/** Writes `values` as a NumPy .npy (format 1.0) file of `descr` and `shape` (default 1-D). */
export function writeIndexNpy(
  file: string,
  values: readonly number[],
  descr = '<i8',
  shape: readonly number[] = [values.length],
): void {
  const w = writers[descr];
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${dims}), }`;
  header += ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
  const buf = Buffer.alloc(10 + header.length + values.length * w.size);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(buf, 0);
  buf.writeUInt16LE(header.length, 8);
  buf.write(header, 10, 'latin1');
  values.forEach((v, i) => w.put(buf, v, 10 + header.length + i * w.size));
  fs.writeFileSync(file, buf);
}
