/**
 * The external-folder forms of `replens analyze` (docs/external-folders.md):
 * `cka <folderA> <folderB> [--layer L] [--at STEP]` (layers × layers across two folders, rows
 * matched by rows.json ids) and `completeness --task modular-addition [--p P] <file-or-folder>
 * [--layer L] [--tensor NAME] [--at STEP]`. The other forms (`cka <folder>`, `embedding <folder>
 * --layer L`) go through the run commands, whose runners accept external folders.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeCkaFolders } from '../../runner/external/externalCkaFolders';
import {
  type EmbeddingStudyRequest,
  embeddingSourceInitial,
  externalFolderCompleteness,
} from '../../runner/external/externalCompleteness';
import { externalFolderAt } from '../../runner/external/externalSource';
import type { CkaFoldersComparison } from '../../shared/externalResults';
import type { CkaRequestOptions } from '../../shared/protocol/analysisProtocol';
import { externalLayoutOf } from '../../storage/external/externalFolder';
import { UsageError, exitCodes } from '../errors';
import type { Cli } from '../cli';
import { initialText, sweepText } from './completenessText';
import { matrixText } from './universalityText';

/** Whether a path is an external folder (not a run, not a sweep). */
export function isExternalFolder(dir: string): boolean {
  return externalLayoutOf(dir) !== undefined;
}

/** `replens analyze cka <folderA> <folderB>`: both must be external folders. */
export async function ckaFoldersCommand(
  sources: string[],
  options: CkaRequestOptions,
  request: { layer?: string; at?: number; json: boolean },
  cli: Cli,
): Promise<number> {
  const [a, b] = sources.map((s) => externalFolderAt(s));
  if (sources.length !== 2 || a === undefined || b === undefined) {
    const other = sources.find((s) => !isExternalFolder(s)) ?? '';
    throw new UsageError(
      `analyze cka across folders takes two external folders; ${other} is not one (see docs/external-folders.md)`,
    );
  }
  const result = await analyzeCkaFolders(a, b, options, { layer: request.layer, step: request.at });
  const doc = { kind: 'cka', source: sources, step: request.at ?? null, result };
  cli.out(request.json ? JSON.stringify(doc, null, 2) : ckaFoldersText(result));
  return exitCodes.ok;
}

/** Layers of a × layers of b. */
export function ckaFoldersText(r: CkaFoldersComparison): string {
  const side = (s: CkaFoldersComparison['a']): string => `${s.dir} at step ${s.step}`;
  return [
    `${r.settings.estimator} CKA between the layers of ${side(r.a)} (rows) and ${side(r.b)} (columns)` +
      ` on ${r.n} rows ${r.matchedByIds ? 'matched by their ids' : 'in file order'}` +
      (r.settings.permutations > 0 ? `, ${r.settings.permutations} permutations` : ''),
    matrixText(r.matrix),
  ].join('\n');
}

/** Whether a completeness source is an embedding file or an external folder. */
export function isEmbeddingSource(source: string): boolean {
  return fs.statSync(source).isDirectory()
    ? isExternalFolder(source)
    : ['.npy', '.safetensors'].includes(path.extname(source));
}

/**
 * `replens analyze completeness --task modular-addition [--p P] <source>`: the full study of a
 * folder with two or more steps, the initial study of a single matrix.
 */
export function embeddingCompletenessCommand(
  source: string,
  values: {
    task?: string;
    p?: number;
    layer?: string;
    tensor?: string;
    at?: number;
    json: boolean;
  },
  cli: Cli,
): Promise<number> {
  if (values.task !== 'modular-addition') {
    throw new UsageError(
      `${source}: the completeness study of an embedding file or folder needs --task modular-addition${values.task === undefined ? '' : ` (got "${values.task}")`}`,
    );
  }
  const request: EmbeddingStudyRequest = {
    task: values.task,
    p: values.p,
    layer: values.layer,
    tensor: values.tensor,
  };
  const folder = fs.statSync(source).isDirectory() ? externalFolderAt(source) : undefined;
  if (folder !== undefined && folder.steps.length > 1) {
    const result = externalFolderCompleteness(folder, values.at, request);
    const doc = { kind: 'completeness', source, step: result.runs[0].step, result };
    cli.out(values.json ? JSON.stringify(doc, null, 2) : sweepText(result));
    return Promise.resolve(exitCodes.ok);
  }
  if (values.at !== undefined && folder?.steps[0] !== values.at) {
    throw new UsageError(`${source}: one embedding only; --at does not apply`);
  }
  const result = embeddingSourceInitial(source, request);
  const doc = { kind: 'completeness', source, step: folder?.steps[0] ?? null, result };
  cli.out(values.json ? JSON.stringify(doc, null, 2) : initialText(result));
  return Promise.resolve(exitCodes.ok);
}
