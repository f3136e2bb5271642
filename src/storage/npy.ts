/**
 * Reading NumPy `.npy` files (format versions 1–3): magic, version, header dict, raw data.
 * Supports little-endian float32/float64 and signed or unsigned 8- to 64-bit integers (converted
 * to float64; 64-bit integers above 2^53 lose their low bits) in C or Fortran order.
 * Written by hand: the format is a 10-line header plus raw bytes.
 */

export interface NpyArray {
  shape: number[];
  /** Row-major (C order) values as float64. */
  data: Float64Array;
  dtype: string;
}

const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Decodes an `.npy` buffer into float64 row-major data. Throws with the reason on bad input. */
export function decodeNpy(bytes: Uint8Array): NpyArray {
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b)) {
    throw new Error('not a .npy file (bad magic)');
  }
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*True/.test(header);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || shapeText === undefined) {
    throw new Error('not a .npy file (header lacks descr or shape)');
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  const raw = bytes.slice(start + headerLen).buffer;
  const flat = toFloat64(
    descr,
    raw,
    shape.reduce((a, b) => a * b, 1),
  );
  return { shape, data: fortran ? fortranToC(flat, shape) : flat, dtype: descr };
}

function toFloat64(descr: string, raw: ArrayBuffer, count: number): Float64Array {
  const make = (): ArrayLike<number | bigint> => {
    switch (descr) {
      case '<f8':
        return new Float64Array(raw, 0, count);
      case '<f4':
        return new Float32Array(raw, 0, count);
      case '<i4':
        return new Int32Array(raw, 0, count);
      case '<i8':
        return new BigInt64Array(raw, 0, count);
      case '|i1':
        return new Int8Array(raw, 0, count);
      case '<i2':
        return new Int16Array(raw, 0, count);
      case '|u1':
        return new Uint8Array(raw, 0, count);
      case '<u2':
        return new Uint16Array(raw, 0, count);
      case '<u4':
        return new Uint32Array(raw, 0, count);
      case '<u8':
        return new BigUint64Array(raw, 0, count);
      default:
        throw new Error(
          `unsupported .npy dtype ${descr} (use little-endian float32/float64 or int8–int64/uint8–uint64)`,
        );
    }
  };
  if (raw.byteLength < count * Number(descr.slice(2))) {
    throw new Error('.npy data is shorter than its shape says');
  }
  const src = make();
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    out[i] = Number(src[i]);
  }
  return out;
}

function fortranToC(x: Float64Array, shape: number[]): Float64Array {
  if (shape.length !== 2) {
    throw new Error('Fortran-ordered .npy is supported for 2-D arrays only');
  }
  const [r, c] = shape;
  const out = new Float64Array(x.length);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      out[i * c + j] = x[j * r + i];
    }
  }
  return out;
}
