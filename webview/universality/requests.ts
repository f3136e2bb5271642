/**
 * The host requests the universality view needs now, pure: the run listing (for the views that
 * choose runs or sweeps) and the current view's own data for its current choices. A request is
 * needed when its signature differs from the one its slot last asked for, so changing the
 * estimator asks again, switching back to a loaded view does not, and Refresh (which forgets the
 * signatures) asks again for what is shown.
 */
import type { UniversalityHostServes } from '../../src/shared/protocol/universalityView';
import type { UniversalityState } from './state';
import type { SlotId } from './types';

type HostRequests = UniversalityHostServes['requests'];
export type DataMethod = Exclude<keyof HostRequests, 'view/ready' | 'figure/export'>;

/** One request for a slot's data. */
export type SlotRequest = {
  [M in DataMethod]: { slot: SlotId; method: M; params: HostRequests[M]['params'] };
}[DataMethod];

/** What identifies a request: its method and parameters. */
export function signatureOf(r: SlotRequest): string {
  return `${r.method} ${JSON.stringify(r.params)}`;
}

function listingRequest(): SlotRequest {
  return { slot: 'runs', method: 'universality/runs', params: {} };
}

/** The current view's own request, or undefined while it lacks a choice (e.g. no run yet). */
export function viewRequest(s: UniversalityState): SlotRequest | undefined {
  switch (s.view) {
    case 'layers': {
      const { run, estimator, permutations } = s.layers;
      return run === ''
        ? undefined
        : {
            slot: 'layers',
            method: 'universality/ckaLayers',
            params: { runDir: run, estimator, permutations },
          };
    }
    case 'runs': {
      const { layer, estimator, permutations } = s.compare;
      const params =
        layer === '' ? { estimator, permutations } : { layer, estimator, permutations };
      return { slot: 'compare', method: 'universality/ckaRuns', params };
    }
    case 'stitching': {
      const { from, to } = s.stitching;
      return from === '' || to === '' || from === to
        ? undefined
        : { slot: 'stitching', method: 'universality/stitching', params: { from, to } };
    }
    case 'starvation':
      return s.starvation.source === ''
        ? undefined
        : {
            slot: 'starvation',
            method: 'universality/starvation',
            params: { source: s.starvation.source },
          };
  }
}

/** The requests to send now (none before the handshake or after it failed). */
export function neededRequests(s: UniversalityState): SlotRequest[] {
  if (s.key === '' || s.fatal !== undefined) {
    return [];
  }
  const wanted: SlotRequest[] = [];
  if (s.view !== 'runs') {
    wanted.push(listingRequest());
  }
  // The view's own request waits for the listing it chooses from.
  const listed = s.view === 'runs' || s.loads.runs.status === 'ready';
  const own = listed ? viewRequest(s) : undefined;
  if (own !== undefined) {
    wanted.push(own);
  }
  return wanted.filter((r) => s.loads[r.slot].requested !== signatureOf(r));
}
