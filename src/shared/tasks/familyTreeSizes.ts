/**
 * Closed-form sizes of the family-tree task for previews and config checks. Pure (no tfjs, no
 * Rng), so shared code can call it; the engine's tree and dataset builders use the same counts
 * and the unit tests check them against built datasets.
 */
import type { TaskConfig } from '../experimentConfig';

/** The config section of the family-tree task. */
export type FamilyTreeConfig = Extract<TaskConfig, { kind: 'family-tree' }>;

/** Most ordered pairs a family-tree dataset may have (N(N − 1) ≤ this). */
export const MAX_FAMILY_PAIRS = 1_000_000;

/** Persons of a tree with G generations and c children each: Σ_{g<G} c^g. */
export function familyPersons(generations: number, children: number): number {
  let total = 0;
  for (let g = 0, width = 1; g < generations; g++, width *= children) {
    total += width;
  }
  return total;
}

/** Persons, examples (ordered pairs of distinct persons) and split sizes of a config. */
export function familyTreeSize(config: FamilyTreeConfig): {
  persons: number;
  examples: number;
  train: number;
  test: number;
  relations: number;
} {
  const persons = familyPersons(config.generations, config.children);
  const examples = persons * (persons - 1);
  const relations = new Set(config.relations).size;
  if (config.split === 'persons') {
    const k = trainPersons(persons, config.trainFraction);
    const train = k * (k - 1);
    return { persons, examples, train, test: examples - train, relations };
  }
  // A given split's sizes are known once its file is read; previews show the random split's.
  const train = Math.round(examples * config.trainFraction);
  return { persons, examples, train, test: examples - train, relations };
}

/** Train persons of a person-held-out split: round(N·trainFraction). */
export function trainPersons(persons: number, trainFraction: number): number {
  return Math.round(persons * trainFraction);
}
