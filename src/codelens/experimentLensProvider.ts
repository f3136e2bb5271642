/**
 * Code lenses and diagnostics on `*.replens.json` configs. The provider only maps the pure
 * `buildLenses` descriptors to `vscode.CodeLens`; it refreshes (throttled) when a run of the
 * RunManager changes, when a run folder's manifest changes on disk, and on relevant settings.
 */
import * as vscode from 'vscode';
import * as config from '../config';
import { AnalysisJobs } from '../runs/analysisJobs';
import type { RunManager } from '../runs/runManager';
import type { Services } from '../services';
import type { InitialCompleteness } from '../shared/completenessResults';
import { resolveConfigPaths } from '../shared/configPaths';
import type { ExperimentConfig } from '../shared/experimentConfig';
import { type Throttled, throttle } from '../util/throttle';
import { registerConfigDiagnostics } from './configDiagnostics';
import { ParsedConfigs, configSelector } from './configDocuments';
import { GivenSplitCache, type GivenSplitPreview } from './givenSplitCache';
import { InitialCompletenessCache } from './initialCompletenessCache';
import { LastRunCache } from './lastRunCache';
import { type ActiveRun, buildLenses, hasInitialPreview } from './lensModel';

/** Lenses refresh at most this often while a run reports progress. */
const refreshMs = 500;

/** Run controls, preview, last run and analysis lenses of experiment configs. */
export class ExperimentLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly refresh: Throttled = throttle(() => this.changed.fire(), refreshMs);
  private readonly subscriptions: vscode.Disposable[];

  private readonly splits = new GivenSplitCache();

  constructor(
    private readonly runs: RunManager,
    private readonly lastRuns: LastRunCache,
    private readonly parsed: ParsedConfigs,
    private readonly previews: InitialCompletenessCache,
  ) {
    // Any run.json written in the workspace (editor runs, CLI runs, sweeps) may be a last run.
    const manifests = vscode.workspace.createFileSystemWatcher('**/run.json');
    const onManifest = (): void => {
      lastRuns.invalidate();
      this.refresh();
    };
    this.subscriptions = [
      this.changed,
      this.refresh,
      manifests,
      manifests.onDidCreate(onManifest),
      manifests.onDidChange(onManifest),
      manifests.onDidDelete(onManifest),
      runs.onDidChangeRun((e) => {
        if (e.kind === 'state' && e.run.configPath !== undefined) {
          lastRuns.invalidate(e.run.configPath);
        }
        this.refresh();
      }),
      lastRuns.onDidLoad(() => this.refresh()),
      previews.onDidLoad(() => this.refresh()),
      this.splits,
      this.splits.onDidLoad(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('replens.runsDirectory')) {
          lastRuns.invalidate();
        }
        if (e.affectsConfiguration('replens')) {
          this.refresh();
        }
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()),
    ];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const configPath = document.uri.fsPath;
    const parsed = this.parsed.get(document);
    const descriptors = buildLenses({
      configUri: document.uri,
      text: document.getText(),
      parsed,
      active: this.activeRun(configPath),
      lastRun: this.lastRuns.get(configPath, parsed.config?.name),
      backendSetting: config.backend(),
      trusted: vscode.workspace.isTrusted,
      now: Date.now(),
      initialPreview: hasInitialPreview(parsed.config)
        ? this.previews.get(configPath, parsed.config!)
        : undefined,
      givenSplit: this.givenSplit(configPath, parsed.config),
    });
    return descriptors.map((d) => {
      const at = document.positionAt(d.offset);
      return new vscode.CodeLens(new vscode.Range(at, at), {
        title: d.title,
        command: d.command,
        arguments: d.args,
        tooltip: d.tooltip,
      });
    });
  }

  /** The train count of the config's given split file, as far as it has been read. */
  private givenSplit(
    configPath: string,
    config: ExperimentConfig | undefined,
  ): GivenSplitPreview | undefined {
    const task = config && resolveConfigPaths(config, configPath).task;
    return task !== undefined && 'split' in task && typeof task.split === 'object'
      ? this.splits.get(task.split.trainIndices)
      : undefined;
  }

  /** The config's active run, with its place in its sweep for a sweep job. */
  private activeRun(configPath: string): ActiveRun | undefined {
    const run = this.runs.activeFor(configPath);
    if (run === undefined) {
      return undefined;
    }
    const { key, state, step, total, sweep } = run;
    if (sweep === undefined) {
      return { key, state, step, total };
    }
    const jobs = this.runs.sweepRuns(sweep.sweepId).length;
    return { key, state, step, total, sweep: { sweepDir: sweep.sweepDir, job: sweep.index, jobs } };
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}

/** Registers the config code lenses and the config diagnostics. */
export function registerExperimentLenses(s: Services): vscode.Disposable[] {
  const parsed = new ParsedConfigs();
  const lastRuns = new LastRunCache(config.runsRootFor);
  const workers = initialCompletenessInWorker(s);
  const previews = new InitialCompletenessCache(workers.compute);
  const provider = new ExperimentLensProvider(s.runs, lastRuns, parsed, previews);
  return [
    provider,
    lastRuns,
    previews,
    workers,
    vscode.languages.registerCodeLensProvider(configSelector, provider),
    ...registerConfigDiagnostics(parsed),
  ];
}

/**
 * Computes step-0 previews in workers, one job slot per config: a newer request for the same
 * config kills the worker of the older one; disposing kills whatever still runs.
 */
function initialCompletenessInWorker(s: Services): vscode.Disposable & {
  compute: (configPath: string, config: object) => Promise<InitialCompleteness>;
} {
  const jobs = new AnalysisJobs(s.workers);
  return {
    compute: (configPath, config) =>
      jobs.run(
        'analysis/initialCompleteness',
        { configPath, configText: JSON.stringify(config) },
        { slot: configPath },
      ),
    dispose: () => jobs.dispose(),
  };
}
