/** Checks of a task's train/test split that the schema cannot express. */
import type { TaskConfig } from './experimentConfig';
import type { UnpositionedProblem } from './parseConfig';
import { err, warn } from './problems';
import { trainPersons } from './tasks/familyTreeSizes';

/**
 * A given split replaces the seeded one: a split seed set beside it has no effect. The Dyck
 * languages draw their words with the data seed, so they have no fixed list to index.
 */
export function givenSplitChecks(task: TaskConfig): UnpositionedProblem[] {
  if (
    task.kind === 'formal-language' &&
    (task.language === 'dyck' || task.language === 'cs-dyck')
  ) {
    const why =
      'its words are drawn at random with the data seed, so there is no fixed example order';
    return [
      err(
        ['task', 'split'],
        `a given split applies to aⁿbⁿ and aⁿbⁿcⁿ, not ${task.language}: ${why}`,
      ),
    ];
  }
  if (!('splitSeed' in task) || task.splitSeed === undefined) {
    return [];
  }
  return [
    warn(
      ['task', 'splitSeed'],
      'splitSeed has no effect: split.trainIndices gives the split (trainFraction is ignored too)',
    ),
  ];
}

/** The family tree's split: a given one, the person split's sizes, or the pair split's. */
export function familySplitChecks(
  task: Extract<TaskConfig, { kind: 'family-tree' }>,
  size: { persons: number; train: number; test: number },
): UnpositionedProblem[] {
  if (typeof task.split === 'object') {
    return givenSplitChecks(task);
  }
  if (task.split === 'persons') {
    const k = trainPersons(size.persons, task.trainFraction);
    if (k < 2 || k >= size.persons) {
      return [
        err(
          ['task', 'trainFraction'],
          `the person split keeps ${k} of ${size.persons} persons for training; it needs at least 2 train persons and 1 held-out person`,
        ),
      ];
    }
    return [];
  }
  if (size.train < 1 || size.test < 1) {
    return [
      err(
        ['task', 'trainFraction'],
        `split of ${size.persons * (size.persons - 1)} pairs leaves ${size.train} train and ${size.test} test pairs; both must be ≥ 1`,
      ),
    ];
  }
  return [];
}
