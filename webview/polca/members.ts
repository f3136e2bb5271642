/**
 * The member table of the selected cluster, pure: the label columns (the scored skill first),
 * each member's sequence split around its target position, and the label marks.
 */
import type { PolcaCluster, PolcaMember } from '../../src/shared/polcaResults';
import { isNum, num } from './format';
import { selectedCluster } from './selectors';
import type { PolcaState } from './state';

/** A sequence split around the analysed token (`at` is '' when the position lies outside). */
export interface Highlighted {
  before: string;
  at: string;
  after: string;
}

/** Splits a sequence text around its token at `position` (one character per token). */
export function highlightParts(text: string, position: number): Highlighted {
  if (!Number.isInteger(position) || position < 0 || position >= text.length) {
    return { before: text, at: '', after: '' };
  }
  return {
    before: text.slice(0, position),
    at: text.slice(position, position + 1),
    after: text.slice(position + 1),
  };
}

/** The label names of a cluster's members, the scored skill first, then in first-seen order. */
export function labelColumns(cluster: PolcaCluster, skill: string): string[] {
  const names = new Set<string>();
  cluster.members.forEach((m) => Object.keys(m.labels).forEach((k) => names.add(k)));
  return names.has(skill) ? [skill, ...[...names].filter((n) => n !== skill)] : [...names];
}

/** A label's mark: ✓ for 1, empty for 0 or none, else the value. */
export function labelMark(v: number | null | undefined): string {
  if (!isNum(v) || v === 0) {
    return '';
  }
  return v === 1 ? '✓' : num(v);
}

/** One row of the member table. */
export interface MemberRow {
  text: Highlighted;
  member: PolcaMember;
  marks: string[];
}

/** The selected cluster's label columns and rows (none when no cluster is selected). */
export function memberTable(s: PolcaState): {
  cluster?: PolcaCluster;
  index?: number;
  columns: string[];
  rows: MemberRow[];
} {
  const selected = selectedCluster(s);
  const data = s.loads.polca.data;
  if (selected === undefined || data === undefined) {
    return { columns: [], rows: [] };
  }
  const cluster = selected.group.clusters[selected.index];
  const columns = labelColumns(cluster, data.skill);
  const rows = cluster.members.map((member) => ({
    text: highlightParts(member.text, member.position),
    member,
    marks: columns.map((c) => labelMark(member.labels[c])),
  }));
  return { cluster, index: selected.index, columns, rows };
}
