/**
 * The live one-node Slurm cluster of the tests (scripts/slurm-local.sh): starts it when it does not
 * answer, gives the environment its clients need, and bounded waits on the scheduler's view of a
 * job. Set REPLENS_SKIP_SLURM=1 to skip the live-scheduler tests on a machine without root.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { isActiveState } from '../../src/runner/slurm/sweepStatus';
import { repoRoot } from './cli';

/** The cluster's folder (config, state, logs), as scripts/slurm-local.sh chooses it. */
export const slurmDir = process.env.REPLENS_SLURM_DIR ?? '/tmp/replens-slurm';

/** The cluster's configuration file; also copied to /etc/slurm/slurm.conf when that is free. */
export const slurmConf = path.join(slurmDir, 'slurm.conf');

/** The start/stop script. */
export const slurmScript = path.join(repoRoot, 'scripts', 'slurm-local.sh');

/** Longest time `ensureSlurm` gives the start script (install excluded: CI installs beforehand). */
const startTimeoutMs = 180_000;

export type SlurmCluster = { ok: true; env: NodeJS.ProcessEnv } | { ok: false; reason: string };

/** Environment for child processes that call Slurm clients: this one's, with SLURM_CONF set. */
export function slurmEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
    SLURM_CONF: slurmConf,
  };
}

export interface SlurmResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a Slurm client (`sbatch`, `squeue`, …) against the cluster; 30 s bound. */
export function slurmCommand(command: string, args: string[]): SlurmResult {
  const r = spawnSync(command, args, { env: slurmEnv(), encoding: 'utf8', timeout: 30_000 });
  return {
    code: r.status,
    stdout: r.stdout ?? '',
    stderr: r.error !== undefined ? r.error.message : (r.stderr ?? ''),
  };
}

/** Whether the cluster's node answers `sinfo` in a usable state (idle, mixed or allocated). */
function nodeAnswers(): boolean {
  const r = slurmCommand('sinfo', ['-h', '-N', '-o', '%T']);
  return r.code === 0 && /^(idle|mixed|allocated|completing)$/m.test(r.stdout);
}

let cluster: SlurmCluster | undefined;

/**
 * The live cluster: starts it with scripts/slurm-local.sh when `sinfo` does not answer (bounded),
 * once per process. `{ ok: false, reason }` when REPLENS_SKIP_SLURM=1 or the start failed (the
 * reason then holds the script's output).
 */
export function ensureSlurm(): SlurmCluster {
  cluster ??= startCluster();
  return cluster;
}

function startCluster(): SlurmCluster {
  if (process.env.REPLENS_SKIP_SLURM === '1') {
    return { ok: false, reason: 'REPLENS_SKIP_SLURM=1: the live-scheduler tests are skipped' };
  }
  if (nodeAnswers()) {
    return { ok: true, env: slurmEnv() };
  }
  const r = spawnSync('bash', [slurmScript, 'start'], {
    encoding: 'utf8',
    timeout: startTimeoutMs,
    env: { ...process.env, REPLENS_SLURM_DIR: slurmDir },
  });
  if (r.error !== undefined || r.status !== 0) {
    const why = r.error?.message ?? `exit status ${String(r.status)}`;
    return {
      ok: false,
      reason: `scripts/slurm-local.sh start failed (${why}):\n${r.stdout}${r.stderr}`,
    };
  }
  return nodeAnswers()
    ? { ok: true, env: slurmEnv() }
    : { ok: false, reason: `the cluster started but sinfo shows no usable node:\n${r.stdout}` };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `pred` (every `intervalMs`, default 250) until it returns a value other than `undefined`
 * or `false`, and returns that value; throws naming `what` after `timeoutMs`.
 */
export async function waitFor<T>(
  pred: () => T | undefined | false | Promise<T | undefined | false>,
  opts: { timeoutMs: number; what: string; intervalMs?: number },
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await pred();
    if (value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() - started >= opts.timeoutMs) {
      throw new Error(`timed out after ${String(opts.timeoutMs)} ms waiting for ${opts.what}`);
    }
    await sleep(opts.intervalMs ?? 250);
  }
}

/**
 * The scheduler's state of each task of array job `jobId` still known to slurmctld, by task id
 * (`"12_0"`; a plain job is keyed by its id): `squeue -h -r -t all -j <id> -o "%i %T"`. Finished
 * tasks stay listed for MinJobAge (300 s); an id slurmctld no longer knows gives an empty map.
 */
export function squeueStates(jobId: string): Map<string, string> {
  const r = slurmCommand('squeue', ['-h', '-r', '-t', 'all', '-j', jobId, '-o', '%i %T']);
  if (r.code !== 0 && !r.stderr.includes('Invalid job id')) {
    throw new Error(`squeue -j ${jobId} failed (${String(r.code)}): ${r.stderr}`);
  }
  const states = new Map<string, string>();
  for (const line of r.stdout.split('\n')) {
    const [id, state] = line.trim().split(/\s+/);
    if (id !== undefined && id !== '' && state !== undefined) {
      states.set(id, state);
    }
  }
  return states;
}

/**
 * Waits until no task of `jobId` is pending, running or completing, and returns the final
 * states (as `squeueStates`).
 */
export function waitUntilGone(jobId: string, timeoutMs: number): Promise<Map<string, string>> {
  return waitFor(
    () => {
      const states = squeueStates(jobId);
      return [...states.values()].some(isActiveState) ? undefined : states;
    },
    { timeoutMs, what: `job ${jobId} to leave the queue`, intervalMs: 500 },
  );
}

/** Submits `args` with `sbatch --parsable` and returns the job id; throws with sbatch's stderr. */
export function sbatch(args: string[]): string {
  const r = slurmCommand('sbatch', ['--parsable', ...args]);
  if (r.code !== 0) {
    throw new Error(`sbatch ${args.join(' ')} failed (${String(r.code)}): ${r.stderr}`);
  }
  return r.stdout.trim().split(';')[0] ?? '';
}
