/**
 * Parses and validates a `*.replens.json` text: JSON with comments (jsonc-parser), then the zod
 * schema, then semantic checks. Every problem carries the JSON path, offset and line:column so the
 * CLI prints `file:line:col: message` and the editor can show a diagnostic at the right place.
 * Pure: takes text, returns data; no file system.
 */
import {
  type Node as JsonNode,
  type ParseError,
  findNodeAtLocation,
  getNodeValue,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser';
import type { z } from 'zod';
import { type ExperimentConfig, experimentConfigSchema } from './experimentConfig';
import { semanticChecks } from './configChecks';
import { resolveConfigPaths } from './configPaths';

export type Severity = 'error' | 'warning';

/** One problem found in a config, positioned in the source text. */
export interface ConfigProblem {
  severity: Severity;
  /** JSON path of the offending value, e.g. `["model", "hidden", 1]`. */
  path: (string | number)[];
  message: string;
  offset: number;
  length: number;
  /** 1-based line and column of `offset`. */
  line: number;
  column: number;
}

export interface ParsedConfig {
  /** The resolved config (defaults filled in), or undefined when there are errors. */
  config?: ExperimentConfig;
  problems: ConfigProblem[];
}

/** A problem before positioning: the path (and optionally an explicit span) is enough. */
export interface UnpositionedProblem {
  severity: Severity;
  path: (string | number)[];
  message: string;
}

/**
 * Parses, validates and checks a config text. `fileName` gives the default `name` and, when it
 * is absolute, the folder relative file paths in the config are resolved against.
 */
export function parseConfig(text: string, fileName = 'experiment.replens.json'): ParsedConfig {
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  const lines = lineStarts(text);
  if (parseErrors.length > 0 || root === undefined) {
    const problems = parseErrors.map((e) =>
      positioned(
        lines,
        { severity: 'error', path: [], message: syntaxMessage(e) },
        e.offset,
        e.length,
      ),
    );
    if (problems.length === 0) {
      problems.push(
        positioned(lines, { severity: 'error', path: [], message: 'empty document' }, 0, 0),
      );
    }
    return { problems };
  }
  const value: unknown = getNodeValue(root);
  const result = experimentConfigSchema.safeParse(value);
  if (!result.success) {
    return { problems: result.error.issues.map((i) => locate(root, lines, fromZodIssue(i))) };
  }
  const named = { ...result.data, name: result.data.name ?? defaultName(fileName) };
  const config = resolveConfigPaths(named, fileName);
  const problems = semanticChecks(config).map((p) => locate(root, lines, p));
  const hasError = problems.some((p) => p.severity === 'error');
  return { config: hasError ? undefined : config, problems };
}

/** A config text with errors: the message lists them as `file:line:col: error: …` lines. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly code = 'bad-config';

  constructor(
    /** The errors (warnings are not included), positioned in the text. */
    readonly errors: ConfigProblem[],
    file: string,
  ) {
    super(errors.map((p) => formatProblem(file, p)).join('\n'));
  }
}

/**
 * Parses, validates and checks a config text, or throws a ConfigError listing every error.
 * @param file names the text in messages (and gives the default `name`).
 * @param onWarning receives each warning as a formatted line (default: warnings are dropped).
 */
export function requireValidConfig(
  text: string,
  file: string,
  onWarning: (line: string) => void = () => undefined,
): ExperimentConfig {
  const { config, problems } = parseConfig(text, file);
  problems
    .filter((p) => p.severity === 'warning')
    .forEach((p) => onWarning(formatProblem(file, p)));
  const errors = problems.filter((p) => p.severity === 'error');
  if (config === undefined || errors.length > 0) {
    throw new ConfigError(errors, file);
  }
  return config;
}

/** Formats a problem as a `file:line:col: severity: message (at path)` line. */
export function formatProblem(file: string, p: ConfigProblem): string {
  const where = p.path.length > 0 ? ` (at ${formatPath(p.path)})` : '';
  return `${file}:${p.line}:${p.column}: ${p.severity}: ${p.message}${where}`;
}

/** Renders a JSON path the way users write it: `model.hidden[1]`. */
export function formatPath(path: (string | number)[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

function fromZodIssue(issue: z.core.$ZodIssue): UnpositionedProblem {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return {
      severity: 'error',
      path: [...path, issue.keys[0] ?? ''],
      message: `unknown field ${keys}`,
    };
  }
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
    return {
      severity: 'error',
      path,
      message: `missing required field "${String(path[path.length - 1])}"`,
    };
  }
  return { severity: 'error', path, message: issue.message };
}

function locate(root: JsonNode, lines: number[], p: UnpositionedProblem): ConfigProblem {
  // The deepest node that exists on the path: a missing field is reported at its parent object.
  for (let depth = p.path.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(root, p.path.slice(0, depth));
    if (node === undefined) {
      continue;
    }
    // For a property, point at its key (the parent is the property node).
    const target = node.parent?.type === 'property' && depth === p.path.length ? node.parent : node;
    return positioned(lines, p, target.offset, target.length);
  }
  return positioned(lines, p, root.offset, 0);
}

function positioned(
  lines: number[],
  p: UnpositionedProblem,
  offset: number,
  length: number,
): ConfigProblem {
  const { line, column } = lineColumn(lines, offset);
  return { ...p, offset, length, line, column };
}

function syntaxMessage(e: ParseError): string {
  const code = printParseErrorCode(e.error);
  return `invalid JSON: ${code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
}

function defaultName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const stem = base.replace(/\.replens\.jsonc?$/i, '').replace(/\.jsonc?$/i, '');
  const safe = stem.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return safe.length > 0 ? safe : 'experiment';
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}

function lineColumn(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}
