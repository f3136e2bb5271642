/**
 * `replens`: the headless CLI over the engine (DESIGN §4). Exit codes: 0 ok, 1 run failed,
 * 2 bad input, 130 cancelled. With --json, stdout carries exactly one JSON document.
 */
import { type Cli, processCli } from './cli';

export { processCli };
import { analyzeCommand, analyzeUsage } from './commands/analyze';
import { ckaCommand, ckaUsage } from './commands/cka';
import { inspectCommand, inspectUsage } from './commands/inspect';
import { runCommand, runUsage } from './commands/run';
import { sweepCommand, sweepUsage } from './commands/sweep';
import { validateCommand, validateUsage } from './commands/validate';
import { UsageError, exitCodes } from './errors';
import { engineVersion } from '../runner/version';

const usage = [
  `replens ${engineVersion} — train small networks from *.replens.json configs and inspect their representations`,
  '',
  'usage:',
  `  ${runUsage.split('\n').join('\n  ')}`,
  `  ${sweepUsage}`,
  `  ${validateUsage}`,
  `  ${inspectUsage}`,
  `  ${analyzeUsage.split('\n').join('\n  ')}`,
  `  ${ckaUsage}`,
  '',
  'exit codes: 0 ok, 1 run failed, 2 bad input, 130 cancelled',
].join('\n');

type Command = (argv: string[], cli: Cli) => Promise<number>;

const commands: Record<string, Command> = {
  run: runCommand,
  sweep: (argv, cli) => sweepCommand(argv, cli, process.argv[1]),
  validate: validateCommand,
  inspect: inspectCommand,
  analyze: analyzeCommand,
  cka: ckaCommand,
};

/** Runs one CLI invocation and returns its exit code. */
export async function main(argv: string[], cli: Cli): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    cli.out(usage);
    return name === undefined ? exitCodes.badInput : exitCodes.ok;
  }
  if (name === '--version') {
    cli.out(engineVersion);
    return exitCodes.ok;
  }
  const command = commands[name] as Command | undefined;
  if (command === undefined) {
    cli.err(`unknown command "${name}"\n\n${usage}`);
    return exitCodes.badInput;
  }
  try {
    return await command(rest, cli);
  } catch (e) {
    if (e instanceof UsageError || isParseArgsError(e)) {
      cli.err(e.message);
      return exitCodes.badInput;
    }
    cli.err(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return exitCodes.failed;
  }
}

function isParseArgsError(e: unknown): e is Error {
  return e instanceof Error && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS');
}

if (require.main === module) {
  const cli = processCli();
  main(process.argv.slice(2), cli).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      cli.err(String(e));
      process.exitCode = exitCodes.failed;
    },
  );
}
