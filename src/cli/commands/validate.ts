/** `replens validate <config>`: prints every problem as file:line:col; exit 2 on errors. */
import { parseArgs } from 'node:util';
import { describeConfig } from '../../runner/describeConfig';
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
      cli.out(`${file}: ok — ${describeConfig(config)}`);
    }
  }
  return Promise.resolve(config === undefined ? exitCodes.badInput : exitCodes.ok);
}
