/**
 * What the embedding view's Export saves: the plotted data of the shown checkpoint as a table and
 * JSON, and the file name. Pure.
 */
import { axisColumns, shownProjection } from './projection';
import { type EmbeddingState, currentStep } from './state';

/** The shown checkpoint's points as a table: token, every label, then the k coordinates. */
export function frameTable(s: EmbeddingState): { columns: string[]; rows: number[][] } {
  const d = s.data;
  if (d === undefined || d.points.length === 0) {
    return { columns: [], rows: [] };
  }
  const names = Object.keys(d.labels).filter((n) => n !== 'token');
  const axes = axisColumns(d);
  const rows = d.points[s.index].map((p, i) => [
    d.tokens[i],
    ...names.map((n) => d.labels[n][i]),
    ...p,
  ]);
  return { columns: ['token', ...names, ...axes], rows };
}

/** The shown checkpoint's data as a JSON-serialisable document. */
export function frameJson(s: EmbeddingState): unknown {
  const d = s.data;
  if (d === undefined || d.points.length === 0) {
    return {};
  }
  return {
    runDir: d.runDir,
    runId: d.runId,
    tensor: d.tensor,
    step: d.steps[s.index],
    explained: d.explained[s.index],
    projection: shownProjection(d),
    tokens: d.tokens,
    labels: d.labels,
    points: d.points[s.index],
  };
}

/** File name (without extension) of an export, e.g. `embedding-r1-step-1200`. */
export function exportBaseName(s: EmbeddingState): string {
  const step = currentStep(s);
  return `embedding-${s.data?.runId ?? 'run'}${step === undefined ? '' : `-step-${step}`}`;
}
