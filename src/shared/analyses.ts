/**
 * The analysis catalogue: every kind a config's `analyses` entry may name, with what the rest of
 * Replens needs to know of it. The config schema, the config checks, `replens analyze`, the code
 * lenses, Show Analysis…, the runs tree and the runners all read this table, and the places that
 * act on a kind (the CLI's handlers, for one) are `Record<AnalysisKind, …>`: a new kind that is
 * missing anywhere is a compile error, not a silent fallback.
 */
import type { z } from 'zod';
import type { CompletenessTask } from './completenessResults';
import type { ExperimentConfig } from './experimentConfig';
import { hessianOptionsSchema, polcaOptionsSchema } from './protocol/polcaViewSchemas';

/** Every analysis kind, in the order menus and the config reference list them. */
export const analysisKinds = [
  'embedding',
  'completeness',
  'extrapolation',
  'cka',
  'stitching',
  'starvation',
  'polca',
  'hessian',
] as const;
export type AnalysisKind = (typeof analysisKinds)[number];

/** The part of a config an applicability test reads. */
export type AnalysedConfig = Pick<ExperimentConfig, 'task' | 'model'>;

/** A view that shows an analysis (a command with a quick-pick entry in Show Analysis…). */
export interface AnalysisView {
  command: string;
  /** Quick-pick label, without its icon. */
  label: string;
  detail: string;
  /** Codicon id. */
  icon: string;
  /** Only for a run of a sweep (the view compares the sweep's runs). */
  needsSweep?: boolean;
}

/** What Replens knows of one analysis kind. */
export interface AnalysisSpec {
  title: string;
  /** Why the analysis does not apply to a run of this config, or undefined when it does. */
  appliesTo(config: AnalysedConfig): string | undefined;
  /** Options a config entry takes beside `kind` (undefined: none; they come from flags/panels). */
  options?: z.ZodType;
  /** `replens analyze …` usage lines. */
  usage: readonly string[];
  /**
   * Whether the analysis accepts an external representation folder where it takes a run folder
   * (docs/external-folders.md).
   */
  external?: true;
  /** The views that show it; the first one is what its code lens opens. */
  views: readonly [AnalysisView, ...AnalysisView[]];
}

/** Tasks with a completeness study (with an `embed-mlp` model). */
export const completenessTasks: readonly string[] = [
  'modular-addition',
  'multi-digit-xor',
  'remainder-equivalence',
] satisfies CompletenessTask[];

/** Tasks whose tokens carry the skill labels POLCA clusters against. */
export const polcaTasks: readonly string[] = ['addition'];

function needsEmbedMlp(config: AnalysedConfig): string | undefined {
  return config.model.kind === 'embed-mlp'
    ? undefined
    : `the universality analyses need an embed-mlp model (this run trains a ${config.model.kind})`;
}

const always = (): undefined => undefined;

const sweepView = (command: string, label: string, detail: string, icon: string) => ({
  command,
  label,
  detail,
  icon,
  needsSweep: true,
});

