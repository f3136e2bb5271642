/**
 * Pieces the views build their pages (page.ts) and wiring (main.ts, wire.ts) from; view.ts gives
 * the shape of a view. Page: the toolbar, the view tabs and containers, the message, error,
 * banner and summary sections, a row of figures, a labelled select, a plot container, a figure
 * section. Wiring: the message writer, the plots, the export button, the "reload a moment after
 * the host says the source changed" schedule, the latest-wins loader, and the loading of a view
 * with one request built from both.
 */
import { byId, h } from './dom';
import { PlotView } from './plot';

/** A labelled vscode-elements single-select with `id` (options as [value, text]). */
export function selectField(
  id: string,
  label: string,
  options: [string, string][] = [],
): HTMLElement {
  const opts = options.map(([value, text]) => h('vscode-option', { value }, [text]));
  return h('label', { class: 'field', id: `${id}-field` }, [
    label,
    h('vscode-single-select', { id, 'aria-label': label }, opts),
  ]);
}

/**
 * The toolbar: the title, the status badge, the view's own `controls`, Refresh and the export
 * controls (`formats`: the export format options, when fixed).
 */
export function toolbar(
  title: string,
  controls: HTMLElement[] = [],
  formats: [string, string][] = [],
): HTMLElement {
  return h('header', { class: 'toolbar' }, [
    h('h1', { id: 'title' }, [title]),
    h('vscode-badge', { id: 'status' }, ['loading']),
    h('span', { class: 'spacer' }),
    ...controls,
    h('vscode-button', { id: 'refresh', secondary: true }, ['Refresh']),
    selectField('export-figure', 'Figure'),
    selectField('export-format', 'Format', formats),
    h('vscode-button', { id: 'export', secondary: true }, ['Export']),
  ]);
}

/** The tabs of a view with several views: `tab-<view>` headers labelled from `labels`. */
export function viewTabs<V extends string>(
  views: readonly V[],
  labels: Record<V, string>,
): HTMLElement {
  return h(
    'vscode-tabs',
    { id: 'views', 'aria-label': 'Views' },
    views.map((v) =>
      h('vscode-tab-header', { id: `tab-${v}`, slot: 'header', 'data-view': v }, [labels[v]]),
    ),
  );
}

/**
 * The lines under the toolbar: the message line, the error section (with `errorHeading`), the
 * partial-results banner when `banner`, and the summary list.
 */
export function statusSections(errorHeading: string, banner: boolean): HTMLElement[] {
  return [
    h('p', { id: 'message', class: 'message', role: 'alert', hidden: true }),
    h('section', { id: 'error', class: 'error-view', role: 'alert', hidden: true }, [
      h('h2', {}, [errorHeading]),
      h('pre', { id: 'error-text', class: 'error-text' }),
    ]),
    ...(banner
      ? [
          h('section', { id: 'banner', class: 'banner', role: 'status', hidden: true }, [
            h('p', { id: 'banner-title', class: 'banner-title' }),
            h('ul', { id: 'banner-items' }),
          ]),
        ]
      : []),
    h('ul', { id: 'summary', class: 'summary', 'aria-live': 'polite' }),
  ];
}

/** A view's container (`view-<view>`, hidden until shown): its row of controls, then `children`. */
export function viewContainer(
  view: string,
  controls: HTMLElement[],
  children: HTMLElement[],
): HTMLElement {
  return h('div', { id: `view-${view}`, class: 'view', hidden: true }, [
    h('div', { class: 'controls' }, controls),
    ...children,
  ]);
}

/** A row of figure sections side by side (wrapping when narrow). */
export function figureRow(sections: HTMLElement[]): HTMLElement {
  return h('div', { class: 'figure-row' }, sections);
}

/** A plot container with an accessible name. */
export function plotDiv(id: string, label: string): HTMLElement {
  return h('div', { id, class: `plot plot-${id}`, role: 'img', 'aria-label': label });
}

