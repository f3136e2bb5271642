/** The status bar item of active runs: `$(sync~spin) Replens: step 120/500`; hidden when idle. */
import * as vscode from 'vscode';
import type { RunInfo, RunManager } from '../runs/runManager';
import { throttle } from '../util/throttle';
import { isFinished, runLabel, runStatusText } from './runText';

/** Creates the item and keeps it in sync with the RunManager; dispose to remove it. */
export function createRunStatusBar(runs: RunManager): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(
    'replens.activeRun',
    vscode.StatusBarAlignment.Left,
    10,
  );
  item.name = 'Replens Run';
  const update = (): void =>
    render(
      item,
      runs.runs().filter((r) => !isFinished(r)),
    );
  const throttled = throttle(update, 250);
  const subscription = runs.onDidChangeRun((e) => (e.kind === 'state' ? update() : throttled()));
  update();
  return vscode.Disposable.from(item, subscription, throttled);
}

function render(item: vscode.StatusBarItem, active: RunInfo[]): void {
  if (active.length === 0) {
    item.hide();
    return;
  }
  // Show the newest training run; queued ones only when nothing trains yet.
  const main = [...active].reverse().find((r) => r.state === 'running') ?? active[0];
  const more = active.length > 1 ? ` (+${active.length - 1})` : '';
  item.text = `$(sync~spin) Replens: ${runStatusText(main)}${more}`;
  item.tooltip = active.map((r) => `${runLabel(r)}: ${runStatusText(r)}`).join('\n');
  const command: vscode.Command =
    main.runDir === undefined
      ? { command: 'replens.showLog', title: 'Show Log' }
      : { command: 'replens.openRun', title: 'Open Run', arguments: [main.runDir] };
  // Each assignment of a command with arguments registers it anew and retires the previous
  // registration, so a click in flight while the step text updates would find no command:
  // assign it only when it changes.
  if (!sameCommand(item.command, command)) {
    item.command = command;
  }
  item.show();
}

function sameCommand(a: vscode.StatusBarItem['command'], b: vscode.Command): boolean {
  return typeof a === 'object' && a.command === b.command && a.arguments?.[0] === b.arguments?.[0];
}
