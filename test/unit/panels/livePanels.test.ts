import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type LiveHost, LivePanels } from '../../../src/panels/livePanels';

/** A stand-in for a panel's host: what it was told, revealed and registered. */
function fakeHost(key: string) {
  const disposables: { dispose(): void }[] = [];
  const host = {
    viewType: 'replens.test',
    key,
    shown: [] as string[],
    reveals: 0,
    panel: {
      reveal: () => {
        host.reveals++;
      },
    },
    renderFigure: () => Promise.reject(new Error('unused')),
    saveFigure: () => Promise.reject(new Error('unused')),
    register<T extends { dispose(): void }>(d: T): T {
      disposables.push(d);
      return d;
    },
    close: () => disposables.splice(0).forEach((d) => d.dispose()),
  };
  return host as typeof host & LiveHost;
}

type Host = ReturnType<typeof fakeHost>;

function registry() {
  return new LivePanels<Host, 'a' | 'b'>((host, view) => host.shown.push(view));
}

describe('LivePanels', () => {
  it('reveals the open panel of a key switched to the view asked for', () => {
    const panels = registry();
    const host = fakeHost('k');
    const live = panels.track('k', host, 'a');
    assert.equal(panels.reveal('k', 'b'), host);
    assert.equal(live.view, 'b', 'view/ready answers the view asked for last');
    assert.deepEqual(host.shown, ['b']);
    assert.equal(host.reveals, 1);
    assert.equal(panels.reveal('other', 'a'), undefined);
  });

  it('forgets a panel when it closes, but not a newer panel of the same key', () => {
    const panels = registry();
    const old = fakeHost('k');
    panels.track('k', old, 'a');
    const newer = fakeHost('k');
    panels.track('k', newer, 'a');
    old.close();
    assert.equal(panels.reveal('k', 'a'), newer);
    newer.close();
    assert.equal(panels.reveal('k', 'a'), undefined);
  });
});
