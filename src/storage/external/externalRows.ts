/**
 * The rows of an activations folder: every layer of a step must describe the same rows (the same
 * leading dimensions: [N] or [N, T]); rows.json, when present, describes N examples; 3-D layers
 * flatten to N·T rows, example-major, with ids `<id>:<position>` and a `position` label.
 */
import { ExternalFolderError } from './externalFolderError';
import type { RowsFile } from './sidecars';
import type { StepFile } from './stepFiles';

/** Row ids (when rows.json has them) and label columns, one value per flattened row. */
export function externalRows(
  step: StepFile,
  rows: RowsFile | undefined,
): { ids?: string[]; labels: Record<string, (string | number)[]> } {
  const lead = step.tensors[0].shape.slice(0, -1);
  for (const t of step.tensors.slice(1)) {
    const own = t.shape.slice(0, -1);
    if (own.join(',') !== lead.join(',')) {
      throw new ExternalFolderError(
        t.file,
        `layer "${t.name}" has shape [${t.shape.join(', ')}], rows [${own.join(', ')}], but layer "${step.tensors[0].name}" has rows [${lead.join(', ')}]; every layer must describe the same rows`,
      );
    }
  }
  const [n, positions] = lead;
  if (rows?.count !== undefined && rows.count !== n) {
    throw new ExternalFolderError(
      rows.file,
      `describes ${rows.count} rows but layer "${step.tensors[0].name}" of ${step.tensors[0].file} has ${n}`,
    );
  }
  if (positions === undefined) {
    return { ids: rows?.ids, labels: rows?.labels ?? {} };
  }
  const expand = <T>(values: T[]): T[] => values.flatMap((v) => Array<T>(positions).fill(v));
  const labels: Record<string, (string | number)[]> = {};
  for (const [name, values] of Object.entries(rows?.labels ?? {})) {
    labels[name] = expand(values);
  }
  labels.position = Array.from({ length: n * positions }, (_, i) => i % positions);
  const ids = rows?.ids?.flatMap((id) => Array.from({ length: positions }, (_, t) => `${id}:${t}`));
  return { ids, labels };
}
