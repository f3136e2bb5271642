/**
 * The code lenses of one `*.replens.json`, as plain descriptors: Run/Stop (with the live step), a
 * preview line (dataset sizes, parameters, estimated time), the last finished run, and one lens per
 * analysis entry. Pure: the provider passes everything in (text, parse result, the RunManager
 * state of this config, the last run read from disk, settings, the clock) and only maps the result
 * to `vscode.CodeLens`.
 */
import type { RunInfo } from '../runs/runManager';
import { analyses, isAnalysisKind } from '../shared/analyses';
import type { BackendChoice, ExperimentConfig } from '../shared/experimentConfig';
import type { ParsedConfig } from '../shared/parseConfig';
import type { RunStatus } from '../shared/runManifest';
import type { TaskSize } from '../shared/taskSizes';
import { type EstimateBackend, configCost, formatCount, formatEstimate } from './costModel';
import type { GivenSplitPreview } from './givenSplitCache';
import type { InitialPreview } from './initialCompletenessCache';
import { type LocatedKey, findKey, locateConfigKeys } from './locateConfigKeys';

/** Command ids the lenses invoke. */
export const lensCommands = {
  run: 'replens.runExperiment',
  sweep: 'replens.runSweep',
  stop: 'replens.stopRun',
  openRun: 'replens.openRun',
  showAnalysis: 'replens.showAnalysis',
  initialCompleteness: 'replens.showInitialCompleteness',
  problems: 'workbench.actions.view.problems',
  manageTrust: 'workbench.trust.manage',
} as const;

/**
 * The live state of this config's active run (from `RunManager.activeFor`); `sweep` when it is a
 * job of a sweep (`job` its index, `jobs` the sweep's size).
 */
export type ActiveRun = Pick<RunInfo, 'key' | 'state' | 'step' | 'total'> & {
  sweep?: { sweepDir: string; job: number; jobs: number };
};

/** The newest finished run of this config, read from its run folder. */
export interface LastRun {
  runDir: string;
  status: Exclude<RunStatus, 'running'>;
  /** The backend it ran on (`node`, `wasm`, `cpu`). */
  backend: string;
  lastStep: number;
  steps: number;
  testAcc?: number;
  /** End time, ms since the epoch. */
  endedAt: number;
}

/** Everything the lenses of one config depend on. `U` is the config's URI type (opaque here). */
export interface LensInput<U> {
  configUri: U;
  text: string;
  parsed: ParsedConfig;
  active?: ActiveRun;
  lastRun?: LastRun;
  /** The `replens.backend` setting. */
  backendSetting: BackendChoice;
  /** Whether the workspace is trusted (running needs it). */
  trusted: boolean;
  /** Current time, ms since the epoch. */
  now: number;
  /** The step-0 completeness preview, for configs whose task has one. */
  initialPreview?: InitialPreview;
  /** The train count of the config's given split file (`task.split.trainIndices`), once read. */
  givenSplit?: GivenSplitPreview;
}

/** One lens: where, what it says, and the command it runs (empty for an informational line). */
export interface LensDescriptor {
  offset: number;
  title: string;
  command: string;
  args: unknown[];
  tooltip?: string;
}

/** The lenses of a config, top to bottom: run controls, preview, last run, analyses. */
export function buildLenses<U>(input: LensInput<U>): LensDescriptor[] {
  const keys = locateConfigKeys(input.text);
  const at = findKey(keys, ['task'])?.offset ?? 0;
  const last = input.lastRun === undefined ? [] : [lastRunLens(input.lastRun, input.now, at)];
  return [
    ...runLenses(input, at),
    previewLens(input, at),
    // On the "model" line (the embedding it previews), so it is not clipped beside the preview.
    ...completenessLens(input, findKey(keys, ['model'])?.offset ?? at),
    ...last,
    ...analysisLenses(input, keys),
  ];
}

/** Whether a config gets the step-0 completeness preview lens. */
export function hasInitialPreview(config: ExperimentConfig | undefined): boolean {
  return config !== undefined && analyses.completeness.appliesTo(config) === undefined;
}

