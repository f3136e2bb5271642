/**
 * The step-0 completeness preview of each config, computed in the background: lenses ask
 * synchronously and get what is cached for the config's current embedding inputs (task, model,
 * seeds); a miss starts one computation (in a worker, through `compute`) and `onDidLoad` fires
 * when it lands. Editing other fields (steps, learning rate, …) keeps the preview.
 */
import type { InitialCompleteness } from '../shared/completenessResults';
import type { ExperimentConfig } from '../shared/experimentConfig';
import { type Disposable, Emitter, type Event } from '../util/emitter';

/** A preview, or why there is none. */
export type InitialPreview =
  | { state: 'loading' }
  | { state: 'ready'; result: InitialCompleteness }
  | { state: 'error'; message: string };

interface Entry {
  key: string;
  preview: InitialPreview;
}

export type ComputeInitial = (
  configPath: string,
  config: ExperimentConfig,
) => Promise<InitialCompleteness>;

/** Cached previews per config path. */
export class InitialCompletenessCache implements Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly emitter = new Emitter<string>();
  private disposed = false;
  /** Fires with the config path whose preview landed. */
  readonly onDidLoad: Event<string> = this.emitter.event;

  constructor(private readonly compute: ComputeInitial) {}

  /** The preview for this config's embedding inputs; starts computing it on a miss. */
  get(configPath: string, config: ExperimentConfig): InitialPreview {
    const key = previewKey(config);
    const entry = this.entries.get(configPath);
    if (entry?.key === key) {
      return entry.preview;
    }
    const fresh: Entry = { key, preview: { state: 'loading' } };
    this.entries.set(configPath, fresh);
    this.compute(configPath, config).then(
      (result) => this.settle(configPath, fresh, { state: 'ready', result }),
      (e: unknown) =>
        this.settle(configPath, fresh, {
          state: 'error',
          message: e instanceof Error ? e.message : String(e),
        }),
    );
    return fresh.preview;
  }

  dispose(): void {
    this.disposed = true;
    this.emitter.dispose();
    this.entries.clear();
  }

  private settle(configPath: string, entry: Entry, preview: InitialPreview): void {
    // A newer key for the same config superseded this computation: drop its result.
    if (this.disposed || this.entries.get(configPath) !== entry) {
      return;
    }
    entry.preview = preview;
    this.emitter.fire(configPath);
  }
}

/** What the initial embedding depends on: the task, the model and the seeds. */
export function previewKey(config: ExperimentConfig): string {
  const { task, model, train } = config;
  return JSON.stringify({ task, model, seed: train.seed, seeds: train.seeds });
}
