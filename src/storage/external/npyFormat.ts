/**
 * `.npy` headers and float data for external folders (format versions 1–3): the header says the
 * dtype, order and shape; the data follows it. Unlike storage/npy.ts (which widens everything to
 * float64 for small matrices) float32 data stays float32 here, and float16 is read too, so large
 * activations keep their size. Little-endian (or byte-order-free) floats only.
 */
import { ExternalFolderError } from './externalFolderError';
import { type ExternalMatrix, type FloatDtype, floatValues, matrixShape } from './floatTensor';

/** What an `.npy` header says, and where its data starts. */
export interface NpyHeader {
  dtype: FloatDtype;
  shape: number[];
  fortran: boolean;
  /** Byte offset of the data from the start of the `.npy` bytes. */
  dataOffset: number;
  dataBytes: number;
}

const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const dtypes: Record<string, FloatDtype> = { '<f2': 'F16', '<f4': 'F32', '<f8': 'F64' };
const widths: Record<FloatDtype, number> = { F16: 2, F32: 4, F64: 8, BF16: 2 };

/**
 * The header of `.npy` bytes (at least the header must be present).
 * @param where the file (or archive entry) named in errors.
 * @returns undefined when `bytes` holds only part of the header (read more and call again).
 */
export function parseNpyHeader(bytes: Uint8Array, where: string): NpyHeader | undefined {
  if (bytes.length < 12) {
    return undefined;
  }
  if (magic.some((b, i) => bytes[i] !== b)) {
    throw new ExternalFolderError(where, 'not a .npy file (bad magic)');
  }
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  if (bytes.length < start + headerLen) {
    return undefined;
  }
  const text = Buffer.from(bytes.subarray(start, start + headerLen)).toString('latin1');
  const descr = /'descr':\s*'([^']+)'/.exec(text)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || shapeText === undefined) {
    throw new ExternalFolderError(where, 'not a .npy file (header lacks descr or shape)');
  }
  const dtype = dtypes[descr.replace(/^=/, '<')];
  if (dtype === undefined) {
    throw new ExternalFolderError(
      where,
      `dtype ${descr}: expected little-endian float16, float32 or float64`,
    );
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const fortran = /'fortran_order':\s*True/.test(text);
  return { dtype, shape, fortran, dataOffset: start + headerLen, dataBytes: count * widths[dtype] };
}

/** The header's shape as a matrix, or an error naming `where`. */
export function npyMatrixShape(h: NpyHeader, where: string): { rows: number; cols: number } {
  const m = matrixShape(h.shape);
  if (typeof m === 'string') {
    throw new ExternalFolderError(where, m);
  }
  if (h.fortran && h.shape.length !== 2) {
    throw new ExternalFolderError(where, 'Fortran-ordered arrays are read only when 2-D');
  }
  return m;
}

/** The matrix of a whole `.npy` (header and data). */
export function decodeNpyMatrix(bytes: Uint8Array, where: string): ExternalMatrix {
  const h = parseNpyHeader(bytes, where);
  if (h === undefined || bytes.length < h.dataOffset + h.dataBytes) {
    throw new ExternalFolderError(where, '.npy data is shorter than its shape says');
  }
  const m = npyMatrixShape(h, where);
  const data = floatValues(h.dtype, bytes.slice(h.dataOffset, h.dataOffset + h.dataBytes));
  return { ...m, data: h.fortran ? transpose(data, m.cols, m.rows) : data };
}

/** A column-major [rows, cols] array (stored as [cols, rows]) in row-major order. */
function transpose<A extends Float32Array | Float64Array>(x: A, rows: number, cols: number): A {
  const out = x.slice() as A;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      out[j * rows + i] = x[i * cols + j];
    }
  }
  return out;
}
