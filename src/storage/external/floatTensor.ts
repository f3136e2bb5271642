/**
 * Float tensors of external files as the analyses take them: a row-major matrix whose rows are
 * the examples (a 3-D [N, T, D] tensor flattens to N·T rows, example-major). Float64 and float32
 * keep their width; half and bfloat16 widen to float32 (tensorValues.ts).
 */
import { tensorValues } from '../tensorValues';

/** The float dtypes an activation or weight tensor may have (safetensors names). */
export const floatDtypes = ['F32', 'F64', 'F16', 'BF16'] as const;
export type FloatDtype = (typeof floatDtypes)[number];

/** One tensor read whole: rows × cols values, row-major. */
export interface ExternalMatrix {
  rows: number;
  cols: number;
  data: Float32Array | Float64Array;
}

/** Whether a dtype is one the external readers convert. */
export function isFloatDtype(dtype: string): dtype is FloatDtype {
  return (floatDtypes as readonly string[]).includes(dtype);
}

/** Rows and columns of a 2-D or 3-D shape, or why it is neither. */
export function matrixShape(shape: readonly number[]): { rows: number; cols: number } | string {
  if (shape.length === 2) {
    return { rows: shape[0], cols: shape[1] };
  }
  if (shape.length === 3) {
    return { rows: shape[0] * shape[1], cols: shape[2] };
  }
  return `shape [${shape.join(', ')}] is ${shape.length}-D; expected [N, D] or [N, T, D]`;
}

/** The values of raw little-endian bytes of a float dtype, as a float32 or float64 array. */
export function floatValues(dtype: FloatDtype, bytes: Uint8Array): Float32Array | Float64Array {
  // A copy of its own when `bytes` views part of a larger buffer (e.g. a pooled Buffer).
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const own = whole ? bytes : new Uint8Array(bytes);
  const values = tensorValues({ dtype, shape: [], bytes: own });
  if (values instanceof Float32Array || values instanceof Float64Array) {
    return values;
  }
  return Float64Array.from(values);
}
