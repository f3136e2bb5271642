/**
 * The POLCA analysis of a run folder: the run's model at up to `checkpoints` of its checkpoints,
 * the Hessian of the training loss on a subsample of training sequences, per-token losses of the
 * answer tokens of a subsample of test sequences, and the engine's POLCA pipeline scored against
 * a skill label (default `carryIn`). Cached in `analyses/polca-<hash>.json` once the run ended.
 */
import { type HessianSource, hessianSource } from '../../engine/analysis/polca/hessianOperator';
import { readParams, writeParams } from '../../engine/analysis/polca/paramVector';
import { type PolcaOptions, runPolca } from '../../engine/analysis/polca/pipeline';
import { countedRows, rowLosses } from '../../engine/analysis/polca/tokenLosses';
import { trainableVariables } from '../../engine/hessian/loss';
import type { SequenceDataset } from '../../engine/tasks/types';
import type { PolcaRequestOptions } from '../../shared/protocol/analysisProtocol';
import type { PolcaResult } from '../../shared/polcaResults';
import {
  AnalysisInputError,
  cachedAnalysis,
  readAnalysedRun,
  yieldToEvents,
  definedOptions,
} from '../analysisRuns';
import { subsample } from '../universality/examples';
import { type RunModel, openRunModel } from '../universality/runModel';
import { configOptions, evenlySpaced, hessianSettings, polcaDefaults } from './polcaSettings';
import { disposeBatch } from '../../engine/analysis/layerActivations';
import { polcaResult } from './polcaResult';
import { analysedTokens } from './tokens';

/** Bump when the result's shape or meaning changes, so cached results are recomputed. */
const resultVersion = 3;

/** POLCA of a run (cached once the run has ended). */
export async function analyzePolca(
  runDir: string,
  options: PolcaRequestOptions = {},
  onProgress?: (done: number, total: number, what: string) => void,
): Promise<PolcaResult> {
  const { manifest, config } = readAnalysedRun(runDir, 'polca');
  const o = {
    ...polcaDefaults,
    ...configOptions(runDir, config, 'polca'),
    ...definedOptions(options),
  };
  const key = { resultVersion, o, last: manifest.lastStep, status: manifest.status };
  return cachedAnalysis(runDir, manifest, 'polca', key, async () => {
    const run = await openRunModel(runDir, 'polca');
    try {
      return await compute(run, o, onProgress);
    } finally {
      run.dispose();
    }
  });
}

async function compute(
  run: RunModel,
  o: typeof polcaDefaults,
  onProgress?: (done: number, total: number, what: string) => void,
): Promise<PolcaResult> {
  const { model } = run.session;
  const ds = run.session.dataset as SequenceDataset;
  const steps = evenlySpaced(run.steps, o.checkpoints);
  if (steps.length < 2) {
    throw new AnalysisInputError(`${run.runDir}: POLCA needs at least two checkpoints`);
  }
  const hessianIdx = subsample(ds.train, o.examples, o.seed);
  const analysisIdx = subsample(
    ds.test.length > 0 ? ds.test : ds.train,
    o.analysisExamples,
    o.seed + 1,
  );
  const [hBatch, vBatch] = [model.batch(ds, hessianIdx), model.batch(ds, analysisIdx)];
  let source: HessianSource | undefined;
  try {
    const rows = countedRows(vBatch);
    const tokens = analysedTokens(ds, analysisIdx, rows, o.skill);
    const vars = trainableVariables(model);
    source = hessianSource(model, hBatch);
    const { operator, method } = source;
    const thetas = steps.map((step) => {
      run.load(step);
      return readParams(vars);
    });
    const options: PolcaOptions = {
      basis: { k: o.k, iterations: o.iterations, order: 'algebraic', seed: o.seed },
      allocation: { method: o.allocation, h: o.h, simpsonIntervals: 2 },
      minGroup: o.minGroup,
      features: o.features,
      controls: !o.noControls,
    };
    const r = await runPolca(
      {
        steps,
        thetaAt: (i) => thetas[i],
        operatorAt: (i) => {
          writeParams(vars, thetas[i]);
          return operator;
        },
        lossAt: (theta) => {
          writeParams(vars, theta);
          return rowLosses(model, vBatch, rows);
        },
        groups: tokens.targets,
        skill: tokens.skill,
      },
      options,
      async (what, done, total) => {
        onProgress?.(done, total, what);
        await yieldToEvents();
      },
    );
    return polcaResult(r, {
      run,
      steps,
      tokens,
      tokenCount: rows.length,
      hessian: hessianSettings(method, hessianIdx.length, o),
      allocation: { method: o.allocation, h: o.h },
      features: o.features,
      skill: o.skill,
      names: ds.tokenNames,
    });
  } finally {
    source?.dispose();
    disposeBatch(hBatch);
    disposeBatch(vBatch);
  }
}
