/**
 * The open panels of a view type whose panels show one of several views (universality, POLCA), by
 * key, each with the view a command asked it for last (what its `view/ready` answers). A command
 * for a panel already open switches that panel to its view instead of opening another.
 */
import type { OpenPanel } from './panelRegistry';

/** What the registry needs of a panel's host (a `PanelHost`). */
export interface LiveHost extends OpenPanel {
  register<T extends { dispose(): void }>(d: T): T;
}

/** An open panel and the view a command asked it for last. */
export interface LivePanel<H, V extends string> {
  host: H;
  view: V;
}

export class LivePanels<H extends LiveHost, V extends string> {
  private readonly panels = new Map<string, LivePanel<H, V>>();

  /** `show` tells a panel's page to switch to a view. */
  constructor(private readonly show: (host: H, view: V) => void) {}

  /** Tracks a new panel on `view` until it closes; its `view` follows the commands. */
  track(key: string, host: H, view: V): LivePanel<H, V> {
    const live = { host, view };
    this.panels.set(key, live);
    host.register({
      dispose: () => this.panels.get(key) === live && this.panels.delete(key),
    });
    return live;
  }

  /** Reveals the open panel of `key` switched to `view`; undefined when none is open. */
  reveal(key: string, view: V): OpenPanel | undefined {
    const live = this.panels.get(key);
    if (live === undefined) {
      return undefined;
    }
    live.view = view;
    this.show(live.host, view); // held until the page is ready
    live.host.panel.reveal(undefined, false);
    return live.host;
  }
}
