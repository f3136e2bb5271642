/**
 * Summaries over the runs of a sweep (pure): the prediction test over seeds, survival rates per
 * fixed initial embedding, the embedding-dimension table (§4.5) and the
 * perturbation response.
 */
import type {
  DimensionRow,
  PerturbationRow,
  PredictionSummary,
  RunCompleteness,
  SurvivalGroup,
  SurvivalSummary,
} from '../../../shared/completenessResults';
import type { ExperimentConfig } from '../../../shared/experimentConfig';
import { binomialGreater, pearson, wilcoxonSignedRankGreater } from '../stats';

/** One analysed run with what the sweep varied for it. */
export interface SweepEntry {
  run: RunCompleteness;
  config: ExperimentConfig;
  /** Grid values of the run (dotted path → value); empty for a plain seed sweep. */
  overrides: Record<string, unknown>;
  /** Logged test accuracy at chosen steps (step → accuracy). */
  testAccAt: Record<string, number>;
}

/** The prediction test over runs that formed a final representation. */
export function predictionSummary(runs: readonly RunCompleteness[]): PredictionSummary {
  const scored = runs.filter((r) => r.predictionPercentile !== null);
  const pct = scored.map((r) => r.predictionPercentile!);
  const above = pct.filter((p) => p > 0.5).length;
  const hits = scored.filter((r) => r.top1).length;
  const n = scored.length;
  return {
    runs: n,
    meanPercentile: n === 0 ? null : mean(pct),
    aboveMedian: above,
    binomial: n === 0 ? null : binomialGreater(above, n, 0.5),
    wilcoxon: n === 0 ? null : wilcoxonSignedRankGreater(pct.map((p) => p - 0.5)),
    top1Hits: hits,
    top1Rate: n === 0 ? null : hits / n,
    chanceTop1: n === 0 ? null : mean(scored.map((r) => r.chosen.length / r.candidates.count)),
  };
}

/**
 * Survival rate SR(k) per group of runs sharing one initial embedding (same embedding seed and
 * grid cell), pooled into a Pearson correlation with S_k(E0). Undefined unless some group has at
 * least two runs of modular addition.
 */
export function survivalSummary(entries: readonly SweepEntry[]): SurvivalSummary | undefined {
  const groups = groupBy(
    entries.filter((e) => e.run.modularAddition !== undefined),
    (e) => JSON.stringify([e.run.seeds.embedding, cellKey(e.overrides)]),
  )
    .filter((g) => g.length >= 2)
    .map(survivalGroup);
  if (groups.length === 0) {
    return undefined;
  }
  const x = groups.flatMap((g) => g.initialSignal);
  const y = groups.flatMap((g) => g.survival);
  const fit = pearson(x, y);
  return {
    groups,
    pearsonR: finiteOrNull(fit.r),
    pValue: finiteOrNull(fit.pValue),
    slope: fit.slope,
    intercept: fit.intercept,
    points: x.length,
  };
}

function survivalGroup(entries: SweepEntry[]): SurvivalGroup {
  const first = entries[0].run.modularAddition!;
  const survival = first.initialSignal.map(
    (_, i) =>
      entries.filter((e) => e.run.modularAddition!.finalCircles.includes(i + 1)).length /
      entries.length,
  );
  return {
    embeddingSeed: entries[0].run.seeds.embedding,
    runs: entries.length,
    initialSignal: first.initialSignal,
    survival,
  };
}

/** The dimension table, when the runs differ in embedding dimension. */
export function dimensionRows(entries: readonly SweepEntry[]): DimensionRow[] | undefined {
  if (new Set(entries.map((e) => e.run.embedDim)).size < 2) {
    return undefined;
  }
  const groups = groupBy(entries, (e) => `${e.run.embedDim}/${e.run.frozenEmbedding}`);
  return groups
    .map((g) => dimensionRow(g))
    .sort((a, b) => a.embedDim - b.embedDim || Number(a.frozen) - Number(b.frozen));
}

function dimensionRow(g: SweepEntry[]): DimensionRow {
  const circ = g.map((e) => e.run.modularAddition?.initialCircularity ?? []);
  const steps = new Set(g.flatMap((e) => Object.keys(e.testAccAt)));
  const testAccAt: Record<string, number> = {};
  for (const s of steps) {
    const vals = g.flatMap((e) => (s in e.testAccAt ? [e.testAccAt[s]] : []));
    testAccAt[s] = mean(vals);
  }
  return {
    embedDim: g[0].run.embedDim,
    frozen: g[0].run.frozenEmbedding,
    runs: g.length,
    meanCircles: mean(g.map((e) => e.run.modularAddition?.finalCircles.length ?? Number.NaN)),
    meanCircularity: mean(circ.map(mean)),
    maxCircularity: mean(circ.map((c) => (c.length === 0 ? Number.NaN : Math.max(...c)))),
    meanTestAcc: mean(g.map((e) => e.run.metrics?.testAcc ?? Number.NaN)),
    meanTestLoss: mean(g.map((e) => e.run.metrics?.testLoss ?? Number.NaN)),
    testAccAt,
  };
}

/** Survival of the perturbed frequencies per scale α, when the runs differ in α. */
export function perturbationRows(entries: readonly SweepEntry[]): PerturbationRow[] | undefined {
  const perturbation = (e: SweepEntry) =>
    e.config.model.kind === 'embed-mlp' ? e.config.model.embedPerturbation : undefined;
  const perturbed = entries.filter(
    (e) => perturbation(e) !== undefined && e.run.modularAddition !== undefined,
  );
  const alpha = (e: SweepEntry): number => perturbation(e)?.scale ?? 1;
  if (new Set(perturbed.map(alpha)).size < 2) {
    return undefined;
  }
  return groupBy(perturbed, (e) => String(alpha(e)))
    .map((g) => {
      const frequencies = perturbation(g[0])?.frequencies ?? [];
      return {
        alpha: alpha(g[0]),
        frequencies,
        runs: g.length,
        survival: frequencies.map(
          (k) => g.filter((e) => e.run.modularAddition!.finalCircles.includes(k)).length / g.length,
        ),
      };
    })
    .sort((a, b) => a.alpha - b.alpha);
}

/** Grid values that define a cell, without the ones that only reseed. */
function cellKey(overrides: Record<string, unknown>): string {
  const keys = Object.keys(overrides)
    .filter((k) => !k.startsWith('train.seed'))
    .sort();
  return JSON.stringify(keys.map((k) => [k, overrides[k]]));
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list === undefined) {
      map.set(k, [item]);
    } else {
      list.push(item);
    }
  }
  return [...map.values()];
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function mean(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0 ? Number.NaN : finite.reduce((a, b) => a + b, 0) / finite.length;
}
