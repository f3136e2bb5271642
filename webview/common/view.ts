/**
 * The one shape of a view. Every folder under webview/ but common/ is one browser bundle with:
 *   main.ts      wiring only: builds the page, connects to the host, creates the `View` below from
 *                the parts that follow, routes the host's events to `dispatch`, serves figure
 *                exports, and starts with the `view/ready` handshake.
 *   page.ts      the static page (`buildPage`): every DOM id the view writes or listens to.
 *   state.ts     the pure state and reducer (`initialState`, `reduce`, `savedState`); no DOM.
 *   figureIds.ts the figures' ids and titles (a leaf: state, page and render import it).
 *   figures.ts   the pure figure table: `figureBuilders` and `figureDeps` of each plotted figure
 *                (large builders live in their own files beside it).
 *   render.ts    writes the state into the page, everything but the plots (`renderPage`).
 *   wire.ts      turns the page's controls into actions (`wireControls`).
 *   exports.ts   the tables, JSON and file names the Export button saves.
 * Pure helpers sit beside them as needed (selectors, summary, format, requests, fit). Imports run
 * one way, from main.ts down to figureIds.ts: test/unit/webview/common/importGraph.test.ts fails
 * on any run-time import cycle, viewShape.test.ts on a view that leaves the shape.
 *
 * The `View` runs a view: every action goes through the pure reducer; the requests the new state
 * needs (views whose data comes in slots, one per kind of host request) are sent and their
 * answers come back as actions carrying the request's signature (so the reducer drops superseded
 * ones); then the page is written, the shown figures whose dependencies changed are redrawn (or
 * extended with streamed points), and the choices are saved.
 */
import type { SavedPanelState } from '../../src/shared/protocol/panelProtocol';
import type { Figure, TraceExtension } from './figure';
import type { PlotView } from './plot';
import type { PlotTheme } from './plotTheme';
import { onThemeChange, readTheme } from './theme';
import { depsChanged } from './viewChoices';
import { saveState } from './vscodeApi';

/** The actions the `View` adds to a slotted view's: a slot's request sent, answered or failed. */
export type SlotAction<Slot extends string, Data> =
  | { type: 'request'; slot: Slot; signature: string }
  | { type: 'loaded'; slot: Slot; signature: string; data: Data }
  | { type: 'failed'; slot: Slot; signature: string; message: string };

/** The requests of a view whose data comes in slots, one per kind of host request. */
export interface SlotRequests<S, R extends { slot: string }, Data> {
  /** The requests the state needs now. */
  neededRequests(s: S): R[];
  /** What identifies a request (its answer is dropped once another was sent for its slot). */
  signatureOf(r: R): string;
  /** Sends a request to the host. */
  send(r: R): Promise<Data>;
}

/** What a view supplies: its pure parts (state, figures) and its page writer. */
export interface ViewSpec<S, A, P extends string, R extends { slot: string }, Data> {
  /** The state before anything arrived. */
  initial: S;
  reduce(s: S, a: A | SlotAction<R['slot'], Data>): S;
  /** Writes the state into the page (everything but the plots). */
  renderPage(s: S): void;
  /** What to save with `setState` (merged into what was saved). */
  savedState(s: S): Partial<SavedPanelState>;
  /** The figures the state shows, tables included (they have no plot and are not drawn). */
  visibleFigures(s: S): readonly string[];
  /** The plot of each figure drawn with Plotly. */
  plots: Record<P, PlotView>;
  /** What a figure depends on besides the theme (it is redrawn when one of them changed). */
  figureDeps(s: S, id: P): unknown[];
  figure(s: S, id: P, theme: PlotTheme): Figure;
  /** Points to stream into a drawn figure whose dependencies did not change. */
  extension?(s: S, id: P): TraceExtension | undefined;
  /** Called each time a figure was drawn (e.g. to listen to clicks on it). */
  afterDraw?(id: P): void;
  /** The tab shown: figures are drawn anew when it changes (a hidden plot has no size). */
  tabOf?(s: S): string;
  /** The host requests of a view whose data comes in slots. */
  requests?: SlotRequests<S, R, Data>;
}

/** The message of a failure. */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A running view; see the module comment. */
export class View<
  S,
  A extends { type: string },
  P extends string,
  R extends { slot: string } = never,
  Data = never,
> {
  private current: S;
  private theme = readTheme();
  /** What each figure was last drawn from (cleared to force a redraw). */
  private readonly drawn = new Map<P, unknown[]>();

  constructor(private readonly spec: ViewSpec<S, A, P, R, Data>) {
    this.current = spec.initial;
  }

  get state(): S {
    return this.current;
  }

  /** Applies an action: sends what the new state needs, writes the page, redraws, saves. */
  readonly dispatch = (action: A | SlotAction<R['slot'], Data>): void => {
    const tab = this.spec.tabOf?.(this.current);
    this.current = this.spec.reduce(this.current, action);
    this.issueRequests();
    this.spec.renderPage(this.current); // sections are shown before Plotly measures them
    if (this.spec.tabOf?.(this.current) !== tab) {
      this.drawn.clear(); // a figure drawn while hidden (or resized since) is drawn again
    }
    this.draw(true);
    saveState(this.spec.savedState(this.current));
  };

  /**
   * Redraws every figure when the theme changes, writes the page, then applies the action the
   * handshake (the host's answer to `view/ready`) brings, or `failed(message)` when it failed.
   * Resolves to whether the handshake succeeded.
   */
  async start(handshake: () => Promise<A>, failed: (message: string) => A): Promise<boolean> {
    onThemeChange((next) => {
      this.theme = next;
      this.drawn.clear();
      this.draw(false);
    });
    this.spec.renderPage(this.current);
    let action: A;
    try {
      action = await handshake();
    } catch (e) {
      this.dispatch(failed(errorText(e)));
      return false;
    }
    this.dispatch(action);
    return true;
  }

  /** Sends what the state needs; answers to superseded requests are dropped by the reducer. */
  private issueRequests(): void {
    const requests = this.spec.requests;
    if (requests === undefined) {
      return;
    }
    for (const r of requests.neededRequests(this.current)) {
      const signature = requests.signatureOf(r);
      const slot: R['slot'] = r.slot;
      this.current = this.spec.reduce(this.current, { type: 'request', slot, signature });
      requests.send(r).then(
        (data) => this.dispatch({ type: 'loaded', slot, signature, data }),
        (e: unknown) => this.dispatch({ type: 'failed', slot, signature, message: errorText(e) }),
      );
    }
  }

  /**
   * Redraws the shown figures whose data changed (all of them after `drawn.clear()`); after an
   * action (`streamed`), extends the others with the points it appended.
   */
  private draw(streamed: boolean): void {
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
      } else if (streamed) {
        const extension = this.spec.extension?.(this.current, plotted);
        if (extension !== undefined) {
          void plots[plotted].extend(extension);
        }
      }
    }
  }
}
