/**
 * The editor's side of a Slurm sweep, spoken through the CLI's `--json` contract: submit a
 * config's sweep, read a sweep's status, cancel it, resubmit its failed tasks. Also where
 * `sbatch` is and which executor Run Sweep uses. No vscode import: tested in plain Node with a
 * recorded CLI.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { z } from 'zod';
import { commandOnPath } from '../util/commandPath';
import type { CliResult, CliRunner } from './replensCli';
import {
  type CancelResult,
  type Submission,
  type SweepStatus,
  cancelSchema,
  submissionSchema,
  sweepStatusSchema,
} from './sweepCliSchemas';

/** A CLI command that failed: `message` is its stderr as printed (sbatch's text verbatim). */
export class SweepCliError extends Error {
  constructor(
    message: string,
    /** The exit code (2: bad usage, no sbatch, nothing to resubmit; 1: sbatch refused). */
    readonly code: number | string,
  ) {
    super(message);
    this.name = 'SweepCliError';
  }
}

/** Submit, status, cancel and resubmit of Slurm sweeps through the CLI. */
export class SlurmSweeps {
  constructor(private readonly cli: CliRunner) {}

  /** `replens sweep <config> --executor slurm --out <runsRoot> --json`: returns once submitted. */
  submit(configPath: string, runsRoot: string): Promise<Submission> {
    const args = ['sweep', configPath, '--executor', 'slurm', '--out', runsRoot, '--json'];
    return this.call(args, submissionSchema, path.dirname(configPath));
  }

  /** `replens sweep status <sweepDir> --json`: every task's scheduler state. */
  status(sweepDir: string): Promise<SweepStatus> {
    return this.call(['sweep', 'status', sweepDir, '--json'], sweepStatusSchema, sweepDir, 30_000);
  }

  /** `replens sweep cancel <sweepDir> --json`: scancel of every submission. */
  cancel(sweepDir: string): Promise<CancelResult> {
    return this.call(['sweep', 'cancel', sweepDir, '--json'], cancelSchema, sweepDir);
  }

  /** `replens sweep resubmit <sweepDir> --failed --json`: a new array of the failed tasks. */
  resubmitFailed(sweepDir: string): Promise<Submission> {
    const args = ['sweep', 'resubmit', sweepDir, '--failed', '--json'];
    return this.call(args, submissionSchema, sweepDir);
  }

  private async call<S extends z.ZodType>(
    args: string[],
    schema: S,
    cwd: string,
    timeoutMs?: number,
  ): Promise<z.output<S>> {
    const r = await this.cli(args, { cwd: existingDir(cwd), timeoutMs });
    if (r.code !== 0) {
      throw new SweepCliError(failureText(args, r), r.code);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(r.stdout);
    } catch {
      throw new SweepCliError(`replens ${args[0]} ${args[1]} printed no JSON: ${r.stdout}`, 0);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue.path.join('.');
      throw new SweepCliError(
        `replens ${args[0]} ${args[1]} printed unexpected JSON${where ? ` at "${where}"` : ''}: ${issue.message}`,
        0,
      );
    }
    return parsed.data;
  }
}

/** What a failed command said: its stderr as is, else how it ended. */
function failureText(args: readonly string[], r: CliResult): string {
  const text = r.stderr.trim();
  if (text !== '') {
    return text;
  }
  const how = r.code === 'timeout' ? 'took too long and was stopped' : `exited ${String(r.code)}`;
  return `replens ${args.slice(0, 2).join(' ')} ${how}`;
}

function existingDir(dir: string): string | undefined {
  return fs.existsSync(dir) ? dir : undefined;
}

/** Absolute path of `sbatch` on a PATH, or undefined when it is not there. */
export function findSbatch(envPath = process.env.PATH ?? ''): string | undefined {
  return commandOnPath('sbatch', envPath);
}

/** The `replens.sweep.executor` setting. */
export type ExecutorSetting = 'ask' | 'local' | 'slurm';

/** What Run Sweep does: run locally, submit to Slurm, ask the user, or refuse with a reason. */
export type ExecutorDecision =
  { kind: 'local' } | { kind: 'slurm' } | { kind: 'ask' } | { kind: 'error'; message: string };

/**
 * The executor for a setting and whether `sbatch` was found: `ask` offers the choice only when
 * sbatch is there (else runs locally); `slurm` without sbatch is refused with a clear reason.
 */
export function decideExecutor(
  setting: ExecutorSetting,
  sbatch: string | undefined,
): ExecutorDecision {
  switch (setting) {
    case 'local':
      return { kind: 'local' };
    case 'slurm':
      return sbatch !== undefined
        ? { kind: 'slurm' }
        : {
            kind: 'error',
            message:
              'replens.sweep.executor is "slurm" but sbatch is not on the PATH of the extension host. ' +
              'Install the Slurm client commands (or add them to PATH), or set replens.sweep.executor to "local".',
          };
    case 'ask':
      return sbatch !== undefined ? { kind: 'ask' } : { kind: 'local' };
  }
}
