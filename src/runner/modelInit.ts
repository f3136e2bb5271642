/**
 * `model.init` on the runner side: where the source file is (a safetensors file, a run folder's
 * last checkpoint or a checkpoint file), reading it (F32, F64, F16, BF16 widened to float32),
 * matching it to the model and what the run's manifest records. Problems are bad input.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type InitPlan,
  applyInitialWeights,
  checkpointLayout,
  planInitialWeights,
} from '../engine/train/initWeights';
import type { Session } from '../engine/train/session';
import { type TensorData, optimizerPrefixes } from '../shared/checkpoint';
import type { ExperimentConfig } from '../shared/experimentConfig';
import type { RunInit } from '../shared/runManifest';
import { checkpointFormat } from '../storage/checkpointStore';
import { checkpointFile } from '../storage/runLayout';
import { listCheckpoints } from '../storage/runStore';
import { decodeSafetensorsRaw } from '../storage/safetensors';
import { tensorValues } from '../storage/tensorValues';
import { AnalysisInputError } from './analysisRuns';
import { parentRunOf, vocabularyChange } from './fineTune';

const loadableDtypes = new Set(['F32', 'F64', 'F16', 'BF16']);

/**
 * The config file relative paths are taken against when a config has no file (an unsaved editor
 * or a config given as text): one in the working folder.
 */
export const defaultConfigFile = 'experiment.replens.json';

/** The safetensors file `from` names: itself, or a run folder's last checkpoint. */
export function initSourceFile(from: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(from);
  } catch {
    throw new AnalysisInputError(`model.init.from: ${from}: file not found`);
  }
  if (!stat.isDirectory()) {
    return from;
  }
  const steps = listCheckpoints(from);
  if (steps.length === 0) {
    throw new AnalysisInputError(`model.init.from: ${from}: the folder has no checkpoint`);
  }
  return checkpointFile(from, steps[steps.length - 1]);
}

/** A source file's float tensors (a Replens checkpoint's optimizer moments left out). */
export function readInitSource(file: string): { tensors: Map<string, TensorData>; sha256: string } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new AnalysisInputError(`model.init.from: ${file}: ${(e as Error).message}`);
  }
  let decoded;
  try {
    decoded = decodeSafetensorsRaw(new Uint8Array(bytes));
  } catch (e) {
    throw new AnalysisInputError(`model.init.from: ${file}: ${(e as Error).message}`);
  }
  const replens = decoded.metadata.format === checkpointFormat;
  const tensors = new Map<string, TensorData>();
  const bad: string[] = [];
  for (const [name, t] of decoded.tensors) {
    if (replens && Object.values(optimizerPrefixes).some((p) => name.startsWith(p))) {
      continue;
    }
    if (!loadableDtypes.has(t.dtype)) {
      bad.push(`tensor "${name}" is ${t.dtype} (F32, F64, F16 or BF16 load)`);
      continue;
    }
    tensors.set(name, { shape: t.shape, data: Float32Array.from(tensorValues(t)) });
  }
  if (bad.length > 0) {
    throw new AnalysisInputError(`model.init.from: ${file}:\n  ${bad.join('\n  ')}`);
  }
  return { tensors, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Loads `config.model.init` (whose `from` is absolute) into a fresh session. With `strict` any
 * problem throws an AnalysisInputError listing each; otherwise they are returned as warnings.
 */
export function loadModelInit(session: Session, config: ExperimentConfig): RunInit | undefined {
  const init = config.model.init;
  if (init === undefined) {
    return undefined;
  }
  const file = initSourceFile(init.from);
  const { tensors, sha256 } = readInitSource(file);
  const parent = parentRunOf(file);
  const vocabulary = vocabularyChange(parent, config.task);
  const plan: InitPlan = planInitialWeights(checkpointLayout(session), tensors, {
    ...init,
    vocabulary,
  });
  if (plan.problems.length > 0 && init.strict) {
    const n = plan.problems.length;
    const hint =
      plan.rows.size > 0
        ? `\n  (the parent run trained on ${vocabulary?.source.join(' ')}, this task has ${vocabulary?.target.join(' ')}: with "strict": false the vocabulary tensors load by token and new tokens keep their initial values)`
        : '';
    throw new AnalysisInputError(
      `model.init.from: ${file} does not fit the model (${n} problem${n === 1 ? '' : 's'}):\n  ${plan.problems.join('\n  ')}${hint}`,
    );
  }
  applyInitialWeights(session, plan);
  return {
    from: path.resolve(file),
    sha256,
    loaded: plan.loaded,
    skipped: plan.skipped,
    warnings: plan.problems,
    parent: parent?.record,
  };
}
