/** Spawning the built CLI (dist/cli.js through bin/replens) as a real process. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const binPath = path.join(repoRoot, 'bin', 'replens');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Fails clearly when the bundle is missing (`npm test` builds it first). */
export function requireBuild(): void {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'cli.js'))) {
    throw new Error('dist/cli.js is missing: run `npm run build` before the CLI tests');
  }
}

/** Runs `replens <args>` to completion. */
export function replens(args: string[], cwd = repoRoot): CliResult {
  const r = spawnSync(process.execPath, [binPath, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Writes `config` as `<dir>/<name>.replens.json`, runs it into `<dir>/runs` with `args` (the wasm
 * backend unless told otherwise) and returns the run folder; fails unless the run exits 0.
 */
export function trainRun(
  dir: string,
  name: string,
  config: object,
  args: string[] = ['--backend', 'wasm'],
): string {
  const file = path.join(dir, `${name}.replens.json`);
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  const r = replens(['run', file, '--out', path.join(dir, 'runs'), ...args, '--json']);
  if (r.code !== 0) {
    throw new Error(`replens run ${file} exited ${r.code}: ${r.stderr}`);
  }
  return (JSON.parse(r.stdout) as { runDir: string }).runDir;
}

/** Starts `replens <args>` in the background. */
export function replensAsync(
  args: string[],
  cwd = repoRoot,
): ChildProcess & { output: Promise<CliResult> } {
  const child = spawn(process.execPath, [binPath, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const output = new Promise<CliResult>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return Object.assign(child, { output });
}

/** Polls until `check()` returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = check();
    if (v !== undefined) {
      return v;
    }
    if (Date.now() - t0 > timeoutMs) {
      throw new Error('timed out waiting for a condition');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Runs `replens <args> --json`, requires exit 0, and returns the document's `result` (and, when
 * `kind` is given, requires the document to be of that kind).
 */
export function replensResult<T>(args: string[], kind?: string): T {
  const r = replens([...args, '--json']);
  if (r.code !== 0) {
    throw new Error(`replens ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  }
  const doc = JSON.parse(r.stdout) as { kind?: string; result: T };
  if (kind !== undefined && doc.kind !== kind) {
    throw new Error(`expected a ${kind} document, got ${doc.kind}`);
  }
  return doc.result;
}

/** Writes a 2-D float64 array as a NumPy .npy (format 1.0) file. */
export function writeNpy(file: string, rows: number, cols: number, data: Float64Array): void {
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  header += ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
  const buf = Buffer.alloc(10 + header.length + data.byteLength);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(buf, 0);
  buf.writeUInt16LE(header.length, 8);
  buf.write(header, 10, 'latin1');
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(buf, 10 + header.length);
  fs.writeFileSync(file, buf);
}
