/**
 * The step-0 completeness preview: the initial embedding a config would train from (drawn exactly
 * as the model draws it) and its candidates' completeness, without building a model or training.
 */
import { studyInitial, hasCompletenessStudy } from '../../engine/analysis/study/study';
import { defaultCandidateLimit } from '../../engine/analysis/study/types';
import { initialEmbedding } from '../../engine/model/initialEmbedding';
import { createRng, streams } from '../../engine/rng';
import { resolveSeeds } from '../../engine/train/seeds';
import type { InitialCompleteness } from '../../shared/completenessResults';
import type { ExperimentConfig } from '../../shared/experimentConfig';
import { taskSize } from '../../shared/taskSizes';

/** Throws an Error with `code: 'bad-config'` when the config has no completeness study. */
export function initialCompleteness(config: ExperimentConfig): InitialCompleteness {
  const { task, model } = config;
  if (!hasCompletenessStudy(task) || model.kind !== 'embed-mlp') {
    throw Object.assign(
      new Error(
        `the completeness preview needs a modular-addition, multi-digit-xor or remainder-equivalence task with an embed-mlp model (this config trains ${task.kind})`,
      ),
      { code: 'bad-config' },
    );
  }
  const seed = resolveSeeds(config).embedding;
  const vocab = taskSize(task).vocab;
  const e = initialEmbedding(model, vocab, createRng(seed, streams.embedding));
  const e0 = { rows: vocab, cols: model.embedDim, data: Float64Array.from(e) };
  const study = studyInitial(task, e0, model.embedInitStd, defaultCandidateLimit, seed);
  return { task: task.kind, embedDim: model.embedDim, seed, ...study };
}
