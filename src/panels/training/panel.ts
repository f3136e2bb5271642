/**
 * Host side of the training panel (`replens.training`): live loss and accuracy curves of one run,
 * or the test curves of several runs overlaid (a fine-tune beside its parent continues from the
 * parent's checkpoint step on the step axis). The snapshot is read from the run folders
 * (asynchronously) and merged with the RunManager's live metrics; after it, the panel follows
 * `onDidChangeRun` and sends only new records, batched at most about four times a second.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunChange } from '../../runs/runManager';
import type { Services } from '../../services';
import type {
  TrainingHostServes,
  TrainingSnapshot,
  TrainingViewServes,
} from '../../shared/protocol/trainingView';
import { trainingMessageSchemas } from '../../shared/protocol/trainingViewSchemas';
import {
  type OpenPanel,
  PanelHost,
  type PanelSpec,
  type ViewHandlers,
  panelContext,
} from '../panelHost';
import { ProgressBatcher } from '../progressBatcher';
import { mergeRun, placeFineTunes, readRunFolder, runLabel } from '../runReader';
import { runDirsOfKey, trainingKey } from './key';

/** View type of training panels (contributed as `onWebviewPanel:replens.training`). */
export const trainingViewType = 'replens.training';

type Host = PanelHost<TrainingHostServes, TrainingViewServes>;

function panelTitle(runDirs: readonly string[]): string {
  return runDirs.length === 1
    ? vscode.l10n.t('Training: {0}', runLabel(runDirs[0]))
    : vscode.l10n.t('Compare {0} runs', runDirs.length);
}

function spec(s: Services, runDirs: string[]): PanelSpec<TrainingHostServes, TrainingViewServes> {
  const ext = s.context.extensionUri;
  return {
    viewType: trainingViewType,
    key: trainingKey(runDirs),
    title: panelTitle(runDirs),
    scripts: ['plotly-strict.min.js', 'training.js'],
    styles: ['training.css'],
    schemas: trainingMessageSchemas,
    exportDir: runDirs.length === 1 ? vscode.Uri.file(runDirs[0]) : undefined,
    iconPath: vscode.Uri.joinPath(ext, 'media', 'replens.svg'),
  };
}

/** Reads the run folders and merges them with the live runs, then drops pending deltas. */
async function snapshot(
  s: Services,
  runDirs: readonly string[],
  batcher: ProgressBatcher,
): Promise<TrainingSnapshot> {
  const folders = await Promise.all(runDirs.map(readRunFolder));
  // Merge and clear in one tick: every record pending in the batcher is in the live metrics.
  const runs = folders.map((f) => mergeRun(f, s.runs.forRunDir(f.runDir)));
  batcher.clear();
  placeFineTunes(runs, folders);
  return { key: trainingKey(runDirs), title: panelTitle(runDirs), runs };
}

function follow(s: Services, host: Host, runDirs: readonly string[], batcher: ProgressBatcher) {
  const watched = new Set(runDirs);
  return (change: RunChange): void => {
    const { run } = change;
    if (run.runDir === undefined || !watched.has(path.resolve(run.runDir))) {
      return;
    }
    const runDir = path.resolve(run.runDir);
    switch (change.kind) {
      case 'metrics':
        if (change.metrics !== undefined) {
          batcher.record(runDir, change.metrics, run.total);
        }
        return;
      case 'progress':
        batcher.progress(runDir, run.step, run.total);
        return;
      case 'state':
        batcher.flush(); // deltas first, then the status that follows them
        host.notify('run/status', {
          runDir,
          status: run.state,
          step: run.step,
          total: run.total,
          error: run.error,
        });
        return;
    }
  };
}

function stopHandler(s: Services, runDirs: readonly string[]) {
  return async ({ runDir }: { runDir: string }): Promise<null> => {
    const live = runDirs.includes(runDir) ? s.runs.forRunDir(runDir) : undefined;
    if (live === undefined || ['done', 'failed', 'cancelled'].includes(live.state)) {
      throw Object.assign(new Error(vscode.l10n.t('This run is not running.')), {
        code: 'not-running',
      });
    }
    await s.runs.stop(live.key);
    return null;
  };
}

function setup(s: Services, runDirs: string[]) {
  return (host: Host): ViewHandlers<TrainingHostServes> => {
    const batcher = host.register(
      new ProgressBatcher((updates) => {
        // Before the page is ready nothing is sent: its snapshot will cover these records.
        if (host.isReady) {
          host.notify('run/progress', { updates });
        }
      }),
    );
    host.register(s.runs.onDidChangeRun(follow(s, host, runDirs, batcher)));
    return {
      'view/ready': () => snapshot(s, runDirs, batcher),
      'run/stop': stopHandler(s, runDirs),
    };
  };
}

/** Opens (or reveals) the training panel of one run folder, or of several overlaid. */
export function openTrainingPanel(s: Services, runDirs: readonly string[]): OpenPanel {
  const dirs = [...new Set(runDirs.map((d) => path.resolve(d)))].sort();
  if (dirs.length === 0) {
    throw new Error('no run folder to show');
  }
  return PanelHost.show(panelContext(s), spec(s, dirs), setup(s, dirs));
}

/** Restores a training panel after a reload from the key its webview saved. */
export function restoreTrainingPanel(s: Services, panel: vscode.WebviewPanel, key: string): void {
  const dirs = runDirsOfKey(key);
  if (dirs === undefined) {
    throw new Error(`not a training panel key: ${key.slice(0, 200)}`);
  }
  PanelHost.adopt(panelContext(s), panel, spec(s, dirs), setup(s, dirs));
}
