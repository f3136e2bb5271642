/**
 * The Hessian analysis of any run: the top eigenvalues of the training loss's Hessian (on a
 * subsample of training examples) at up to 16 checkpoints, by Lanczos with full
 * re-orthogonalisation, with each Ritz pair's residual. Cached in `analyses/hessian-<hash>.json`.
 */
import { disposeBatch } from '../../engine/analysis/layerActivations';
import { type HessianSource, hessianSource } from '../../engine/analysis/polca/hessianOperator';
import { lanczos } from '../../engine/hessian/lanczos';
import type { HessianRequestOptions } from '../../shared/protocol/analysisProtocol';
import type { HessianResult } from '../../shared/polcaResults';
import { cachedAnalysis, readAnalysedRun, yieldToEvents, definedOptions } from '../analysisRuns';
import { subsample } from '../universality/examples';
import { openRunModel } from '../universality/runModel';
import { configOptions, evenlySpaced, hessianDefaults, hessianSettings } from './polcaSettings';

/** Bump when the result's shape or meaning changes, so cached results are recomputed. */
const resultVersion = 1;

/** Top Hessian eigenvalues over a run's checkpoints (cached once the run has ended). */
export async function analyzeHessian(
  runDir: string,
  options: HessianRequestOptions = {},
  onProgress?: (done: number, total: number) => void,
): Promise<HessianResult> {
  const { manifest, config } = readAnalysedRun(runDir, 'hessian');
  const o = {
    ...hessianDefaults,
    ...configOptions(runDir, config, 'hessian'),
    ...definedOptions(options),
  };
  const key = { resultVersion, o, last: manifest.lastStep, status: manifest.status };
  return cachedAnalysis(runDir, manifest, 'hessian', key, async () => {
    const run = await openRunModel(runDir, 'hessian');
    const { model, dataset } = run.session;
    const batch = model.batch(dataset, subsample(dataset.train, o.examples, o.seed));
    let source: HessianSource | undefined;
    try {
      source = hessianSource(model, batch);
      const steps = evenlySpaced(run.steps, o.checkpoints);
      const checkpoints: HessianResult['checkpoints'] = [];
      for (const [i, step] of steps.entries()) {
        run.load(step);
        const r = lanczos(source.operator, { k: o.k, iterations: o.iterations, seed: o.seed });
        checkpoints.push({
          step,
          eigenvalues: Array.from(r.values),
          residuals: Array.from(r.residuals),
          hvps: r.hvpCount,
        });
        onProgress?.(i + 1, steps.length);
        await yieldToEvents();
      }
      return {
        runDir,
        runId: run.manifest.runId,
        experiment: run.manifest.experiment,
        settings: hessianSettings(source.method, batch.size, o),
        checkpoints,
      };
    } finally {
      source?.dispose();
      disposeBatch(batch);
      run.dispose();
    }
  });
}
