/**
 * CKA between the layers of two external folders (`replens analyze cka <A> <B>`), each at one
 * step (default: its last): rows are matched by the ids of both rows.json files (b's rows are
 * reordered to a's); without ids the counts must agree and rows correspond by position. Any
 * mismatch is an error naming both files: never a silent truncation. Layers are read one at a
 * time per side (blocks: layerBlocks.ts, with b's layers read per block of a's).
 */
import { type CkaOptions, type Float64Matrix, ckaMatrix } from '../../engine/analysis/cka';
import { initBackend } from '../../engine/backend';
import type { CkaFoldersComparison, ComparedFolder } from '../../shared/externalResults';
import type { CkaRequestOptions } from '../../shared/protocol/analysisProtocol';
import type { ExternalFolder } from '../../storage/external/externalFolder';
import { AnalysisInputError, yieldToEvents } from '../analysisRuns';
import { externalCkaSettings } from './externalCkaLayers';
import { splitBlocks, heatmapMemoryBytes } from './layerBlocks';
import { stepRows, toFloat64 } from './externalSource';

/** Which step of each folder, and which layer (default: every layer of each). */
export interface CkaFoldersRequest {
  step?: number;
  layer?: string;
  memoryBytes?: number;
}

/** CKA of a's layers × b's layers on their matched rows. */
export async function analyzeCkaFolders(
  a: ExternalFolder,
  b: ExternalFolder,
  options: CkaRequestOptions = {},
  request: CkaFoldersRequest = {},
): Promise<CkaFoldersComparison> {
  const o = externalCkaSettings(options);
  const stepA = stepOf(a, request.step);
  const stepB = stepOf(b, request.step);
  const { rowsB, byIds } = matchRows(a, stepA, b, stepB);
  const layersA = layersOf(a, stepA, request.layer);
  const layersB = layersOf(b, stepB, request.layer);
  await initBackend('auto');
  const settings = {
    estimator: o.estimator,
    rbfThreshold: o.rbfThreshold,
    permutations: o.permutations,
    seed: o.seed,
  };
  const { values, nulls } = await crossMatrix(
    layersA.map((l) => ({
      name: l.name,
      bytes: l.bytes,
      read: () => toFloat64(a.readLayer(stepA, l.name)),
    })),
    layersB.map((l) => ({
      name: l.name,
      bytes: l.bytes,
      read: () => toFloat64(b.readLayer(stepB, l.name), rowsB),
    })),
    settings,
    request.memoryBytes ?? heatmapMemoryBytes,
  );
  const side = (f: ExternalFolder, step: number): ComparedFolder =>
    f.rowsFile === undefined ? { dir: f.dir, step } : { dir: f.dir, step, rowsFile: f.rowsFile };
  const names = (ls: { name: string }[]): string[] => ls.map((l) => l.name);
  return {
    a: side(a, stepA),
    b: side(b, stepB),
    settings,
    n: stepRows(a, stepA),
    matchedByIds: byIds,
    matrix: {
      rows: names(layersA),
      columns: names(layersB),
      values,
      ...(nulls === undefined ? {} : { nulls }),
    },
  };
}

type Side = { name: string; bytes: number; read(): Float64Matrix };

/** a's layers × b's layers, holding one block of a's and one block of b's at a time. */
async function crossMatrix(
  as: Side[],
  bs: Side[],
  o: CkaOptions,
  budget: number,
): Promise<Pick<CkaFoldersComparison['matrix'], 'values' | 'nulls'>> {
  const values = as.map(() => new Array<number>(bs.length).fill(NaN));
  const withNulls = (o.permutations ?? 0) > 0;
  const nulls: NonNullable<CkaFoldersComparison['matrix']['nulls']> = as.map(() => []);
  for (const blockA of splitBlocks(as, budget / 2)) {
    const repsA = blockA.layers.map((l) => l.read());
    for (const blockB of splitBlocks(bs, budget / 2)) {
      const r = ckaMatrix(
        repsA,
        blockB.layers.map((l) => l.read()),
        o,
      );
      r.values.forEach((row, i) =>
        row.forEach((v, j) => {
          values[blockA.start + i][blockB.start + j] = v;
          if (r.nulls !== undefined) {
            nulls[blockA.start + i][blockB.start + j] = r.nulls[i][j];
          }
        }),
      );
      await yieldToEvents();
    }
  }
  return withNulls ? { values, nulls } : { values };
}

/** b's row indices in a's row order, or an error naming both files. */
function matchRows(
  a: ExternalFolder,
  stepA: number,
  b: ExternalFolder,
  stepB: number,
): { rowsB?: Int32Array; byIds: boolean } {
  const na = stepRows(a, stepA);
  const nb = stepRows(b, stepB);
  const idsA = a.rowIds;
  const idsB = b.rowIds;
  if (idsA === undefined || idsB === undefined) {
    if (idsA !== idsB) {
      const [has, lacks] = idsA === undefined ? [b, a] : [a, b];
      throw new AnalysisInputError(
        `${has.rowsFile ?? has.dir} gives row ids but ${lacks.dir} has no rows.json with ids; give both or neither`,
      );
    }
    if (na !== nb) {
      throw new AnalysisInputError(
        `${a.fileOf(stepA)} has ${na} rows but ${b.fileOf(stepB)} has ${nb}; rows must be the same examples`,
      );
    }
    return { byIds: false };
  }
  const fileA = a.rowsFile ?? a.dir;
  const fileB = b.rowsFile ?? b.dir;
  if (idsA.length !== idsB.length) {
    throw new AnalysisInputError(
      `${fileA} has ${idsA.length} row ids but ${fileB} has ${idsB.length}`,
    );
  }
  const inB = new Map(idsB.map((id, i) => [id, i]));
  const missing = idsA.filter((id) => !inB.has(id));
  if (missing.length > 0) {
    const shown = missing
      .slice(0, 5)
      .map((id) => JSON.stringify(id))
      .join(', ');
    throw new AnalysisInputError(
      `${missing.length} row ids of ${fileA} are not in ${fileB} (${shown}${missing.length > 5 ? ', …' : ''})`,
    );
  }
  return { rowsB: Int32Array.from(idsA, (id) => inB.get(id) ?? -1), byIds: true };
}

function stepOf(f: ExternalFolder, step: number | undefined): number {
  if (step === undefined) {
    return f.steps[f.steps.length - 1];
  }
  if (!f.steps.includes(step)) {
    throw new AnalysisInputError(`${f.dir}: no step ${step}; steps: ${f.steps.join(', ')}`);
  }
  return step;
}

function layersOf(
  f: ExternalFolder,
  step: number,
  layer: string | undefined,
): { name: string; bytes: number }[] {
  const n = stepRows(f, step);
  const all = f
    .layers(step)
    .map((l) => ({ name: l.name, bytes: 8 * n * l.shape[l.shape.length - 1] }));
  if (layer === undefined) {
    return all;
  }
  const picked = all.filter((l) => l.name === layer);
  if (picked.length === 0) {
    throw new AnalysisInputError(
      `${f.fileOf(step)}: no layer "${layer}"; layers: ${all.map((l) => l.name).join(', ')}`,
    );
  }
  return picked;
}
