/**
 * CKA between runs (seeds, sizes) at one layer, each run at its last checkpoint: the token
 * embedding (rows are tokens in canonical order) or a layer's activations on the same examples
 * (pairs matched by their canonical tokens, a seeded subsample).
 */
import * as path from 'node:path';
import type { Float64Matrix } from '../../engine/analysis/cka';
import type { CkaRequestOptions } from '../../shared/protocol/analysisProtocol';
import type { ComparedRun, CkaRunsComparison } from '../../shared/universalityResults';
import { AnalysisInputError, type SourceRun, sourceRuns } from '../analysisRuns';
import { ckaSettings, matrixOf, settingsOf } from './ckaLayers';
import { overridesLabel } from './runListing';
import { indicesOfKeys, pairKeys, pairsOf, subsample, tokensInCanonicalOrder } from './examples';
import {
  type RunModel,
  captureLayers,
  embeddingLayer,
  embeddingRows,
  openRunModel,
  takeRows,
} from './runModel';

/** CKA between every pair of finished runs under `sources` at `layer`. */
export async function analyzeCkaRuns(
  sources: readonly string[],
  layer = embeddingLayer,
  options: CkaRequestOptions = {},
): Promise<CkaRunsComparison> {
  const o = ckaSettings(options);
  const { opened, skipped } = await openAll(sources);
  try {
    if (opened.length < 2) {
      const why = skipped.map((s) => `${path.basename(s.runDir)}: ${s.reason}`).join('; ');
      throw new AnalysisInputError(
        `comparing runs needs at least two finished runs, found ${opened.length}${why ? ` (${why})` : ''}`,
      );
    }
    const layers = [embeddingLayer, ...opened[0].model.session.model.layerNames];
    if (!layers.includes(layer)) {
      throw new AnalysisInputError(`no layer "${layer}"; layers: ${layers.join(', ')}`);
    }
    const reps = representations(opened, layer, o);
    const runs = opened.map((r) => r.run);
    const labels = runs.map((r) => r.label);
    return {
      settings: settingsOf(o),
      layer,
      layers,
      runs,
      matrix: matrixOf(labels, labels, reps, undefined, o),
      n: reps[0].rows,
      skipped,
    };
  } finally {
    opened.forEach((r) => r.model.dispose());
  }
}

interface OpenedRun {
  run: ComparedRun;
  model: RunModel;
}

/** Opens every analysable run under the sources; the others are listed with the reason. */
export async function openAll(
  sources: readonly string[],
): Promise<{ opened: OpenedRun[]; skipped: { runDir: string; reason: string }[] }> {
  const opened: OpenedRun[] = [];
  const skipped: { runDir: string; reason: string }[] = [];
  const all = sources.flatMap((s) => sourceRuns(s));
  for (const r of all) {
    if (r.pending !== undefined) {
      skipped.push({ runDir: r.runDir, reason: r.pending });
      continue;
    }
    try {
      const model = await openRunModel(r.runDir);
      opened.push({
        run: { runDir: r.runDir, runId: model.manifest.runId, label: runLabel(r, model) },
        model,
      });
    } catch (e) {
      skipped.push({ runDir: r.runDir, reason: (e as Error).message });
    }
  }
  return { opened, skipped };
}

/** What distinguishes a run in its sweep ("seed 2, hidden [64]"), else its id. */
function runLabel(r: SourceRun, model: RunModel): string {
  return overridesLabel(r.overrides) ?? model.manifest.runId;
}

/** Each run's representation at `layer`, rows matched across runs. */
function representations(
  opened: OpenedRun[],
  layer: string,
  o: Required<CkaRequestOptions>,
): Float64Matrix[] {
  if (layer === embeddingLayer) {
    const vocab = opened[0].model.session.dataset.vocab;
    return opened.map(({ model }) => {
      if (model.session.dataset.vocab !== vocab) {
        throw new AnalysisInputError(
          `${model.runDir}: ${model.session.dataset.vocab} tokens, the first run has ${vocab}`,
        );
      }
      return takeRows(embeddingRows(model.session), tokensInCanonicalOrder(model.session.dataset));
    });
  }
  const first = pairsOf(opened[0].model.session.dataset, 'comparing layers across runs');
  const all = Int32Array.from({ length: first.a.length }, (_, i) => i);
  const keys = pairKeys(first, subsample(all, o.maxExamples, o.seed));
  return opened.map(({ model }) => {
    const ds = pairsOf(model.session.dataset, 'comparing layers across runs');
    const acts = captureLayers(model.session, indicesOfKeys(ds, keys), [layer]);
    return acts.get(layer) as Float64Matrix;
  });
}
