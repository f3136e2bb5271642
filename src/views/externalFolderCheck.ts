/**
 * Whether a folder can be opened in Replens as an external representation folder, and if not,
 * a message naming the folder and what it lacks. Reads the folder's names and headers only
 * (`openExternalFolder` checks every step file's header and the small side files). No vscode.
 */
import * as path from 'node:path';
import {
  type ExternalLayout,
  ExternalFolderError,
  externalLayoutOf,
  openExternalFolder,
} from '../storage/external/externalFolder';
import { missingLayout } from './externalNodes';

/** The outcome of {@link checkExternalFolder}. */
export type ExternalFolderCheck =
  | { ok: true; dir: string; layout: ExternalLayout; steps: number }
  | { ok: false; dir: string; message: string };

/** Reads enough of `dir` to tell whether Replens can analyse it, never throwing. */
export function checkExternalFolder(dir: string): ExternalFolderCheck {
  const abs = path.resolve(dir);
  let layout: ExternalLayout | undefined;
  try {
    layout = externalLayoutOf(abs);
  } catch (e) {
    return { ok: false, dir: abs, message: `Cannot read ${abs}: ${reason(e)}` };
  }
  if (layout === undefined) {
    return {
      ok: false,
      dir: abs,
      message: `${abs} is not a folder Replens can analyse: ${missingLayout(abs)}.`,
    };
  }
  try {
    const folder = openExternalFolder(abs);
    return { ok: true, dir: abs, layout, steps: folder.steps.length };
  } catch (e) {
    const detail = e instanceof ExternalFolderError ? `${e.file}: ${e.reason}` : reason(e);
    return { ok: false, dir: abs, message: `Cannot open ${abs} in Replens: ${detail}` };
  }
}

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
