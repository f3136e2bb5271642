/**
 * Runs the PyTorch scripts of the interop tests (test/fixtures/interop) with the system
 * interpreter and Debian's python3-torch, which `npm run test:setup` installs. A missing torch
 * fails the test with a message saying how to install it; it never skips.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { pythonPath } from './python';

/** Folder of the interop scripts and their committed fixtures. */
export const interopDir = path.join(__dirname, '..', 'fixtures', 'interop');

let checked = false;

/** Throws unless `/usr/bin/python3 -c "import torch, numpy"` works. */
export function requireTorch(): void {
  if (checked) {
    return;
  }
  const r = spawnSync(pythonPath, ['-c', 'import torch, numpy'], { encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) {
    const why = r.error?.message ?? r.stderr.trim().split('\n').pop();
    throw new Error(
      `the PyTorch interop tests need ${pythonPath} with torch and numpy: run \`npm run test:setup\` ` +
        `(or apt-get install python3-torch python3-numpy); \`${pythonPath} -c "import torch, numpy"\` ` +
        `failed: ${why}`,
    );
  }
  checked = true;
}

/**
 * Runs `test/fixtures/interop/<script> <outDir>` and parses its stdout as JSON; throws with its
 * stderr when it fails.
 */
export function runInteropScript(script: string, outDir: string): unknown {
  requireTorch();
  const file = path.join(interopDir, script);
  const r = spawnSync(pythonPath, [file, outDir], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 300_000,
  });
  if (r.error !== undefined || r.status !== 0) {
    const why = r.error?.message ?? `exit status ${String(r.status)}`;
    throw new Error(`${pythonPath} ${script} ${outDir} failed (${why}):\n${r.stderr}`);
  }
  return JSON.parse(r.stdout) as unknown;
}

/** |a − b| / |b|, or |a − b| when b is 0. */
export function relativeError(a: number, b: number): number {
  return b === 0 ? Math.abs(a - b) : Math.abs(a - b) / Math.abs(b);
}
