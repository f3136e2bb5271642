/**
 * Runs the `replens` CLI (dist/cli.js) as a child process and collects its output, for the
 * commands whose contract is the CLI itself: the Slurm sweep's submit, status, cancel and
 * resubmit (`--json`).
 *
 * Why the host spawns the CLI here rather than asking a worker: the extension host never imports
 * the runner, and the worker is the place for what computes (training, analyses). Submitting to
 * Slurm computes nothing: it writes the sweep folder and an sbatch script that bakes in the node
 * and the dist/cli.js that submitted it, and it calls the scheduler's own commands. Going through
 * the CLI with the same node as the workers (`replens.nodePath`, else the host's runtime) makes a
 * sweep submitted from the editor the very sweep `replens sweep --executor slurm` submits from a
 * terminal, read back through the same `--json` outputs a user's scripts read.
 */
import { spawn } from 'node:child_process';

/** How a CLI command ended. */
export interface CliResult {
  /** The exit code, or the signal name (`timeout` when it was killed for taking too long). */
  code: number | string;
  stdout: string;
  stderr: string;
}

/** Runs one CLI command (`args` after the script) and resolves when it exits. */
export type CliRunner = (args: readonly string[], opts?: CliCallOptions) => Promise<CliResult>;

/** Options of one CLI call. */
export interface CliCallOptions {
  cwd?: string;
  /** Killed after this long (default 60 s): the Slurm commands return at once. */
  timeoutMs?: number;
}

/** Where the CLI is and which node runs it. */
export interface CliRunnerOptions {
  /** Absolute path of dist/cli.js. */
  cliScript: string;
  /** Node executable, read at every call; empty = the current runtime (with ELECTRON_RUN_AS_NODE). */
  nodePath?: () => string;
  /** Receives every command line before it starts (for the log). */
  onStart?: (line: string) => void;
}

/** A runner that starts `node dist/cli.js …` for every call. */
export function nodeCliRunner(o: CliRunnerOptions): CliRunner {
  return (args, opts = {}) => {
    const nodePath = o.nodePath?.() ?? '';
    const execPath = nodePath !== '' ? nodePath : process.execPath;
    o.onStart?.(`replens ${args.join(' ')}`);
    return new Promise((resolve) => {
      // The environment is read now, so PATH or SLURM_CONF set after activation reach sbatch.
      const child = spawn(execPath, [o.cliScript, ...args], {
        cwd: opts.cwd,
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, opts.timeoutMs ?? 60_000);
      const done = (code: number | string): void => {
        clearTimeout(timer);
        resolve({ code: timedOut ? 'timeout' : code, stdout, stderr });
      };
      child.once('error', (e) => done(e.message));
      child.once('close', (code, signal) => done(code ?? signal ?? 'unknown'));
    });
  };
}