/** Step-0 completeness: the initial embedding's best candidates, without training. */
function completenessLens<U>(input: LensInput<U>, offset: number): LensDescriptor[] {
  const preview = input.initialPreview;
  if (preview === undefined || !hasInitialPreview(input.parsed.config)) {
    return [];
  }
  const args = [input.configUri];
  if (preview.state === 'loading') {
    return [lens(offset, '$(loading~spin) step-0 completeness…', '', [])];
  }
  if (preview.state === 'error') {
    const title = `$(warning) step-0 completeness: ${clip(preview.message, 60)}`;
    return [{ ...lens(offset, title, '', []), tooltip: preview.message }];
  }
  const { candidates, top } = preview.result;
  const best = top
    .slice(0, 3)
    .map(
      (i) =>
        `${candidates.labels[i]} ${candidates.initial[i].toFixed(2)} (z ${signed(candidates.z[i])})`,
    );
  const title = `$(pulse) step 0: ${best.join(' · ')}`;
  const tooltip =
    `Completeness of the initial embedding (seed ${preview.result.seed}) for each of the ` +
    `${candidates.count} candidate ${candidates.kind}s${candidates.sampled ? ' (a seeded sample)' : ''}; ` +
    'z is the standardized template score (0 ± 1 for a random embedding). Click for the histogram.';
  return [{ ...lens(offset, title, lensCommands.initialCompleteness, args), tooltip }];
}

function signed(z: number): string {
  return `${z >= 0 ? '+' : ''}${z.toFixed(1)}`;
}

function runLenses<U>(input: LensInput<U>, offset: number): LensDescriptor[] {
  const { active, parsed, configUri } = input;
  if (active !== undefined && !['done', 'failed', 'cancelled'].includes(active.state)) {
    const where = active.state === 'running' ? `step ${active.step}/${active.total}` : active.state;
    const sweep = active.sweep;
    if (sweep !== undefined) {
      // Stops the whole sweep; Stop Run and the runs tree stop single jobs.
      const title = `$(debug-stop) Stop Sweep · job ${sweep.job + 1}/${sweep.jobs} · ${where}`;
      return [lens(offset, title, lensCommands.stop, [{ sweepDir: sweep.sweepDir }])];
    }
    return [lens(offset, `$(debug-stop) Stop · ${where}`, lensCommands.stop, [active.key])];
  }
  if (!input.trusted) {
    const title = '$(workspace-untrusted) Running needs a trusted workspace';
    return [lens(offset, title, lensCommands.manageTrust, [])];
  }
  const out = [lens(offset, '$(play) Run', lensCommands.run, [configUri])];
  const jobs = parsed.config === undefined ? 1 : sweepJobs(parsed.config);
  if (jobs > 1) {
    out.push(lens(offset, `$(run-all) Sweep · ${jobs} runs`, lensCommands.sweep, [configUri]));
  }
  return out;
}

function previewLens<U>(input: LensInput<U>, offset: number): LensDescriptor {
  const { config, problems } = input.parsed;
  if (config === undefined) {
    const errors = problems.filter((p) => p.severity === 'error');
    const first = errors[0] as (typeof errors)[number] | undefined;
    const what = `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}`;
    const where = first === undefined ? '' : ` · line ${first.line}: ${clip(first.message, 60)}`;
    return lens(offset, `$(error) ${what}${where}`, lensCommands.problems, []);
  }
  const backend = previewBackend(config.backend, input.backendSetting, input.lastRun);
  const cost = configCost(config, backend);
  const split = splitText(config, cost.size, input.givenSplit);
  const title =
    `${split} · ${formatCount(cost.parameters)} parameters · ` +
    `${formatEstimate(cost.seconds)} on ${backend}`;
  const tooltip =
    `Estimated training time on ${backend}: ${config.train.steps} steps of ` +
    `${cost.gflopPerStep.toFixed(3)} GFLOP, plus evaluations and checkpoints, at rates measured ` +
    'on a benchmark machine. An estimate, not a promise: worker start-up is not counted, and ' +
    'mid-sized layers can take up to twice as long.';
  return { ...lens(offset, title, '', []), tooltip };
}

