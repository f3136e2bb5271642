/** Plain-text reports of completeness results for the terminal. */
import type {
  CandidateScores,
  InitialCompleteness,
  RunCompleteness,
  SweepCompleteness,
} from '../../shared/completenessResults';

const f3 = (x: number | null | undefined): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(3);
const pv = (x: number | null | undefined): string =>
  x === null || x === undefined ? '–' : x < 1e-4 ? x.toExponential(1) : x.toFixed(4);

/** Top candidates of a step-0 preview. */
export function initialText(r: InitialCompleteness): string {
  const lines = [
    `${r.task}, embedding seed ${r.seed}, d = ${r.embedDim}: ${r.candidates.count} candidates (${r.candidates.kind}${r.candidates.sampled ? ', a seeded sample' : ''})`,
    'top candidates (initial completeness, z):',
    ...r.top.map(
      (i) =>
        `  ${r.candidates.labels[i]}  ${f3(r.candidates.initial[i])}  z=${f3(r.candidates.z[i])}`,
    ),
  ];
  return lines.join('\n');
}

/** A run or sweep result: one line per run, then the prediction test and the sweep summaries. */
export function sweepText(r: SweepCompleteness): string {
  const p = r.prediction;
  const lines = [
    `${r.task}: ${r.runs.length} run(s) analysed${r.partial ? `, ${r.skipped.length} skipped (partial)` : ''}`,
    ...r.runs.map(runLine),
    `prediction: mean percentile ${f3(p.meanPercentile)} over ${p.runs} run(s); above median ${p.aboveMedian}/${p.runs} (binomial p ${pv(p.binomial?.pValue)}, Wilcoxon p ${pv(p.wilcoxon?.pValue)}); top-1 ${p.top1Hits}/${p.runs} vs chance ${f3(p.chanceTop1)}`,
  ];
  if (r.survival) {
    const s = r.survival;
    lines.push(
      `survival: r = ${f3(s.pearsonR)} (p ${pv(s.pValue)}, ${s.points} points, ${s.groups.length} initial embedding(s))`,
    );
  }
  for (const d of r.dimension ?? []) {
    lines.push(
      `d = ${d.embedDim}${d.frozen ? ' frozen' : ''}: ${d.runs} runs, circles ${f3(d.meanCircles)}, circularity mean ${f3(d.meanCircularity)} max ${f3(d.maxCircularity)}, test acc ${f3(d.meanTestAcc)}`,
    );
  }
  for (const a of r.perturbation ?? []) {
    lines.push(
      `α = ${a.alpha}: survival of k=${a.frequencies.join(',')}: ${a.survival.map(f3).join(', ')}`,
    );
  }
  for (const s of r.skipped) {
    lines.push(`skipped ${s.runDir}: ${s.reason}`);
  }
  return lines.join('\n');
}

function runLine(r: RunCompleteness): string {
  return `  ${r.runId} (seed ${r.seeds.embedding}/${r.seeds.mlp}/${r.seeds.data}) step ${r.step}: chosen ${chosenText(r.candidates, r.chosen)}; percentile ${f3(r.predictionPercentile)}, p ${pv(r.test?.pValue)}`;
}

function chosenText(c: CandidateScores, chosen: readonly number[]): string {
  return chosen.length === 0 ? 'none' : chosen.map((i) => c.labels[i]).join(' ');
}
