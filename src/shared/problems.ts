/** Problems of a config found after the schema: an error or a warning at a field's path. */
import type { UnpositionedProblem } from './parseConfig';

/** An error at `path`. */
export function err(path: (string | number)[], message: string): UnpositionedProblem {
  return { severity: 'error', path, message };
}

/** A warning at `path`. */
export function warn(path: (string | number)[], message: string): UnpositionedProblem {
  return { severity: 'warning', path, message };
}
