/**
 * Results of analyses that only external representation folders have (docs/external-folders.md):
 * CKA between the layers of two folders whose rows are matched by their ids.
 */
import type { CkaMatrix, CkaSettings } from './universalityResults';

/** One side of a comparison of two folders. */
export interface ComparedFolder {
  dir: string;
  /** The step compared. */
  step: number;
  /** The file that gave the row ids (rows.json), if any. */
  rowsFile?: string;
}

/** CKA between the layers of folder a (rows) and folder b (columns) on the same rows. */
export interface CkaFoldersComparison {
  a: ComparedFolder;
  b: ComparedFolder;
  settings: CkaSettings;
  /** Rows compared. */
  n: number;
  /** Whether rows were matched by their ids (else by position, with equal counts). */
  matchedByIds: boolean;
  matrix: CkaMatrix;
}
