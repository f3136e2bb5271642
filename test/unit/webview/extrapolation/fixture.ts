/** Small hand-made rule-extrapolation results for the extrapolation view's tests. */
import type {
  CheckpointExtrapolation,
  CompletionAccuracies,
  ExtrapolationComparison,
  RunExtrapolation,
  SampleCompletion,
} from '../../../../src/shared/extrapolationResults';
import {
  type ExtrapolationState,
  initialState,
  reduce,
} from '../../../../webview/extrapolation/state';

function accuracies(r1: number, grammatical: number): CompletionAccuracies {
  return { prompts: 4, r1, r2: 1, r2Completion: 1, grammatical, finished: 1 };
}

/** A checkpoint with the given masked loss, OOD R1 and ID grammatical accuracy. */
export function aCheckpoint(
  step: number,
  valLoss: number,
  oodR1: number,
  idGrammatical: number,
): CheckpointExtrapolation {
  return {
    step,
    valLoss,
    valLossUnmasked: valLoss / 2,
    valAcc: 0.9,
    id: accuracies(1, idGrammatical),
    ood: accuracies(oodR1, 0),
    oodR1Accuracy: oodR1,
    idGrammaticalAccuracy: idGrammatical,
  };
}

const samples: SampleCompletion[] = [
  {
    set: 'ood',
    prompt: 'ba',
    completion: 'b$',
    r1: false,
    r2: false,
    grammatical: false,
    finished: true,
  },
  {
    set: 'id',
    prompt: 'aab',
    completion: 'b$',
    r1: true,
    r2: true,
    grammatical: true,
    finished: true,
  },
  {
    set: 'id',
    prompt: 'a',
    completion: '',
    r1: false,
    r2: true,
    grammatical: false,
    finished: false,
  },
];

/**
 * A run over steps 100, 200, 300; its best checkpoint is step 200 (lowest masked loss `best`),
 * where OOD R1 is `oodR1`.
 */
export function aRun(
  id: string,
  training: string,
  best: number,
  oodR1: number,
  seed = 0,
): RunExtrapolation {
  const checkpoints = [
    aCheckpoint(100, 1, 0.1, 0.5),
    aCheckpoint(200, best, oodR1, 0.95),
    aCheckpoint(300, best + 0.01, oodR1 - 0.05, 0.97),
  ];
  return {
    runDir: `/runs/anbn/${id}`,
    runId: id,
    experiment: 'anbn',
    language: 'anbn',
    training,
    model: 'transformer',
    seed,
    prompts: { id: 4, ood: 4, length: 6 },
    chanceOodR1: 0.25,
    checkpoints,
    best: checkpoints[1],
    samples: id === 'r3' ? [] : samples,
    curve: [],
  };
}

/** normal, oracle and adversarial: near-identical losses, very different OOD R1. */
export function aComparison(): ExtrapolationComparison {
  const runs = [
    aRun('r1', 'normal', 0.2, 0.4),
    aRun('r2', 'oracle', 0.21, 0.9),
    aRun('r3', 'adversarial', 0.2, 0.1),
  ];
  const one = (r: RunExtrapolation) => ({
    training: r.training,
    runs: 1,
    valLoss: { mean: r.best.valLoss, sd: 0 },
    oodR1Accuracy: { mean: r.best.oodR1Accuracy, sd: 0 },
    idGrammaticalAccuracy: { mean: r.best.idGrammaticalAccuracy, sd: 0 },
  });
  return { runs, byTraining: runs.map(one), skipped: [], partial: false };
}

/** Two seeds of normal and one oracle run, with the per-variant summary. */
export function aSeededComparison(): ExtrapolationComparison {
  const runs = [
    aRun('s1', 'normal', 0.2, 0.4, 1),
    aRun('s2', 'normal', 0.3, 0.6, 2),
    aRun('o1', 'oracle', 0.25, 0.9, 1),
  ];
  const byTraining = [
    {
      training: 'normal',
      runs: 2,
      valLoss: { mean: 0.25, sd: 0.0707 },
      oodR1Accuracy: { mean: 0.5, sd: 0.1414 },
      idGrammaticalAccuracy: { mean: 0.95, sd: 0 },
    },
    {
      training: 'oracle',
      runs: 1,
      valLoss: { mean: 0.25, sd: 0 },
      oodR1Accuracy: { mean: 0.9, sd: 0 },
      idGrammaticalAccuracy: { mean: 0.95, sd: 0 },
    },
  ];
  return { runs, byTraining, skipped: [], partial: false };
}

/** A loaded view of a comparison (the three-run one by default). */
export function loaded(data: ExtrapolationComparison = aComparison()): ExtrapolationState {
  const s = reduce(initialState(), {
    type: 'snapshot',
    key: '/runs/anbn',
    title: 'Rule Extrapolation: anbn',
    sources: ['/runs/anbn'],
  });
  return reduce(s, { type: 'loaded', data });
}
