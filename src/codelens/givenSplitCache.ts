/**
 * The train count of each given split file (`task.split.trainIndices`), for the preview lens:
 * the length of the 1-D `.npy` array, read in the background. Lenses ask synchronously and get
 * what is cached; a miss or an entry older than `maxAgeMs` starts a read, and `onDidLoad` fires
 * when a read changes what is cached. The run itself checks the indices (range, duplicates).
 */
import * as fs from 'node:fs';
import { decodeNpy } from '../storage/npy';
import { type Disposable, Emitter, type Event } from '../util/emitter';

/** A split file's train count, or why it has none. */
export type GivenSplitPreview = { train: number } | { error: string };

interface Entry {
  value?: GivenSplitPreview;
  readAt: number;
  loading: boolean;
}

/** Cached train counts of split files, by absolute path. */
export class GivenSplitCache implements Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly emitter = new Emitter<string>();
  /** Fires with the file whose count changed. */
  readonly onDidLoad: Event<string> = this.emitter.event;

  constructor(
    private readonly maxAgeMs = 2000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached count of `file`; starts a read when there is none or it is old. */
  get(file: string): GivenSplitPreview | undefined {
    const entry = this.entries.get(file);
    if (entry === undefined || (!entry.loading && this.now() - entry.readAt > this.maxAgeMs)) {
      void this.load(file, entry);
    }
    return entry?.value;
  }

  private async load(file: string, old: Entry | undefined): Promise<void> {
    const entry: Entry = { value: old?.value, readAt: this.now(), loading: true };
    this.entries.set(file, entry);
    const value = await readTrainCount(file);
    entry.loading = false;
    entry.readAt = this.now();
    if (JSON.stringify(value) !== JSON.stringify(entry.value)) {
      entry.value = value;
      this.emitter.fire(file);
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** The number of indices in a split file, or a short reason it cannot be read. */
export async function readTrainCount(file: string): Promise<GivenSplitPreview> {
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'split file not found' : 'split file unreadable' };
  }
  try {
    const { shape } = decodeNpy(new Uint8Array(bytes));
    return shape.length === 1 ? { train: shape[0] } : { error: 'split file is not 1-D' };
  } catch {
    return { error: 'split file is not a readable .npy' };
  }
}
