/**
 * The optional native add-on (native/blas.c, built by scripts/build-native.mjs): AᵀB of row-major
 * float32 matrices on the system BLAS, found at run time (OpenBLAS, MKL, the reference BLAS…). It
 * sits beside the bundles as dist/native/replens_blas.node (native/build/ when run from source).
 * Absent, unloadable, without a BLAS, or turned off with `REPLENS_NATIVE=0`, `nativeBlas()` gives
 * undefined and `nativeBlasStatus()` says why; the CKA products then run on tfjs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What the add-on found: the library, its full path and configuration, its threads. */
export interface NativeBlasInfo {
  /** The name it was opened by (e.g. `libopenblas.so.0`), null without a BLAS. */
  library: string | null;
  path: string | null;
  /** `openblas_get_config()` when the library has it. */
  config: string | null;
  threads: number | null;
  /** Why no BLAS was loaded. */
  error: string | null;
}

/** The add-on's functions (native/blas.c). */
export interface NativeBlas {
  info(): NativeBlasInfo;
  /** Sets the BLAS threads (OpenBLAS, MKL; others keep theirs); returns the count in effect. */
  setThreads(threads: number): number;
  /** C = AᵀB [p, q] for A [n, p], B [n, q], row-major; fills `out` when given. */
  atb(
    a: Float32Array,
    b: Float32Array,
    n: number,
    p: number,
    q: number,
    out?: Float32Array,
  ): Float32Array;
  /**
   * AᵀB as a sum over blocks of `block` rows of float32 products, added in float64, off the
   * event loop (on a libuv thread).
   */
  atbAsync(
    a: Float32Array,
    b: Float32Array,
    n: number,
    p: number,
    q: number,
    block: number,
  ): Promise<Float64Array>;
}

/** The add-on's file: beside the bundles, or native/build/ of the repository from source. */
export function nativeAddonPath(): string {
  if (__filename.endsWith('.ts')) {
    return path.resolve(__dirname, '..', '..', '..', '..', 'native', 'build', 'replens_blas.node');
  }
  return path.join(__dirname, 'native', 'replens_blas.node');
}

let loaded: { blas?: NativeBlas; status: string } | undefined;

/** Loads the add-on once; `REPLENS_NATIVE=0` (read on every call) turns it off. */
function load(): { blas?: NativeBlas; status: string } {
  if (process.env.REPLENS_NATIVE === '0') {
    return { status: 'turned off (REPLENS_NATIVE=0)' };
  }
  loaded ??= tryLoad(nativeAddonPath());
  return loaded;
}

function tryLoad(file: string): { blas?: NativeBlas; status: string } {
  if (!fs.existsSync(file)) {
    return { status: `not built (no ${file}; npm run build compiles it with a C compiler)` };
  }
  try {
    const module = { exports: {} as NativeBlas };
    process.dlopen(module, file);
    const info = module.exports.info();
    if (info.library === null) {
      return { status: `no BLAS: ${info.error ?? 'unknown'}` };
    }
    return { blas: module.exports, status: `loaded ${info.library}` };
  } catch (e) {
    return { status: `cannot load ${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** The add-on with a BLAS behind it, or undefined (see `nativeBlasStatus`). */
export function nativeBlas(): NativeBlas | undefined {
  return load().blas;
}

/** Why `nativeBlas()` is undefined, or which library it loaded. */
export function nativeBlasStatus(): string {
  return load().status;
}
