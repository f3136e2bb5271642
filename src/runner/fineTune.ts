/**
 * Fine-tunes: a run whose `model.init.from` is another run (its folder or one of its checkpoint
 * files). The parent run is found from the source file's place in a run folder, and when the
 * parent trained a task with other tokens (aⁿbⁿ → aⁿbⁿcⁿ) its vocabulary tensors are matched row
 * by token.
 */
import * as path from 'node:path';
import type { VocabularyRows } from '../engine/train/vocabularyRows';
import type { TaskConfig } from '../shared/experimentConfig';
import { tryRunConfigOf } from '../shared/runConfig';
import type { RunParent } from '../shared/runManifest';
import { additionTokenNames } from '../shared/tasks/additionLayout';
import { tokenNames } from '../shared/tasks/formalLanguageTokens';
import { runFiles, stepOfCheckpoint } from '../storage/runLayout';
import { readManifest } from '../storage/runStore';

/** A parent run as the runner needs it: what run.json records, and its task. */
export interface ParentRun {
  record: RunParent;
  task?: TaskConfig;
}

/**
 * The run a checkpoint file belongs to (`<runDir>/checkpoints/step-<N>.safetensors` beside a
 * readable run.json), or undefined for any other file.
 */
export function parentRunOf(file: string): ParentRun | undefined {
  const abs = path.resolve(file);
  const step = stepOfCheckpoint(path.basename(abs));
  const folder = path.dirname(abs);
  if (step === undefined || path.basename(folder) !== runFiles.checkpoints) {
    return undefined;
  }
  const runDir = path.dirname(folder);
  let manifest;
  try {
    manifest = readManifest(runDir);
  } catch {
    return undefined;
  }
  const { runId, experiment } = manifest;
  return {
    record: { runId, runDir, experiment, step },
    task: tryRunConfigOf(manifest)?.task,
  };
}

/**
 * The token names of a task whose tokens have names (formal languages, addition); undefined for
 * the pair and family-tree tasks, whose tokens are numbered only.
 */
export function taskTokenNames(task: TaskConfig): string[] | undefined {
  switch (task.kind) {
    case 'formal-language':
      return tokenNames(task.language);
    case 'addition':
      return [...additionTokenNames];
    case 'modular-addition':
    case 'remainder-equivalence':
    case 'multi-digit-xor':
    case 'family-tree':
      return undefined;
  }
}

/** Both vocabularies when the parent's tokens are not this task's; else undefined. */
export function vocabularyChange(
  parent: ParentRun | undefined,
  task: TaskConfig,
): VocabularyRows | undefined {
  const source = parent?.task && taskTokenNames(parent.task);
  const target = taskTokenNames(task);
  if (source === undefined || target === undefined) {
    return undefined;
  }
  const same = source.length === target.length && source.every((n, i) => n === target[i]);
  return same ? undefined : { source, target };
}
