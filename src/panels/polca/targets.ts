/**
 * What the POLCA commands open, pure (no vscode, unit-tested in plain Node): the view of each
 * command and the panel key of a run.
 */
import * as path from 'node:path';
import type { PolcaViewId } from '../../shared/protocol/polcaView';

export interface PolcaCommand {
  id: string;
  view: PolcaViewId;
}

/** The POLCA commands, in palette order. */
export const polcaCommands: readonly PolcaCommand[] = [
  { id: 'replens.showPolca', view: 'clusters' },
  { id: 'replens.showHessian', view: 'spectrum' },
];

/** The run folder a saved panel key names (the key is the absolute run folder). */
export function polcaRunOfKey(key: string): string {
  if (!path.isAbsolute(key)) {
    throw new Error(`not a POLCA panel key: ${key.slice(0, 200)}`);
  }
  return key;
}
