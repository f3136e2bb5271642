/** CLI exit codes (DESIGN §4) and the error that maps to "bad input". */

export const exitCodes = { ok: 0, failed: 1, badInput: 2, cancelled: 130 } as const;

/** Bad input from the user: printed as is (no stack), exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
