/** `replens run <config> [--out DIR] [--seed N] [--steps N] [--backend B] [--json] [--resume RUNDIR]` */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { type RunResult, describeBackend, resumeRun, startRun } from '../../runner/runExperiment';
import {
  type BackendChoice,
  backendSchema,
  experimentConfigSchema,
} from '../../shared/experimentConfig';
import type { ExperimentConfig } from '../../shared/experimentConfig';
import type { RunManifest } from '../../shared/runManifest';
import { readManifest } from '../../storage/runStore';
import { loadConfigFile } from '../configFile';
import { UsageError, exitCodes, inputErrorsAsUsage } from '../errors';
import { TrainProgress } from '../progress';
import type { Cli } from '../cli';

export const runUsage =
  'replens run <config> [--out DIR] [--seed N] [--steps N] [--backend auto|node|wasm|cpu] [--json]\n' +
  'replens run --resume <runDir> [--backend B] [--json]';

/** Trains a config (or resumes a run) and prints the result document. */
export async function runCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      into: { type: 'string' },
      seed: { type: 'string' },
      steps: { type: 'string' },
      backend: { type: 'string' },
      json: { type: 'boolean', default: false },
      resume: { type: 'string' },
    },
  });
  const backend = values.backend === undefined ? undefined : parseBackend(values.backend);
  const abort = cli.interruptSignal();
  let progress: TrainProgress | undefined;
  const hooks = {
    signal: abort,
    onStart: (runDir: string, b: Parameters<typeof describeBackend>[0], m?: RunManifest) => {
      cli.err(
        `run folder: ${runDir}\nbackend: ${b.name} (${describeBackend(b)})${b.fallbacks.length ? ` — skipped ${b.fallbacks.join('; ')}` : ''}`,
      );
      const parent = m?.init?.parent;
      if (parent !== undefined) {
        cli.err(`fine-tune of ${parent.experiment}/${parent.runId} from its step ${parent.step}`);
      }
    },
    onEvent: (e: Parameters<TrainProgress['onEvent']>[0]) => progress?.onEvent(e),
    onWarning: (line: string) => cli.err(line),
  };
  let result: RunResult;
  const resumeDir = values.resume;
  if (resumeDir !== undefined) {
    if (positionals.length > 0) {
      throw new UsageError('--resume takes a run folder instead of a config');
    }
    let total: number;
    try {
      total = readManifest(resumeDir).steps;
    } catch (e) {
      throw new UsageError(`--resume: ${(e as Error).message}`);
    }
    progress = new TrainProgress(cli.stderr, total);
    result = await inputErrorsAsUsage(() => resumeRun({ runDir: resumeDir, backend, ...hooks }));
  } else {
    const file = single(positionals);
    const config = withOverrides(
      loadConfigFile(file, (l) => cli.err(l)),
      values.seed,
      values.steps,
    );
    progress = new TrainProgress(cli.stderr, config.train.steps);
    const outRoot = values.into ?? values.out ?? path.join(process.cwd(), '.replens', 'runs');
    const flat = values.into !== undefined;
    result = await inputErrorsAsUsage(() =>
      startRun({ config, configPath: path.resolve(file), outRoot, flat, backend, ...hooks }),
    );
  }
  progress.done();
  report(result, values.json, cli);
  return exitFor(result);
}

function exitFor(r: RunResult): number {
  switch (r.status) {
    case 'done':
      return exitCodes.ok;
    case 'cancelled':
      return exitCodes.cancelled;
    case 'failed':
    case 'running':
      return exitCodes.failed;
  }
}

function report(r: RunResult, json: boolean, cli: Cli): void {
  if (json) {
    cli.out(JSON.stringify(r, null, 2));
    return;
  }
  const f = r.final;
  const metrics = f
    ? ` — train loss ${f.trainLoss.toFixed(4)} acc ${f.trainAcc.toFixed(3)}, test loss ${f.testLoss.toFixed(4)} acc ${f.testAcc.toFixed(3)}`
    : '';
  cli.out(
    `${r.status}: ${r.runId} after ${r.steps} steps in ${r.wallSeconds.toFixed(1)} s on ${r.backend}${metrics}`,
  );
  if (r.error) {
    cli.out(`error: ${r.error}`);
  }
  cli.out(`run folder: ${r.runDir}`);
}

function withOverrides(config: ExperimentConfig, seed?: string, steps?: string): ExperimentConfig {
  const train = { ...config.train };
  if (seed !== undefined) {
    train.seed = parseIntArg('--seed', seed);
  }
  if (steps !== undefined) {
    train.steps = parseIntArg('--steps', steps);
  }
  return { ...experimentConfigSchema.parse({ ...config, train }), name: config.name };
}

/** Parses a non-negative integer option or throws a UsageError naming it. */
export function parseIntArg(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new UsageError(`${name} must be a non-negative integer, got "${value}"`);
  }
  return n;
}

export function parseBackend(value: string): BackendChoice {
  const parsed = backendSchema.safeParse(value);
  if (!parsed.success) {
    throw new UsageError(`--backend must be one of auto, node, wasm, cpu; got "${value}"`);
  }
  return parsed.data;
}

/** The single positional argument of a command, or a UsageError. */
export function single(positionals: string[]): string {
  if (positionals.length !== 1) {
    throw new UsageError(`expected one file argument, got ${positionals.length}`);
  }
  return positionals[0];
}
