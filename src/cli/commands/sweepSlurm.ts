/**
 * The Slurm side of `replens sweep`: the `--slurm-*` flags and the submission of a sweep as an
 * array job (docs/cluster.md); the subcommands are in ./sweepSubcommands.ts.
 */
import * as path from 'node:path';
import { SchedulerError } from '../../runner/slurm/scheduler';
import { type SlurmSubmitted, slurmExecutor } from '../../runner/slurm/slurmSweep';
import {
  type BackendChoice,
  type ExperimentConfig,
  type SlurmOptions,
  slurmOptionsSchema,
} from '../../shared/experimentConfig';
import type { PlannedSweep } from '../../shared/sweepPlan';
import { UsageError, exitCodes } from '../errors';
import type { Cli } from '../cli';

/** The `--slurm-*` flags (parseArgs options). */
export const slurmFlags = {
  'slurm-partition': { type: 'string' },
  'slurm-time': { type: 'string' },
  'slurm-cpus-per-task': { type: 'string' },
  'slurm-mem': { type: 'string' },
  'slurm-account': { type: 'string' },
  'slurm-qos': { type: 'string' },
  'slurm-arg': { type: 'string', multiple: true },
} as const;

export type SlurmFlagValues = {
  [K in keyof typeof slurmFlags]?: (typeof slurmFlags)[K] extends { multiple: true }
    ? string[]
    : string;
};

/** The config's `sweep.slurm` with the flags on top, checked as the config field is. */
export function slurmOptionsOf(base: SlurmOptions | undefined, v: SlurmFlagValues): SlurmOptions {
  const cpus = v['slurm-cpus-per-task'];
  const merged = {
    ...base,
    ...defined({
      partition: v['slurm-partition'],
      time: v['slurm-time'],
      cpusPerTask: cpus === undefined ? undefined : Number(cpus),
      mem: v['slurm-mem'],
      account: v['slurm-account'],
      qos: v['slurm-qos'],
    }),
    extraArgs: [...(base?.extraArgs ?? []), ...(v['slurm-arg'] ?? [])],
  };
  const parsed = slurmOptionsSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`Slurm option ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** What `replens sweep --executor slurm` was given besides the planned sweep. */
export interface SubmitRequest {
  config: ExperimentConfig;
  values: SlurmFlagValues & { json: boolean };
  /** `--parallel K`: at most K tasks at once (the config's local pool size does not limit). */
  throttle?: number;
  backend?: BackendChoice;
  cliPath: string;
}

/** Submits a planned sweep as an array job through the Slurm `SweepExecutor` and prints it. */
export async function submitSweepCommand(
  sweep: PlannedSweep,
  r: SubmitRequest,
  cli: Cli,
): Promise<number> {
  const options = slurmOptionsOf(r.config.sweep.slurm, r.values);
  const command = { node: process.execPath, cliPath: path.resolve(r.cliPath), backend: r.backend };
  try {
    const executor = slurmExecutor(command, options, r.throttle, (s) =>
      printSubmitted(s, r.values.json, cli),
    );
    await executor.run(sweep);
    return exitCodes.ok;
  } catch (e) {
    return schedulerExit(e, cli);
  }
}

/** Prints a submission (the JSON contract, or the job id and how to follow it). */
export function printSubmitted(s: SlurmSubmitted, json: boolean, cli: Cli): void {
  if (json) {
    cli.out(JSON.stringify(s, null, 2));
    return;
  }
  cli.out(`submitted job ${s.jobId}: ${s.tasks} array task${s.tasks === 1 ? '' : 's'}`);
  cli.out(`sweep folder: ${s.sweepDir}`);
  cli.out(`follow it with: replens sweep status ${s.sweepDir} --watch`);
}

/** Scheduler failures as exit codes: missing commands are bad input (2), refusals failures (1). */
export function schedulerExit(e: unknown, cli: Cli): number {
  if (!(e instanceof SchedulerError)) {
    throw e;
  }
  cli.err(e.message);
  return e.missing ? exitCodes.badInput : exitCodes.failed;
}
