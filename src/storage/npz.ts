/**
 * Reading NumPy `.npz` archives (`numpy.savez`, `numpy.savez_compressed`): a ZIP file whose entries
 * are `.npy` files, one per array, named by the array's key. Entries are stored or deflated; the
 * central directory gives names, sizes and offsets (ZIP64 sizes included, for arrays over 4 GiB).
 * Written by hand: only the parts of ZIP that numpy writes.
 */
import { inflateRawSync } from 'node:zlib';
import { type NpyArray, decodeNpy } from './npy';

/** One entry of an archive: its key (the file name without `.npy`) and where its bytes are. */
export interface NpzEntry {
  key: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const endOfCentralDirectory = 0x06054b50;
const centralHeader = 0x02014b50;
const localHeader = 0x04034b50;
const zip64EndLocator = 0x07064b50;

/** The entries of an `.npz` archive, in archive order. Throws with the reason on bad input. */
export function npzEntries(bytes: Uint8Array): NpzEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (offset === 0xffffffff || count === 0xffff) {
    ({ count, offset } = zip64Directory(view, eocd));
  }
  const entries: NpzEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > view.byteLength || view.getUint32(offset, true) !== centralHeader) {
      throw new Error(`not a .npz file (central directory entry ${i} is damaged)`);
    }
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    const extra = bytes.subarray(offset + 46 + nameLength, offset + 46 + nameLength + extraLength);
    const sizes = zip64Sizes(extra, {
      size: view.getUint32(offset + 24, true),
      compressedSize: view.getUint32(offset + 20, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    });
    entries.push({
      key: name.replace(/\.npy$/, ''),
      method: view.getUint16(offset + 10, true),
      ...sizes,
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The `.npy` bytes of one entry (inflated when compressed). */
export function npzEntryBytes(bytes: Uint8Array, entry: NpzEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > view.byteLength || view.getUint32(at, true) !== localHeader) {
    throw new Error(`${entry.key}: local header is damaged`);
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize) {
    throw new Error(`${entry.key}: the archive is shorter than its directory says`);
  }
  switch (entry.method) {
    case 0:
      return data;
    case 8:
      return new Uint8Array(inflateRawSync(data));
    default:
      throw new Error(`${entry.key}: unsupported compression method ${entry.method}`);
  }
}

/** Decodes every array of an `.npz` archive, by key, in archive order. */
export function decodeNpz(bytes: Uint8Array): Map<string, NpyArray> {
  const out = new Map<string, NpyArray>();
  for (const entry of npzEntries(bytes)) {
    try {
      out.set(entry.key, decodeNpy(npzEntryBytes(bytes, entry)));
    } catch (e) {
      const reason = (e as Error).message;
      throw new Error(reason.startsWith(`${entry.key}:`) ? reason : `${entry.key}: ${reason}`);
    }
  }
  return out;
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the end of the file.
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (view.getUint32(at, true) === endOfCentralDirectory) {
      return at;
    }
  }
  throw new Error('not a .npz file (no ZIP end of central directory)');
}

function zip64Directory(view: DataView, eocd: number): { count: number; offset: number } {
  const locator = eocd - 20;
  if (locator < 0 || view.getUint32(locator, true) !== zip64EndLocator) {
    throw new Error('not a .npz file (ZIP64 locator missing)');
  }
  const record = Number(view.getBigUint64(locator + 8, true));
  if (record + 56 > view.byteLength) {
    throw new Error('not a .npz file (ZIP64 directory record out of range)');
  }
  return {
    count: Number(view.getBigUint64(record + 32, true)),
    offset: Number(view.getBigUint64(record + 48, true)),
  };
}

type Sizes = Pick<NpzEntry, 'size' | 'compressedSize' | 'localHeaderOffset'>;

/** Replaces 0xffffffff sizes by the ZIP64 extra field's values (in its fixed order). */
function zip64Sizes(extra: Uint8Array, sizes: Sizes): Sizes {
  const out = { ...sizes };
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  for (let at = 0; at + 4 <= extra.length;) {
    const id = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      for (const key of ['size', 'compressedSize', 'localHeaderOffset'] as const) {
        if (out[key] === 0xffffffff && field + 8 <= at + 4 + length) {
          out[key] = Number(view.getBigUint64(field, true));
          field += 8;
        }
      }
    }
    at += 4 + length;
  }
  return out;
}
