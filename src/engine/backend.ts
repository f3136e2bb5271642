/**
 * Backend selection. `auto` prefers @tensorflow/tfjs-node (native TensorFlow; optional dependency,
 * may be absent), then @tensorflow/tfjs-backend-wasm (SIMD), then the pure-JS CPU backend. What was
 * actually used, and every version involved, is returned so the run manifest can record it.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core alone has no gradient functions; the engine trains, so it registers them all.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendChoice } from '../shared/experimentConfig';
import { registerKernelFixes } from './kernels/register';

/** What a run executed on. */
export interface BackendInfo {
  /** The backend in use: `node` (tfjs-node), `wasm` or `cpu`. */
  name: 'node' | 'wasm' | 'cpu';
  requested: BackendChoice;
  /** The tfjs backend name (`tensorflow`, `wasm`, `cpu`). */
  tfBackend: string;
  simd?: boolean;
  threads?: number;
  /** Why preferred backends were skipped (auto mode), for the log and manifest. */
  fallbacks: string[];
  versions: Record<string, string>;
}

let active: BackendInfo | undefined;

/** Initialises tfjs on the requested backend (once per process) and reports what it chose. */
export async function initBackend(requested: BackendChoice): Promise<BackendInfo> {
  if (active !== undefined) {
    if (requested !== 'auto' && requested !== active.name) {
      throw new Error(
        `backend already initialised as ${active.name}; cannot switch to ${requested}`,
      );
    }
    return active;
  }
  const order: BackendInfo['name'][] = requested === 'auto' ? ['node', 'wasm', 'cpu'] : [requested];
  const fallbacks: string[] = [];
  for (const name of order) {
    try {
      active = await tryBackend(name, requested, fallbacks);
      return active;
    } catch (e) {
      fallbacks.push(`${name}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  }
  throw new Error(`no tfjs backend could be initialised (${fallbacks.join('; ')})`);
}

async function tryBackend(
  name: BackendInfo['name'],
  requested: BackendChoice,
  fallbacks: string[],
): Promise<BackendInfo> {
  const versions: Record<string, string> = {
    'tfjs-core': tf.version_core,
    node: process.versions.node,
  };
  if (name === 'node') {
    // Optional native dependency: absent on most machines, so it is loaded only on demand.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tfn = require('@tensorflow/tfjs-node') as { version: Record<string, string> };
    await setBackend('tensorflow');
    versions['tfjs-node'] = tfn.version['tfjs-node'] ?? 'unknown';
    return { name, requested, tfBackend: 'tensorflow', fallbacks, versions };
  }
  if (name === 'wasm') {
    setWasmPaths(wasmDistDir());
    await setBackend('wasm');
    registerKernelFixes();
    const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
    versions['tfjs-backend-wasm'] = packageVersion('@tensorflow/tfjs-backend-wasm');
    return {
      name,
      requested,
      tfBackend: 'wasm',
      simd,
      threads: getThreadsCount(),
      fallbacks,
      versions,
    };
  }
  await setBackend('cpu');
  registerKernelFixes();
  versions['tfjs-backend-cpu'] = packageVersion('@tensorflow/tfjs-backend-cpu');
  return { name, requested, tfBackend: 'cpu', fallbacks, versions };
}

async function setBackend(name: string): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok || tf.getBackend() !== name) {
    throw new Error(`tfjs could not initialise the ${name} backend`);
  }
  await tf.ready();
}

/** The folder holding the .wasm binaries: `dist/wasm` beside a bundle, else the package's own. */
function wasmDistDir(): string {
  const bundled = path.join(__dirname, 'wasm');
  if (fs.existsSync(path.join(bundled, 'tfjs-backend-wasm-simd.wasm'))) {
    return bundled + path.sep;
  }
  // Running from source (tests, scripts): the installed package's own dist folder.
  const req = createRequire(__filename);
  return path.dirname(req.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;
}

function packageVersion(pkg: string): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
