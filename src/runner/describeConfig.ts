/** One-line descriptions of experiment configs, for `replens validate` and run logs. */
import { describeTask } from '../engine/tasks/registry';
import type { ExperimentConfig } from '../shared/experimentConfig';
import { taskSize } from '../shared/taskSizes';

/** "<task>, N examples (a train / b test), S steps", e.g. for a config that validated. */
export function describeConfig(config: ExperimentConfig): string {
  const size = taskSize(config.task);
  return `${describeTask(config.task)}, ${size.examples} examples (${size.train} train / ${size.test} test), ${config.train.steps} steps`;
}
