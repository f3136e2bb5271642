/**
 * `replens analyze cka|stitching|starvation …`: the universality analyses from the command line.
 * Each kind parses its own options; `--json` prints `{ kind, source, step, result }`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeCkaLayers } from '../../runner/universality/ckaLayers';
import { analyzeCkaRuns } from '../../runner/universality/ckaRuns';
import { analyzeStarvation } from '../../runner/universality/starvation';
import { analyzeStitching } from '../../runner/universality/stitching';
import type { CkaRequestOptions } from '../../shared/protocol/analysisProtocol';
import { type CkaEstimator, ckaEstimators } from '../../shared/universalityResults';
import { UsageError, exitCodes } from '../errors';
import type { Cli } from '../cli';
import { ckaFoldersCommand, isExternalFolder } from './analyzeExternal';
import { parseIntArg } from './run';
import { ckaLayersText, ckaRunsText, starvationText, stitchingText } from './universalityText';

const ckaOptions = {
  at: { type: 'string' },
  between: { type: 'string' },
  layer: { type: 'string' },
  estimator: { type: 'string' },
  permutations: { type: 'string' },
  'rbf-threshold': { type: 'string' },
  'max-examples': { type: 'string' },
  split: { type: 'string' },
  seed: { type: 'string' },
  threads: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

/** `replens analyze cka …` */
export async function ckaAnalyzeCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: ckaOptions,
  });
  const sources = existingFolders(positionals, 'analyze cka');
  const options = ckaRequest(values);
  if (sources.length > 1 && sources.some(isExternalFolder)) {
    const at = values.at === undefined ? undefined : parseIntArg('--at', values.at);
    return ckaFoldersCommand(sources, options, { layer: values.layer, at, json: values.json }, cli);
  }
  const isSweep = fs.existsSync(path.join(sources[0], 'sweep.json'));
  const between = values.between ?? (sources.length > 1 || isSweep ? 'runs' : 'layers');
  if (between === 'runs') {
    const result = await analyzeCkaRuns(sources, values.layer, options);
    const source = sources.length === 1 ? sources[0] : sources;
    print(cli, values.json, { kind: 'cka', source, step: null, result }, () => ckaRunsText(result));
    return exitCodes.ok;
  }
  if (between !== 'layers' || sources.length !== 1) {
    throw new UsageError(
      between === 'layers'
        ? 'analyze cka --between layers takes one run folder'
        : `--between "${between}": expected layers or runs`,
    );
  }
  // The 2-D projections beside the heatmap are not printed (for external folders: not computed).
  const threads =
    values.threads === undefined ? undefined : atLeastOne('--threads', values.threads);
  const result = await analyzeCkaLayers(sources[0], options, progress(cli, 'checkpoints'), {
    points: false,
    threads,
  });
  const at = values.at === undefined ? undefined : parseIntArg('--at', values.at);
  const shown =
    at === undefined
      ? result.steps[result.steps.length - 1]
      : result.steps.find((s) => s.step === at);
  if (shown === undefined) {
    throw new UsageError(
      `--at ${at}: no checkpoint there; checkpoints: ${result.steps.map((s) => s.step).join(', ')}`,
    );
  }
  const { points: _points, ...atStep } = shown;
  const doc = {
    kind: 'cka',
    source: sources[0],
    step: shown.step,
    result: {
      settings: result.settings,
      inputSet: result.inputSet,
      ...(result.products === undefined ? {} : { products: result.products }),
      layers: result.layers,
      matrix: atStep.matrix,
      checkpoints: result.steps.map((s) => ({ step: s.step, matrix: s.matrix })),
      acrossCheckpoints: result.acrossCheckpoints,
    },
  };
  print(cli, values.json, doc, () => ckaLayersText(result, shown.step));
  return exitCodes.ok;
}

