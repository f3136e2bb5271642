/** All task kinds by name; later tasks register here. */
import type { TaskConfig } from '../../shared/experimentConfig';
import type { Rng } from '../rng';
import { additionTask } from './addition/dataset';
import { familyTreeTask } from './familyTree/dataset';
import { formalLanguage } from './formalLanguage/dataset';
import { modularAddition, multiDigitXor, remainderEquivalence } from './pairTasks';
import type { Dataset, DatasetInputs, TaskDefinition } from './types';

type Registry = { [K in TaskConfig['kind']]: TaskDefinition<Extract<TaskConfig, { kind: K }>> };

const tasks: Registry = {
  'modular-addition': modularAddition,
  'remainder-equivalence': remainderEquivalence,
  'multi-digit-xor': multiDigitXor,
  'formal-language': formalLanguage,
  'family-tree': familyTreeTask,
  addition: additionTask,
};

/** Builds the dataset of a task config (with the train indices of a given split, if any). */
export function buildDataset(config: TaskConfig, rng: Rng, inputs: DatasetInputs = {}): Dataset {
  const def = tasks[config.kind] as TaskDefinition;
  return def.build(config, rng, inputs);
}

/** One-line description of a task config. */
export function describeTask(config: TaskConfig): string {
  return (tasks[config.kind] as TaskDefinition).describe(config);
}
