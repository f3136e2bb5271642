/**
 * Pure helpers of the embedding view's projection controls: the options of the mode selector
 * (aligned PCA or the task's fixed axes) and of the frequency / mask selector, the request each
 * choice sends, axis titles and short column names for exports.
 */
import type {
  EmbeddingProjection,
  EmbeddingProjectionKind,
  EmbeddingProjectionRequest,
  EmbeddingTrajectoryResult,
} from '../../src/shared/embeddingResults';
import type { EmbeddingState } from './state';

/** A selector option: [value, text]. */
export type Option = [string, string];

/** Masks offered for the walsh selector's mask sets: the strongest this many. */
export const maskPool = 6;

const modeNames: Record<EmbeddingProjectionKind, string> = {
  pca: 'PCA (aligned)',
  fourier: 'Fourier circle',
  walsh: 'Walsh cube',
  line: 'Residue line',
};

/** The projection of the data (results without one are aligned PCA). */
export function shownProjection(d: EmbeddingTrajectoryResult | undefined): EmbeddingProjection {
  const axes = Array.from({ length: d?.k ?? 2 }, (_, i) => `aligned PC ${i + 1}`);
  return d?.projection ?? { kind: 'pca', axes, available: ['pca'] };
}

/** Options of the mode selector: the projections the run's task offers. */
export function modeOptions(s: EmbeddingState): Option[] {
  return shownProjection(s.data).available.map((kind) => [kind, modeNames[kind]]);
}

/** The mode to show as selected: the one being loaded, else the one shown. */
export function modeValue(s: EmbeddingState): EmbeddingProjectionKind {
  return s.status === 'loading' && s.projection !== undefined
    ? s.projection.kind
    : shownProjection(s.data).kind;
}

/** Label of the frequency / mask selector, or undefined when the mode has no choice. */
export function choiceLabel(s: EmbeddingState): string | undefined {
  const kind = shownProjection(s.data).kind;
  return kind === 'fourier' ? 'Frequency' : kind === 'walsh' ? 'Masks' : undefined;
}

/**
 * Options of the frequency / mask selector: every frequency (final circles first), or the sets
 * of as many masks as shown drawn from the strongest `maskPool` masks (final masks first).
 */
export function choiceOptions(s: EmbeddingState): Option[] {
  const p = shownProjection(s.data);
  if (p.kind === 'fourier') {
    return p.frequencies.map((f) => [String(f.k), `k = ${f.k}${f.circle ? ' (circle)' : ''}`]);
  }
  if (p.kind !== 'walsh') {
    return [];
  }
  const final = new Set(p.choices.filter((c) => c.final).map((c) => c.mask));
  const pool = p.choices.slice(0, maskPool).map((c) => c.mask);
  const sets = subsets(pool, p.masks.length).map((set) => set.sort((a, b) => a - b));
  if (!sets.some((set) => set.join() === p.masks.join())) {
    sets.unshift([...p.masks]);
  }
  return sets.map((set) => {
    const allFinal = set.every((m) => final.has(m));
    return [set.join(','), `${set.map((m) => `W_${m}`).join(' · ')}${allFinal ? ' (final)' : ''}`];
  });
}

/** Value of the frequency / mask selector for the data shown. */
export function choiceValue(s: EmbeddingState): string {
  const p = shownProjection(s.data);
  return p.kind === 'fourier' ? String(p.k) : p.kind === 'walsh' ? p.masks.join(',') : '';
}

/** The request of a frequency / mask selector value in the mode shown. */
export function requestForChoice(s: EmbeddingState, value: string): EmbeddingProjectionRequest {
  const kind = shownProjection(s.data).kind;
  if (kind === 'fourier') {
    return { kind, k: Number(value) };
  }
  if (kind === 'walsh') {
    return { kind, masks: value.split(',').map(Number) };
  }
  return { kind };
}

/** The request after a change of dimensions: walsh then uses the strongest masks again. */
export function requestForDims(s: EmbeddingState): EmbeddingProjectionRequest | undefined {
  return s.projection?.kind === 'walsh' ? { kind: 'walsh' } : s.projection;
}

/** Whether the shown projection has a fixed number of coordinates (the fourier plane is 2-D). */
export function fixedDims(s: EmbeddingState): boolean {
  return shownProjection(s.data).kind === 'fourier';
}

/** Axis titles of the scatter, e.g. "aligned PC 1", "Re F_7 (final)", "W_3". */
export function axisTitles(d: EmbeddingTrajectoryResult | undefined): string[] {
  return shownProjection(d).axes;
}

/** Short column names of the coordinates in exported tables, e.g. pc1, re_f7, w3, line. */
export function axisColumns(d: EmbeddingTrajectoryResult | undefined): string[] {
  const p = shownProjection(d);
  switch (p.kind) {
    case 'pca':
      return p.axes.map((_, i) => `pc${i + 1}`);
    case 'fourier':
      return [`re_f${p.k}`, `im_f${p.k}`];
    case 'walsh':
      return p.masks.map((m) => `w${m}`);
    case 'line':
      return p.axes.map((_, i) => (i === 0 ? 'line' : `rest${i}`));
  }
}

/** A request read back from saved state, or undefined when it is not a valid one. */
export function savedRequest(raw: unknown): EmbeddingProjectionRequest | undefined {
  const r = raw as { kind?: unknown; k?: unknown; masks?: unknown } | undefined;
  const int = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;
  switch (r?.kind) {
    case 'pca':
    case 'line':
      return { kind: r.kind };
    case 'fourier':
      return int(r.k) ? { kind: 'fourier', k: r.k } : { kind: 'fourier' };
    case 'walsh':
      return Array.isArray(r.masks) && r.masks.every(int)
        ? { kind: 'walsh', masks: r.masks }
        : { kind: 'walsh' };
    default:
      return undefined;
  }
}

/** All subsets of `size` elements of `items`, in lexicographic order of positions. */
function subsets(items: number[], size: number): number[][] {
  if (size === 0) {
    return [[]];
  }
  return items.flatMap((item, i) =>
    subsets(items.slice(i + 1), size - 1).map((rest) => [item, ...rest]),
  );
}
