/**
 * The last finished run of each config, read from disk in the background: code lenses ask for it
 * synchronously and get what is cached; a miss (or a stale entry) starts an asynchronous read and
 * `onDidLoad` fires when it lands, so providers never touch the file system themselves.
 */
import * as path from 'node:path';
import type { RunManifest } from '../shared/runManifest';
import { newestRun } from '../storage/runFolders';
import { type Disposable, Emitter, type Event } from '../util/emitter';
import type { LastRun } from './lensModel';

interface Entry {
  value?: LastRun;
  experiment: string;
  /** Bumped by `invalidate`; a read that started under an older generation leaves it stale. */
  generation: number;
  loadedGeneration: number;
  loading: boolean;
}

/** Cached last finished run per config path. */
export class LastRunCache implements Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly emitter = new Emitter<string>();
  /** Fires with the config path whose entry was (re)read. */
  readonly onDidLoad: Event<string> = this.emitter.event;

  /** @param runsRootFor the runs root of a config file (the `replens.runsDirectory` setting). */
  constructor(private readonly runsRootFor: (configPath: string) => string) {}

  /**
   * The cached last run of a config; starts a read when there is none yet, it is stale, or the
   * experiment name changed. Without a name (invalid config) the old value is kept as it is.
   */
  get(configPath: string, experiment: string | undefined): LastRun | undefined {
    const entry = this.entries.get(configPath);
    if (experiment !== undefined && !entry?.loading) {
      if (entry === undefined || entry.experiment !== experiment) {
        this.load(configPath, { experiment, generation: 0, loadedGeneration: -1, loading: false });
      } else if (entry.loadedGeneration !== entry.generation) {
        this.load(configPath, entry);
      }
    }
    return entry?.value;
  }

  /** Marks one config's entry (or all) as stale; values stay shown until the re-read lands. */
  invalidate(configPath?: string): void {
    for (const [key, entry] of this.entries) {
      if (configPath === undefined || key === configPath) {
        entry.generation += 1;
      }
    }
  }

  dispose(): void {
    this.emitter.dispose();
    this.entries.clear();
  }

  private load(configPath: string, entry: Entry): void {
    this.entries.set(configPath, entry);
    entry.loading = true;
    const generation = entry.generation;
    const experimentDir = path.join(this.runsRootFor(configPath), entry.experiment);
    void newestRun(experimentDir, (m) => m.status !== 'running' && fromConfig(m, configPath))
      .then(
        (found) => {
          entry.value = found === undefined ? undefined : toLastRun(found.runDir, found.manifest);
        },
        () => {
          entry.value = undefined;
        },
      )
      .finally(() => {
        entry.loading = false;
        entry.loadedGeneration = generation;
        this.emitter.fire(configPath);
      });
  }
}

function fromConfig(m: RunManifest, configPath: string): boolean {
  return m.configPath === undefined || path.resolve(m.configPath) === path.resolve(configPath);
}

function toLastRun(runDir: string, m: RunManifest): LastRun | undefined {
  if (m.status === 'running') {
    return undefined;
  }
  return {
    runDir,
    status: m.status,
    backend: m.backend.name,
    lastStep: m.lastStep,
    steps: m.steps,
    testAcc: m.final?.testAcc,
    endedAt: Date.parse(m.endedAt ?? m.startedAt),
  };
}
