/**
 * The Slurm commands Replens calls (`sbatch`, `squeue`, `sacct`, `scancel`), each a short
 * synchronous process with a time bound, from the PATH. Their output is parsed here and nowhere
 * else.
 */
import { spawnSync } from 'node:child_process';
import { commandOnPath } from '../../util/commandPath';

/** A scheduler command that could not run or refused: its message verbatim. */
export class SchedulerError extends Error {
  constructor(
    message: string,
    /** True when the command is not on the PATH at all. */
    readonly missing = false,
  ) {
    super(message);
  }
}

/** Seconds any one scheduler command may take. */
const commandTimeoutMs = 30_000;

/** The full path of a command on the PATH, or undefined. */
export function onPath(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return commandOnPath(command, env.PATH ?? '');
}

function run(command: string, args: string[]): { code: number; stdout: string; stderr: string } {
  if (onPath(command) === undefined) {
    throw new SchedulerError(
      `${command} is not on the PATH: run this where Slurm's commands are available (a login node)`,
      true,
    );
  }
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: commandTimeoutMs });
  if (r.error !== undefined) {
    throw new SchedulerError(`${command}: ${r.error.message}`);
  }
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** Submits a script with `sbatch --parsable [args] script`; returns the job id. */
export function sbatch(script: string, args: readonly string[] = []): string {
  const r = run('sbatch', ['--parsable', ...args, script]);
  if (r.code !== 0) {
    throw new SchedulerError(r.stderr.trim() || `sbatch exited with code ${r.code}`);
  }
  const id = r.stdout.trim().split(';')[0];
  if (!/^\d+$/.test(id)) {
    throw new SchedulerError(`sbatch printed no job id: ${r.stdout.trim()}`);
  }
  return id;
}

/** Cancels jobs (`scancel`). */
export function scancel(jobIds: readonly string[]): void {
  const r = run('scancel', [...jobIds]);
  if (r.code !== 0) {
    throw new SchedulerError(r.stderr.trim() || `scancel exited with code ${r.code}`);
  }
}

/** Scheduler state per array task id (`123_4`) of the given jobs. */
export type TaskStates = Map<string, string>;

/**
 * What the scheduler knows of these jobs' tasks: `squeue` (jobs in the queue or recently ended),
 * then `sacct` where accounting is enabled (older ones). Undefined when neither answers (no Slurm
 * here): callers then derive the state from the run folders alone.
 */
export function taskStates(jobIds: readonly string[]): TaskStates | undefined {
  if (jobIds.length === 0 || onPath('squeue') === undefined) {
    return undefined;
  }
  const states: TaskStates = new Map();
  let answered = false;
  for (const id of jobIds) {
    // One job at a time: squeue refuses the whole list when one id has left its memory.
    const q = run('squeue', ['-h', '-r', '-t', 'all', '-j', id, '-o', '%i|%T']);
    if (q.code === 0) {
      answered = true;
      parseStates(q.stdout, states);
    } else if (/invalid job id/i.test(q.stderr)) {
      answered = true;
    }
  }
  const sacct = accountedStates(jobIds);
  for (const [task, state] of sacct ?? []) {
    if (!states.has(task)) {
      states.set(task, state);
    }
  }
  return answered || sacct !== undefined ? states : undefined;
}

/** `sacct` states, or undefined when accounting is disabled or sacct is missing. */
function accountedStates(jobIds: readonly string[]): TaskStates | undefined {
  if (onPath('sacct') === undefined) {
    return undefined;
  }
  const r = run('sacct', ['-n', '-P', '-X', '-j', jobIds.join(','), '-o', 'JobID,State']);
  if (r.code !== 0) {
    return undefined;
  }
  const states: TaskStates = new Map();
  parseStates(r.stdout, states);
  return states;
}

/** Lines `123_4|RUNNING` (sacct: `CANCELLED by 0`) into the map; ranges like `123_[5-9]` skipped. */
function parseStates(text: string, into: TaskStates): void {
  for (const line of text.split('\n')) {
    const [id, state] = line.trim().split('|');
    if (id && state && /^\d+_\d+$/.test(id)) {
      into.set(id, state.split(' ')[0]);
    }
  }
}
