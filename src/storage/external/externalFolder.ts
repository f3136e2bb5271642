/**
 * External representation folders: arrays another framework saved, read in place (docs/
 * external-folders.md has the exact rules). Two layouts:
 * - `activations`: `activations/step-<N>.safetensors | .npz | step-<N>/<layer>.npy`, with optional
 *   `rows.json` and `metrics.jsonl`; every layer describes the same rows.
 * - `hf-trainer`: `checkpoint-<N>/model.safetensors` (its 2-D float tensors are the layers) and
 *   `trainer_state.json` (`log_history` gives the metrics).
 * Opening reads headers and the small files only and checks their consistency; `readLayer` reads
 * one tensor. Nothing is written here (analyses cache under `<dir>/.replens/`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runFiles } from '../runLayout';
import { ExternalFolderError } from './externalFolderError';
import type { ExternalMatrix } from './floatTensor';
import { type ExternalMetric, readMetricsFile, readRowsFile, readTrainerState } from './sidecars';
import { type StepFile, openNpyFolderStep, openNpzStep, openSafetensorsStep } from './stepFiles';
import { externalRows } from './externalRows';

export { ExternalFolderError } from './externalFolderError';
export type { ExternalMatrix } from './floatTensor';
export type { ExternalMetric } from './sidecars';

/** The layouts an external folder may have. */
export type ExternalLayout = 'activations' | 'hf-trainer';

/** A layer of a step: its name (module path or tensor name) and shape. */
export interface ExternalLayer {
  name: string;
  shape: number[];
}

/** An opened external folder: its steps, layers, rows and metrics. */
export interface ExternalFolder {
  dir: string;
  layout: ExternalLayout;
  /** Ascending. */
  steps: number[];
  /** The layers of a step, input → output. */
  layers(step: number): ExternalLayer[];
  /** Reads that one tensor (rows × cols; a [N, T, D] tensor gives N·T rows, example-major). */
  readLayer(step: number, name: string): ExternalMatrix;
  /** One id per row, from rows.json (3-D layers: `<id>:<position>`). */
  rowIds?: string[];
  /** Label columns per row, from rows.json (3-D layers add `position`). */
  labels: Record<string, (string | number)[]>;
  /** Metrics records (metrics.jsonl, or the trainer state's log_history), by step. */
  metrics(): ExternalMetric[];
  /** The file (or folder) holding a step's tensors, for messages. */
  fileOf(step: number): string;
  /** The rows.json read, if any. */
  rowsFile?: string;
}

export const externalFiles = {
  activations: 'activations',
  rows: 'rows.json',
  metrics: 'metrics.jsonl',
  trainerState: 'trainer_state.json',
  hfWeights: 'model.safetensors',
  cache: '.replens',
} as const;

const stepName = /^step-(\d+)(\.safetensors|\.npz)?$/;
const checkpointName = /^checkpoint-(\d+)$/;

/**
 * The layout of a folder, from its names only (cheap): undefined for a Replens run (run.json) or
 * a folder of neither layout.
 */
export function externalLayoutOf(dir: string): ExternalLayout | undefined {
  if (fs.existsSync(path.join(dir, runFiles.manifest))) {
    return undefined;
  }
  const acts = path.join(dir, externalFiles.activations);
  if (isDir(acts) && listNames(acts).some((n) => stepName.test(n))) {
    return 'activations';
  }
  if (isDir(dir) && listNames(dir).some((n) => checkpointName.test(n))) {
    return 'hf-trainer';
  }
  return undefined;
}

/** Opens an external folder; throws ExternalFolderError naming the file and what is wrong. */
export function openExternalFolder(dir: string): ExternalFolder {
  const layout = externalLayoutOf(dir);
  if (layout === undefined) {
    throw new ExternalFolderError(
      dir,
      fs.existsSync(path.join(dir, runFiles.manifest))
        ? 'is a Replens run folder, not an external folder'
        : `is not an external folder (no ${externalFiles.activations}/step-<N>.* and no checkpoint-<N>/)`,
    );
  }
  return layout === 'activations' ? openActivations(dir) : openHfTrainer(dir);
}

