/** Builds a model from its config section. */
import type { ModelConfig } from '../../shared/experimentConfig';
import type { Dataset } from '../tasks/types';
import { type InitRngs, createEmbedMlp } from './embedMlp';
import type { Model } from './types';

/** Creates the model for a dataset, with its initial weights drawn from `rngs`. */
export function createModel(config: ModelConfig, dataset: Dataset, rngs: InitRngs): Model {
  switch (config.kind) {
    case 'embed-mlp':
      return createEmbedMlp(config, dataset, rngs);
  }
}
