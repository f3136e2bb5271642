/**
 * `replens sweep status|cancel|resubmit|task`: following, stopping and resubmitting a sweep, and
 * what each Slurm array task runs. docs/cluster.md.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { sbatchOptions } from '../../runner/slurm/sbatchScript';
import { cancelSlurmSweep, submitIndices } from '../../runner/slurm/slurmSweep';
import { isActiveState, sweepStatus } from '../../runner/slurm/sweepStatus';
import { planSweepTask } from '../../runner/slurm/sweepTask';
import { readSweepIndex } from '../../storage/sweepStore';
import { UsageError, exitCodes } from '../errors';
import type { Cli } from '../cli';
import { runCommand } from './run';
import { printSubmitted, schedulerExit, slurmFlags, slurmOptionsOf } from './sweepSlurm';
import { sweepStatusText } from './sweepStatusText';

/** `replens sweep status|cancel|resubmit|task …`; undefined when argv is not one of them. */
export function sweepSubcommand(argv: string[], cli: Cli): Promise<number> | undefined {
  const [name, ...rest] = argv;
  switch (name) {
    case 'status':
      return statusCommand(rest, cli);
    case 'cancel':
      return Promise.resolve(cancelCommand(rest, cli));
    case 'resubmit':
      return Promise.resolve(resubmitCommand(rest, cli));
    case 'task':
      return taskCommand(rest, cli);
    default:
      return undefined;
  }
}

function sweepFolder(positionals: string[], usage: string): string {
  const dir = positionals[0];
  if (positionals.length !== 1 || dir === undefined) {
    throw new UsageError(`usage: ${usage}`);
  }
  if (!fs.existsSync(path.join(dir, 'sweep.json'))) {
    throw new UsageError(`${dir}: not a sweep folder (no sweep.json)`);
  }
  return path.resolve(dir);
}

/** Reads the folder's index, turning a damaged one into bad input. */
function checkedIndex(dir: string): ReturnType<typeof readSweepIndex> {
  try {
    return readSweepIndex(dir);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function statusCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      watch: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const dir = sweepFolder(positionals, 'replens sweep status <sweepDir> [--watch] [--json]');
  checkedIndex(dir);
  const signal = cli.interruptSignal();
  for (;;) {
    const status = sweepStatus(dir);
    if (values.json) {
      cli.out(JSON.stringify(status, null, values.watch ? undefined : 2));
    } else {
      cli.out(sweepStatusText(status));
    }
    if (!values.watch || status.finished || signal.aborted) {
      return exitCodes.ok;
    }
    await sleep(watchIntervalMs(), signal);
  }
}

function watchIntervalMs(): number {
  const s = Number(process.env.REPLENS_WATCH_SECONDS ?? '5');
  return Number.isFinite(s) && s > 0 ? s * 1000 : 5000;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
}

function cancelCommand(argv: string[], cli: Cli): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  });
  const dir = sweepFolder(positionals, 'replens sweep cancel <sweepDir> [--json]');
  if (checkedIndex(dir).executor !== 'slurm') {
    throw new UsageError(`${dir}: not a Slurm sweep; a local sweep stops with Ctrl-C`);
  }
  try {
    const cancelled = cancelSlurmSweep(dir);
    cli.out(
      values.json
        ? JSON.stringify({ sweepDir: dir, cancelled }, null, 2)
        : `cancelled job${cancelled.length === 1 ? '' : 's'} ${cancelled.join(', ') || '(none submitted)'}`,
    );
    return exitCodes.ok;
  } catch (e) {
    return schedulerExit(e, cli);
  }
}

function resubmitCommand(argv: string[], cli: Cli): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      failed: { type: 'boolean', default: false },
      unfinished: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      ...slurmFlags,
    },
  });
  const usage =
    'replens sweep resubmit <sweepDir> [--failed|--unfinished] [--slurm-… flags] [--json]';
  const dir = sweepFolder(positionals, usage);
  const index = checkedIndex(dir);
  if (index.executor !== 'slurm' || index.slurm === undefined) {
    throw new UsageError(
      `${dir}: not a Slurm sweep; resubmit applies to sweeps run with --executor slurm`,
    );
  }
  if (values.failed && values.unfinished) {
    throw new UsageError('--failed and --unfinished exclude each other');
  }
  const which = values.unfinished ? 'unfinished' : 'failed';
  const status = sweepStatus(dir);
  const picked = status.tasks.filter((t) =>
    which === 'failed'
      ? failedStates.has(t.state)
      : t.state !== 'COMPLETED' && !isActiveState(t.state),
  );
  if (picked.length === 0) {
    throw new UsageError(
      `${dir}: no ${which} task to resubmit (${Object.entries(status.totals)
        .map(([s, n]) => `${n} ${s}`)
        .join(', ')})`,
    );
  }
  const options = slurmOptionsOf(undefined, values);
  const extra = sbatchOptions(options);
  const throttle = index.slurm.submissions.at(-1)?.throttle;
  try {
    const s = submitIndices(
      dir,
      picked.map((t) => t.index),
      throttle,
      extra,
    );
    printSubmitted(s, values.json, cli);
    return exitCodes.ok;
  } catch (e) {
    return schedulerExit(e, cli);
  }
}

/** Task states `resubmit --failed` takes. */
const failedStates = new Set([
  'FAILED',
  'TIMEOUT',
  'NODE_FAIL',
  'PREEMPTED',
  'OUT_OF_MEMORY',
  'BOOT_FAIL',
  'DEADLINE',
]);

async function taskCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { backend: { type: 'string' } },
  });
  const [dir, indexText] = positionals;
  if (positionals.length !== 2 || dir === undefined || !/^\d+$/.test(indexText ?? '')) {
    throw new UsageError('usage: replens sweep task <sweepDir> <index>');
  }
  let plan;
  try {
    plan = planSweepTask(path.resolve(dir), Number(indexText));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const backend = values.backend === undefined ? [] : ['--backend', values.backend];
  switch (plan.kind) {
    case 'done':
      cli.err(`job ${indexText}: its run ${plan.runDir} is done; nothing to do`);
      return exitCodes.ok;
    case 'resume':
      cli.err(`job ${indexText}: resuming ${plan.runDir}`);
      return runCommand(['--resume', plan.runDir, ...backend], cli);
    case 'start':
      return runCommand([plan.configFile, '--into', path.resolve(dir), ...backend], cli);
  }
}
