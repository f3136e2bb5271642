/**
 * Runs the Python helpers of the interop tests with the system interpreter, which must have
 * numpy. A missing interpreter or numpy fails the test with a message saying what to install.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const pythonPath = '/usr/bin/python3';

/** Folder of the Python helper scripts (test/fixtures/python). */
export const pythonHelpersDir = path.join(__dirname, '..', 'fixtures', 'python');

let checked = false;

function requireNumpy(): void {
  if (checked) {
    return;
  }
  const r = spawnSync(pythonPath, ['-c', 'import numpy'], { encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) {
    const why = r.error?.message ?? r.stderr.trim();
    throw new Error(
      `this test needs ${pythonPath} with numpy (apt-get install python3-numpy); ` +
        `\`${pythonPath} -c "import numpy"\` failed: ${why}`,
    );
  }
  checked = true;
}

/** Runs `script` (a path) with `args` and returns its stdout; throws with stderr on failure. */
export function runPython(script: string, args: string[]): string {
  requireNumpy();
  const r = spawnSync(pythonPath, [script, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error !== undefined || r.status !== 0) {
    const why = r.error?.message ?? `exit status ${String(r.status)}`;
    throw new Error(
      `${pythonPath} ${path.basename(script)} ${args.join(' ')} failed (${why}):\n${r.stderr}`,
    );
  }
  return r.stdout;
}

/** Runs a helper from test/fixtures/python and parses its stdout as JSON. */
export function runPythonJson(helper: string, args: string[]): unknown {
  return JSON.parse(runPython(path.join(pythonHelpersDir, helper), args)) as unknown;
}
