/**
 * Number formats, run labels and loss names shared by the rule-extrapolation view's figures,
 * tables and text. Pure.
 */
import type {
  CheckpointExtrapolation,
  RunExtrapolation,
} from '../../src/shared/extrapolationResults';

/** Which validation loss is shown: PAD targets masked, or counted (as the reference reports). */
export type LossKind = 'masked' | 'unmasked';

/** Shown where a value does not exist. */
export const missing = '–';

/** A share as a percentage, e.g. "62.5%". */
export function pct(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? missing : `${(100 * v).toFixed(1)}%`;
}

/** A number with up to `digits` significant digits (no trailing zeros). */
export function num(v: number | undefined, digits = 3): string {
  return v === undefined || !Number.isFinite(v) ? missing : String(Number(v.toPrecision(digits)));
}

/** The validation loss of a checkpoint of the chosen kind. */
export function lossOf(c: CheckpointExtrapolation, kind: LossKind): number {
  return kind === 'masked' ? c.valLoss : c.valLossUnmasked;
}

/** What the chosen loss is called, e.g. "validation loss (PAD masked)". */
export function lossName(kind: LossKind): string {
  return kind === 'masked' ? 'validation loss (PAD masked)' : 'validation loss (PAD counted)';
}

/** The last part of a path (folders separated by / or \). */
export function baseName(p: string): string {
  return (
    p
      .split(/[\\/]/)
      .filter((x) => x !== '')
      .pop() ?? p
  );
}

/**
 * One short label per run: its training variant ("oracle"), with the seed when a variant has
 * several runs, the language when runs of several languages are compared, and the run id when
 * that is still ambiguous.
 */
export function runLabels(runs: readonly RunExtrapolation[]): string[] {
  const count = (key: (r: RunExtrapolation) => string) => {
    const n = new Map<string, number>();
    runs.forEach((r) => n.set(key(r), (n.get(key(r)) ?? 0) + 1));
    return (r: RunExtrapolation): number => n.get(key(r)) ?? 0;
  };
  const languages = new Set(runs.map((r) => r.language)).size;
  const variant = (r: RunExtrapolation): string =>
    languages > 1 ? `${r.language} ${r.training}` : r.training;
  const perVariant = count(variant);
  const seeded = (r: RunExtrapolation): string =>
    perVariant(r) > 1 ? `${variant(r)}, seed ${r.seed}` : variant(r);
  const perLabel = count(seeded);
  return runs.map((r) => (perLabel(r) > 1 ? `${seeded(r)} (${r.runId})` : seeded(r)));
}

/** A run's label with its id, e.g. "oracle (r2)" (labels that already name the id stay as they are). */
export function withRunId(label: string, runId: string): string {
  return label.endsWith(`(${runId})`) ? label : `${label} (${runId})`;
}

/** Mean and sample standard deviation (n − 1; 0 for a single value). */
export function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  if (n === 0) {
    return { mean: Number.NaN, sd: Number.NaN };
  }
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const ss = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return { mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0 };
}
