// Builds the optional native add-on native/blas.c -> native/build/replens_blas.node with the
// system C compiler ($CC, else `cc`), from source, downloading nothing: Node-API headers from the
// node-api-headers package, else Node's own include directory. The add-on finds the BLAS when it
// loads (dlopen), so it links no BLAS and loads everywhere; esbuild.mjs copies it to dist/native/.
//
// Runs on `npm ci` (postinstall) and from `npm run build`. It never fails: without a compiler or
// headers it prints one line saying the native path is off and why, and Replens multiplies on
// tfjs. Rebuilds only when native/blas.c or this script is newer than the add-on.
//
// usage: node scripts/build-native.mjs [--force]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'native', 'blas.c');
/** The add-on as built; esbuild.mjs copies it beside the bundles. */
export const nativeAddon = path.join(root, 'native', 'build', 'replens_blas.node');

/** Node-API headers: the node-api-headers package, else Node's include directory. */
function headerDir() {
  try {
    const dir = createRequire(import.meta.url)('node-api-headers').include_dir;
    if (existsSync(path.join(dir, 'node_api.h'))) return dir;
  } catch {
    // not installed: try Node's own headers
  }
  const nodeInclude = path.resolve(path.dirname(process.execPath), '..', 'include', 'node');
  if (existsSync(path.join(nodeInclude, 'node_api.h'))) return nodeInclude;
  throw new Error('no Node-API headers (node-api-headers not installed, none beside node)');
}

/** The compiler's flags for a loadable module on this platform. */
function platformFlags() {
  if (process.platform === 'darwin') return ['-bundle', '-undefined', 'dynamic_lookup'];
  if (process.platform === 'win32') throw new Error('no build for Windows (needs cc and dlopen)');
  return ['-shared', '-ldl'];
}

function upToDate() {
  if (!existsSync(nativeAddon)) return false;
  const built = statSync(nativeAddon).mtimeMs;
  return [source, fileURLToPath(import.meta.url)].every((f) => statSync(f).mtimeMs <= built);
}

/** What the built add-on finds when loaded in this Node: a library, or why not. */
function loadedBlas(file) {
  const module = { exports: {} };
  process.dlopen(module, file);
  const info = module.exports.info();
  return info.library === null
    ? `no BLAS found at run time (${info.error}): products use tfjs until one is installed`
    : `${info.library}${info.config ? `, ${info.config}` : ''}`;
}

/**
 * Compiles the add-on unless it is up to date; returns one line saying what happened. Throws
 * when it cannot be built (the caller prints why).
 */
export function buildNative({ force = false } = {}) {
  if (!force && upToDate()) return `native BLAS add-on up to date (${loadedBlas(nativeAddon)})`;
  const cc = process.env.CC || 'cc';
  const tmp = `${nativeAddon}.${process.pid}.tmp`;
  mkdirSync(path.dirname(nativeAddon), { recursive: true });
  const args = [
    '-O2',
    '-fPIC',
    '-std=c11',
    '-Wall',
    `-I${headerDir()}`,
    source,
    '-o',
    tmp,
    ...platformFlags(),
  ];
  const r = spawnSync(cc, args, { encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) {
    rmSync(tmp, { force: true });
    const why =
      r.error?.message ??
      (r.stderr
        .trim()
        .split('\n')
        .find((l) => /error/i.test(l)) ||
        `exit code ${r.status}`);
    throw new Error(`${cc} failed: ${why}`);
  }
  renameSync(tmp, nativeAddon);
  return `native BLAS add-on built: ${path.relative(root, nativeAddon)} (${loadedBlas(nativeAddon)})`;
}

/** Builds, printing one line; never throws (the native path is optional). */
export function buildNativeQuietly(options) {
  try {
    console.log(buildNative(options));
    return true;
  } catch (e) {
    rmSync(nativeAddon, { force: true });
    const why = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    console.log(`native BLAS add-on not built, the native matrix path is off: ${why}`);
    return false;
  }
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  buildNativeQuietly({ force: process.argv.includes('--force') });
}
