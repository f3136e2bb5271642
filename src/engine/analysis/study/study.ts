/**
 * Entry points of the completeness study for one embedding pair: dispatches on the task and adds
 * the prediction test (where the final representation's initial completeness ranks among all
 * candidates).
 */
import {
  type CandidateScores,
  type CompletenessTask,
  type TestResult,
} from '../../../shared/completenessResults';
import { completenessTasks } from '../../../shared/analyses';
import type { TaskConfig } from '../../../shared/experimentConfig';
import type { Float64Matrix } from '../cka';
import { percentileRank } from '../completeness/percentile';
import { mannWhitneyGreater } from '../stats';
import { modularAdditionInitial, modularAdditionStudy } from './modularAddition';
import { remainderInitial, remainderStudy } from './remainder';
import type { InitialStudy, StudyInput, TaskStudy } from './types';
import { xorInitial, xorStudy } from './xor';

export type CompletenessTaskConfig = Extract<TaskConfig, { kind: CompletenessTask }>;

/** Whether a task has a completeness study. */
export function hasCompletenessStudy(task: TaskConfig): task is CompletenessTaskConfig {
  return completenessTasks.includes(task.kind);
}

/** The prediction test of one run. */
export interface Prediction {
  predictionPercentile: number | null;
  top1: boolean;
  test: TestResult | null;
}

/** The full study of one run: candidates, the chosen representation and its prediction test. */
export function studyRun(task: CompletenessTaskConfig, input: StudyInput): TaskStudy & Prediction {
  const study = taskStudy(task, input);
  return { ...study, ...predict(study.candidates, study.chosen) };
}

/** Candidates of an initial embedding alone, best first in `top`. */
export function studyInitial(
  task: CompletenessTaskConfig,
  e0: Float64Matrix,
  sigma: number,
  limit: number,
  seed: number,
): InitialStudy & { top: number[] } {
  const initial =
    task.kind === 'modular-addition'
      ? modularAdditionInitial(e0, sigma)
      : task.kind === 'multi-digit-xor'
        ? xorInitial(e0, sigma, limit, seed)
        : remainderInitial(e0, task.m, sigma, limit, seed);
  const order = initial.candidates.initial.map((_, i) => i);
  order.sort((a, b) => initial.candidates.initial[b] - initial.candidates.initial[a]);
  return { ...initial, top: order.slice(0, 5) };
}

function taskStudy(task: CompletenessTaskConfig, input: StudyInput): TaskStudy {
  switch (task.kind) {
    case 'modular-addition':
      return modularAdditionStudy(input);
    case 'multi-digit-xor':
      return xorStudy(input);
    case 'remainder-equivalence':
      return remainderStudy(input, task.m);
  }
}

/**
 * Percentile of the chosen candidates (mean of their mid-rank percentiles), whether the best
 * initial candidate was chosen, and a one-sided Mann–Whitney test of chosen vs the others.
 */
export function predict(candidates: CandidateScores, chosen: readonly number[]): Prediction {
  const scores = candidates.initial;
  if (chosen.length === 0) {
    return { predictionPercentile: null, top1: false, test: null };
  }
  const percentiles = chosen.map((i) => percentileRank(scores, i));
  const best = Math.max(...scores);
  const isChosen = new Set(chosen);
  const others = scores.filter((_, i) => !isChosen.has(i));
  return {
    predictionPercentile: percentiles.reduce((a, b) => a + b, 0) / percentiles.length,
    top1: chosen.some((i) => scores[i] === best),
    test:
      others.length === 0
        ? null
        : mannWhitneyGreater(
            chosen.map((i) => scores[i]),
            others,
          ),
  };
}
