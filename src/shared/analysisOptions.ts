/**
 * Options of a config's `analyses` entries: the POLCA and Hessian entries take the options of
 * their requests beside `kind` (e.g. `{ "kind": "polca", "k": 6, "features": "cumulative" }`),
 * checked by the schemas the panel's requests use. They become the defaults of that analysis of
 * the config's runs, below what a request (CLI flags, the panel's choices) asks for.
 */
import type { z } from 'zod';
import type { ExperimentConfig } from './experimentConfig';
import { hessianOptionsSchema, polcaOptionsSchema } from './protocol/polcaViewSchemas';

const schemas = { polca: polcaOptionsSchema, hessian: hessianOptionsSchema } as const;

/** The analyses whose config entries take options. */
export type OptionedAnalysis = keyof typeof schemas;

/** A problem of an entry's options: its path below the entry and why. */
export interface OptionIssue {
  /** `warning`: an option of a kind that reads none (it has no effect). */
  severity: 'error' | 'warning';
  path: (string | number)[];
  message: string;
}

/** What is wrong with an entry's options. */
export function analysisOptionIssues(entry: { kind: string }): OptionIssue[] {
  if (!(entry.kind in schemas)) {
    return Object.keys(entry)
      .filter((key) => key !== 'kind')
      .map((key) => ({
        severity: 'warning',
        path: [key],
        message:
          `"${key}" has no effect: ${entry.kind} takes its options from its panel or the ` +
          `command line (only polca and hessian entries read options here)`,
      }));
  }
  const { kind, ...options } = entry;
  const r = schemas[kind as OptionedAnalysis].safeParse(options);
  return r.success
    ? []
    : r.error.issues.map((issue) => ({
        severity: 'error',
        path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
        message: issue.message,
      }));
}

/**
 * The options the config's first entry of `kind` gives ({} without one).
 * @throws Error naming the entry and field when they are invalid.
 */
export function analysisOptions<K extends OptionedAnalysis>(
  config: ExperimentConfig,
  kind: K,
): z.infer<(typeof schemas)[K]> {
  const index = config.analyses.findIndex((a) => a.kind === kind);
  if (index < 0) {
    return {} as z.infer<(typeof schemas)[K]>;
  }
  const issue = analysisOptionIssues(config.analyses[index]).find((i) => i.severity === 'error');
  if (issue !== undefined) {
    const field = issue.path.length === 0 ? '' : `.${issue.path.join('.')}`;
    throw new Error(`analyses[${index}]${field}: ${issue.message}`);
  }
  const { kind: _kind, ...options } = config.analyses[index];
  return schemas[kind].parse(options) as z.infer<(typeof schemas)[K]>;
}
