/**
 * The entries of a zip archive (an `.npz` is one), read from its central directory, and one
 * entry's bytes at a time: STORED entries are read in place, DEFLATE entries inflated with
 * node:zlib. ZIP64 records (numpy writes them) are understood.
 * Written by hand: the zip readers present in node_modules (yauzl, jszip) are only transitive
 * development dependencies of the packaging and test tools, not the extension's, and the subset
 * numpy writes (no encryption, no spanning; STORED or DEFLATE) is small.
 */
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { ExternalFolderError } from './externalFolderError';
import { readAt, withFd } from './safetensorsFile';

/** One file of the archive. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header. */
  localOffset: number;
}

const eocdSig = 0x06054b50;
const zip64LocatorSig = 0x07064b50;
const zip64EocdSig = 0x06064b50;
const centralSig = 0x02014b50;
const localSig = 0x04034b50;
const u32Max = 0xffffffff;

/** The entries of a zip file, in directory order. */
export function readZipEntries(file: string): ZipEntry[] {
  return withFd(file, (fd) => {
    const size = fs.fstatSync(fd).size;
    const { offset, count, bytes } = centralDirectory(fd, size, file);
    const dir = Buffer.from(readAt(fd, offset, bytes, file));
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== centralSig) {
        throw new ExternalFolderError(file, `zip central directory is damaged at entry ${i + 1}`);
      }
      const nameLen = dir.readUInt16LE(p + 28);
      const extraLen = dir.readUInt16LE(p + 30);
      const commentLen = dir.readUInt16LE(p + 32);
      const name = dir.subarray(p + 46, p + 46 + nameLen).toString('utf8');
      const extra = dir.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen);
      const sizes = zip64Sizes(
        {
          size: dir.readUInt32LE(p + 24),
          compressedSize: dir.readUInt32LE(p + 20),
          localOffset: dir.readUInt32LE(p + 42),
        },
        extra,
      );
      if ((dir.readUInt16LE(p + 8) & 1) !== 0) {
        throw new ExternalFolderError(file, `zip entry ${name} is encrypted`);
      }
      entries.push({ name, method: dir.readUInt16LE(p + 10), ...sizes });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  });
}

/**
 * The entry's bytes; with `limit`, at most about that many leading bytes of its content (enough
 * to read a header without inflating the whole entry).
 */
export function readZipEntry(file: string, e: ZipEntry, limit?: number): Uint8Array {
  return withFd(file, (fd) => {
    const local = Buffer.from(readAt(fd, e.localOffset, 30, file));
    if (local.readUInt32LE(0) !== localSig) {
      throw new ExternalFolderError(file, `zip entry ${e.name}: local header is damaged`);
    }
    const start = e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (e.method === 0) {
      return readAt(fd, start, Math.min(e.size, limit ?? e.size), file);
    }
    if (e.method !== 8) {
      throw new ExternalFolderError(
        file,
        `zip entry ${e.name} uses compression method ${e.method}; expected stored or deflate`,
      );
    }
    const partial = limit !== undefined && limit < e.size;
    const raw = readAt(
      fd,
      start,
      partial ? Math.min(e.compressedSize, limit) : e.compressedSize,
      file,
    );
    try {
      const out = zlib.inflateRawSync(
        raw,
        partial ? { finishFlush: zlib.constants.Z_SYNC_FLUSH } : {},
      );
      if (!partial && out.length !== e.size) {
        throw new Error(`inflated to ${out.length} bytes, expected ${e.size}`);
      }
      return new Uint8Array(out.buffer, out.byteOffset, out.length).slice();
    } catch (err) {
      throw new ExternalFolderError(
        file,
        `zip entry ${e.name} cannot be inflated (${(err as Error).message})`,
      );
    }
  });
}

function centralDirectory(
  fd: number,
  size: number,
  file: string,
): { offset: number; count: number; bytes: number } {
  const tailLen = Math.min(size, 22 + 65535);
  const tail = Buffer.from(readAt(fd, size - tailLen, tailLen, file));
  let at = -1;
  for (let i = tailLen - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === eocdSig) {
      at = i;
      break;
    }
  }
  if (at < 0) {
    throw new ExternalFolderError(
      file,
      'not a zip (.npz) file: no end-of-central-directory record',
    );
  }
  let count = tail.readUInt16LE(at + 10);
  let bytes = tail.readUInt32LE(at + 12);
  let offset = tail.readUInt32LE(at + 16);
  if (at >= 20 && tail.readUInt32LE(at - 20) === zip64LocatorSig) {
    const z = Buffer.from(readAt(fd, Number(tail.readBigUInt64LE(at - 20 + 8)), 56, file));
    if (z.readUInt32LE(0) !== zip64EocdSig) {
      throw new ExternalFolderError(file, 'zip64 end-of-central-directory record is damaged');
    }
    count = Number(z.readBigUInt64LE(32));
    bytes = Number(z.readBigUInt64LE(40));
    offset = Number(z.readBigUInt64LE(48));
  }
  if (offset + bytes > size) {
    throw new ExternalFolderError(file, 'zip central directory lies outside the file');
  }
  return { offset, count, bytes };
}

/** Sizes and offset, taking the ZIP64 extra field (id 1) where a 32-bit field is saturated. */
function zip64Sizes(
  base: { size: number; compressedSize: number; localOffset: number },
  extra: Buffer,
): { size: number; compressedSize: number; localOffset: number } {
  const out = { ...base };
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    if (id === 1) {
      let q = p + 4;
      for (const key of ['size', 'compressedSize', 'localOffset'] as const) {
        if (base[key] === u32Max && q + 8 <= p + 4 + len) {
          out[key] = Number(extra.readBigUInt64LE(q));
          q += 8;
        }
      }
    }
    p += 4 + len;
  }
  return out;
}