export const analyses = {
  cka: {
    title: 'CKA',
    appliesTo: needsEmbedMlp,
    usage: [
      'replens analyze cka <runDir> [--at STEP] [--estimator linear|rbf|debiased] [--permutations N] [--rbf-threshold T] [--max-examples N] [--split train|test|all] [--seed S] [--json]',
      'replens analyze cka <sweepDir|runDir...> --between runs [--layer NAME] [same options] [--json]',
      'replens analyze cka <externalFolder> [--at STEP] [--estimator …] [--permutations N] [--max-examples N] [--threads N] [--json]',
      'replens analyze cka <externalFolderA> <externalFolderB> [--layer NAME] [--at STEP] [--estimator …] [--permutations N] [--json]',
    ],
    external: true,
    views: [
      {
        command: 'replens.showCka',
        label: 'CKA between layers',
        detail: 'Layers × layers CKA over the checkpoints, with permutation tests',
        icon: 'table',
      },
      sweepView(
        'replens.compareRunsCka',
        'CKA between the runs of the sweep',
        'Runs × runs CKA at one layer (seeds, sizes)',
        'diff',
      ),
    ],
  },
  embedding: {
    title: 'Embedding',
    appliesTo: always,
    usage: [
      'replens analyze embedding <runDir> [--k 2|3] [--projection pca|fourier|walsh|line] [--frequency K] [--masks M,M,…] [--json]',
      'replens analyze embedding <externalFolder> [--layer NAME] [--k 2|3] [--json]',
    ],
    external: true,
    views: [
      {
        command: 'replens.showEmbedding',
        label: 'Embedding over training',
        detail: 'The embedding matrix projected at each checkpoint',
        icon: 'symbol-constant',
      },
    ],
  },
  completeness: {
    title: 'Completeness',
    appliesTo: (config) =>
      completenessTasks.includes(config.task.kind) && config.model.kind === 'embed-mlp'
        ? undefined
        : `the completeness analysis needs a modular-addition, multi-digit-xor or remainder-equivalence task with an embed-mlp model (this run trains ${config.task.kind})`,
    usage: [
      'replens analyze completeness <runDir|sweepDir|config.replens.json> [--at STEP] [--json]',
      'replens analyze completeness --task modular-addition [--p P] <file.npy|file.safetensors|externalFolder> [--layer NAME] [--tensor NAME] [--at STEP] [--json]',
    ],
    external: true,
    views: [
      {
        command: 'replens.showCompleteness',
        label: 'Completeness',
        detail:
          'How complete the chosen representation was in the initial embedding, among all candidates',
        icon: 'pulse',
      },
    ],
  },
  stitching: {
    title: 'Stitching',
    appliesTo: needsEmbedMlp,
    usage: [
      'replens analyze stitching <runA> <runB> [--epsilon E] [--steps N] [--embedding-only] [--seed S] [--json]',
    ],
    views: [
      sweepView(
        'replens.showStitching',
        'Stitching',
        'Affine stitching between two runs of the sweep, with controls',
        'combine',
      ),
    ],
  },
  starvation: {
    title: 'Starvation',
    appliesTo: needsEmbedMlp,
    usage: ['replens analyze starvation <sweepDir> [--stitching-steps N] [--json]'],
    views: [
      sweepView(
        'replens.showStarvation',
        'Starvation curves',
        'Accuracy, convergence and cross-seed similarity against width',
        'graph-scatter',
      ),
    ],
  },
  extrapolation: {
    title: 'Rule extrapolation',
    appliesTo: (config) =>
      config.task.kind === 'formal-language'
        ? undefined
        : `the extrapolation analysis needs a formal-language task (this run trains ${config.task.kind})`,
    usage: ['replens analyze extrapolation <runDir|sweepDir>... [--json]'],
    views: [
      {
        command: 'replens.showExtrapolation',
        label: 'Rule extrapolation',
        detail: 'Validation loss beside ID and OOD completion accuracies over the checkpoints',
        icon: 'symbol-string',
      },
    ],
  },
  polca: {
    title: 'POLCA',
    appliesTo: (config) =>
      polcaTasks.includes(config.task.kind)
        ? undefined
        : `POLCA needs a task with skill labels per token (addition); this run trains ${config.task.kind}`,
    options: polcaOptionsSchema,
    usage: [
      'replens analyze polca <runDir> [--k K] [--iterations M] [--checkpoints T] [--examples N] [--analysis-examples N] [--allocation taylor|path] [--skill NAME] [--min-group N] [--features cumulative|increments|zscore] [--no-controls] [--json]',
    ],
    views: [
      {
        command: 'replens.showPolca',
        label: 'POLCA clusters',
        detail:
          'Loss-change trajectories along the Hessian basis, clustered per output token, against the loss baseline and controls',
        icon: 'group-by-ref-type',
      },
    ],
  },
  hessian: {
    title: 'Hessian spectrum',
    appliesTo: always,
    options: hessianOptionsSchema,
    usage: ['replens analyze hessian <runDir> [--k K] [--iterations M] [--examples N] [--json]'],
    views: [
      {
        command: 'replens.showHessian',
        label: 'Hessian spectrum',
        detail: 'Top Hessian eigenvalues over the checkpoints',
        icon: 'layers',
      },
    ],
  },
} as const satisfies Record<AnalysisKind, AnalysisSpec>;

/** Whether a string names an analysis kind. */
export function isAnalysisKind(kind: unknown): kind is AnalysisKind {
  return (analysisKinds as readonly unknown[]).includes(kind);
}

/** The analysis kinds that apply to a run of this config, in catalogue order. */
export function applicableAnalyses(config: AnalysedConfig): AnalysisKind[] {
  return analysisKinds.filter((kind) => analyses[kind].appliesTo(config) === undefined);
}

/** Every `replens analyze` usage line, in catalogue order. */
export const analyzeUsageLines: readonly string[] = analysisKinds.flatMap(
  (kind) => analyses[kind].usage,
);

/**
 * The view a cached result file opens in (`analyses/<kind>-<hash>.json`, kind from the file name),
 * or undefined for a file of no known kind (it opens as JSON). Views that need a sweep are left
 * out: the file's run may have none.
 */
export function viewOfAnalysisFile(fileKind: string): AnalysisView | undefined {
  if (!isAnalysisKind(fileKind)) {
    return undefined;
  }
  const views: readonly AnalysisView[] = analyses[fileKind].views;
  return views.find((v) => v.needsSweep !== true);
}
