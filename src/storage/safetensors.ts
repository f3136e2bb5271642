/**
 * safetensors (https://github.com/huggingface/safetensors) encoding and decoding:
 *   8-byte little-endian header length N, N bytes of JSON header, then the raw tensor bytes.
 * The header maps each tensor name to {dtype, shape, data_offsets: [begin, end]} (offsets
 * relative to the byte buffer) and may hold `__metadata__`, a string-to-string map.
 * Written by hand: the format is this small, and no maintained npm package implements it.
 */

export type SafeDtype = 'F32' | 'F64' | 'I32' | 'I64' | 'U8';

/** A decoded tensor. F32/F64/I32/U8 decode to their typed arrays; I64 decodes to BigInt64Array. */
export interface SafeTensor {
  dtype: SafeDtype;
  shape: number[];
  data: Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array;
}

export interface SafetensorsFile {
  tensors: Map<string, SafeTensor>;
  metadata: Record<string, string>;
}

const bytesPer: Record<SafeDtype, number> = { F32: 4, F64: 8, I32: 4, I64: 8, U8: 1 };

/** Encodes tensors (in the given order) and string metadata into a safetensors byte buffer. */
export function encodeSafetensors(
  tensors: Map<string, SafeTensor>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) {
    header.__metadata__ = metadata;
  }
  let offset = 0;
  for (const [name, t] of tensors) {
    checkSize(name, t);
    const end = offset + t.data.byteLength;
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, end] };
    offset = end;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  // Pad with spaces so the data section starts 8-byte aligned, as the reference writer does.
  const headerBytes = new Uint8Array(json.length + ((8 - (json.length % 8)) % 8)).fill(0x20);
  headerBytes.set(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let pos = 8 + headerBytes.length;
  for (const t of tensors.values()) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), pos);
    pos += t.data.byteLength;
  }
  return out;
}

/** Decodes a safetensors buffer. Throws an Error naming the problem on malformed input. */
export function decodeSafetensors(bytes: Uint8Array): SafetensorsFile {
  const { entries, metadata } = decodeEntries(bytes, bytesPer);
  const tensors = new Map<string, SafeTensor>();
  for (const [name, e] of entries) {
    const dtype = e.dtype as SafeDtype;
    tensors.set(name, { dtype, shape: e.shape, data: makeArray(dtype, e.bytes.buffer) });
  }
  return { tensors, metadata };
}

/** Byte width of every dtype of the safetensors format (including those PyTorch writes). */
export const formatDtypeBytes: Readonly<Record<string, number>> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E5M2: 1,
  F8_E4M3: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  I64: 8,
  U64: 8,
  F64: 8,
};

/** A tensor of any format dtype, as its raw little-endian bytes (a fresh, aligned copy). */
export interface RawTensor {
  dtype: string;
  shape: number[];
  bytes: Uint8Array;
}

/**
 * Decodes a safetensors buffer written by any tool: every dtype of the format, tensors as raw
 * bytes. Validates like `decodeSafetensors` and throws an Error naming the problem.
 */
export function decodeSafetensorsRaw(bytes: Uint8Array): {
  tensors: Map<string, RawTensor>;
  metadata: Record<string, string>;
} {
  const { entries, metadata } = decodeEntries(bytes, formatDtypeBytes);
  return { tensors: entries, metadata };
}

function decodeEntries(
  bytes: Uint8Array,
  widths: Readonly<Record<string, number>>,
): { entries: Map<string, RawTensor>; metadata: Record<string, string> } {
  if (bytes.length < 8) {
    throw new Error('not a safetensors file: shorter than its 8-byte header length');
  }
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (n > bytes.length - 8 || n > 100_000_000) {
    throw new Error(`not a safetensors file: header length ${n} exceeds the file`);
  }
  const header = parseHeader(bytes.subarray(8, 8 + n));
  const body = bytes.subarray(8 + n);
  const entries = new Map<string, RawTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = entry as Record<string, string>;
      continue;
    }
    entries.set(name, readEntry(name, entry, body, widths));
  }
  return { entries, metadata };
}

function parseHeader(bytes: Uint8Array): Record<string, unknown> {
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new Error(`not a safetensors file: header is not JSON (${(e as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new Error('not a safetensors file: header is not a JSON object');
  }
  return header as Record<string, unknown>;
}

function readEntry(
  name: string,
  entry: unknown,
  body: Uint8Array,
  widths: Readonly<Record<string, number>>,
): RawTensor {
  if (typeof entry !== 'object' || entry === null) {
    throw new Error(`tensor "${name}": header entry is not an object`);
  }
  const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
  const dtype = e.dtype;
  if (!(typeof dtype === 'string' && Object.hasOwn(widths, dtype))) {
    throw new Error(`tensor "${name}": unsupported dtype ${String(e.dtype)}`);
  }
  const shape = e.shape;
  if (!Array.isArray(shape) || !shape.every((n) => Number.isInteger(n) && (n as number) >= 0)) {
    throw new Error(
      `tensor "${name}": shape must be a list of non-negative integers, got ${JSON.stringify(shape)}`,
    );
  }
  const offsets = e.data_offsets;
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    !offsets.every((n) => Number.isInteger(n))
  ) {
    throw new Error(
      `tensor "${name}": data_offsets must be [begin, end], got ${JSON.stringify(offsets)}`,
    );
  }
  const [begin, end] = offsets as [number, number];
  if (begin < 0 || begin > end || end > body.length) {
    throw new Error(
      `tensor "${name}": data_offsets [${begin}, ${end}] lie outside the ${body.length} data bytes`,
    );
  }
  const count = (shape as number[]).reduce((a, b) => a * b, 1);
  if (count * widths[dtype] !== end - begin) {
    throw new Error(
      `tensor "${name}": shape [${shape.join(', ')}] does not match ${end - begin} bytes of ${dtype}`,
    );
  }
  // Copy into a fresh, aligned buffer (the file's offsets need not be aligned for the dtype).
  return { dtype, shape: shape as number[], bytes: body.slice(begin, end) };
}

function makeArray(dtype: SafeDtype, raw: ArrayBufferLike): SafeTensor['data'] {
  switch (dtype) {
    case 'F32':
      return new Float32Array(raw);
    case 'F64':
      return new Float64Array(raw);
    case 'I32':
      return new Int32Array(raw);
    case 'I64':
      return new BigInt64Array(raw);
    case 'U8':
      return new Uint8Array(raw);
  }
}

function checkSize(name: string, t: SafeTensor): void {
  const count = t.shape.reduce((a, b) => a * b, 1);
  if (count * bytesPer[t.dtype] !== t.data.byteLength) {
    throw new Error(
      `tensor "${name}": shape [${t.shape.join(', ')}] does not match ${t.data.byteLength} bytes of ${t.dtype}`,
    );
  }
}
