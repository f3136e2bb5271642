/**
 * The webview end of a panel's `Endpoint`: posts through the VS Code API and listens to the
 * window's `message` events. The host validates everything this side sends; this side trusts the
 * host (it is our own bundle) and checks by types only.
 */
import { Endpoint, type Protocol, type Transport } from '../../src/shared/protocol/endpoint';
import { vscodeApi } from './vscodeApi';

function windowTransport(): Transport {
  return {
    post: (msg) => vscodeApi().postMessage(msg),
    onMessage: (cb) => {
      const listener = (e: MessageEvent<unknown>): void => cb(e.data);
      window.addEventListener('message', listener);
      return { dispose: () => window.removeEventListener('message', listener) };
    },
  };
}

/**
 * Connects to the host: `Local` is what this webview serves and receives, `Remote` what the host
 * serves. Set handlers and event listeners before the first `request('view/ready', {})`.
 */
export function connectToHost<Local extends Protocol, Remote extends Protocol>(): Endpoint<
  Local,
  Remote
> {
  return new Endpoint<Local, Remote>(windowTransport());
}
