/** `replens analyze <kind> <runDir|sweepDir|config> [--at STEP] [--json]` */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { initialCompleteness } from '../../runner/completeness/initialCompleteness';
import { AnalysisInputError } from '../../runner/analysisRuns';
import { analyzeCompleteness } from '../../runner/completeness/sourceCompleteness';
import type { RunCompleteness } from '../../shared/completenessResults';
import { loadConfigFile } from '../configFile';
import { UsageError, exitCodes } from '../errors';
import type { Cli } from '../cli';
import { parseIntArg } from './run';
import { extrapolationCommand } from './analyzeExtrapolation';
import { hessianAnalyzeCommand, polcaAnalyzeCommand, polcaUsage } from './analyzePolca';
import {
  ckaAnalyzeCommand,
  starvationAnalyzeCommand,
  stitchingAnalyzeCommand,
  universalityUsage,
} from './analyzeUniversality';
import { initialText, sweepText } from './completenessText';

export const analyzeUsage = [
  'replens analyze completeness <runDir|sweepDir|config.replens.json> [--at STEP] [--json]',
  'replens analyze extrapolation <runDir|sweepDir>... [--json]',
  ...universalityUsage,
  ...polcaUsage,
].join('\n');

const kinds = [
  'completeness',
  'extrapolation',
  'cka',
  'stitching',
  'starvation',
  'hessian',
  'polca',
] as const;

/** Kinds that parse their own options. */
const ownOptions: Record<string, (argv: string[], cli: Cli) => Promise<number>> = {
  cka: ckaAnalyzeCommand,
  stitching: stitchingAnalyzeCommand,
  starvation: starvationAnalyzeCommand,
  hessian: hessianAnalyzeCommand,
  polca: polcaAnalyzeCommand,
};

/** Runs one analysis; inputs an analysis cannot use are bad input (exit 2) with its message. */
export async function analyzeCommand(argv: string[], cli: Cli): Promise<number> {
  try {
    return await analyze(argv, cli);
  } catch (e) {
    throw e instanceof AnalysisInputError ? new UsageError(e.message) : e;
  }
}

async function analyze(argv: string[], cli: Cli): Promise<number> {
  const own = ownOptions[argv[0] ?? ''] as ((a: string[], c: Cli) => Promise<number>) | undefined;
  if (own !== undefined) {
    return own(argv.slice(1), cli);
  }
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { at: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const [kind, source, ...extra] = positionals;
  if (!(kinds as readonly string[]).includes(kind)) {
    throw new UsageError(
      `analyze: unknown analysis "${kind ?? ''}"; available: ${kinds.join(', ')}\nusage: ${analyzeUsage}`,
    );
  }
  if (kind === 'extrapolation') {
    return extrapolationCommand(positionals.slice(1), values.json, cli);
  }
  if (source === undefined || extra.length > 0) {
    throw new UsageError(`usage: ${analyzeUsage}`);
  }
  if (!fs.existsSync(source)) {
    throw new UsageError(`${source}: no such file or folder`);
  }
  const step = values.at === undefined ? undefined : parseIntArg('--at', values.at);
  if (fs.statSync(source).isFile()) {
    return previewConfig(source, step, values.json, cli);
  }
  const result = await analyzeCompleteness(source, step);
  const single = result.runs.length === 1 && !fs.existsSync(path.join(source, 'sweep.json'));
  if (values.json) {
    const doc = single
      ? { kind, source, step: result.runs[0].step, result: flattenRun(result.runs[0]) }
      : { kind, source, step: step ?? null, result };
    cli.out(JSON.stringify(doc, null, 2));
  } else {
    cli.out(sweepText(result));
  }
  return exitCodes.ok;
}

/** The step-0 preview of a config file (no training). */
function previewConfig(
  file: string,
  step: number | undefined,
  json: boolean,
  cli: Cli,
): Promise<number> {
  if (step !== undefined && step !== 0) {
    throw new UsageError(
      `${file}: a config has only its initial embedding; use --at 0 or a run folder`,
    );
  }
  const config = loadConfigFile(file, (l) => cli.err(l));
  let result;
  try {
    result = initialCompleteness(config);
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
  cli.out(
    json
      ? JSON.stringify({ kind: 'completeness', source: file, step: 0, result }, null, 2)
      : initialText(result),
  );
  return Promise.resolve(exitCodes.ok);
}

/**
 * One run's result with its task details and the test's p-value at the top level, so scripts
 * read `result.initialSignal`, `result.finalCircles`, `result.pValue` directly.
 */
function flattenRun(run: RunCompleteness): Record<string, unknown> {
  const { modularAddition, xor, remainder, ...rest } = run;
  return { ...rest, ...modularAddition, ...xor, ...remainder, pValue: run.test?.pValue ?? null };
}