/** `replens analyze stitching <runA> <runB> …` */
export async function stitchingAnalyzeCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      epsilon: { type: 'string' },
      steps: { type: 'string' },
      'embedding-only': { type: 'boolean', default: false },
      seed: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const runs = existingFolders(positionals, 'analyze stitching');
  if (runs.length !== 2) {
    throw new UsageError(`analyze stitching needs two run folders, got ${runs.length}`);
  }
  const epsilon =
    values.epsilon === undefined ? undefined : nonNegative('--epsilon', values.epsilon);
  const result = await analyzeStitching(
    runs[0],
    runs[1],
    {
      epsilon,
      steps: values.steps === undefined ? undefined : parseIntArg('--steps', values.steps),
      embeddingOnly: values['embedding-only'],
      seed: values.seed === undefined ? undefined : parseIntArg('--seed', values.seed),
    },
    progress(cli, 'layer pairs'),
  );
  print(cli, values.json, { kind: 'stitching', source: runs, step: null, result }, () =>
    stitchingText(result),
  );
  return exitCodes.ok;
}

/** `replens analyze starvation <sweepDir> …` */
export async function starvationAnalyzeCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'stitching-steps': { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const [source, ...extra] = existingFolders(positionals, 'analyze starvation');
  if (extra.length > 0) {
    throw new UsageError('analyze starvation takes one sweep folder');
  }
  const steps = values['stitching-steps'];
  const result = await analyzeStarvation(
    source,
    { stitchingSteps: steps === undefined ? undefined : parseIntArg('--stitching-steps', steps) },
    progress(cli, 'cells'),
  );
  print(cli, values.json, { kind: 'starvation', source, step: result.budget, result }, () =>
    starvationText(result),
  );
  return exitCodes.ok;
}

function ckaRequest(values: {
  estimator?: string;
  permutations?: string;
  'rbf-threshold'?: string;
  'max-examples'?: string;
  split?: string;
  seed?: string;
}): CkaRequestOptions {
  const { estimator, split } = values;
  if (estimator !== undefined && !(ckaEstimators as readonly string[]).includes(estimator)) {
    throw new UsageError(`--estimator "${estimator}": expected ${ckaEstimators.join(', ')}`);
  }
  if (split !== undefined && !['train', 'test', 'all'].includes(split)) {
    throw new UsageError(`--split "${split}": expected train, test or all`);
  }
  const int = (flag: string, v: string | undefined): number | undefined =>
    v === undefined ? undefined : parseIntArg(flag, v);
  return {
    estimator: estimator as CkaEstimator | undefined,
    permutations: int('--permutations', values.permutations),
    rbfThreshold:
      values['rbf-threshold'] === undefined
        ? undefined
        : positive('--rbf-threshold', values['rbf-threshold']),
    maxExamples: int('--max-examples', values['max-examples']),
    split: split as CkaRequestOptions['split'],
    seed: int('--seed', values.seed),
  };
}

function existingFolders(paths: string[], what: string): string[] {
  if (paths.length === 0) {
    throw new UsageError(`${what} needs a run or sweep folder`);
  }
  for (const p of paths) {
    if (!fs.existsSync(p) || !fs.statSync(p).isDirectory()) {
      throw new UsageError(`${p}: no such run or sweep folder`);
    }
  }
  return paths;
}

function atLeastOne(flag: string, v: string): number {
  const x = parseIntArg(flag, v);
  if (x < 1) {
    throw new UsageError(`${flag} "${v}": expected 1 or more`);
  }
  return x;
}

function positive(flag: string, v: string): number {
  const x = Number(v);
  if (!Number.isFinite(x) || x <= 0) {
    throw new UsageError(`${flag} "${v}": expected a positive number`);
  }
  return x;
}

function nonNegative(flag: string, v: string): number {
  const x = Number(v);
  if (!Number.isFinite(x) || x < 0) {
    throw new UsageError(`${flag} "${v}": expected a number ≥ 0`);
  }
  return x;
}

function print(cli: Cli, json: boolean, doc: object, text: () => string): void {
  cli.out(json ? JSON.stringify(doc, null, 2) : text());
}

function progress(cli: Cli, what: string): (done: number, total: number) => void {
  return (done, total) => cli.err(`${done}/${total} ${what}`);
}
