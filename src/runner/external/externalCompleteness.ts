/**
 * The completeness study of any [p, d] embedding matrix (`--task modular-addition --p P`): from
 * an external folder, the layer's first step is the initial embedding and the analysed step
 * (default: the last) the final one, giving the same `SweepCompleteness` as a run; a single
 * matrix (an `.npy`, a tensor of a `.safetensors`, or a folder of one step) gives the initial
 * study alone. The init scale σ of the study's z-scores is estimated as the root mean square of
 * the initial embedding's entries (an N(0, σ²) draw). Rows must number exactly p.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Float64Matrix } from '../../engine/analysis/cka';
import { predictionSummary } from '../../engine/analysis/study/aggregate';
import { studyInitial, studyRun } from '../../engine/analysis/study/study';
import { defaultCandidateLimit } from '../../engine/analysis/study/types';
import type { InitialCompleteness, SweepCompleteness } from '../../shared/completenessResults';
import type { ExperimentConfig } from '../../shared/experimentConfig';
import { modularAdditionTask } from '../../shared/taskSchemas';
import type { ExternalFolder } from '../../storage/external/externalFolder';
import { ExternalFolderError } from '../../storage/external/externalFolderError';
import { decodeNpyMatrix } from '../../storage/external/npyFormat';
import {
  readSafetensorsHeader,
  readSafetensorsMatrix,
} from '../../storage/external/safetensorsFile';
import { AnalysisInputError } from '../analysisRuns';
import { chosenLayer } from './externalEmbedding';
import { externalFolderAt, externalIdentity, toFloat64 } from './externalSource';

/** Which study and which matrix of the source. */
export interface EmbeddingStudyRequest {
  task: 'modular-addition';
  /** Default: the matrix's row count. */
  p?: number;
  /** A folder's layer (default: its only one, or the one named like "embed"). */
  layer?: string;
  /** A safetensors file's tensor (default: its only 2-D one). */
  tensor?: string;
}

type StudyTask = Extract<ExperimentConfig['task'], { kind: 'modular-addition' }>;

/** The full study of an external folder's layer between its first step and `step`. */
export function externalFolderCompleteness(
  folder: ExternalFolder,
  step: number | undefined,
  request: EmbeddingStudyRequest,
): SweepCompleteness {
  const layer = chosenLayer(folder, request.layer);
  const first = folder.steps[0];
  const at = step ?? folder.steps[folder.steps.length - 1];
  if (!folder.steps.includes(at)) {
    throw new AnalysisInputError(`${folder.dir}: no step ${at}; steps: ${folder.steps.join(', ')}`);
  }
  if (at === first) {
    throw new AnalysisInputError(
      `${folder.dir}: the study compares the initial step ${first} with a later one; the folder has ${folder.steps.length === 1 ? 'only that step' : `steps ${folder.steps.join(', ')}`}`,
    );
  }
  const e0 = checkedMatrix(
    toFloat64(folder.readLayer(first, layer)),
    request,
    folder.fileOf(first),
  );
  const eFinal = toFloat64(folder.readLayer(at, layer));
  const task = taskOf(request, e0.rows);
  const study = studyRun(task, {
    e0,
    eFinal,
    sigma: rms(e0),
    candidateLimit: defaultCandidateLimit,
    sampleSeed: 0,
  });
  const run = {
    ...externalIdentity(folder),
    task: task.kind,
    step: at,
    seeds: { embedding: 0, mlp: 0, data: 0 },
    embedDim: e0.cols,
    frozenEmbedding: false,
    metrics: null,
    ...study,
  };
  return {
    task: task.kind,
    runs: [run],
    prediction: predictionSummary([run]),
    skipped: [],
    partial: false,
  };
}

/** The initial study of one [p, d] matrix: a file, or a folder's layer at its first step. */
export function embeddingSourceInitial(
  source: string,
  request: EmbeddingStudyRequest,
): InitialCompleteness {
  const e0 = checkedMatrix(readEmbeddingSource(source, request), request, source);
  const task = taskOf(request, e0.rows);
  const study = studyInitial(task, e0, rms(e0), defaultCandidateLimit, 0);
  return { task: task.kind, embedDim: e0.cols, seed: 0, ...study };
}

/** The [p, d] matrix of a source (its first step for a folder). */
export function readEmbeddingSource(source: string, request: EmbeddingStudyRequest): Float64Matrix {
  const folder = fs.statSync(source).isDirectory() ? externalFolderAt(source) : undefined;
  if (folder !== undefined) {
    return toFloat64(folder.readLayer(folder.steps[0], chosenLayer(folder, request.layer)));
  }
  switch (path.extname(source)) {
    case '.npy':
      return toFloat64(decodeNpyMatrix(readBytes(source), source));
    case '.safetensors':
      return safetensorsMatrix(source, request.tensor);
    default:
      throw new AnalysisInputError(
        `${source}: expected an .npy file, a .safetensors file or an external folder`,
      );
  }
}

function safetensorsMatrix(file: string, tensor: string | undefined): Float64Matrix {
  const header = readSafetensorsHeader(file);
  const matrices = header.entries.filter((e) => e.shape.length === 2);
  const name = tensor ?? (matrices.length === 1 ? matrices[0].name : undefined);
  if (name === undefined) {
    throw new AnalysisInputError(
      `${file}: choose a tensor with --tensor; 2-D tensors: ${matrices.map((e) => e.name).join(', ') || 'none'}`,
    );
  }
  return toFloat64(readSafetensorsMatrix(header, name));
}

function checkedMatrix(
  m: Float64Matrix,
  request: EmbeddingStudyRequest,
  file: string,
): Float64Matrix {
  if (request.p !== undefined && m.rows !== request.p) {
    throw new AnalysisInputError(
      `${file}: the embedding has ${m.rows} rows but --p ${request.p} needs [${request.p}, d]`,
    );
  }
  return m;
}

function taskOf(request: EmbeddingStudyRequest, rows: number): StudyTask {
  const parsed = modularAdditionTask.safeParse({ kind: request.task, p: request.p ?? rows });
  if (!parsed.success) {
    throw new AnalysisInputError(
      `--p ${request.p ?? rows}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

function rms(m: Float64Matrix): number {
  let s = 0;
  for (const v of m.data) {
    s += v * v;
  }
  return Math.sqrt(s / Math.max(m.data.length, 1));
}

function readBytes(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new ExternalFolderError(file, `cannot be read (${(e as Error).message})`);
  }
}
