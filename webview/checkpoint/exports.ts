/**
 * What the checkpoint editor's Export saves: the selected tensor's histogram as an image, the
 * tensor table as CSV, the summary as JSON, and the file name. Pure.
 */
import type { CheckpointSummary } from '../../src/shared/embeddingResults';
import { type CheckpointState, selectedTensor } from './state';

/** The table as CSV (export of the data). */
export function tableCsv(summary: CheckpointSummary): string {
  const head = 'name,dtype,shape,count,norm,mean,std,min,max,nonFinite';
  const rows = summary.tensors.map((t) =>
    [
      JSON.stringify(t.name),
      t.dtype,
      JSON.stringify(t.shape.join('x')),
      t.stats.count,
      t.stats.norm,
      t.stats.mean,
      t.stats.std,
      t.stats.min,
      t.stats.max,
      t.stats.nonFinite,
    ].join(','),
  );
  return [head, ...rows].join('\n') + '\n';
}

/** File name (without extension) of exports. */
export function exportBaseName(s: CheckpointState): string {
  const name = selectedTensor(s)?.name ?? 'tensor';
  return `${s.fileName.replace(/\.(safetensors|npy|npz)$/i, '')}-${name}-histogram`;
}
