/** Builds a model from its config section. */
import type { ModelConfig } from '../../shared/experimentConfig';
import type { Dataset } from '../tasks/types';
import { type InitRngs, createEmbedMlp } from './embedMlp';
import { createLstm } from './lstm';
import { createTransformer } from './transformer';
import type { Model } from './types';

/**
 * Creates the model for a dataset, with its initial weights drawn from `rngs`. `embed-mlp` needs
 * a pair task; `transformer` and `lstm` need a sequence task: a mismatch throws an Error naming
 * both.
 */
export function createModel(config: ModelConfig, dataset: Dataset, rngs: InitRngs): Model {
  switch (config.kind) {
    case 'embed-mlp':
      if (dataset.kind !== 'pairs') {
        throw new Error(
          `the embed-mlp model needs a pair task (two tokens in, one label out), ` +
            `but the task gives a "${dataset.kind}" dataset`,
        );
      }
      return createEmbedMlp(config, dataset, rngs);
    case 'transformer':
      return createTransformer(config, dataset, rngs);
    case 'lstm':
      return createLstm(config, dataset, rngs);
  }
}
