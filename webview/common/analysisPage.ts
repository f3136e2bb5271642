/**
 * Pieces the analysis views (completeness, extrapolation) build their pages and wiring from:
 * a labelled select, a plot container, a figure section, the export button, and the
 * "reload a moment after the host says the source changed" schedule.
 */
import { byId, h } from './dom';

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
