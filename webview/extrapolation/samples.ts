/**
 * The sample-completions table of the rule-extrapolation view, pure: per prompt of the selected
 * run (at its best checkpoint), the prompt and the greedy completion, and whether rule 1, rule 2
 * and the whole language hold and the completion finished. Every check carries text (✓/✗ and a
 * word), so a violation never shows by colour alone.
 */
import type { RunExtrapolation, SampleCompletion } from '../../src/shared/extrapolationResults';

/** Column headings of the table. */
export const sampleColumns = [
  'Set',
  'Prompt',
  'Completion',
  'Rule 1',
  'Rule 2',
  'Grammatical',
  'Finished',
] as const;

/** The checks of a sample, in column order. */
export const sampleChecks = ['r1', 'r2', 'grammatical', 'finished'] as const;
export type SampleCheck = (typeof sampleChecks)[number];

const checkNames: Record<SampleCheck, string> = {
  r1: 'rule 1',
  r2: 'rule 2',
  grammatical: 'grammatical',
  finished: 'finished',
};

/** One cell of a check: passed or not, and its text. */
export interface CheckCell {
  check: SampleCheck;
  ok: boolean;
  text: string;
}

/** One row of the table. */
export interface SampleRow {
  set: 'ID' | 'OOD';
  /** Shown text: "(empty)" stands for an empty string. */
  prompt: string;
  completion: string;
  checks: CheckCell[];
  /** The checks that failed, e.g. ["rule 1", "grammatical"] (for the row's accessible label). */
  violations: string[];
}

/** The text of a check's cell, e.g. "✓ holds", "✗ violated", "✗ no EOS". */
export function checkText(check: SampleCheck, ok: boolean): string {
  if (check === 'finished') {
    return ok ? '✓ yes' : '✗ no EOS';
  }
  return ok ? '✓ holds' : '✗ violated';
}

function shown(text: string): string {
  return text === '' ? '(empty)' : text;
}

/** The table row of one sample. */
export function sampleRow(c: SampleCompletion): SampleRow {
  const checks = sampleChecks.map((check) => ({
    check,
    ok: c[check],
    text: checkText(check, c[check]),
  }));
  return {
    set: c.set === 'id' ? 'ID' : 'OOD',
    prompt: shown(c.prompt),
    completion: shown(c.completion),
    checks,
    violations: checks.filter((k) => !k.ok).map((k) => checkNames[k.check]),
  };
}

/** The rows of a run's samples: ID prompts first, then OOD, each in the data's order. */
export function sampleRows(run: RunExtrapolation | undefined): SampleRow[] {
  const samples = run?.samples ?? [];
  return [...samples.filter((c) => c.set === 'id'), ...samples.filter((c) => c.set === 'ood')].map(
    sampleRow,
  );
}
