/** The methods of a POLCA result, in the order they are compared, and their names. Pure. */
import type { MethodId } from './types';

export const methodIds: readonly MethodId[] = [
  'polca',
  'lossBaseline',
  'randomBasis',
  'singleCheckpoint',
];

/** What a method is called in selects, legends and text. */
export const methodNames: Record<MethodId, string> = {
  polca: 'POLCA',
  lossBaseline: 'loss baseline',
  randomBasis: 'random basis',
  singleCheckpoint: 'single checkpoint',
};
