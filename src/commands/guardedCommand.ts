/**
 * The one way Replens registers a command: the body's failure goes to the log and to one error
 * notification, "Replens: <Command title> failed: <reason>", with a Show Log button. The title
 * is the one the command palette shows (from the manifest), so the message names what the user
 * invoked.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';

/**
 * Registers `id` with `body`. The command resolves with the body's result, or with undefined
 * once its failure was reported.
 */
export function guardedCommand<A extends unknown[], R>(
  s: Services,
  id: string,
  body: (...args: A) => R | Thenable<R>,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: A): Promise<R | undefined> => {
    try {
      return await body(...args);
    } catch (e) {
      reportFailure(s, id, e);
      return undefined;
    }
  });
}

/** Logs a command's failure and shows it in one error notification. */
function reportFailure(s: Services, id: string, error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  const message = vscode.l10n.t('{0} failed: {1}', commandTitle(s, id), reason);
  s.log.error(`${message} (${id})`);
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window
    .showErrorMessage(message, showLog)
    .then((choice) => (choice === showLog ? s.log.show() : undefined));
}

interface ContributedCommand {
  command?: unknown;
  title?: unknown;
  category?: unknown;
}

/**
 * The palette title of a contributed command ("Replens: Show Analysis", a trailing ellipsis
 * dropped), else its id.
 */
function commandTitle(s: Services, id: string): string {
  const manifest = s.context.extension.packageJSON as {
    contributes?: { commands?: ContributedCommand[] };
  };
  const found = manifest.contributes?.commands?.find((c) => c.command === id);
  const title = typeof found?.title === 'string' ? found.title.replace(/…$/, '') : undefined;
  if (title === undefined || title.startsWith('%')) {
    return id;
  }
  const category = typeof found?.category === 'string' ? found.category : undefined;
  return category === undefined || category.startsWith('%') ? title : `${category}: ${title}`;
}
