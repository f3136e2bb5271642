/**
 * `replens analyze polca|hessian <runDir> …`: the Hessian spectrum over a run's checkpoints, and
 * POLCA clusters scored against the task's skill labels. `--json` prints
 * `{ kind, source, step, result }`; POLCA's `result.ari` holds polca, lossBaseline, randomBasis.
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { analyzeHessian } from '../../runner/polca/hessian';
import { analyzePolca } from '../../runner/polca/polca';
import {
  type HessianResult,
  type PolcaFeatures,
  type PolcaResult,
  polcaFeatures,
} from '../../shared/polcaResults';
import { UsageError, exitCodes } from '../errors';
import type { Cli } from '../cli';
import { parseIntArg } from './run';

const common = {
  k: { type: 'string' },
  iterations: { type: 'string' },
  examples: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

/** `replens analyze hessian <runDir>` */
export async function hessianAnalyzeCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: common,
  });
  const runDir = oneRun(positionals, 'hessian');
  const result = await analyzeHessian(runDir, ints(values), (d, t) =>
    cli.err(`${d}/${t} checkpoints`),
  );
  const last = result.checkpoints.at(-1)?.step ?? null;
  print(cli, values.json, { kind: 'hessian', source: runDir, step: last, result }, () =>
    hessianText(result),
  );
  return exitCodes.ok;
}

/** `replens analyze polca <runDir>` */
export async function polcaAnalyzeCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...common,
      checkpoints: { type: 'string' },
      'analysis-examples': { type: 'string' },
      allocation: { type: 'string' },
      skill: { type: 'string' },
      'no-controls': { type: 'boolean', default: false },
      'min-group': { type: 'string' },
      features: { type: 'string' },
    },
  });
  const runDir = oneRun(positionals, 'polca');
  const { allocation, features } = values;
  if (allocation !== undefined && allocation !== 'taylor' && allocation !== 'path') {
    throw new UsageError(`--allocation "${allocation}": expected taylor or path`);
  }
  if (features !== undefined && !isFeatures(features)) {
    throw new UsageError(`--features "${features}": expected ${polcaFeatures.join(', ')}`);
  }
  const result = await analyzePolca(
    runDir,
    {
      ...ints(values),
      checkpoints: int('--checkpoints', values.checkpoints),
      analysisExamples: int('--analysis-examples', values['analysis-examples']),
      allocation,
      skill: values.skill,
      noControls: values['no-controls'],
      minGroup: int('--min-group', values['min-group']),
      features,
    },
    (d, t, what) => cli.err(`${what}: ${d}/${t}`),
  );
  print(
    cli,
    values.json,
    { kind: 'polca', source: runDir, step: result.steps.at(-1) ?? null, result },
    () => polcaText(result),
  );
  return exitCodes.ok;
}

function ints(values: { k?: string; iterations?: string; examples?: string; seed?: string }) {
  return {
    k: int('--k', values.k),
    iterations: int('--iterations', values.iterations),
    examples: int('--examples', values.examples),
    seed: int('--seed', values.seed),
  };
}

function isFeatures(v: string): v is PolcaFeatures {
  return (polcaFeatures as readonly string[]).includes(v);
}

function int(flag: string, v: string | undefined): number | undefined {
  return v === undefined ? undefined : parseIntArg(flag, v);
}

function oneRun(positionals: string[], kind: string): string {
  if (positionals.length !== 1) {
    throw new UsageError(`analyze ${kind} takes one run folder, got ${positionals.length}`);
  }
  const [runDir] = positionals;
  if (!fs.existsSync(runDir) || !fs.statSync(runDir).isDirectory()) {
    throw new UsageError(`${runDir}: no such run folder`);
  }
  return runDir;
}

function print(cli: Cli, json: boolean, doc: object, text: () => string): void {
  cli.out(json ? JSON.stringify(doc, null, 2) : text());
}

function hessianText(r: HessianResult): string {
  const s = r.settings;
  return [
    `${r.experiment} (${r.runId}): top ${s.k} Hessian eigenvalues (${s.method}, ${s.examples} examples, ${s.iterations} Lanczos steps)`,
    ...r.checkpoints.map(
      (c) =>
        `  step ${String(c.step).padStart(6)}: ${c.eigenvalues.map((v) => v.toPrecision(4)).join('  ')}`,
    ),
  ].join('\n');
}

function f(x: number | undefined): string {
  return x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(3);
}

function scores(s: PolcaResult['ari']): string {
  return (
    `POLCA ${f(s.polca)}, loss baseline ${f(s.lossBaseline)}, ` +
    `random basis ${f(s.randomBasis)}, single checkpoint ${f(s.singleCheckpoint)}`
  );
}

function polcaText(r: PolcaResult): string {
  return [
    `${r.experiment} (${r.runId}): POLCA on ${r.tokens} answer tokens, ${r.steps.length} checkpoints, Hessian ${r.hessian.method}`,
    `ARI against ${r.skill} (${r.features}), best-agreeing vector per group: ${scores(r.ari)}`,
    `  dominant vector per group (chosen without the labels): ${scores(r.ariDominant)}`,
    `NMI, best-agreeing vector: ${scores(r.nmi)}`,
    `residual (loss change outside the basis): ${f(r.residual)}`,
    ...(r.methods[0]?.groups ?? []).map(
      (g) =>
        `  token ${g.token}: ${g.size} tokens, ${Math.round(g.skillFraction * 100)} % ${r.skill}, ` +
        `best vector ${g.family}, ARI ${f(g.ari)}, dominant vector ${g.dominant?.family ?? '–'}, ARI ${f(g.dominant?.ari)}, ${g.clusters.length} clusters, ${Math.round(g.outlierFraction * 100)} % outliers`,
    ),
  ].join('\n');
}
