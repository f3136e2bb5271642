/**
 * The external folders opened in Replens ("Open Folder in Replens"): absolute paths kept per
 * workspace (VS Code's `workspaceState`), in the order they were added. Removing one forgets it;
 * its files are never touched. No vscode import, so it is tested in plain Node.
 */
import * as path from 'node:path';
import { type Disposable, Emitter, type Event } from '../util/emitter';

/** What the list needs of VS Code's `Memento` (`context.workspaceState`). */
export interface StateStore {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void>;
}

/** The `workspaceState` key of the list. */
export const externalFoldersKey = 'replens.externalFolders';

/** The persisted list of external folders. */
export class ExternalFolderList implements Disposable {
  private readonly changes = new Emitter<void>();
  /** Fires after a folder was added or removed. */
  readonly onDidChange: Event<void> = this.changes.event;

  constructor(private readonly store: StateStore) {}

  /** The folders, absolute, without duplicates, oldest first (entries of other types dropped). */
  folders(): string[] {
    const saved = this.store.get(externalFoldersKey);
    const paths = Array.isArray(saved)
      ? saved.filter((p): p is string => typeof p === 'string' && path.isAbsolute(p))
      : [];
    return [...new Set(paths.map((p) => path.resolve(p)))];
  }

  /** True when `dir` is in the list. */
  has(dir: string): boolean {
    return this.folders().includes(path.resolve(dir));
  }

  /** Adds a folder; false when it was already there. */
  async add(dir: string): Promise<boolean> {
    const folders = this.folders();
    const abs = path.resolve(dir);
    if (folders.includes(abs)) {
      return false;
    }
    await this.save([...folders, abs]);
    return true;
  }

  /** Forgets a folder (its files stay as they are); false when it was not in the list. */
  async remove(dir: string): Promise<boolean> {
    const folders = this.folders();
    const abs = path.resolve(dir);
    if (!folders.includes(abs)) {
      return false;
    }
    await this.save(folders.filter((f) => f !== abs));
    return true;
  }

  dispose(): void {
    this.changes.dispose();
  }

  private async save(folders: string[]): Promise<void> {
    await this.store.update(externalFoldersKey, folders);
    this.changes.fire();
  }
}
