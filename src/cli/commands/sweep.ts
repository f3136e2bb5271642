/** `replens sweep <config> [--out DIR] [--parallel K] [--backend B] [--json]` */
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

export const sweepUsage =
  'replens sweep <config> [--out DIR] [--parallel K] [--backend B] [--json]';

/** Runs the config's sweep section and prints the sweep index. */
export async function sweepCommand(argv: string[], cli: Cli, cliPath: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      parallel: { type: 'string' },
      backend: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
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
  cli.err(`sweep folder: ${sweepDir}\n${sweep.jobs.length} runs, ${parallel} at a time`);
  const backend = values.backend === undefined ? undefined : parseBackend(values.backend);
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
