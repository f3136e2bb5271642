/**
 * What the editor reads of a Slurm sweep: the `--json` outputs of `replens sweep --executor
 * slurm`, `sweep status`, `sweep cancel` and `sweep resubmit`, and the Slurm record of
 * `sweep.json` (parsed by the shared `sweepIndexSchema`). Parsed leniently (unknown fields dropped, scheduler states kept as printed), so a
 * newer CLI that says more still reads.
 */
import { z } from 'zod';
import type { SweepIndex } from '../shared/runManifest';

/** The task states the contract names (`sweep status` may print other `squeue` words too). */
export const schedulerStates = [
  'PENDING',
  'RUNNING',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TIMEOUT',
  'PREEMPTED',
  'NODE_FAIL',
  'REQUEUED',
  'SUSPENDED',
  'UNKNOWN',
] as const;
export type SchedulerState = (typeof schedulerStates)[number];

/**
 * A state word as `squeue`/`sacct` may print it (`CANCELLED by 0`, `COMPLETED+`): its first word.
 * States beyond the contract's (`COMPLETING`, `UNSUBMITTED`, …) are kept as printed.
 */
function stateOf(text: string): string {
  const word = text.trim().split(/\s+/)[0].replace(/\+$/, '').toUpperCase();
  return word === '' ? 'UNKNOWN' : word;
}

const taskStatusSchema = z.object({
  index: z.number(),
  seed: z.number().optional(),
  state: z.string().transform(stateOf).catch('UNKNOWN'),
  source: z.enum(['scheduler', 'folders']).optional().catch(undefined),
  jobId: z.string().optional(),
  runDir: z.string().optional(),
  step: z.number().optional(),
  steps: z.number().optional(),
  final: z.object({ testAcc: z.number().optional() }).optional().catch(undefined),
  log: z.string().optional(),
  error: z.string().optional(),
});
/** One array task as `sweep status --json` reports it. */
export type TaskStatus = z.output<typeof taskStatusSchema>;

/** `replens sweep status <sweepDir> --json`. */
export const sweepStatusSchema = z.object({
  sweepDir: z.string(),
  executor: z.enum(['slurm', 'local']).catch('local'),
  jobIds: z.array(z.string()).default([]),
  tasks: z.array(taskStatusSchema),
  totals: z.record(z.string(), z.number()).default({}),
  finished: z.boolean(),
});
export type SweepStatus = z.output<typeof sweepStatusSchema>;

/** `replens sweep <config> --executor slurm --json` and `sweep resubmit … --json`. */
export const submissionSchema = z.object({
  sweepDir: z.string(),
  executor: z.literal('slurm'),
  jobId: z.string(),
  tasks: z.number(),
  indices: z.array(z.number()).optional(),
});
export type Submission = z.output<typeof submissionSchema>;

/** `replens sweep cancel <sweepDir> --json`. */
export const cancelSchema = z.object({
  sweepDir: z.string(),
  cancelled: z.array(z.string()),
});
export type CancelResult = z.output<typeof cancelSchema>;

/** What the runs tree keeps of a Slurm sweep's `sweep.json`. */
export interface SlurmSweepInfo {
  /** Job ids of its submissions, oldest first. */
  jobIds: string[];
  script?: string;
  cancelledAt?: string;
  /** sbatch's message when the last submit was refused (the sweep never ran). */
  refused?: string;
}

/** The Slurm part of a sweep's index, or undefined for a sweep that runs locally. */
export function slurmInfoOf(
  index: Pick<SweepIndex, 'executor' | 'slurm'>,
): SlurmSweepInfo | undefined {
  const s = index.slurm;
  if (index.executor !== 'slurm' || s === undefined) {
    return undefined;
  }
  return {
    jobIds: s.submissions.map((sub) => sub.jobId),
    script: s.script,
    cancelledAt: s.cancelledAt,
    refused: s.refused?.message,
  };
}

/**
 * A key that changes whenever the submitting CLI rewrote the sweep's Slurm state (a submit,
 * a resubmit, a cancel): a status read before that is out of date.
 */
export function slurmSignature(info: SlurmSweepInfo): string {
  return [info.jobIds.join(','), info.cancelledAt ?? '', info.refused ?? ''].join('|');
}
