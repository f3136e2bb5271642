/** Loads a config file for the CLI: read, parse, validate, print problems as file:line:col. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveConfigPaths } from '../shared/configPaths';
import type { ExperimentConfig } from '../shared/experimentConfig';
import {
  type ConfigProblem,
  ConfigError,
  formatProblem,
  parseConfig,
  requireValidConfig,
} from '../shared/parseConfig';
import { UsageError } from './errors';

export interface LoadedConfig {
  config?: ExperimentConfig;
  problems: ConfigProblem[];
  /** The problems formatted as `file:line:col: severity: message` lines. */
  lines: string[];
}

/** Reads and checks a config file; never throws for content problems, only reports them. */
export function checkConfigFile(file: string): LoadedConfig {
  const { config: parsed, problems } = parseConfig(readConfigText(file), file);
  const config = parsed && resolveConfigPaths(parsed, path.resolve(file));
  return { config, problems, lines: problems.map((p) => formatProblem(file, p)) };
}

/** Loads a config or throws a UsageError listing every error (warnings go to `warn`). */
export function loadConfigFile(file: string, warn: (line: string) => void): ExperimentConfig {
  const text = readConfigText(file);
  try {
    // Relative paths in the config are relative to its folder, wherever the CLI runs.
    return resolveConfigPaths(requireValidConfig(text, file, warn), path.resolve(file));
  } catch (e) {
    throw e instanceof ConfigError ? new UsageError(e.message) : e;
  }
}

function readConfigText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (e as Error).message;
    throw new UsageError(`${file}: ${reason}`);
  }
}
