/** Rate limiting for UI refreshes driven by frequent events (run progress, typing). */
import type { Disposable } from './emitter';

/** A function that runs at most once per interval however often it is called. */
export interface Throttled extends Disposable {
  (): void;
}

/**
 * Calls `fn` soon after the first call, then at most once every `ms`: calls in between are
 * merged into one trailing call, so the last state is always shown.
 */
export function throttle(fn: () => void, ms: number): Throttled {
  let timer: NodeJS.Timeout | undefined;
  let last = 0;
  const call = (): void => {
    if (timer !== undefined) {
      return;
    }
    const wait = Math.max(0, last + ms - Date.now());
    timer = setTimeout(() => {
      timer = undefined;
      last = Date.now();
      fn();
    }, wait);
  };
  return Object.assign(call, {
    dispose: (): void => {
      clearTimeout(timer);
      timer = undefined;
    },
  });
}
