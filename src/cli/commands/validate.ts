/** `replens validate <config>`: prints every problem as file:line:col; exit 2 on errors. */
import { parseArgs } from 'node:util';
import { describeTask } from '../../engine/tasks/registry';
import { taskSize } from '../../shared/taskSizes';
import { checkConfigFile } from '../configFile';
import { exitCodes } from '../errors';
import type { Cli } from '../cli';
import { single } from './run';

export const validateUsage = 'replens validate <config> [--json]';

export function validateCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  });
  const file = single(positionals);
  const { config, problems, lines } = checkConfigFile(file);
  if (values.json) {
    cli.out(JSON.stringify({ file, valid: config !== undefined, problems, config }, null, 2));
  } else {
    lines.forEach((l) => cli.err(l));
    if (config !== undefined) {
      const size = taskSize(config.task);
      cli.out(
        `${file}: ok — ${describeTask(config.task)}, ${size.examples} examples (${size.train} train / ${size.test} test), ${config.train.steps} steps`,
      );
    }
  }
  return Promise.resolve(config === undefined ? exitCodes.badInput : exitCodes.ok);
}
