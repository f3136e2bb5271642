/**
 * Numeric values of a raw safetensors tensor of any format dtype, for statistics and plots.
 * Floats keep their own width where JavaScript has a typed array (F32, F64); half and 8-bit
 * floats widen to float32; 64-bit integers become the nearest double.
 */
import type { RawTensor } from './safetensors';

/** The tensor's values, row-major, as numbers (BOOL as 0/1). */
export function tensorValues(t: RawTensor): ArrayLike<number> {
  const b = t.bytes;
  // Typed-array views need an aligned buffer of their own; decoded tensors already have one.
  const whole = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength;
  const buf = whole ? b.buffer : b.slice().buffer;
  switch (t.dtype) {
    case 'F64':
      return new Float64Array(buf);
    case 'F32':
      return new Float32Array(buf);
    case 'I32':
      return new Int32Array(buf);
    case 'U32':
      return new Uint32Array(buf);
    case 'I16':
      return new Int16Array(buf);
    case 'U16':
      return new Uint16Array(buf);
    case 'I8':
      return new Int8Array(buf);
    case 'U8':
    case 'BOOL':
      return new Uint8Array(buf);
    case 'I64':
      return Float64Array.from(new BigInt64Array(buf), Number);
    case 'U64':
      return Float64Array.from(new BigUint64Array(buf), Number);
    case 'F16':
      return Float32Array.from(new Uint16Array(buf), halfToNumber);
    case 'BF16':
      return bfloat16ToFloat32(new Uint16Array(buf));
    case 'F8_E5M2':
      return Float32Array.from(new Uint8Array(buf), e5m2ToNumber);
    case 'F8_E4M3':
      return Float32Array.from(new Uint8Array(buf), e4m3fnToNumber);
    default:
      throw new Error(`values of dtype ${t.dtype} cannot be read`);
  }
}

/** Whether a dtype holds floating-point values. */
export function isFloatDtype(dtype: string): boolean {
  return /^(F|BF)\d/.test(dtype);
}

/** IEEE 754 binary16: 1 sign, 5 exponent (bias 15), 10 fraction bits. */
export function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) {
    return sign * frac * 2 ** -24;
  }
  if (exp === 0x1f) {
    return frac === 0 ? sign * Infinity : NaN;
  }
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** bfloat16 is the upper half of a float32. */
function bfloat16ToFloat32(src: Uint16Array): Float32Array {
  const bits = new Uint32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    bits[i] = src[i] << 16;
  }
  return new Float32Array(bits.buffer);
}

/** float8 e5m2: 1 sign, 5 exponent (bias 15), 2 fraction bits; IEEE-style inf/NaN. */
function e5m2ToNumber(b: number): number {
  return halfToNumber(b << 8);
}

/** float8 e4m3fn: 1 sign, 4 exponent (bias 7), 3 fraction bits; no infinities, S.1111.111 is NaN. */
function e4m3fnToNumber(b: number): number {
  const sign = b & 0x80 ? -1 : 1;
  const exp = (b >> 3) & 0xf;
  const frac = b & 0x7;
  if (exp === 0xf && frac === 0x7) {
    return NaN;
  }
  if (exp === 0) {
    return sign * (frac / 8) * 2 ** -6;
  }
  return sign * (1 + frac / 8) * 2 ** (exp - 7);
}
