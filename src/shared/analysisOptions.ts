/**
 * Options of a config's `analyses` entries: the POLCA and Hessian entries take the options of
 * their requests beside `kind` (e.g. `{ "kind": "polca", "k": 6, "features": "cumulative" }`),
 * checked by the schemas the panel's requests use. They become the defaults of that analysis of
 * the config's runs, below what a request (CLI flags, the panel's choices) asks for.
 */
import type { z } from 'zod';
import { type AnalysisKind, analyses, analysisKinds } from './analyses';
import type { ExperimentConfig } from './experimentConfig';

type Catalogue = typeof analyses;

/** The analyses whose config entries take options (those with `options` in the catalogue). */
export type OptionedAnalysis = {
  [K in AnalysisKind]: Catalogue[K] extends { options: z.ZodType } ? K : never;
}[AnalysisKind];

type OptionsOf<K extends OptionedAnalysis> = z.infer<Catalogue[K]['options']>;

const optionedKinds = analysisKinds.filter(
  (kind): kind is OptionedAnalysis => 'options' in analyses[kind],
);
const optionedNames = optionedKinds.join(' and ');

function isOptioned(kind: string): kind is OptionedAnalysis {
  return (optionedKinds as readonly string[]).includes(kind);
}

/** A problem of an entry's options: its path below the entry and why. */
export interface OptionIssue {
  /** `warning`: an option of a kind that reads none (it has no effect). */
  severity: 'error' | 'warning';
  path: (string | number)[];
  message: string;
}

/** What is wrong with an entry's options. */
export function analysisOptionIssues(entry: { kind: string }): OptionIssue[] {
  if (!isOptioned(entry.kind)) {
    return Object.keys(entry)
      .filter((key) => key !== 'kind')
      .map((key) => ({
        severity: 'warning',
        path: [key],
        message:
          `"${key}" has no effect: ${entry.kind} takes its options from its panel or the ` +
          `command line (only ${optionedNames} entries read options here)`,
      }));
  }
  const { kind, ...options } = entry;
  const r = analyses[kind].options.safeParse(options);
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
): OptionsOf<K> {
  const index = config.analyses.findIndex((a) => a.kind === kind);
  if (index < 0) {
    return {} as OptionsOf<K>;
  }
  const issue = analysisOptionIssues(config.analyses[index]).find((i) => i.severity === 'error');
  if (issue !== undefined) {
    const field = issue.path.length === 0 ? '' : `.${issue.path.join('.')}`;
    throw new Error(`analyses[${index}]${field}: ${issue.message}`);
  }
  const { kind: _kind, ...options } = config.analyses[index];
  return analyses[kind].options.parse(options) as OptionsOf<K>;
}
