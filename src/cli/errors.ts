/** CLI exit codes (DESIGN §4) and the error that maps to "bad input". */
import { AnalysisInputError } from '../runner/analysisRuns';
import { SplitFileError } from '../runner/givenSplit';
import { ExternalFolderError } from '../storage/external/externalFolder';

export const exitCodes = { ok: 0, failed: 1, badInput: 2, cancelled: 130 } as const;

/** Bad input from the user: printed as is (no stack), exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Runs `f`, reporting the runner's bad-input errors (AnalysisInputError, SplitFileError) and
 * unreadable external folders (ExternalFolderError) as UsageErrors.
 */
export async function inputErrorsAsUsage<T>(f: () => T | Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    const badInput =
      e instanceof AnalysisInputError ||
      e instanceof SplitFileError ||
      e instanceof ExternalFolderError;
    throw badInput ? new UsageError(e.message) : e;
  }
}
