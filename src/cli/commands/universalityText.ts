/** Plain-text reports of the universality analyses for `replens analyze` without `--json`. */
import type {
  CkaMatrix,
  CkaRunsComparison,
  MeanSd,
  RunCkaLayers,
  StarvationResult,
  StitchingDirection,
  StitchingResult,
} from '../../shared/universalityResults';

/** A CKA matrix as a table; cells whose permutation p-value is ≥ 0.05 are marked "(n.s.)". */
export function matrixText(m: CkaMatrix): string {
  const width = Math.max(10, ...m.columns.map((c) => c.length + 1));
  const first = Math.max(...m.rows.map((r) => r.length)) + 2;
  const head = ' '.repeat(first) + m.columns.map((c) => c.padStart(width)).join('');
  const lines = m.rows.map((r, i) => {
    const cells = m.values[i].map((v, j) => {
      const p = m.nulls?.[i][j].pValue;
      const mark = p === undefined ? '' : p < 0.05 ? '*' : '°';
      return `${v.toFixed(3)}${mark}`.padStart(width);
    });
    return r.padEnd(first) + cells.join('');
  });
  const legend =
    m.nulls === undefined ? [] : ['* p < 0.05 against the permutation null, ° not significant'];
  return [head, ...lines, ...legend].join('\n');
}

/** Layers × layers CKA of a run at one checkpoint, and each layer against its final state. */
export function ckaLayersText(r: RunCkaLayers, step: number): string {
  const at = r.steps.find((s) => s.step === step) ?? r.steps[r.steps.length - 1];
  const s = r.settings;
  return [
    `${r.experiment} (${r.runId}): ${s.estimator} CKA between layers at step ${at.step}` +
      ` on ${r.inputSet.n} of ${r.inputSet.total} ${r.inputSet.split} examples` +
      (s.permutations > 0 ? `, ${s.permutations} permutations` : ''),
    ...(r.products === undefined ? [] : [`products: ${r.products}`]),
    matrixText(at.matrix),
    '',
    `CKA of each layer against its last checkpoint (steps ${r.steps.map((x) => x.step).join(', ')}):`,
    ...r.acrossCheckpoints.map(
      (l) => `  ${l.layer}: ${l.values.map((v) => v.toFixed(2)).join(' ')}`,
    ),
  ].join('\n');
}

/** Runs × runs CKA at one layer. */
export function ckaRunsText(r: CkaRunsComparison): string {
  return [
    `${r.settings.estimator} CKA between ${r.runs.length} runs at layer ${r.layer} (n = ${r.n})`,
    matrixText(r.matrix),
    ...r.skipped.map((s) => `skipped ${s.runDir}: ${s.reason}`),
  ].join('\n');
}

/** Both directions of a stitching with the controls beside each score. */
export function stitchingText(r: StitchingResult): string {
  return [
    `Stitching (ε = ${r.epsilon}, ${r.steps} bridge steps, chance ${r.chance.toFixed(2)}); ` +
      `symmetric embedding score ${r.symmetric.toFixed(3)}`,
    directionText(r.forward),
    directionText(r.backward),
  ].join('\n\n');
}

function directionText(d: StitchingDirection): string {
  const header =
    `${d.from.label} (acc ${d.from.balancedAccuracy.toFixed(3)}) → ${d.to.label} (acc ${d.to.balancedAccuracy.toFixed(3)})\n` +
    '  from → to                 task   (norm)  regression  random  shuffled  persons-held-out';
  const rows = d.cells.map((c) => {
    const f = (x: number | undefined): string => (x === undefined ? '   –  ' : x.toFixed(3));
    return (
      `  ${`${c.fromLayer} → ${c.toLayer}`.padEnd(24)}${f(c.task.balancedAccuracy)}  (${f(c.task.normalized)})  ` +
      `${f(c.regression.balancedAccuracy)}       ${f(c.controls.random.balancedAccuracy)}   ` +
      `${f(c.controls.shuffled.balancedAccuracy)}     ${f(c.controls.personHeldOut?.balancedAccuracy)}`
    );
  });
  return [header, ...rows].join('\n');
}

/** One line per capacity cell. */
export function starvationText(r: StarvationResult): string {
  const ms = (m: MeanSd | undefined, digits = 3): string =>
    m === undefined || m.runs === 0 ? '–' : `${m.mean.toFixed(digits)}±${m.sd.toFixed(digits)}`;
  const lines = r.cells.map(
    (c) =>
      `  width ${String(c.width).padStart(4)} depth ${c.depth} d ${c.embedDim} train ${c.trainFraction}: ` +
      `test acc ${ms(c.testAccuracy)} (at 100 % train ${ms(c.testAccuracyAtConvergence)}), ` +
      `steps to 100 % ${ms(c.stepsTo100, 0)} (${c.converged}/${c.testAccuracy.runs}), ` +
      `cross-seed CKA ${ms(c.crossSeedCka?.linear)} / debiased ${ms(c.crossSeedCka?.debiased)}, ` +
      `stitching ${ms(c.crossSeedStitching)}`,
  );
  return [
    `Starvation summary of ${r.sweepDir} (budget ${r.budget} steps, ${r.cells.length} cells)`,
    ...lines,
    ...r.skipped.map((s) => `skipped ${s.runDir}: ${s.reason}`),
  ].join('\n');
}
