/**
 * Number formats, significance marks and run labels shared by the universality view's figures,
 * tables and text. Pure.
 */
import type { CkaEstimator, CkaNullBand, ComparedRun } from '../../src/shared/universalityResults';

/** Shown where a value does not exist. */
export const missing = '–';

/** Significance level of the marks. */
export const alpha = 0.05;

/** A share as a percentage, e.g. "62.5%". */
export function pct(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? missing : `${(100 * v).toFixed(1)}%`;
}

/** A number with up to `digits` significant digits (no trailing zeros). */
export function num(v: number | undefined, digits = 3): string {
  return v === undefined || !Number.isFinite(v) ? missing : String(Number(v.toPrecision(digits)));
}

/** A value with two decimals (CKA, scores). */
export function fixed(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? missing : v.toFixed(2);
}

/** A signed difference with two decimals, e.g. "+0.41". */
export function signed(v: number): string {
  return Number.isFinite(v) ? `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}` : missing;
}

/** "p = 0.0196" (permutation p-values are never 0). */
export function pText(p: number): string {
  return `p = ${num(p)}`;
}

/** The mark of a permutation p-value: *, **, *** below 0.05, 0.01, 0.001, else "n.s.". */
export function significanceMark(p: number): string {
  if (!(p < alpha)) {
    return 'n.s.';
  }
  return p < 0.001 ? '***' : p < 0.01 ? '**' : '*';
}

/** The text in a heatmap cell: the value, with its significance mark when it was tested. */
export function cellText(value: number, band?: CkaNullBand): string {
  if (band === undefined) {
    return fixed(value);
  }
  const mark = significanceMark(band.pValue);
  return mark === 'n.s.' ? `${fixed(value)}<br>n.s.` : `${fixed(value)}${mark}`;
}

/** One line on a cell's permutation null: p, the null's mean and its 95 % band. */
export function nullText(band: CkaNullBand): string {
  return (
    `${pText(band.pValue)} (${band.permutations} permutations); null mean ${fixed(band.mean)}, ` +
    `2.5–97.5 %: ${fixed(band.low)}–${fixed(band.high)}`
  );
}

/** What an estimator is called. */
export const estimatorNames: Record<CkaEstimator, string> = {
  linear: 'linear CKA',
  rbf: 'RBF CKA',
  debiased: 'debiased linear CKA',
};

/** The last part of a path (folders separated by / or \). */
export function baseName(p: string): string {
  return (
    p
      .split(/[\\/]/)
      .filter((x) => x !== '')
      .pop() ?? p
  );
}

/** The runs' labels, with the run id added where two runs share a label. */
export function uniqueLabels(runs: readonly Pick<ComparedRun, 'label' | 'runId'>[]): string[] {
  const counts = new Map<string, number>();
  runs.forEach((r) => counts.set(r.label, (counts.get(r.label) ?? 0) + 1));
  return runs.map((r) =>
    (counts.get(r.label) ?? 0) > 1 && r.label !== r.runId ? `${r.label} (${r.runId})` : r.label,
  );
}

/** Mean of some numbers (NaN for none). */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}
