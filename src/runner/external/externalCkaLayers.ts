/**
 * CKA between the layers of an external folder at every step, as `RunCkaLayers` (the CKA heatmap
 * shows it unchanged): the layers × layers matrix per step (block by block: layerBlocks.ts), each
 * layer's 2-D projection for the scatter, and each layer's CKA against its last step. All rows are
 * used unless `maxExamples` is given (then a seeded subsample). Cached under `<dir>/.replens/`.
 */
import { type Float64Matrix, cka } from '../../engine/analysis/cka';
import { initBackend } from '../../engine/backend';
import { leadingComponents } from '../../engine/analysis/leadingComponents';
import { pca } from '../../engine/analysis/pca';
import type { CkaRequestOptions } from '../../shared/protocol/analysisProtocol';
import type {
  CkaLayersAtStep,
  LayerPoints,
  PointLabels,
  RunCkaLayers,
} from '../../shared/universalityResults';
import type { ExternalFolder } from '../../storage/external/externalFolder';
import { definedOptions, yieldToEvents } from '../analysisRuns';
import { subsample } from '../universality/examples';
import { type HeatmapResources, layerCkaMatrix } from './layerBlocks';
import {
  cachedExternalAnalysis,
  externalIdentity,
  pickRows,
  stepRows,
  toFloat64,
} from './externalSource';

/** Bump when the result's shape or meaning changes, so cached results are recomputed. */
const resultVersion = 2;

/** What to compute besides the matrices. */
export interface ExternalCkaExtras {
  /** Each layer's 2-D projection per step (default true; the CLI does not print them). */
  points?: boolean;
  /** Float64 bytes of layers held at once block by block (default: layerBlocks.ts). */
  memoryBytes?: number;
  /** Float32 bytes of layers a linear heatmap keeps, each read once (default: layerBlocks.ts). */
  streamBytes?: number;
  /** Threads of a linear heatmap (default: every core, layerBlocks.ts). */
  threads?: number;
}

/** Layers × layers CKA of an external folder at every step (same shape as a run's). */
export function analyzeExternalCkaLayers(
  folder: ExternalFolder,
  options: CkaRequestOptions = {},
  onProgress?: (done: number, total: number) => void,
  extras: ExternalCkaExtras = {},
): Promise<RunCkaLayers> {
  const o = externalCkaSettings(options);
  const points = extras.points ?? true;
  const key = { resultVersion, o, points };
  return cachedExternalAnalysis(folder, 'cka-layers', key, async () => {
    // Large products run as float32 matMuls on the tfjs backend, as for a run (cka/products.ts),
    // or on the system BLAS through the native add-on when it loads (a linear heatmap).
    const backend = await initBackend('auto');
    const memory = {
      blockBytes: extras.memoryBytes,
      streamBytes: extras.streamBytes,
      threads: extras.threads,
      tfBackend: backend.tfBackend,
    };
    return computeLayers(folder, o, points, memory, onProgress);
  });
}

/** The settings of a CKA request on external folders: every row unless `maxExamples` says. */
export type ExternalCkaSettings = Required<
  Pick<CkaRequestOptions, 'estimator' | 'rbfThreshold' | 'permutations' | 'seed'>
> &
  Pick<CkaRequestOptions, 'maxExamples'>;
type Settings = ExternalCkaSettings;

/** A request's options over the defaults of the external CKA analyses. */
export function externalCkaSettings(options: CkaRequestOptions): ExternalCkaSettings {
  return {
    estimator: 'linear',
    rbfThreshold: 1,
    permutations: 0,
    seed: 0,
    ...definedOptions(options),
  };
}

