/**
 * The DOM glue of the views whose data comes in slots, one per kind of host request (universality,
 * POLCA). Every action goes through the view's pure reducer; the requests the new state needs are
 * sent, and their answers come back as actions carrying the request's signature (so the reducer
 * drops superseded ones); then the page is written, the shown figures whose dependencies changed
 * are redrawn, and the choices are saved.
 */
import type { SavedPanelState } from '../../src/shared/protocol/panelProtocol';
import type { Figure } from './figure';
import type { PlotView } from './plot';
import type { PlotTheme } from './plotTheme';
import { onThemeChange, readTheme } from './theme';
import { depsChanged } from './viewChoices';
import { saveState } from './vscodeApi';

/**
 * The actions the glue adds to a view's own: a slot's request sent, answered or failed, and a
 * failed handshake.
 */
export type SlotAction<Slot extends string, Data> =
  | { type: 'request'; slot: Slot; signature: string }
  | { type: 'loaded'; slot: Slot; signature: string; data: Data }
  | { type: 'failed'; slot: Slot; signature: string; message: string }
  | { type: 'fatal'; message: string };

/** What a slot view supplies: its pure parts (state, requests, figures) and its DOM writers. */
export interface SlotViewSpec<S, A, R extends { slot: string }, Data, P extends string> {
  /** The state before anything arrived. */
  initial: S;
  reduce(s: S, a: A | SlotAction<R['slot'], Data>): S;
  /** The requests the state needs now. */
  neededRequests(s: S): R[];
  /** What identifies a request (its answer is dropped once another was sent for its slot). */
  signatureOf(r: R): string;
  /** Sends a request to the host. */
  send(r: R): Promise<Data>;
  /** Writes the state into the page (everything but the plots). */
  renderPage(s: S): void;
  /** What to save with `setState`. */
  savedState(s: S): SavedPanelState;
  /** The figures the state shows, tables included (they have no plot and are not drawn). */
  visibleFigures(s: S): readonly string[];
  /** The plot of each figure drawn with Plotly. */
  plots: Record<P, PlotView>;
  /** What a figure depends on besides the theme (it is redrawn when one of them changed). */
  figureDeps(s: S, id: P): unknown[];
  figure(s: S, id: P, theme: PlotTheme): Figure;
  /** Called each time a figure was drawn (e.g. to listen to clicks on it). */
  afterDraw?(id: P): void;
}

/** The message of a failure. */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A view whose data comes in slots; see the module comment. */
export class SlotView<
  S extends { view: string },
  A extends { type: string },
  R extends { slot: string },
  Data,
  P extends string,
> {
  private current: S;
  private theme = readTheme();
  /** What each figure was last drawn from (cleared to force a redraw). */
  private readonly drawn = new Map<P, unknown[]>();

  constructor(private readonly spec: SlotViewSpec<S, A, R, Data, P>) {
    this.current = spec.initial;
  }

  get state(): S {
    return this.current;
  }

  /** Applies an action: sends what the new state needs, writes the page, redraws, saves. */
  readonly dispatch = (action: A | SlotAction<R['slot'], Data>): void => {
    const view = this.current.view;
    this.current = this.spec.reduce(this.current, action);
    this.issueRequests();
    this.spec.renderPage(this.current); // sections are shown before Plotly measures them
    if (this.current.view !== view) {
      this.drawn.clear(); // a view drawn while hidden (or resized since) is drawn again
    }
    this.draw();
    saveState(this.spec.savedState(this.current));
  };

  /**
   * Redraws every figure when the theme changes, writes the page, then applies the action the
   * handshake (`ready`, the host's answer to `view/ready`) brings, or `fatal` when it failed.
   */
  async start(ready: () => Promise<A>): Promise<void> {
    onThemeChange((next) => {
      this.theme = next;
      this.drawn.clear();
      this.draw();
    });
    this.spec.renderPage(this.current);
    try {
      this.dispatch(await ready());
    } catch (e) {
      this.dispatch({ type: 'fatal', message: errorText(e) });
    }
  }

  /** Sends what the state needs; answers to superseded requests are dropped by the reducer. */
  private issueRequests(): void {
    for (const r of this.spec.neededRequests(this.current)) {
      const signature = this.spec.signatureOf(r);
      const slot: R['slot'] = r.slot;
      this.current = this.spec.reduce(this.current, { type: 'request', slot, signature });
      this.spec.send(r).then(
        (data) => this.dispatch({ type: 'loaded', slot, signature, data }),
        (e: unknown) => this.dispatch({ type: 'failed', slot, signature, message: errorText(e) }),
      );
    }
  }

  /** Redraws the shown figures whose data changed (all of them after `drawn.clear()`). */
  private draw(): void {
    const { plots } = this.spec;
    for (const id of this.spec.visibleFigures(this.current)) {
      if (!Object.hasOwn(plots, id)) {
        continue;
      }
      const plotted = id as P;
      const deps = this.spec.figureDeps(this.current, plotted);
      if (depsChanged(this.drawn.get(plotted), deps)) {
        this.drawn.set(plotted, deps);
        const figure = this.spec.figure(this.current, plotted, this.theme);
        void plots[plotted].render(figure).then(() => this.spec.afterDraw?.(plotted));
      }
    }
  }
}
