/**
 * Where the jobs of a planned sweep run. The callers (the CLI's `replens sweep`, the editor's Run
 * Sweep) plan the sweep with `planSweepFolder` and hand it to an executor; the executor creates
 * the sweep folder (`sweep.json`, the job configs), runs every job as one `replens run` of its job
 * config into the sweep folder, and resolves with the final index. Implementations: the local
 * process pool (`runner/sweepPool.ts`, CLI), the RunManager queue (`runs/sweepQueue.ts`, editor)
 * and a Slurm array job (`runner/slurm/slurmSweep.ts`), which resolves once submitted: its state is
 * then read from the run folders and the scheduler (`runner/slurm/sweepStatus.ts`).
 */
import type { SweepIndex } from './runManifest';
import type { PlannedSweep } from './sweepPlan';

/** One job's entry in the sweep index. */
export type SweepJobState = SweepIndex['runs'][number];

/** How a caller follows and stops a sweep. */
export interface SweepRunOptions {
  /** Aborting stops the whole sweep: running jobs end `cancelled` (resumable), pending ones never start. */
  signal?: AbortSignal;
  /** The index after a job changed (`changed` = its index), or -1 for the sweep as a whole. */
  onUpdate?: (index: SweepIndex, changed: number) => void;
}

/** Runs the jobs of a planned sweep somewhere. */
export interface SweepExecutor {
  /** Short name for logs and options (`local`, `editor`, `slurm`). */
  readonly name: string;
  /**
   * Creates the sweep folder, runs every job and resolves with the final index (a scheduler:
   * once the jobs are submitted).
   */
  run(sweep: PlannedSweep, opts?: SweepRunOptions): Promise<SweepIndex>;
}

/** The fields a finished (or failed to start) job records in the index. */
export type SweepJobOutcome = Pick<SweepJobState, 'status' | 'runDir' | 'final' | 'error'>;

/** Whether a job state is final. */
export function isJobSettled(status: SweepJobState['status']): boolean {
  return status === 'done' || status === 'failed' || status === 'cancelled';
}

/** `replens sweep`'s exit code for a final index: 130 if any job was cancelled, 1 if any failed. */
export function sweepExitStatus(index: SweepIndex): 'ok' | 'failed' | 'cancelled' {
  if (index.runs.some((r) => r.status === 'cancelled')) {
    return 'cancelled';
  }
  return index.runs.every((r) => r.status === 'done') ? 'ok' : 'failed';
}
