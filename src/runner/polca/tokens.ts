/**
 * The analysed tokens of a POLCA run: the counted rows (answer positions) of the analysis batch,
 * each with its sequence, position, target token and skill labels, for grouping, scoring and the
 * member lists of the view.
 */
import type { SequenceDataset } from '../../engine/tasks/types';
import type { PolcaMember } from '../../shared/polcaResults';

/** The analysed tokens, in the order of the per-token losses. */
export interface AnalysedTokens {
  /** Target token id of each (the output-token group). */
  targets: Int32Array;
  /** Skill label of each, for the label POLCA is scored against. */
  skill: Int32Array;
  member(v: number): PolcaMember;
}

/**
 * Describes the counted batch rows `rows` of the sequences `indices` (row r reads tokens
 * 0..t of sequence ⌊r/(T−1)⌋ and predicts token t + 1).
 */
export function analysedTokens(
  ds: SequenceDataset,
  indices: Int32Array,
  rows: Int32Array,
  skillName: string,
): AnalysedTokens {
  const T = ds.seqLen;
  const labels = ds.positionLabels ?? {};
  const at = (r: number): number => indices[Math.floor(r / (T - 1))] * T + (r % (T - 1)) + 1;
  const skillLabels = labels[skillName];
  if (skillLabels === undefined) {
    const known = Object.keys(labels).join(', ') || 'none';
    throw new Error(`no skill label "${skillName}" (labels of this task: ${known})`);
  }
  const targets = Int32Array.from(rows, (r) => ds.tokens[at(r)]);
  const skill = Int32Array.from(rows, (r) => skillLabels[at(r)]);
  const special = new Set([ds.sos, ds.eos, ds.pad]);
  const member = (v: number): PolcaMember => {
    const flat = at(rows[v]);
    const i = Math.floor(flat / T);
    const shown = Array.from(ds.tokens.subarray(i * T, (i + 1) * T));
    const before = shown.slice(0, flat - i * T).filter((t) => !special.has(t)).length;
    return {
      text: shown
        .filter((t) => !special.has(t))
        .map((t) => ds.tokenNames[t])
        .join(''),
      position: before,
      target: ds.tokenNames[ds.tokens[flat]],
      labels: Object.fromEntries(Object.entries(labels).map(([k, l]) => [k, l[flat]])),
    };
  };
  return { targets, skill, member };
}
