/**
 * The sbatch script of a Slurm sweep (`<sweepDir>/slurm/array.sbatch`): one array task per job,
 * each running `replens sweep task <sweepDir> <index>` (start the job's run, or resume it from its
 * last checkpoint when the task runs again). Readable and rerunnable by hand: every path is
 * absolute and every option is an `#SBATCH` line. Signals:
 * - TERM (preemption, `scancel`, `scontrol requeue`): forwarded to replens, which checkpoints and
 *   stops; Slurm requeues the task itself when it was preempted or requeued.
 * - USR1, asked for `warningSeconds` before the time limit (`--signal=B:USR1@…`): replens
 *   checkpoints and stops, and the task requeues itself, so it resumes instead of timing out.
 */
import type { SlurmOptions } from '../../shared/experimentConfig';

/** Seconds before the time limit at which a task is asked to checkpoint and requeue itself. */
export const defaultWarningSeconds = 120;

/**
 * The warning for a time limit: 120 s, or a quarter of a shorter limit (at least 30 s, since
 * Slurm checks time limits about every 30 s).
 */
export function warningSecondsFor(time: string | undefined): number {
  const limit = time === undefined ? undefined : slurmTimeSeconds(time);
  return limit === undefined
    ? defaultWarningSeconds
    : Math.min(defaultWarningSeconds, Math.max(30, Math.floor(limit / 4)));
}

/** Seconds of a Slurm time (M, M:S, H:M:S, D-H, D-H:M, D-H:M:S); undefined when unreadable. */
export function slurmTimeSeconds(time: string): number | undefined {
  const m = /^(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?$/.exec(time);
  if (m === null) {
    return undefined;
  }
  const [days, a, b, c] = [m[1], m[2], m[3], m[4]].map((x) =>
    x === undefined ? undefined : Number(x),
  );
  if (days !== undefined) {
    return ((days * 24 + (a ?? 0)) * 60 + (b ?? 0)) * 60 + (c ?? 0);
  }
  if (c !== undefined) {
    return ((a ?? 0) * 60 + (b ?? 0)) * 60 + c;
  }
  return b !== undefined ? (a ?? 0) * 60 + b : (a ?? 0) * 60;
}

/** Everything the script needs. */
export interface SbatchScriptInput {
  experiment: string;
  sweepId: string;
  sweepDir: string;
  /** The Node executable and the replens CLI script the tasks run. */
  node: string;
  cliPath: string;
  /** Number of jobs: the array is 0…tasks−1. */
  tasks: number;
  /** At most this many tasks at once (`%K`). */
  throttle?: number;
  options: SlurmOptions;
  /** Extra arguments of `replens sweep task` (e.g. `--backend wasm`). */
  taskArgs?: string[];
  warningSeconds?: number;
}

/** Single-quoted for bash. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `0-(N−1)` or `0-(N−1)%K`; a list `1,3,5` for some indices. */
export function arraySpec(indices: readonly number[] | number, throttle?: number): string {
  const list = typeof indices === 'number' ? undefined : indices;
  const spec =
    list === undefined
      ? `0-${(indices as number) - 1}`
      : compactRanges([...list].sort((a, b) => a - b));
  return throttle === undefined ? spec : `${spec}%${throttle}`;
}

/** 0,1,2,5,7,8 → "0-2,5,7-8". */
function compactRanges(sorted: number[]): string {
  const parts: string[] = [];
  let start = sorted[0];
  for (let i = 1; i <= sorted.length; i++) {
    if (i === sorted.length || sorted[i] !== sorted[i - 1] + 1) {
      const end = sorted[i - 1];
      parts.push(start === end ? String(start) : `${start}-${end}`);
      start = sorted[i];
    }
  }
  return parts.join(',');
}

/** The sbatch options of a sweep, in the order they appear in the script. */
export function sbatchOptions(o: SlurmOptions): string[] {
  const out: string[] = [];
  const add = (flag: string, v: string | number | undefined): void => {
    if (v !== undefined) {
      out.push(`--${flag}=${v}`);
    }
  };
  add('partition', o.partition);
  add('time', o.time);
  add('cpus-per-task', o.cpusPerTask);
  add('mem', o.mem);
  add('account', o.account);
  add('qos', o.qos);
  return [...out, ...o.extraArgs];
}

/** The script's text. */
export function sbatchScript(s: SbatchScriptInput): string {
  const warning = s.warningSeconds ?? warningSecondsFor(s.options.time);
  const logDir = `${s.sweepDir}/slurm`;
  const directives = [
    `--job-name=replens-${s.experiment.replace(/\s+/g, '-')}`,
    `--array=${arraySpec(s.tasks, s.throttle)}`,
    `--output=${logDir}/%A_%a.out`,
    '--open-mode=append',
    '--requeue',
    `--signal=B:USR1@${warning}`,
    ...sbatchOptions(s.options),
  ];
  const task = [
    '"$node"',
    '"$cli"',
    'sweep',
    'task',
    '"$sweep"',
    '"$SLURM_ARRAY_TASK_ID"',
    ...(s.taskArgs ?? []).map(shellQuote),
  ].join(' ');
  return `#!/bin/bash
# Replens sweep ${s.experiment} (${s.sweepId}): one array task per job config in configs/.
# Submitted by \`replens sweep --executor slurm\`. To run it again by hand:
#   sbatch ${shellQuote(`${logDir}/array.sbatch`)}                 (every task)
#   sbatch --array=3,7 ${shellQuote(`${logDir}/array.sbatch`)}     (some tasks)
# A task starts its job's run, or resumes it from its last checkpoint when it ran before; a
# finished run is left as it is. Follow it with: replens sweep status ${shellQuote(s.sweepDir)}
${directives.map((d) => `#SBATCH ${d}`).join('\n')}

node=${shellQuote(s.node)}
cli=${shellQuote(s.cliPath)}
sweep=${shellQuote(s.sweepDir)}

# TERM (preemption, scancel, scontrol requeue): replens checkpoints and stops.
# USR1, ${warning} s before the time limit: the same, then this task requeues itself to resume.
stop() { kill -TERM "$child" 2>/dev/null; wait "$child"; }
trap 'stop; exit 143' TERM
trap 'stop; scontrol requeue "\${SLURM_ARRAY_JOB_ID}_\${SLURM_ARRAY_TASK_ID}"; exit 0' USR1

echo "replens task $SLURM_ARRAY_TASK_ID of job $SLURM_ARRAY_JOB_ID on $(hostname), restart \${SLURM_RESTART_COUNT:-0}"
${task} &
child=$!
wait "$child"
exit $?
`;
}
