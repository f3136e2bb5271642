/**
 * `replens sweep <config> [--executor local|slurm] [--out DIR] [--parallel K] [--backend B]
 * [--slurm-… flags] [--json]`, and `replens sweep status|cancel|resubmit|task …` (./sweepSlurm.ts).
 */
import { randomInt } from 'node:crypto';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { localPoolExecutor } from '../../runner/sweepPool';
import { sweepExitStatus } from '../../shared/sweepExecutor';
import { type PlannedSweep, experimentOf, planSweepFolder } from '../../shared/sweepPlan';
import { newRunId } from '../../storage/runLayout';
import { loadConfigFile } from '../configFile';
import { UsageError, exitCodes } from '../errors';
import type { Cli } from '../cli';
import { parseBackend, parseIntArg, single } from './run';
import { slurmFlags, submitSweepCommand } from './sweepSlurm';
import { sweepSubcommand } from './sweepSubcommands';

export const sweepUsage = [
  'replens sweep <config> [--executor local|slurm] [--out DIR] [--parallel K] [--backend B] [--json]',
  '      [--slurm-partition P] [--slurm-time T] [--slurm-cpus-per-task N] [--slurm-mem M]',
  '      [--slurm-account A] [--slurm-qos Q] [--slurm-arg ARG]…',
  '  replens sweep status <sweepDir> [--watch] [--json]',
  '  replens sweep cancel <sweepDir> [--json]',
  '  replens sweep resubmit <sweepDir> [--failed|--unfinished] [--json]',
].join('\n');

/** Runs the config's sweep section and prints the sweep index. */
export async function sweepCommand(argv: string[], cli: Cli, cliPath: string): Promise<number> {
  const sub = sweepSubcommand(argv, cli);
  if (sub !== undefined) {
    return sub;
  }
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      executor: { type: 'string', default: 'local' },
      out: { type: 'string' },
      parallel: { type: 'string' },
      backend: { type: 'string' },
      json: { type: 'boolean', default: false },
      ...slurmFlags,
    },
  });
  if (values.executor !== 'local' && values.executor !== 'slurm') {
    throw new UsageError(`--executor "${values.executor}": expected local or slurm`);
  }
  const file = single(positionals);
  const config = loadConfigFile(file, (l) => cli.err(l));
  const parallel =
    values.parallel === undefined
      ? config.sweep.parallel
      : parseIntArg('--parallel', values.parallel);
  const now = new Date();
  const sweepId = `sweep-${newRunId(now, () => randomInt(2 ** 30) / 2 ** 30)}`;
  const outRoot = values.out ?? path.join(process.cwd(), '.replens', 'runs');
  const sweepDir = path.resolve(outRoot, experimentOf(config), sweepId);
  let sweep: PlannedSweep;
  try {
    sweep = planSweepFolder(config, {
      sweepId,
      sweepDir,
      configPath: path.resolve(file),
      parallel,
      now,
    });
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
  if (parallel < 1) {
    throw new UsageError('--parallel must be at least 1');
  }
  const backend = values.backend === undefined ? undefined : parseBackend(values.backend);
  if (values.executor === 'slurm') {
    const throttle = values.parallel === undefined ? undefined : parallel;
    return submitSweepCommand(sweep, { config, values, throttle, backend, cliPath }, cli);
  }
  cli.err(`sweep folder: ${sweepDir}\n${sweep.jobs.length} runs, ${parallel} at a time`);
  const executor = localPoolExecutor({ cliPath, backend });
  const index = await executor.run(sweep, {
    signal: cli.interruptSignal(),
    onUpdate: (idx, changed) => {
      const r = idx.runs[changed] as (typeof idx.runs)[number] | undefined;
      if (r !== undefined && r.status !== 'running') {
        const done = idx.runs.filter(
          (x) => x.status !== 'pending' && x.status !== 'running',
        ).length;
        const acc = r.final ? ` test acc ${r.final.testAcc.toFixed(3)}` : '';
        cli.err(
          `[${done}/${idx.runs.length}] run ${r.index} (seed ${r.seed}) ${r.status}${acc}${r.error ? `: ${r.error}` : ''}`,
        );
      }
    },
  });
  const summary = { sweepDir, ...index };
  cli.out(values.json ? JSON.stringify(summary, null, 2) : `sweep folder: ${sweepDir}`);
  return exitCodes[sweepExitStatus(index)];
}