/** A figure's section, hidden until it has data: `<id>-section` with heading `<id>-title`. */
export function figureSection(id: string, title: string, children: HTMLElement[]): HTMLElement {
  return h('section', { id: `${id}-section`, class: 'figure', hidden: true }, [
    h('h2', { id: `${id}-title` }, [title]),
    ...children,
  ]);
}

/** Shows `text` in the #message line, or hides the line when undefined. */
export function showMessage(text: string | undefined): void {
  const el = byId('message');
  el.textContent = text ?? '';
  el.hidden = text === undefined;
}

/** A plot in the element of each id; Plotly's errors go to the message line. */
export function plotViews<P extends string>(ids: readonly P[]): Record<P, PlotView> {
  const showPlotError = (e: unknown): void => showMessage(`Plot error: ${String(e)}`);
  const entries = ids.map((id) => [id, new PlotView(byId(id), showPlotError)] as const);
  return Object.fromEntries(entries) as Record<P, PlotView>;
}

/** Wires the #export button: clears the message, exports, and shows a failure. */
export function wireExportButton(
  exportFigure: () => Promise<void>,
  showMessage: (text: string | undefined) => void,
): void {
  byId('export').addEventListener('click', () => {
    showMessage(undefined);
    exportFigure().catch((e: unknown) => showMessage(e instanceof Error ? e.message : String(e)));
  });
}

/**
 * The reload schedule of a view whose source can change: `changed` (the host's event) marks the
 * view outdated at once and, when the change settled (a run ended, a sweep index was rewritten),
 * reloads after `delayMs`, so runs of a sweep that end together cause one reload; `cancel` drops
 * a pending reload (a load started anyway).
 */
export function reloadSchedule(
  markChanged: (detail: string) => void,
  load: () => Promise<void>,
  delayMs = 1500,
): {
  changed: (event: { detail: string; settled: boolean }) => void;
  cancel: () => void;
} {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    changed: ({ detail, settled }) => {
      markChanged(detail);
      if (settled) {
        clearTimeout(timer);
        timer = setTimeout(() => void load(), delayMs);
      }
    },
    cancel: () => clearTimeout(timer),
  };
}

/**
 * A load function where a newer call supersedes an older one still in flight: only the latest
 * request's answer (or error) is reported.
 */
export function latestLoader<T>(
  request: () => Promise<T>,
  report: {
    loading: () => void;
    loaded: (data: T) => void;
    failed: (message: string) => void;
  },
): () => Promise<void> {
  let seq = 0;
  return async () => {
    const mine = ++seq;
    report.loading();
    try {
      const data = await request();
      if (mine === seq) {
        report.loaded(data);
      }
    } catch (e) {
      if (mine === seq) {
        report.failed(e instanceof Error ? e.message : String(e));
      }
    }
  };
}

/** The actions a view whose data comes from one request gets from its `sourceLoader`. */
export type SourceAction<T> =
  | { type: 'loading' }
  | { type: 'loaded'; data: T }
  | { type: 'failed'; message: string }
  | { type: 'changed'; detail: string };

/**
 * The loading of a view whose data comes from one request, every step an action: `load` asks for
 * the data (a newer load supersedes this one, and the host kills its worker; a pending reload is
 * dropped), `changed` takes the host's change event and reloads as `reloadSchedule` says.
 */
export function sourceLoader<T>(
  request: () => Promise<T>,
  dispatch: (a: SourceAction<T>) => void,
): {
  load: () => Promise<void>;
  changed: (event: { detail: string; settled: boolean }) => void;
} {
  const loadLatest = latestLoader(request, {
    loading: () => dispatch({ type: 'loading' }),
    loaded: (data) => dispatch({ type: 'loaded', data }),
    failed: (message) => dispatch({ type: 'failed', message }),
  });
  const reload = reloadSchedule((detail) => dispatch({ type: 'changed', detail }), load);
  async function load(): Promise<void> {
    reload.cancel();
    await loadLatest();
  }
  return { load, changed: reload.changed };
}
