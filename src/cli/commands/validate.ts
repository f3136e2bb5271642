/** `replens validate <config>`: prints every problem as file:line:col; exit 2 on errors. */
import { parseArgs } from 'node:util';
import { describeConfig } from '../../runner/describeConfig';
import { loadGivenSplit } from '../../runner/givenSplit';
import type { ExperimentConfig } from '../../shared/experimentConfig';
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
  const checked = checkConfigFile(file);
  const { problems, lines } = checked;
  const splitError = checked.config && splitFileError(checked.config);
  const config = splitError === undefined ? checked.config : undefined;
  if (splitError !== undefined) {
    lines.push(`${file}: error: ${splitError}`);
  }
  if (values.json) {
    const valid = config !== undefined;
    cli.out(JSON.stringify({ file, valid, problems, config, splitError }, null, 2));
  } else {
    lines.forEach((l) => cli.err(l));
    if (config !== undefined) {
      cli.out(`${file}: ok — ${describeConfig(config)}`);
    }
  }
  return Promise.resolve(config === undefined ? exitCodes.badInput : exitCodes.ok);
}

/** Why the config's given split file (if any) cannot be used, or undefined. */
function splitFileError(config: ExperimentConfig): string | undefined {
  try {
    loadGivenSplit(config);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
