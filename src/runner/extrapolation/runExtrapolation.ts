/**
 * The rule-extrapolation analysis of one run folder: rebuilds the run's model, loads every
 * checkpoint in turn, and measures the teacher-forced validation loss and the greedy completions
 * of the ID and OOD prompts. Results of ended runs are cached in
 * `analyses/extrapolation-<hash>.json`.
 */
import {
  type FormalLanguageTask,
  evaluateCheckpoint,
  sampleCompletions,
  sampledAccuracies,
} from '../../engine/analysis/extrapolation/evaluate';
import { createRng } from '../../engine/rng';
import { initBackend } from '../../engine/backend';
import { chanceBaseline } from '../../engine/tasks/formalLanguage/completion';
import { testPrompts } from '../../engine/tasks/formalLanguage/prompts';
import { resolveSeeds } from '../../engine/train/seeds';
import { createSession, restoreCheckpoint } from '../../engine/train/session';
import type {
  CheckpointExtrapolation,
  RunExtrapolation,
  SampleCompletion,
} from '../../shared/extrapolationResults';
import { readCheckpoint } from '../../storage/checkpointStore';
import { checkpointFile } from '../../storage/runLayout';
import { listCheckpoints, readMetrics } from '../../storage/runStore';
import { runSplitInputs } from '../givenSplit';
import {
  type AnalysedRun,
  AnalysisInputError,
  cachedAnalysis,
  readAnalysedRun,
} from '../analysisRuns';

/** Bump when the result's shape or meaning changes, so cached results are recomputed. */
const resultVersion = 1;

/** Seed of the sampled completions at the best checkpoint (the same for every run). */
const samplingSeed = 7;

interface ExtrapolationRun extends AnalysedRun {
  task: FormalLanguageTask;
}

/** Reads a run folder and checks that it trained a formal language. */
export function readExtrapolationRun(runDir: string): ExtrapolationRun {
  const run = readAnalysedRun(runDir, 'extrapolation');
  return { ...run, task: run.config.task as FormalLanguageTask };
}

/** Analyses every checkpoint of a run (cached once the run has ended). */
export async function analyzeRunExtrapolation(
  runDir: string,
  onProgress?: (done: number, total: number) => void,
): Promise<RunExtrapolation> {
  const run = readExtrapolationRun(runDir);
  const steps = listCheckpoints(runDir);
  if (steps.length === 0) {
    throw new AnalysisInputError(`${runDir}: the run has no checkpoints yet`);
  }
  const key = { resultVersion, steps, status: run.manifest.status };
  return cachedAnalysis(runDir, run.manifest, 'extrapolation', key, async () => {
    await initBackend('auto');
    return compute(runDir, run, steps, onProgress);
  });
}

function compute(
  runDir: string,
  { manifest, config, task }: ExtrapolationRun,
  steps: number[],
  onProgress?: (done: number, total: number) => void,
): RunExtrapolation {
  const session = createSession(config, runSplitInputs(config, runDir));
  try {
    const prompts = testPrompts(task.language, task.promptLength);
    const load = (step: number): void =>
      restoreCheckpoint(session, readCheckpoint(checkpointFile(runDir, step)));
    const checkpoints: CheckpointExtrapolation[] = [];
    for (const [i, step] of steps.entries()) {
      load(step);
      checkpoints.push(evaluateCheckpoint(session, task, prompts, step).metrics);
      onProgress?.(i + 1, steps.length);
    }
    const best = checkpoints.reduce((a, b) => (b.valLoss < a.valLoss ? b : a));
    load(best.step);
    const { completions } = evaluateCheckpoint(session, task, prompts, best.step);
    best.sampled = sampledAccuracies(session, task, prompts, createRng(samplingSeed));
    const samples: SampleCompletion[] = sampleCompletions(task, prompts, completions);
    return {
      runDir,
      runId: manifest.runId,
      experiment: manifest.experiment,
      language: task.language,
      training: task.training,
      model: config.model.kind,
      seed: resolveSeeds(config).embedding,
      prompts: { id: prompts.id.length, ood: prompts.ood.length, length: task.promptLength },
      chanceOodR1: chanceBaseline(task.language, prompts.ood),
      checkpoints,
      best,
      samples,
      curve: curveOf(runDir),
      earlyStop: manifest.earlyStop && {
        step: manifest.earlyStop.step,
        bestStep: manifest.earlyStop.bestStep,
      },
    };
  } finally {
    session.dispose();
  }
}

function curveOf(runDir: string): RunExtrapolation['curve'] {
  return readMetrics(runDir).map((m) => ({
    step: m.step,
    trainLoss: m.trainLoss,
    valLoss: m.testLoss,
  }));
}