/**
 * Examples and split sizes: the seeded split's, or a given split's from its file (test = the
 * other examples); formal languages count words and prompts.
 */
function splitText(
  config: ExperimentConfig,
  size: TaskSize,
  given: GivenSplitPreview | undefined,
): string {
  const { examples, prompts } = size;
  const hasGiven = 'split' in config.task && typeof config.task.split === 'object';
  const [train, test] =
    hasGiven && given !== undefined && 'train' in given
      ? [given.train, examples - given.train]
      : [size.train, size.test];
  const sizes = (words: string): string =>
    !hasGiven
      ? `${words} ${formatCount(train)}/${formatCount(test)}`
      : given === undefined
        ? 'given split (reading its file)'
        : 'error' in given
          ? `given split: ${given.error}`
          : `given split: ${words} ${formatCount(train)}/${formatCount(test)}`;
  if (prompts === undefined) {
    return `${formatCount(examples)} examples · ${sizes('train/test')}`;
  }
  const validation = !hasGiven && train === examples ? 'validated in-sample' : sizes('train/val');
  return (
    `${formatCount(examples)} words (${validation})` +
    ` · ${formatCount(prompts.id)} ID / ${formatCount(prompts.ood)} OOD prompts`
  );
}

function lastRunLens(last: LastRun, now: number, offset: number): LensDescriptor {
  const ago = formatAgo(now - last.endedAt);
  const atStep = `at step ${last.lastStep}/${last.steps}`;
  const title =
    last.status === 'done'
      ? `$(pass) last run: test acc ${last.testAcc?.toFixed(3) ?? '–'} (${ago})`
      : last.status === 'failed'
        ? `$(error) last run failed ${atStep} (${ago})`
        : `$(circle-slash) last run cancelled ${atStep} (${ago})`;
  return { ...lens(offset, title, lensCommands.openRun, [last.runDir]), tooltip: last.runDir };
}

function analysisLenses<U>(input: LensInput<U>, keys: LocatedKey[]): LensDescriptor[] {
  return keys
    .filter((k) => k.path.length === 2 && k.path[0] === 'analyses')
    .map((k) => {
      const index = k.path[1] as number;
      const kind = k.kind ?? input.parsed.config?.analyses[index]?.kind ?? 'analysis';
      const args = [{ configUri: input.configUri, index }];
      // Each kind opens its first view; a kind this version does not know opens Show Analysis….
      const command = isAnalysisKind(kind)
        ? analyses[kind].views[0].command
        : lensCommands.showAnalysis;
      return lens(k.offset, `$(graph) Show ${kind}`, command, args);
    });
}

/**
 * The backend a run from the editor would use, for the estimate: the config's own choice, else
 * the setting, else (auto) the backend the last run resolved to, else wasm (VS Code's runtime
 * cannot load tfjs-node, so auto means wasm unless `replens.nodePath` is set).
 */
export function previewBackend(
  configBackend: BackendChoice,
  setting: BackendChoice,
  lastRun: LastRun | undefined,
): EstimateBackend {
  const choice = configBackend !== 'auto' ? configBackend : setting;
  if (choice !== 'auto') {
    return choice;
  }
  const resolved = lastRun?.backend;
  return resolved === 'node' || resolved === 'cpu' ? resolved : 'wasm';
}

/** Runs a sweep of this config would start: seeds × grid cells. */
export function sweepJobs(config: ExperimentConfig): number {
  const cells = Object.values(config.sweep.grid).reduce((n, values) => n * values.length, 1);
  return config.sweep.seeds.length * cells;
}

/** `just now`, `12 min ago`, `5 h ago`, `3 d ago`. */
export function formatAgo(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) {
    return 'just now';
  }
  if (minutes < 60) {
    return `${minutes} min ago`;
  }
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} d ago`;
}

function lens(offset: number, title: string, command: string, args: unknown[]): LensDescriptor {
  return { offset, title, command, args };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
