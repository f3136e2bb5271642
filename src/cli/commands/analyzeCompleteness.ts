/**
 * `replens analyze completeness <runDir|sweepDir|config.replens.json> [--at STEP] [--json]`, and
 * `… --task modular-addition [--p P] <embedding file or external folder>` (analyzeExternal.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { initialCompleteness } from '../../runner/completeness/initialCompleteness';
import { analyzeCompleteness } from '../../runner/completeness/sourceCompleteness';
import type { RunCompleteness } from '../../shared/completenessResults';
import { loadConfigFile } from '../configFile';
import { UsageError, exitCodes } from '../errors';
import type { Cli } from '../cli';
import { embeddingCompletenessCommand, isEmbeddingSource } from './analyzeExternal';
import { parseIntArg } from './run';

const embeddingUsage =
  'replens analyze completeness --task modular-addition [--p P] <file.npy|file.safetensors|externalFolder> [--layer L] [--tensor NAME] [--at STEP] [--json]';
import { initialText, sweepText } from './completenessText';

/** The completeness study of a run, a sweep, or (step 0 only) a config file. */
export async function completenessAnalyzeCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      at: { type: 'string' },
      task: { type: 'string' },
      p: { type: 'string' },
      layer: { type: 'string' },
      tensor: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const [source, ...extra] = positionals;
  if (source === undefined || extra.length > 0) {
    throw new UsageError(
      `usage: replens analyze completeness <runDir|sweepDir|config.replens.json> [--at STEP] [--json]\n       ${embeddingUsage}`,
    );
  }
  if (!fs.existsSync(source)) {
    throw new UsageError(`${source}: no such file or folder`);
  }
  const step = values.at === undefined ? undefined : parseIntArg('--at', values.at);
  const embeddingOnly = [values.task, values.p, values.layer, values.tensor];
  if (isEmbeddingSource(source)) {
    const p = values.p === undefined ? undefined : parseIntArg('--p', values.p);
    return embeddingCompletenessCommand(source, { ...values, p, at: step }, cli);
  }
  if (embeddingOnly.some((v) => v !== undefined)) {
    throw new UsageError(
      `${source}: --task, --p, --layer and --tensor apply to embedding files and external folders\nusage: ${embeddingUsage}`,
    );
  }
  if (fs.statSync(source).isFile()) {
    return previewConfig(source, step, values.json, cli);
  }
  const result = await analyzeCompleteness(source, step);
  const single = result.runs.length === 1 && !fs.existsSync(path.join(source, 'sweep.json'));
  if (values.json) {
    const doc = single
      ? {
          kind: 'completeness',
          source,
          step: result.runs[0].step,
          result: flattenRun(result.runs[0]),
        }
      : { kind: 'completeness', source, step: step ?? null, result };
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