function openActivations(dir: string): ExternalFolder {
  const acts = path.join(dir, externalFiles.activations);
  const stepFiles = new Map<number, StepFile>();
  for (const name of listNames(acts)) {
    const m = stepName.exec(name);
    if (m === null) {
      if (name.startsWith('step-')) {
        throw new ExternalFolderError(
          path.join(acts, name),
          'is not a step file (expected step-<N>.safetensors, step-<N>.npz or a folder step-<N>/)',
        );
      }
      continue;
    }
    const file = path.join(acts, name);
    const step = Number(m[1]);
    const other = stepFiles.get(step);
    if (other !== undefined) {
      throw new ExternalFolderError(file, `step ${step} is also in ${other.file}`);
    }
    stepFiles.set(step, openStep(file, m[2]));
  }
  const steps = [...stepFiles.keys()].sort((a, b) => a - b);
  checkSameLayers(steps.map((s) => stepFiles.get(s) as StepFile));
  const rowsPath = path.join(dir, externalFiles.rows);
  const rowsFile = fs.existsSync(rowsPath) ? readRowsFile(rowsPath) : undefined;
  const rows = externalRows(stepFiles.get(steps[0]) as StepFile, rowsFile);
  const metricsPath = path.join(dir, externalFiles.metrics);
  return folderOf(dir, 'activations', stepFiles, {
    rowIds: rows.ids,
    labels: rows.labels,
    rowsFile: rowsFile?.file,
    metrics: () => (fs.existsSync(metricsPath) ? readMetricsFile(metricsPath) : []),
  });
}

function openHfTrainer(dir: string): ExternalFolder {
  const stepFiles = new Map<number, StepFile>();
  for (const name of listNames(dir)) {
    const m = checkpointName.exec(name);
    if (m === null || !isDir(path.join(dir, name))) {
      continue;
    }
    const file = path.join(dir, name, externalFiles.hfWeights);
    if (!fs.existsSync(file)) {
      throw new ExternalFolderError(
        file,
        'is missing (a checkpoint folder needs its weights as one model.safetensors)',
      );
    }
    stepFiles.set(Number(m[1]), openSafetensorsStep(file, true));
  }
  const steps = [...stepFiles.keys()].sort((a, b) => a - b);
  checkSameLayers(steps.map((s) => stepFiles.get(s) as StepFile));
  const states = [
    path.join(dir, externalFiles.trainerState),
    ...[...steps]
      .reverse()
      .map((s) => path.join(dir, `checkpoint-${s}`, externalFiles.trainerState)),
  ];
  const state = states.find((f) => fs.existsSync(f));
  return folderOf(dir, 'hf-trainer', stepFiles, {
    labels: {},
    metrics: () => (state === undefined ? [] : readTrainerState(state)),
  });
}

function folderOf(
  dir: string,
  layout: ExternalLayout,
  stepFiles: Map<number, StepFile>,
  rest: Pick<ExternalFolder, 'rowIds' | 'labels' | 'rowsFile' | 'metrics'>,
): ExternalFolder {
  const stepFile = (step: number): StepFile => {
    const f = stepFiles.get(step);
    if (f === undefined) {
      throw new ExternalFolderError(
        dir,
        `has no step ${step}; steps: ${[...stepFiles.keys()].join(', ')}`,
      );
    }
    return f;
  };
  return {
    dir,
    layout,
    steps: [...stepFiles.keys()].sort((a, b) => a - b),
    layers: (step) => stepFile(step).tensors.map((t) => ({ name: t.name, shape: t.shape })),
    readLayer: (step, name) => stepFile(step).read(name),
    fileOf: (step) => stepFile(step).file,
    ...rest,
  };
}

function openStep(file: string, ext: string | undefined): StepFile {
  if (ext === '.safetensors') {
    return openSafetensorsStep(file);
  }
  if (ext === '.npz') {
    return openNpzStep(file);
  }
  if (!isDir(file)) {
    throw new ExternalFolderError(file, 'is not a folder of <layer>.npy files');
  }
  return openNpyFolderStep(file);
}

/** Every step has the first step's layers, with the same shapes. */
function checkSameLayers(steps: StepFile[]): void {
  const first = steps[0];
  if (first.tensors.length === 0) {
    throw new ExternalFolderError(first.file, 'holds no usable tensors');
  }
  const shapes = new Map(first.tensors.map((t) => [t.name, t.shape.join('×')]));
  for (const s of steps.slice(1)) {
    const names = new Set(s.tensors.map((t) => t.name));
    const missing = [...shapes.keys()].filter((n) => !names.has(n));
    const extra = [...names].filter((n) => !shapes.has(n));
    if (missing.length > 0 || extra.length > 0) {
      const parts = [
        missing.length > 0 ? `lacks ${missing.join(', ')}` : '',
        extra.length > 0 ? `has extra ${extra.join(', ')}` : '',
      ].filter((x) => x !== '');
      throw new ExternalFolderError(s.file, `${parts.join(' and ')} (compared with ${first.file})`);
    }
    for (const t of s.tensors) {
      if (t.shape.join('×') !== shapes.get(t.name)) {
        throw new ExternalFolderError(
          t.file,
          `layer "${t.name}" has shape [${t.shape.join(', ')}] but [${(shapes.get(t.name) ?? '').split('×').join(', ')}] in ${first.file}`,
        );
      }
    }
  }
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function listNames(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch (e) {
    throw new ExternalFolderError(dir, `cannot be listed (${(e as Error).message})`);
  }
}
