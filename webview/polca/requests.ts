/**
 * The host requests the POLCA view needs now, pure: POLCA for the clusters view (with the chosen
 * skill), the standalone Hessian for the spectrum view unless POLCA's own spectrum is shown. A
 * request is needed when its signature differs from the one its slot last asked for, so switching
 * method or group asks nothing, switching back to a loaded view asks nothing, a cancelled request
 * is not asked again by itself, and Refresh (which forgets the signatures) asks again.
 */
import type { PolcaHostServes } from '../../src/shared/protocol/polcaView';
import { spectrumSource } from './selectors';
import type { PolcaState } from './state';

type HostRequests = PolcaHostServes['requests'];

/** One request for a slot's data. */
export type SlotRequest =
  | { slot: 'polca'; method: 'polca/load'; params: HostRequests['polca/load']['params'] }
  | { slot: 'hessian'; method: 'polca/hessian'; params: HostRequests['polca/hessian']['params'] };

/** What identifies a request: its method and parameters. */
export function signatureOf(r: SlotRequest): string {
  return `${r.method} ${JSON.stringify(r.params)}`;
}

/** The request of the current view. */
export function viewRequest(s: PolcaState): SlotRequest | undefined {
  if (s.view === 'clusters') {
    const { skill } = s.clusters;
    return {
      slot: 'polca',
      method: 'polca/load',
      params: skill === '' ? {} : { options: { skill } },
    };
  }
  return spectrumSource(s) === 'hessian'
    ? { slot: 'hessian', method: 'polca/hessian', params: {} }
    : undefined;
}

/** The requests to send now (none before the handshake or after it failed). */
export function neededRequests(s: PolcaState): SlotRequest[] {
  if (s.key === '' || s.fatal !== undefined) {
    return [];
  }
  const r = viewRequest(s);
  return r === undefined || s.loads[r.slot].requested === signatureOf(r) ? [] : [r];
}