async function computeLayers(
  folder: ExternalFolder,
  o: Settings,
  withPoints: boolean,
  memory: HeatmapResources & { tfBackend: string },
  onProgress?: (done: number, total: number) => void,
): Promise<RunCkaLayers> {
  const first = folder.steps[0];
  const layers = folder.layers(first).map((l) => l.name);
  const total = stepRows(folder, first);
  const rows =
    o.maxExamples === undefined
      ? undefined
      : subsample(
          Int32Array.from({ length: total }, (_, i) => i),
          o.maxExamples,
          o.seed,
        );
  const read = (step: number, name: string): Float64Matrix =>
    toFloat64(folder.readLayer(step, name), rows);
  const n = rows?.length ?? total;
  const ckaOptions = {
    estimator: o.estimator,
    rbfThreshold: o.rbfThreshold,
    permutations: o.permutations,
    seed: o.seed,
  };
  const steps: CkaLayersAtStep[] = [];
  let products = `block by block (tfjs ${memory.tfBackend})`;
  for (const [i, step] of folder.steps.entries()) {
    const shapes = folder.layers(step);
    const cols = shapes.map((l) => l.shape[l.shape.length - 1]);
    const heatmap = await layerCkaMatrix(
      shapes.map((l, k) => ({
        name: l.name,
        bytes: 8 * n * cols[k],
        read: () => read(step, l.name),
        readStored: () => pickRows(folder.readLayer(step, l.name), rows),
      })),
      { n, cols },
      ckaOptions,
      memory,
    );
    const { values, nulls } = heatmap;
    products = heatmap.products ?? products;
    const matrix = {
      rows: layers,
      columns: layers,
      values,
      ...(nulls === undefined ? {} : { nulls }),
    };
    steps.push({
      step,
      matrix,
      points: withPoints ? await layerPoints(layers, (l) => read(step, l)) : [],
    });
    onProgress?.(i + 1, folder.steps.length);
    await yieldToEvents();
  }
  return {
    ...externalIdentity(folder),
    settings: {
      estimator: o.estimator,
      rbfThreshold: o.rbfThreshold,
      permutations: o.permutations,
      seed: o.seed,
    },
    inputSet: { split: 'all', n, total },
    products,
    layers,
    steps,
    acrossCheckpoints: await acrossSteps(folder, layers, read, o.estimator),
    examples: exampleTexts(folder, n, rows),
    labels: pointLabels(folder, rows),
  };
}

/** Each layer's CKA at every step against its last step, one layer (two steps) at a time. */
async function acrossSteps(
  folder: ExternalFolder,
  layers: string[],
  read: (step: number, name: string) => Float64Matrix,
  estimator: Settings['estimator'],
): Promise<RunCkaLayers['acrossCheckpoints']> {
  const last = folder.steps[folder.steps.length - 1];
  const out: RunCkaLayers['acrossCheckpoints'] = [];
  for (const layer of layers) {
    let end: Float64Matrix | undefined; // read only when there is another step
    const values = folder.steps.map((s) =>
      s === last ? 1 : cka(read(s, layer), (end ??= read(last, layer)), { estimator }).value,
    );
    out.push({ layer, values });
    await yieldToEvents();
  }
  return out;
}

/** The first two principal components of each layer, read one at a time. */
async function layerPoints(
  layers: string[],
  read: (name: string) => Float64Matrix,
): Promise<LayerPoints[]> {
  const out: LayerPoints[] = [];
  for (const layer of layers) {
    out.push(pointsOf(layer, read(layer)));
    await yieldToEvents();
  }
  return out;
}

/** The exact SVD for small layers; subspace iteration beyond a million entries. */
function pointsOf(layer: string, m: Float64Matrix): LayerPoints {
  const k = Math.min(2, m.rows, m.cols);
  let proj: Float64Matrix;
  let ratio: Float64Array;
  if (m.rows * m.cols <= 1_000_000) {
    const r = pca(m, { k });
    proj = r.projections;
    ratio = r.explainedVarianceRatio;
  } else {
    const r = leadingComponents(m, k);
    proj = r.projections;
    ratio = r.explainedRatio;
  }
  const col = (c: number): number[] =>
    Array.from({ length: proj.rows }, (_, row) =>
      c < proj.cols ? proj.data[row * proj.cols + c] : 0,
    );
  const share = (c: number): number => (c < ratio.length ? ratio[c] : 0);
  return { layer, x: col(0), y: col(1), explained: [share(0), share(1)] };
}

/** Hover text per analysed row: its id from rows.json, else "row i". */
function exampleTexts(folder: ExternalFolder, n: number, rows: Int32Array | undefined): string[] {
  const index = (i: number): number => (rows === undefined ? i : rows[i]);
  return Array.from({ length: n }, (_, i) => folder.rowIds?.[index(i)] ?? `row ${index(i)}`);
}

/** rows.json's label columns as colourings (values index into the distinct names). */
export function pointLabels(folder: ExternalFolder, rows?: ArrayLike<number>): PointLabels[] {
  return Object.entries(folder.labels).map(([name, column]) => {
    const picked = rows === undefined ? column : Array.from(rows, (r) => column[r]);
    const names: string[] = [];
    const at = new Map<string, number>();
    const values = picked.map((v) => {
      const text = String(v);
      let i = at.get(text);
      if (i === undefined) {
        i = names.length;
        names.push(text);
        at.set(text, i);
      }
      return i;
    });
    return { name, values, names };
  });
}
