/**
 * Number formats, the progress text and the step axis shared by the POLCA view's figures, tables
 * and text. Values computed as NaN arrive as null in JSON: every format shows them as "–". Pure.
 */
import type { JobProgress } from './types';

/** Shown where a value does not exist. */
export const missing = '–';

/** Whether a value is a finite number (not null, not NaN). */
export function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** A share as a whole percentage, e.g. "62%". */
export function pct(v: number | null | undefined): string {
  return isNum(v) ? `${Math.round(100 * v)}%` : missing;
}

/** A value with two decimals (ARI, NMI, residuals). */
export function fixed(v: number | null | undefined): string {
  return isNum(v) ? v.toFixed(2) : missing;
}

/** A number with up to `digits` significant digits (no trailing zeros). */
export function num(v: number | null | undefined, digits = 3): string {
  return isNum(v) ? String(Number(v.toPrecision(digits))) : missing;
}

/** Units the workers count in, the last word of their progress `what`. */
const units = ['checkpoints', 'intervals'];

/**
 * The progress line from the worker's `what`: "<stage> <unit>" becomes "basis 3/16 checkpoints",
 * "random basis 4/15 intervals"; POLCA's own "intervals" are its allocation ("allocation 12/15
 * intervals"); a bare unit stays "3/16 checkpoints"; anything else is "<what> 1/1".
 */
export function progressText(p: JobProgress): string {
  const count = `${p.done}/${p.total}`;
  const words = p.what
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const unit = words[words.length - 1];
  if (unit === undefined) {
    return count;
  }
  if (!units.includes(unit)) {
    return `${p.what.trim()} ${count}`;
  }
  const stage = words.slice(0, -1).join(' ').replace(/-/g, ' ');
  const named = stage === '' && unit === 'intervals' ? 'allocation' : stage;
  return named === '' ? `${count} ${unit}` : `${named} ${count} ${unit}`;
}

/** A log axis when the steps are positive and span more than a factor of 20, else linear. */
export function stepAxisType(steps: readonly number[]): 'log' | 'linear' {
  const finite = steps.filter(isNum);
  if (finite.length < 2) {
    return 'linear';
  }
  const min = Math.min(...finite);
  return min > 0 && Math.max(...finite) / min > 20 ? 'log' : 'linear';
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
