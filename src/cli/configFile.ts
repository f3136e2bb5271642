/** Loads a config file for the CLI: read, parse, validate, print problems as file:line:col. */
import * as fs from 'node:fs';
import type { ExperimentConfig } from '../shared/experimentConfig';
import { type ConfigProblem, formatProblem, parseConfig } from '../shared/parseConfig';
import { UsageError } from './errors';

export interface LoadedConfig {
  config?: ExperimentConfig;
  problems: ConfigProblem[];
  /** The problems formatted as `file:line:col: severity: message` lines. */
  lines: string[];
}

/** Reads and checks a config file; never throws for content problems, only reports them. */
export function checkConfigFile(file: string): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (e as Error).message;
    throw new UsageError(`${file}: ${reason}`);
  }
  const { config, problems } = parseConfig(text, file);
  return { config, problems, lines: problems.map((p) => formatProblem(file, p)) };
}

/** Loads a config or throws a UsageError listing every error (warnings go to `warn`). */
export function loadConfigFile(file: string, warn: (line: string) => void): ExperimentConfig {
  const { config, problems, lines } = checkConfigFile(file);
  lines.forEach((line, i) => {
    if (problems[i].severity === 'warning') {
      warn(line);
    }
  });
  if (config === undefined) {
    throw new UsageError(lines.filter((_, i) => problems[i].severity === 'error').join('\n'));
  }
  return config;
}
