/**
 * Results of the rule-extrapolation analysis (formal languages) as plain JSON-safe data: the
 * teacher-forced validation loss and accuracy and the generated completions of in-distribution
 * (ID) and out-of-distribution (OOD) prompts, at every checkpoint. The engine computes them; the
 * CLI prints them (`replens analyze extrapolation … --json`) and the extrapolation panel draws
 * them.
 */

/** Fractions of a prompt set whose completion (cut at its first EOS) satisfies each predicate. */
export interface CompletionAccuracies {
  /** Prompts in the set. */
  prompts: number;
  /** Rule 1 holds on prompt + completion (aⁿbⁿ: #a = #b; Dyck: [] matched). */
  r1: number;
  /** Rule 2 holds on prompt + completion (aⁿbⁿ: a's before b's; Dyck: () matched). */
  r2: number;
  /** Rule 2 holds on the completion alone. */
  r2Completion: number;
  /** Both rules hold: the sequence is in the language. */
  grammatical: number;
  /** The completion produced EOS. */
  finished: number;
}

/** Everything measured at one checkpoint. */
export interface CheckpointExtrapolation {
  step: number;
  /** Teacher-forced loss on the validation words, PAD targets masked (mean over counted tokens). */
  valLoss: number;
  /** The same loss with PAD targets counted, as the reference implementation reports it. */
  valLossUnmasked: number;
  /** Teacher-forced next-token accuracy on the validation words (PAD targets excluded). */
  valAcc: number;
  /** Greedy completions of the ID and OOD prompts. */
  id: CompletionAccuracies;
  ood: CompletionAccuracies;
  /** Rule-extrapolation accuracy: OOD rule-1 accuracy (= `ood.r1`). */
  oodR1Accuracy: number;
  /** ID grammatical accuracy (= `id.grammatical`). */
  idGrammaticalAccuracy: number;
  /** Sampled completions (temperature 1), when asked for. */
  sampled?: { id: CompletionAccuracies; ood: CompletionAccuracies };
}

/** One prompt and the model's greedy completion, with the rule checks. */
export interface SampleCompletion {
  set: 'id' | 'ood';
  /** Prompt and completion as text (e.g. "aab" and "bb"), without SOS; EOS shown as "$". */
  prompt: string;
  completion: string;
  r1: boolean;
  r2: boolean;
  grammatical: boolean;
  finished: boolean;
}

/** The rule-extrapolation analysis of one run. */
export interface RunExtrapolation {
  runDir: string;
  runId: string;
  experiment: string;
  /** anbn, anbncn, dyck or cs-dyck. */
  language: string;
  /** normal, oracle or adversarial. */
  training: string;
  /** Model kind (transformer, lstm). */
  model: string;
  seed: number;
  prompts: { id: number; ood: number; length: number };
  /** OOD rule-1 accuracy of uniformly random completions (the chance baseline). */
  chanceOodR1: number;
  /** Per checkpoint, ascending. */
  checkpoints: CheckpointExtrapolation[];
  /** The checkpoint with the lowest validation loss (metrics are reported there). */
  best: CheckpointExtrapolation;
  /** Completions at the best checkpoint: a few per set, rule violations included. */
  samples: SampleCompletion[];
  /** Logged train/validation loss over training (from metrics.jsonl). */
  curve: { step: number; trainLoss: number; valLoss: number }[];
  /** Set when early stopping ended the run. */
  earlyStop?: { step: number; bestStep: number };
}

/** Several runs side by side (a sweep, or runs picked for comparison). */
export interface ExtrapolationComparison {
  runs: RunExtrapolation[];
  /** Per training variant: mean and standard deviation over runs at their best checkpoints. */
  byTraining: {
    training: string;
    runs: number;
    valLoss: { mean: number; sd: number };
    oodR1Accuracy: { mean: number; sd: number };
    idGrammaticalAccuracy: { mean: number; sd: number };
  }[];
  skipped: { runDir: string; reason: string }[];
  partial: boolean;
}
