/**
 * Number formats and names shared by the completeness view's figures and text. Pure.
 */
import type {
  CandidateScores,
  CompletenessTask,
  TestResult,
} from '../../src/shared/completenessResults';
import type { ScoreUnit } from './state';

/** Shown where a value does not exist (no test without a final representation). */
export const missing = '–';

/** A share as a percentage, e.g. "62.5%". */
export function pct(v: number | null): string {
  return v === null || !Number.isFinite(v) ? missing : `${(100 * v).toFixed(1)}%`;
}

/** A p-value: three decimals, or scientific notation below 0.001. */
export function pValue(p: number | null): string {
  if (p === null || !Number.isFinite(p)) {
    return missing;
  }
  return p !== 0 && p < 1e-3 ? p.toExponential(1) : p.toFixed(3);
}

/** The p-value of a test that may not have been run. */
export function testP(t: TestResult | null): string {
  return pValue(t?.pValue ?? null);
}

/** A number with up to `digits` significant digits (no trailing zeros). */
export function num(v: number | null, digits = 3): string {
  return v === null || !Number.isFinite(v) ? missing : String(Number(v.toPrecision(digits)));
}

/** What a candidate's score is called in the task's own units. */
export const scoreNames: Record<CompletenessTask, string> = {
  'modular-addition': 'initial signal S_k',
  'multi-digit-xor': 'arrangement score',
  'remainder-equivalence': 'line completeness L(π)',
};

/** Human-readable task names. */
export const taskNames: Record<CompletenessTask, string> = {
  'modular-addition': 'modular addition',
  'multi-digit-xor': 'multi-digit XOR',
  'remainder-equivalence': 'remainder equivalence',
};

/** The score axis title, e.g. "initial signal S_k (one per frequency)". */
export function scoreTitle(task: CompletenessTask, unit: ScoreUnit, kind: string): string {
  const name = unit === 'z' ? 'standardized score z' : scoreNames[task];
  return `${name} (one per ${kind})`;
}

/** The candidates' scores in the chosen units. */
export function scoresOf(c: CandidateScores, unit: ScoreUnit): number[] {
  return unit === 'z' ? c.z : c.initial;
}
